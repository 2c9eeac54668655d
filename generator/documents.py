"""Read one council file or one document file into model objects, checking every field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .content_files import read_text
from .content_schema import (
    CONTACT, COUNCIL, DOCUMENT, FOLLOW_UP, ISSUER, JUDGEMENT, LINE_RANGE, NOTE, PARAGRAPH, PERSON, RECIPIENT, REFERENCE,
    REFERENCED_DOCUMENT, REPORT, REPORTED_JUDGEMENT, SECTION, SOURCE, Shape,
)
from .errors import Location, relative_path
from .fields import FieldReader, did_you_mean, shorten
from .grades import find_value, scale_for_kind
from .load import Mapping, Node, Scalar, Sequence
from .model import (
    INFERABLE, TABLE_PRINTS, ContactOfficer, Council, Document, EditorialNote, FollowUp, FollowUpReport, FollowUpStatus, Grade, Issuer, Judgement,
    LineRange, NO_TEXTS, NoteKind, Paragraph, ParagraphTexts, Person, Recipient, Reference, ReferencedDocument,
    Registries, Relation, ReportedJudgement, Section, Source, Stance, with_texts,
)
from .link_policy import link_problem
from .registries import ReadRegistries
from .safe_markdown import check_links

# What DocumentReader.scale gives for a scale that was named but cannot be used (unknown, or its
# registry entry is broken): grades on it are not checked, and that is reported once, where named.
UNCHECKABLE = object()


@dataclass(frozen=True)
class PendingLink:
    """A reference to another document (and paragraph), checked once every file is read."""

    location: Location
    document: str
    paragraph: str | None
    later_than: date | None = None  # a follow-up must point to a later document


class DocumentReader:
    def __init__(self, r: FieldReader, read: ReadRegistries) -> None:
        self.r = r
        self.registries: Registries = read.registries
        self.declared = read
        self.theme_ids = {t.id: t.id for t in self.registries.themes}
        self.theme_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.kinds = {k.id: k for k in self.registries.kinds}
        self.scales = {s.id: s for s in self.registries.scales}
        self.pending: list[PendingLink] = []
        self.graded_sections: list[tuple[Section, Location]] = []
        self.texts: list[str] = []  # the paragraph texts of the document being read, each paragraph's at its index
        self.declared_documents: set[str] = set()  # every document id written, valid or not
        self.unreadable_files = False  # a council or document file could not be parsed: its ids are unknown

    # -- shared pieces ---------------------------------------------------------------------------

    def kind(self, m: Mapping):
        kind_id = self.r.ident(m, "kind")
        if kind_id is None:
            return None
        if kind_id not in self.kinds:
            if self.declared.kinds.reportable(kind_id):
                self.r.error(m.get("kind").location, f"unknown document kind '{kind_id}'{did_you_mean(kind_id, set(self.kinds))} (see document-kinds.yaml: {', '.join(sorted(self.kinds))})")
            return None
        return self.kinds[kind_id]

    def scale(self, m: Mapping, key: str, default=None):
        """The scale named by `key`, `default` when none is named, or UNCHECKABLE."""
        if key not in m.entries:
            return default
        scale_id = self.r.ident(m, key, required=False)
        if scale_id is None:
            return UNCHECKABLE
        if scale_id not in self.scales:
            if self.declared.scales.reportable(scale_id):
                self.r.error(m.get(key).location, f"unknown grade scale '{scale_id}'{did_you_mean(scale_id, set(self.scales))} (see grade-scales.yaml: {', '.join(sorted(self.scales))})")
            return UNCHECKABLE
        return self.scales[scale_id]

    def grade(self, m: Mapping, scale, what: str):
        """The checked grade of a judgement mapping with optional `grade` and `word` fields."""
        grade, word = self.r.integer(m, "grade", required=False), self.r.text(m, "word", required=False)
        if grade is None and word is None:
            if "grade" not in m.entries and "word" not in m.entries:
                self.r.error(m.location, f"{what} needs a 'grade' or a 'word' as printed")
            return None
        if scale is UNCHECKABLE:
            return None
        if scale is None:
            self.r.error(m.location, f"{what} has no grade scale: give 'scale' or the document's 'grade_scale'")
            return None
        value, problem = find_value(scale, grade, word)
        if problem:
            self.r.error(m.get("grade" if problem.startswith("grade") else "word").location, problem)
            return None
        return Grade(scale=scale, value=value, printed_grade=grade, printed_word=word)

    def person(self, node: Node, shape: Shape, what: str | None = None) -> tuple[Person, Mapping] | None:
        what = what or shape.what
        m = self.r.mapping(node, what)
        if m is None:
            return None
        self.r.keys(m, what, shape.required, shape.optional)
        name = self.r.text(m, "name")
        if name is None:
            return None
        return Person(name, self.r.text(m, "role", False), self.r.text(m, "organisation", False)), m

    # -- council ---------------------------------------------------------------------------------

    def council(self, m: Mapping, folder: str) -> Council | None:
        r = self.r
        r.keys(m, COUNCIL.what, COUNCIL.required, COUNCIL.optional)
        council_id = r.ident(m, "id")
        if council_id is not None and council_id != folder:
            r.error(m.get("id").location, f"council id '{council_id}' must match its folder name '{folder}'")
        referenced = r.items(m, "referenced_documents", lambda node: self.referenced(node, folder))
        self._unique(m.get("referenced_documents"), "referenced document")
        fields = dict(id=council_id, name=r.text(m, "name"), short_name=r.text(m, "short_name"), region=r.text(m, "region"), description=r.text(m, "description"))
        if any(v is None for v in fields.values()):
            return None
        return Council(referenced_documents=referenced, **fields)

    def referenced(self, node: Node, council: str) -> ReferencedDocument | None:
        r = self.r
        m = r.mapping(node, "a referenced document")
        if m is None:
            return None
        r.keys(m, REFERENCED_DOCUMENT.what, REFERENCED_DOCUMENT.required, REFERENCED_DOCUMENT.optional)
        self.declared_documents |= _ids_written((m,))
        kind = self.kind(m)
        scale = scale_for_kind(self.registries.scales, kind.id) if kind else None
        judgements = r.items(m, "judgements", lambda j: self.reported_judgement(j, scale))
        self._unique(m.get("judgements"), "judgement")
        fields = dict(id=r.ident(m, "id"), kind=kind, title=r.text(m, "title"), date=r.partial_date(m, "date"))
        inferred = []
        for entry in r.text_list(m, "inferred"):
            if entry.value not in INFERABLE:
                r.error(entry.location, f"'inferred' lists fields of this entry ({', '.join(INFERABLE)}), not '{shorten(entry.value)}'")
            elif entry.value not in inferred:
                inferred.append(entry.value)
        if any(v is None for v in fields.values()):
            return None
        return ReferencedDocument(council=council, judgements=judgements, inferred=tuple(inferred), **fields)

    def reported_judgement(self, node: Node, default_scale) -> ReportedJudgement | None:
        m = self.r.mapping(node, "a judgement")
        if m is None:
            return None
        self.r.keys(m, REPORTED_JUDGEMENT.what, REPORTED_JUDGEMENT.required, REPORTED_JUDGEMENT.optional)
        judgement_id, area = self.r.ident(m, "id"), self.r.text(m, "area")
        grade = self.grade(m, self.scale(m, "scale", default_scale), "a judgement")
        themes = self.themes(m)
        if judgement_id is None or area is None or grade is None:
            return None
        return ReportedJudgement(judgement_id, area, grade, themes, self.r.ident(m, "series", False) or judgement_id)

    # -- document --------------------------------------------------------------------------------

    def document(self, m: Mapping, file_id: str, council_ids: set[str], council_dir: Path, root: Path) -> Document | None:
        r = self.r
        r.keys(m, DOCUMENT.what, DOCUMENT.required, DOCUMENT.optional)
        self.declared_documents |= _ids_written((m,))
        doc_id = r.ident(m, "id")
        if doc_id is not None and doc_id != file_id:
            r.error(m.get("id").location, f"document id '{doc_id}' must match its file name '{file_id}.yaml'")
        council = r.ident(m, "council")
        if council is not None and council not in council_ids:
            r.error(m.get("council").location, f"unknown council '{council}' (known: {', '.join(sorted(council_ids))})")
        kind = self.kind(m)
        doc_date = r.date(m, "date")
        fieldwork = r.date_range(m, "fieldwork")
        if fieldwork and doc_date and fieldwork.end > doc_date:
            r.error(m.get("fieldwork").get("to").location, f"fieldwork ends ({fieldwork.end.isoformat()}) after the document's date ({doc_date.isoformat()})")
        period = r.date_range(m, "period")
        if period and doc_date and period.start > doc_date:
            r.error(m.get("period").location, f"the period covered starts ({period.start.isoformat()}) after the document's date ({doc_date.isoformat()})")
        scale = self.scale(m, "grade_scale")
        paragraph_ids: dict[str, int] = {}
        section_ids: dict[str, int] = {}
        self.texts = []
        sections = r.items(m, "sections", lambda node: self.section(node, paragraph_ids, section_ids), required=True)
        sections = with_texts(sections, ParagraphTexts.of(self.texts))
        judgements = r.items(m, "judgements", lambda node: self.judgement(node, scale, paragraph_ids))
        self._unique(m.get("judgements"), "judgement")
        self._check_section_judgements(_declared_ids(m.get("judgements")))
        source, source_text = self.source(m, council_dir, root)
        notes = r.items(m, "editorial_notes", lambda node: self.note(node, paragraph_ids, source, source_text))
        self._unique(m.get("editorial_notes"), "editorial note")
        references = r.items(m, "references", lambda node: self.reference(node, paragraph_ids))
        self._unique(m.get("references"), "reference")
        paragraphs = tuple(p for s in sections for x in s.walk() for p in x.paragraphs)
        by_id = {p.id: p for p in paragraphs}
        follow_ups = r.items(m, "follow_ups", lambda node: self.follow_up(node, by_id, doc_date))
        headline = r.text(m, "headline", False)
        if headline is not None and headline not in paragraph_ids:
            r.error(m.get("headline").location, f"'headline' names paragraph '{shorten(headline)}', which is not in this document{did_you_mean(headline, set(paragraph_ids))}")
        self._unique(m.get("follow_ups"), "follow-up")
        issuer = self.issuer(m)
        authors = r.items(m, "authors", lambda node: _first(self.person(node, PERSON, "an author")), required=True)
        recipient = self.recipient(m)
        copied = r.items(m, "copied_to", lambda node: _first(self.person(node, PERSON, "a person copied in")))
        contact = self.contact(m)
        fields = dict(
            id=doc_id, council=council, kind=kind, title=r.text(m, "title"), date=doc_date, issuer=issuer,
            source=source, attribution=r.text(m, "attribution"),
        )
        if any(v is None for v in fields.values()):
            return None
        return Document(
            fieldwork=fieldwork, period=period, grade_scale=scale if scale is not UNCHECKABLE else None, authors=authors, recipient=recipient,
            copied_to=copied, contact_officer=contact, salutation=r.text(m, "salutation", False),
            valediction=r.text(m, "valediction", False), signature=r.text(m, "signature", False),
            editorial_notes=notes, judgements=judgements, sections=sections, references=references,
            follow_ups=follow_ups, headline=headline, all_paragraphs=paragraphs, **fields,
        )

    def _unique(self, node: Node | None, what: str) -> None:
        """Report an id given twice among the entries of a list."""
        if not isinstance(node, Sequence):
            return
        seen: dict[str, Location] = {}
        for item in node.items:
            id_node = item.get("id") if isinstance(item, Mapping) else None
            if not isinstance(id_node, Scalar):
                continue
            if id_node.value in seen:
                self.r.error(id_node.location, f"duplicate {what} id '{id_node.value}' (first at line {seen[id_node.value].line})")
            else:
                seen[id_node.value] = id_node.location

    def _check_section_judgements(self, judgement_ids: set[str]) -> None:
        for section, where in self.graded_sections:
            if section.judgement not in judgement_ids:
                self.r.error(where, f"section '{section.id}' names judgement '{section.judgement}', which is not in this document's judgements")
        self.graded_sections = []

    def issuer(self, m: Mapping) -> Issuer | None:
        node = m.get("issuer")
        if node is None:
            return None
        im = self.r.mapping(node, "'issuer'")
        if im is None:
            return None
        self.r.keys(im, ISSUER.what, ISSUER.required, ISSUER.optional)
        body = self.r.text(im, "body")
        return Issuer(body, self.r.text(im, "office", False), self.r.text(im, "letterhead", False)) if body else None

    def recipient(self, m: Mapping) -> Recipient | None:
        node = m.get("recipient")
        if node is None:
            return None
        found = self.person(node, RECIPIENT)
        if found is None:
            return None
        person, pm = found
        return Recipient(person, tuple(s.value for s in self.r.text_list(pm, "address")))

    def contact(self, m: Mapping) -> ContactOfficer | None:
        node = m.get("contact_officer")
        if node is None:
            return None
        found = self.person(node, CONTACT)
        if found is None:
            return None
        person, pm = found
        email = self.r.text(pm, "email", False)
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", email):
            self.r.error(pm.get("email").location, f"'{email}' is not an email address")
        return ContactOfficer(person, self.r.text(pm, "telephone", False), email)

    def source(self, m: Mapping, council_dir: Path, root: Path) -> tuple[Source | None, str | None]:
        """The source, and its text (which the Source keeps compressed)."""
        node = m.get("source")
        if node is None:
            return None, None
        sm = self.r.mapping(node, "'source'")
        if sm is None:
            return None, None
        self.r.keys(sm, SOURCE.what, SOURCE.required, SOURCE.optional)
        file = self.r.text(sm, "file")
        published = self.r.text(sm, "published")
        url = self.r.text(sm, "url", False)
        if url:
            problem = link_problem(url)
            if problem is None and not re.match(r"https?://", url, re.IGNORECASE):
                problem = "the original publication's address starts with https:// or http://"
            if problem:
                self.r.error(sm.get("url").location, f"'url' is not allowed: {problem}")
        if file is None or published is None:
            return None, None
        path = self.source_path(file, sm.get("file").location, council_dir)
        if path is None:
            return None, None
        read = read_text(path, relative_path(path, root), "a source file", form_feeds=True)
        self.r.errors.extend(read.errors)
        if read.text is None:
            return None, None
        text = read.text
        line_count = text.count("\n") + 1
        excluded = self.r.items(sm, "excluded_lines", lambda n: self.line_range(n, line_count))
        source = Source.of(
            file=file, path=relative_path(path, root), published=published, url=url,
            excluded_lines=excluded, text=text,
        )
        return source, text

    def source_path(self, file: str, where: Location, council_dir: Path) -> Path | None:
        """The source file named: a plain relative path inside the council's sources/ folder,
        resolved inside it, and an existing plain file (never a link)."""
        parts = file.split("/")
        plain = (
            not file.startswith("/") and "\\" not in file and ":" not in file and "\0" not in file
            and len(parts) >= 2 and parts[0] == "sources" and all(part not in ("", ".", "..") for part in parts)
        )
        if not plain:
            self.r.error(where, f"source file '{shorten(file)}' must be a plain relative path inside the council's sources/ folder, like sources/<document id>.txt")
            return None
        sources = council_dir / "sources"
        path = council_dir.joinpath(*parts)
        if any(p.is_symlink() for p in (sources, path)):
            return None  # every link under content/ is reported where it stands
        if not path.resolve().is_relative_to(sources.resolve()):
            self.r.error(where, f"source file '{file}' is not inside the council's sources/ folder")
            return None
        if not path.exists():
            self.r.error(where, f"source file '{file}' not found next to the council's files")
            return None
        if not path.is_file():
            self.r.error(where, f"source file '{file}' is a folder, not a text file")
            return None
        return path

    def line_range(self, node: Node, line_count: int) -> LineRange | None:
        lm = self.r.mapping(node, "an excluded line range")
        if lm is None:
            return None
        self.r.keys(lm, LINE_RANGE.what, LINE_RANGE.required)
        lines, reason = self.r.text(lm, "lines"), self.r.text(lm, "reason")
        if lines is None or reason is None:
            return None
        match = re.fullmatch(r"([0-9]{1,9})-([0-9]{1,9})", lines)
        if not match or not 1 <= int(match[1]) <= int(match[2]) <= line_count:
            self.r.error(lm.get("lines").location, f"'lines' must be FIRST-LAST within the source's {line_count} lines, not '{shorten(lines)}'")
            return None
        return LineRange(int(match[1]), int(match[2]), reason)

    def note(self, node: Node, paragraph_ids: dict[str, int], source: Source | None, source_text: str | None) -> EditorialNote | None:
        r = self.r
        nm = r.mapping(node, "an editorial note")
        if nm is None:
            return None
        r.keys(nm, NOTE.what, NOTE.required, NOTE.optional)
        paragraph = r.text(nm, "paragraph", False)
        if paragraph is not None and paragraph not in paragraph_ids:
            r.error(nm.get("paragraph").location, f"editorial note names paragraph '{paragraph}', which is not in this document")
        original, replacement = r.text(nm, "original", False), r.text_or_empty(nm, "replacement")
        if ("original" in nm.entries) != ("replacement" in nm.entries):
            r.error(nm.location, "an editorial note gives 'original' and 'replacement' together, or neither")
        if original is not None and source is not None:
            if original not in source_text:
                r.error(nm.get("original").location, f"'original' does not occur in the source text {source.file}: it must quote the source exactly")
        fields = dict(id=r.ident(nm, "id"), kind=r.choice(nm, "kind", NoteKind), note=r.text(nm, "note"))
        if any(v is None for v in fields.values()):
            return None
        return EditorialNote(paragraph=paragraph, original=original, replacement=replacement, **fields)

    def judgement(self, node: Node, scale, paragraph_ids: dict[str, int]) -> Judgement | None:
        r = self.r
        jm = r.mapping(node, "a judgement")
        if jm is None:
            return None
        r.keys(jm, JUDGEMENT.what, JUDGEMENT.required, JUDGEMENT.optional)
        grade = self.grade(jm, self.scale(jm, "scale", scale), "a judgement")
        paragraph = r.text(jm, "paragraph", False)
        if paragraph is not None and paragraph not in paragraph_ids:
            r.error(jm.get("paragraph").location, f"judgement names paragraph '{paragraph}', which is not in this document")
        themes = self.themes(jm)
        fields = dict(id=r.ident(jm, "id"), section=r.text(jm, "section"), area=r.text(jm, "area"), grade=grade)
        if any(v is None for v in fields.values()):
            return None
        series = r.ident(jm, "series", False) or fields["id"]
        return Judgement(paragraph=paragraph, note=r.text(jm, "note", False), themes=themes, series=series,
                         subsection=r.text(jm, "subsection", False), **fields)


    def section(self, node: Node, paragraph_ids: dict[str, int], section_ids: dict[str, int]) -> Section | None:
        r = self.r
        sm = r.mapping(node, "a section")
        if sm is None:
            return None
        r.keys(sm, SECTION.what, SECTION.required, SECTION.optional)
        section_id = r.ident(sm, "id")
        if section_id is not None:
            if section_id in section_ids:
                r.error(sm.get("id").location, f"duplicate section id '{section_id}' (first at line {section_ids[section_id]})")
            section_ids[section_id] = sm.get("id").line
        columns = tuple(s.value for s in r.text_list(sm, "columns"))
        if columns and len(columns) != 2:
            r.error(sm.get("columns").location, "'columns' names exactly two column headings: strengths, then weaknesses")
        scale_table = self.scale(sm, "scale_table")
        paragraphs = r.items(sm, "paragraphs", lambda n: self.paragraph(n, paragraph_ids))
        children = r.items(sm, "sections", lambda n: self.section(n, paragraph_ids, section_ids))
        if section_id is None:
            return None
        section = Section(
            id=section_id, heading=r.text(sm, "heading", False), judgement=r.ident(sm, "judgement", False),
            columns=columns if len(columns) == 2 else None, timescale=r.text(sm, "timescale", False),
            show_judgements=r.boolean(sm, "show_judgements"), table_prints=self.table_prints(sm),
            scale_table=scale_table.id if scale_table else None,
            paragraphs=paragraphs, sections=children,
        )
        if section.judgement:
            self.graded_sections.append((section, sm.get("judgement").location))
        return section

    def table_prints(self, sm: Mapping) -> str | None:
        value = self.r.text(sm, "table_prints", False)
        if value is not None and value not in TABLE_PRINTS:
            self.r.error(sm.get("table_prints").location, f"'table_prints' is {' or '.join(TABLE_PRINTS)} (leave it out where the table prints both), not '{shorten(value)}'")
            return None
        if value is not None and not self.r.boolean(sm, "show_judgements"):
            self.r.error(sm.get("table_prints").location, "'table_prints' says what the grades table printed here gives: set 'show_judgements: true' too")
        return value

    def paragraph(self, node: Node, paragraph_ids: dict[str, int]) -> Paragraph | None:
        r = self.r
        pm = r.mapping(node, "a paragraph")
        if pm is None:
            return None
        r.keys(pm, PARAGRAPH.what, PARAGRAPH.required, PARAGRAPH.optional)
        paragraph_id = r.ident(pm, "id")
        if paragraph_id is not None:
            if paragraph_id in paragraph_ids:
                r.error(pm.get("id").location, f"duplicate paragraph id '{paragraph_id}' (first at line {paragraph_ids[paragraph_id]})")
            paragraph_ids[paragraph_id] = pm.get("id").line
        themes = self.themes(pm)
        text = r.text(pm, "text")
        if text is not None:
            for offset, problem in check_links(text):
                r.error(pm.get("text").location_of(offset), problem)
        style = r.text(pm, "style", False)
        if style is not None and style != "bullet":
            r.error(pm.get("style").location, f"'style' can only be 'bullet', not '{style}'")
        numbered = r.boolean(pm, "numbered")
        if numbered and paragraph_id is not None and not paragraph_id.isdigit():
            r.error(pm.get("numbered").location, f"a numbered paragraph's id is its printed number, not '{paragraph_id}'")
        stance = r.choice(pm, "stance", Stance)
        if paragraph_id is None or text is None or stance is None:
            return None
        self.texts.append(text)
        return Paragraph(  # its document's texts are put in once they are all read (with_texts)
            id=paragraph_id, texts=NO_TEXTS, index=len(self.texts) - 1, themes=tuple(themes), stance=stance,
            numbered=numbered, bullet=style == "bullet", line=pm.location.line,
        )

    def themes(self, m: Mapping) -> tuple[str, ...]:
        """The themes named, as the registry's own strings, in one tuple per combination: a corpus
        tags hundreds of thousands of paragraphs with a few dozen themes."""
        themes: list[str] = []
        for theme in self.r.text_list(m, "themes"):
            if theme.value not in self.theme_ids:
                if self.declared.themes.reportable(theme.value):
                    hint = did_you_mean(theme.value, set(self.theme_ids))
                    self.r.error(theme.location, f"unknown theme '{shorten(theme.value)}'{hint} (see themes.yaml)")
            elif theme.value in themes:
                self.r.error(theme.location, f"theme '{theme.value}' given twice")
            else:
                themes.append(self.theme_ids[theme.value])
        found = tuple(themes)
        return self.theme_tuples.setdefault(found, found)

    def follow_up(self, node: Node, paragraphs: dict[str, Paragraph], doc_date: date | None) -> FollowUp | None:
        r = self.r
        fm = r.mapping(node, "a follow-up")
        if fm is None:
            return None
        r.keys(fm, FOLLOW_UP.what, FOLLOW_UP.required)
        follow_id, paragraph = r.ident(fm, "id"), r.text(fm, "paragraph")
        if paragraph is not None:
            weakness = paragraphs.get(paragraph)
            if weakness is None:
                r.error(fm.get("paragraph").location, f"follow-up names paragraph '{paragraph}', which is not in this document")
            elif weakness.stance not in (Stance.AREA_FOR_DEVELOPMENT, Stance.RECOMMENDATION, Stance.MIXED):
                r.error(fm.get("paragraph").location, f"a follow-up belongs to an area for development or a recommendation; paragraph '{paragraph}' is {weakness.stance.value}")
        reports = r.items(fm, "reports", lambda n: self.follow_up_report(n, doc_date), required=True)
        if "reports" in fm.entries and not reports and isinstance(fm.get("reports"), Sequence) and not fm.get("reports").items:
            r.error(fm.get("reports").location, "a follow-up lists at least one later paragraph; a weakness with none has no later evidence and needs no entry")
        if follow_id is None or paragraph is None:
            return None
        return FollowUp(follow_id, paragraph, reports)

    def follow_up_report(self, node: Node, doc_date: date | None) -> FollowUpReport | None:
        r = self.r
        rm = r.mapping(node, "a follow-up report")
        if rm is None:
            return None
        r.keys(rm, REPORT.what, REPORT.required)
        document, paragraph = r.ident(rm, "document"), r.text(rm, "paragraph")
        status = r.choice(rm, "status", FollowUpStatus)
        if status is FollowUpStatus.NO_LATER_EVIDENCE:
            r.error(rm.get("status").location, "'no-later-evidence' is what a weakness without follow-up reports shows; a report is addressed, partly-addressed or not-addressed")
        if document is not None:
            self.pending.append(PendingLink(rm.get("paragraph").location if paragraph else rm.get("document").location, document, paragraph, later_than=doc_date))
        note = r.text(rm, "note")
        if document is None or paragraph is None or status is None or note is None:
            return None
        return FollowUpReport(document, paragraph, status, note)

    def reference(self, node: Node, paragraph_ids: dict[str, int]) -> Reference | None:
        r = self.r
        rm = r.mapping(node, "a reference")
        if rm is None:
            return None
        r.keys(rm, REFERENCE.what, REFERENCE.required, REFERENCE.optional)
        from_paragraph = r.text(rm, "from_paragraph", False)
        if from_paragraph is not None and from_paragraph not in paragraph_ids:
            r.error(rm.get("from_paragraph").location, f"'from_paragraph' names paragraph '{from_paragraph}', which is not in this document")
        document, paragraph = r.ident(rm, "document"), r.text(rm, "paragraph", False)
        if document is not None:
            where = rm.get("paragraph").location if paragraph is not None else rm.get("document").location
            self.pending.append(PendingLink(where, document, paragraph))
        fields = dict(id=r.ident(rm, "id"), document=document, relation=r.choice(rm, "relation", Relation), says=r.text(rm, "says"))
        if any(v is None for v in fields.values()):
            return None
        return Reference(from_paragraph=from_paragraph, paragraph=paragraph, **fields)


def _declared_ids(node: Node | None) -> set[str]:
    """The ids written in a list of mappings, valid entries or not (so one error is not reported twice)."""
    return _ids_written(node.items) if isinstance(node, Sequence) else set()


def _ids_written(items: tuple[Node, ...]) -> set[str]:
    return {item.get("id").value for item in items if isinstance(item, Mapping) and isinstance(item.get("id"), Scalar)}


def _first(found):
    return found[0] if found else None
