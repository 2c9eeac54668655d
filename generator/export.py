"""Open data built with the site: CSV and JSON downloads, their Frictionless descriptor, the Atom
feed and the sitemap. RESOURCES describes every download once, for datapackage.json and /data/.

The CSV files are made in pieces (a header, then each document's rows: its findings one document
at a time, its judgements, follow-ups or row of documents.csv a hundred documents at a time), so
that writing the national findings.csv, the corpus's whole text, never holds more than a piece of
it; documents.json is made of one piece a document too. Each file takes a PieceMaker: a build
makes every piece, the preview keeps them (Pieces) and makes again only those an edit changed."""

from __future__ import annotations

import json
import operator
import uuid
from collections.abc import Callable, Container, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import groupby, islice
from xml.etree import ElementTree as ET

from . import urls
from .index import Corpus, Weakness
from .model import Council, Document, ReferencedDocument


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type
    description: str


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    columns: tuple[Column, ...]
    format: str = "csv"


def _c(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


JUDGEMENTS = Resource("judgements", "judgements.csv", "Judgements", "One row per judgement: the area, the grade and word as printed, its scale and the normalised label.", (
    _c("council", "string", "Council id"),
    _c("document", "string", "Document id; see documents.csv"),
    _c("date", "string", "Document date, ISO 8601 (YYYY-MM-DD; YYYY-MM or YYYY for documents known only from references)"),
    _c("section", "string", "Part of the document the area belongs to"),
    _c("area", "string", "Area as printed"),
    _c("grade", "integer", "Grade as printed; empty where the source gives only a word"),
    _c("word", "string", "Grade word as printed (\"satisfactory\", \"good\"); empty where the source gives only a number"),
    _c("scale", "string", "Grade scale id; see the glossary"),
    _c("label", "string", "Normalised label: outstanding, good, adequate, requires improvement or inadequate; the same word for the same level across scales, so 'satisfactory' as printed is 'adequate' here"),
))
DOCUMENTS = Resource("documents", "documents.csv", "Documents", "Metadata of every document, transcribed or known only from references.", (
    _c("council", "string", "Council id"),
    _c("id", "string", "Document id"),
    _c("kind", "string", "Document kind id; see the glossary"),
    _c("title", "string", "Title as printed"),
    _c("date", "string", "Document date, ISO 8601 (partial for documents known only from references)"),
    _c("fieldwork_from", "date", "First day of fieldwork"),
    _c("fieldwork_to", "date", "Last day of fieldwork"),
    _c("issuer", "string", "Issuing body"),
    _c("authors", "string", "Authors and their roles, separated by semicolons"),
    _c("recipient", "string", "Person the document is addressed to, with role"),
    _c("transcribed", "boolean", "true where the full text is on the site"),
    _c("url", "string", "Site path of the document's page (or of its place on the council timeline)"),
    _c("attribution", "string", "Source and date of publication to cite"),
))
FINDINGS = Resource("findings", "findings.csv", "Findings", "One row per paragraph of every transcribed document, with its themes and stance.", (
    _c("council", "string", "Council id"),
    _c("document", "string", "Document id"),
    _c("date", "date", "Document date"),
    _c("paragraph", "string", "Paragraph id (the printed number where the source numbers paragraphs)"),
    _c("themes", "string", "Theme ids, separated by semicolons"),
    _c("stance", "string", "strength, area-for-development, recommendation, context or mixed"),
    _c("text", "string", "The paragraph's text, verbatim (Markdown)"),
))
FOLLOW_UPS = Resource("follow-ups", "follow-ups.csv", "Follow-ups", "Areas for development and recommendations, and the later paragraphs that report on them.", (
    _c("council", "string", "Council id"),
    _c("document", "string", "Document that raised the weakness"),
    _c("date", "date", "Its date"),
    _c("paragraph", "string", "Paragraph stating the weakness"),
    _c("later_document", "string", "Later document reporting on it; empty where there is no later evidence"),
    _c("later_date", "date", "Its date"),
    _c("later_paragraph", "string", "Paragraph reporting on it"),
    _c("status", "string", "addressed, partly-addressed, not-addressed or no-later-evidence"),
    _c("note", "string", "The editor's note, quoting the decisive words"),
))
DOCUMENTS_JSON = Resource("documents-json", "documents.json", "Documents (JSON)", "The same metadata as documents.csv, as a JSON array.", DOCUMENTS.columns, "json")
RESOURCES = (JUDGEMENTS, DOCUMENTS, DOCUMENTS_JSON, FINDINGS, FOLLOW_UPS)
COUNCIL_RESOURCES = (JUDGEMENTS, DOCUMENTS, FINDINGS, FOLLOW_UPS)  # each council's own, at data/councils/<id>/


# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISED = (
    "Text cells that would start with =, +, -, @, a tab or a carriage return are written with a "
    "single quote (') before them, as OWASP recommends, so that a spreadsheet shows them instead of "
    "running them as formulas; the pages show the text unchanged."
)


def csv_cell(value: object) -> str:
    """A cell as csv.writer writes it (excel dialect, minimal quoting), with a leading ' where a
    spreadsheet would otherwise read a formula. (The csv module copies text a character at a
    time, which made the findings, every paragraph's text twice, most of the downloads' time.)"""
    if isinstance(value, str):
        text = "'" + value if value.startswith(FORMULA_STARTS) else value
    else:
        text = "" if value is None else str(value)
    # What makes the csv module's excel dialect quote a cell ("in" four times: a tenth of a pattern's time).
    quoted = '"' in text or "," in text or "\n" in text or "\r" in text
    return '"' + text.replace('"', '""') + '"' if quoted else text


DOCUMENTS_PER_PIECE = 100  # documents whose rows are written as one piece: few enough to hold, enough to cost little to write


def _line(cells: Iterable[object]) -> str:
    return ",".join(map(csv_cell, cells)) + "\r\n"


def _header(resource: Resource) -> str:
    return _line(c.name for c in resource.columns)


@dataclass(frozen=True)
class Scope:
    """What one set of downloads covers: every council (council None), or one."""

    corpus: Corpus
    council: Council | None = None

    @property
    def judgement_records(self):
        return self.corpus.judgement_records if self.council is None else self.corpus.judgements_of(self.council.id)

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.corpus.documents_by_date if self.council is None else self.corpus.documents_of(self.council.id)

    @property
    def councils(self) -> tuple[Council, ...]:
        return self.corpus.councils if self.council is None else (self.council,)

    @property
    def weaknesses(self):
        return self.corpus.weaknesses if self.council is None else self.corpus.weaknesses_of(self.council.id)


class Pieces:
    """Pieces of a download, each made of a few objects and kept: asked for again with the same
    objects (by identity), the kept text is handed back, else it is made again. The preview keeps
    one for each national file from edit to edit; unchanged documents are the same objects after
    an edit, so only the pieces of what an edit changed are made again."""

    def __init__(self) -> None:
        self.kept: dict[Hashable, tuple[tuple[object, ...], str]] = {}  # key -> what it was made of, its text

    def __call__(self, key: Hashable, sources: tuple[object, ...], make: Callable[[], str]) -> str:
        kept = self.kept.get(key)
        if kept is None or len(kept[0]) != len(sources) or not all(map(operator.is_, kept[0], sources)):
            kept = self.kept[key] = sources, make()
        return kept[1]

    def retain(self, keys: Container[Hashable]) -> None:
        """Forget every piece but those of these keys (those of the corpus)."""
        self.kept = {key: kept for key, kept in self.kept.items() if key in keys}


# How a file gets each piece: (key, every object the piece is made of, how to make it) -> its text.
PieceMaker = Callable[[Hashable, tuple[object, ...], Callable[[], str]], str]


def unkept(key: Hashable, sources: tuple[object, ...], make: Callable[[], str]) -> str:
    """Each piece made, nothing kept (a build)."""
    return make()


def piece_keys(corpus: Corpus) -> set[tuple[str, str]]:
    """The key of every piece the files of the corpus are made of: (council id, document id) of
    each transcribed and each referenced document."""
    return {(d.council, d.id) for d in corpus.documents} | {(c.id, r.id) for c in corpus.councils for r in c.referenced_documents}


def _joined(pieces: Iterable[str]) -> Iterator[str]:
    """Small pieces (each document's few rows) joined DOCUMENTS_PER_PIECE at a time."""
    pieces = iter(pieces)
    while batch := list(islice(pieces, DOCUMENTS_PER_PIECE)):
        yield "".join(batch)


def _judgement_rows(records: Iterable) -> str:
    return "".join(_line((r.council, r.document_id, r.date_text_iso, r.section, r.area,
                          "" if r.grade.printed_grade is None else r.grade.printed_grade, r.grade.printed_word or "", r.grade.scale.id,
                          r.grade.value.label.value)) for r in records)


def judgements_csv(scope: Scope, pieces: PieceMaker = unkept) -> Iterator[str]:
    """The header, then each document's rows: the records are sorted by date, document id and
    judgement id, so a document's are together. A transcribed document's rows are made of it
    alone, a referenced one's of its council, which holds it."""
    groups = [(key, tuple(records)) for key, records in groupby(scope.judgement_records, lambda r: (r.council, r.document_id))]
    if len({key for key, _ in groups}) < len(groups):
        pieces = unkept  # two councils' referenced documents of one id and date: their rows interleave
    corpus = scope.corpus
    yield _header(JUDGEMENTS)
    yield from _joined(
        pieces(key, (corpus.document(key[1]) if records[0].transcribed else corpus.council(key[0]),), partial(_judgement_rows, records))
        for key, records in groups
    )


def _person(person) -> str:
    return ", ".join(part for part in (person.name, person.role) if part)


def _document_row(d: Document) -> dict[str, object]:
    return {
        "council": d.council, "id": d.id, "kind": d.kind.id, "title": d.title, "date": d.date.isoformat(),
        "fieldwork_from": d.fieldwork.start.isoformat() if d.fieldwork else "",
        "fieldwork_to": d.fieldwork.end.isoformat() if d.fieldwork else "",
        "issuer": d.issuer.body, "authors": "; ".join(_person(a) for a in d.authors),
        "recipient": _person(d.recipient.person) if d.recipient else "", "transcribed": True,
        "url": urls.document(d), "attribution": d.attribution,
    }


def _referenced_row(council: Council, r: ReferencedDocument) -> dict[str, object]:
    return {
        "council": council.id, "id": r.id, "kind": r.kind.id, "title": r.title, "date": r.date.iso(),
        "fieldwork_from": "", "fieldwork_to": "", "issuer": r.kind.issuer, "authors": "", "recipient": "",
        "transcribed": False, "url": urls.council(council) + f"#timeline-{r.id}", "attribution": "",
    }


def _document_units(scope: Scope) -> list[tuple[tuple[str, str], tuple[object, ...], Callable[[], dict[str, object]]]]:
    """Each document's row of documents.csv and documents.json, in their order (council, date,
    id; no two alike, as ids are unique in a council): its key, what it is made of (a transcribed
    document, or the council holding a referenced one) and how to make it."""
    units = [((d.council, d.date.isoformat(), d.id), (d,), partial(_document_row, d)) for d in scope.documents]
    units += [((c.id, r.date.iso(), r.id), (c,), partial(_referenced_row, c, r)) for c in scope.councils for r in c.referenced_documents]
    units.sort(key=lambda unit: unit[0])
    return [((order[0], order[2]), sources, row) for order, sources, row in units]


def document_rows(scope: Scope) -> list[dict[str, object]]:
    return [row() for _, _, row in _document_units(scope)]


def _document_line(row: Callable[[], dict[str, object]]) -> str:
    cells = row()
    return _line(str(cells[c.name]).lower() if isinstance(cells[c.name], bool) else cells[c.name] for c in DOCUMENTS.columns)


def documents_csv(scope: Scope, pieces: PieceMaker = unkept) -> Iterator[str]:
    yield _header(DOCUMENTS)
    yield from _joined(pieces(key, sources, partial(_document_line, row)) for key, sources, row in _document_units(scope))


def _document_json(row: Callable[[], dict[str, object]]) -> str:
    """A row as an item of the indented array (JSON escapes every newline inside a string, so
    each line of it is indented one step further)."""
    return "  " + json.dumps(row(), ensure_ascii=False, indent=2).replace("\n", "\n  ")


def documents_json(scope: Scope, pieces: PieceMaker = unkept) -> str:
    """json.dumps(document_rows(scope), ensure_ascii=False, indent=2), made of one piece a document."""
    items = [pieces(key, sources, partial(_document_json, row)) for key, sources, row in _document_units(scope)]
    return ("[\n" + ",\n".join(items) + "\n]" if items else "[]") + "\n"


def findings_rows(document: Document) -> str:
    """A document's rows of findings.csv: they depend on the document alone. Every cell but the
    text is an id, a date or a stance, of letters, digits and hyphens, starting with a letter or
    a digit, so csv_cell would write each as it is; only the text goes through it."""
    start = f"{document.council},{document.id},{document.date.isoformat()},"
    return "".join(f"{start}{p.id},{';'.join(p.themes)},{p.stance.value},{csv_cell(p.text)}\r\n" for p in document.paragraphs())


def findings_csv(scope: Scope, pieces: PieceMaker = unkept) -> Iterator[str]:
    """The header, then each document's rows as one piece."""
    yield _header(FINDINGS)
    for document in scope.documents:
        yield pieces((document.council, document.id), (document,), partial(findings_rows, document))


def _follow_up_rows(weaknesses: Iterable[Weakness]) -> str:
    rows = []
    for w in weaknesses:
        base = (w.document.council, w.document.id, w.document.date.isoformat(), w.paragraph.id)
        if not w.reports:
            rows.append(_line((*base, "", "", "", w.status.value, "")))
        for later, report in w.reports:
            rows.append(_line((*base, later.id, later.date.isoformat(), report.paragraph, report.status.value, report.note)))
    return "".join(rows)


def follow_ups_csv(scope: Scope, pieces: PieceMaker = unkept) -> Iterator[str]:
    """The header, then each document's weaknesses (in the order of its documents, so a
    document's are together), made of the document and of the later documents reporting on them."""
    def piece(weaknesses: tuple[Weakness, ...]) -> str:
        document = weaknesses[0].document
        later = tuple(d for w in weaknesses for d, _ in w.reports)
        return pieces((document.council, document.id), (document, *later), partial(_follow_up_rows, weaknesses))

    yield _header(FOLLOW_UPS)
    yield from _joined(piece(tuple(ws)) for _, ws in groupby(scope.weaknesses, lambda w: w.document.id))


COUNCIL_PACKAGES = (
    "Each council's rows are also published on their own, as a data package of the same files and "
    "columns at councils/<council id>/datapackage.json beside this one."
)


def datapackage_json(site_name: str, council: Council | None = None) -> str:
    """The Frictionless descriptor of every download, or of one council's (at data/councils/<id>/)."""
    about = "Judgements, documents, findings and follow-ups from Ofsted's inspections of councils' children's services, transcribed verbatim."
    package = {
        "name": "childrens-services-inspection-evidence" + (f"-{council.id}" if council else ""),
        "title": f"{site_name}: {council.name}" if council else site_name,
        "description": f"{about} Only {council.name}." if council else f"{about} {COUNCIL_PACKAGES}",
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0 (Crown copyright sources: reproduced without adaptation, source and date stated)"}],
        "resources": [
            {
                "name": r.name, "path": r.path, "title": r.title, "format": r.format,
                "description": f"{r.description} {NEUTRALISED}" if r.format == "csv" else r.description,
                "mediatype": "text/csv" if r.format == "csv" else "application/json",
                **({"encoding": "utf-8", "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True}} if r.format == "csv" else {}),
                "schema": {"fields": [{"name": c.name, "type": c.type, "description": c.description} for c in r.columns]},
            }
            for r in (COUNCIL_RESOURCES if council else RESOURCES)
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


ATOM = "http://www.w3.org/2005/Atom"


FEED_ENTRIES = 50  # the newest documents: a feed reader wants what is new, and the feed stays small at any scale


def atom_feed(corpus: Corpus, site_name: str, site_url: str | None) -> str:
    """Atom feed of the FEED_ENTRIES newest transcribed documents, newest first (every document is
    in documents.csv and documents.json).

    Links are relative to the feed (it sits at the site root) unless site_url is given; ids are
    name-based UUID URNs of the document ids, so they never change with the host.
    """
    ET.register_namespace("", ATOM)
    base = site_url or ""
    feed = ET.Element(f"{{{ATOM}}}feed")
    newest = corpus.documents_by_date[-1]
    _sub(feed, "title", site_name)
    _sub(feed, "id", _urn("feed"))
    _sub(feed, "updated", f"{newest.date.isoformat()}T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + urls.feed())
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base or "./")
    for d in corpus.documents_by_date[:-FEED_ENTRIES - 1:-1]:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _sub(entry, "title", f"{d.title} ({d.kind.short_name}, {corpus.council(d.council).short_name})")
        _sub(entry, "id", _urn(f"{d.council}/{d.id}"))
        _sub(entry, "updated", f"{d.date.isoformat()}T00:00:00Z")
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=base + urls.document(d))
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _sub(author, "name", d.issuer.body)
        _sub(entry, "summary", d.attribution)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def sitemap(page_paths: list[str], site_url: str) -> str:
    urlset = ET.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for path in sorted(page_paths):
        _plain(ET.SubElement(urlset, "url"), "loc", site_url + path)
    return ET.tostring(urlset, encoding="unicode", xml_declaration=True) + "\n"


def _urn(name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"childrens-services-inspection-evidence:{name}").urn


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _plain(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text
