"""Which pages the site has, where they live, and the context each page's template gets."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, ItemsView, Iterator, Mapping
from typing import Any

from . import urls
from .charts import history_chart
from .dates import long_date
from .export import COUNCIL_PACKAGES, COUNCIL_RESOURCES, FEED_ENTRIES, NEUTRALISED, RESOURCES
from .document_facts import JudgementRecord
from .index import Corpus, group_by
from .paragraph_labels import paragraph_label
from .changes import inspections_of, since_previous_inspection
from .edit_links import EditLinks
from .standing import OVERALL_SERIES, standing
from .model import (
    Council, Document, DocumentKind, EditorialNote, Judgement, Label, NoteKind, Paragraph, Reference, Section, column_cells,
    Stance,
)

HOME_TITLE = "Children's services inspection evidence"


@dataclass(frozen=True, slots=True)
class Edition:
    """Which site is being built: the public one, or the offline bundle that opens from disk."""

    site_name: str
    directory_urls: bool
    site_url: str | None = None
    offline: bool = False  # the bundle: its home page says how current it is
    download: str | None = None  # site path of the latest offline bundle, when the public site carries one
    live_reload: bool = False  # the `mkdocs serve` preview, whose pages MkDocs injects a reload script into
    report_mistakes: str | None = None  # where readers report a mistake: a web address or mailto:address
    edit_links: EditLinks | None = None  # to the content files on the repository host; never in the bundle


@dataclass(frozen=True, slots=True)
class PageSpec:
    path: str  # site path of the page: "" for home, otherwise ending in "/"
    template: str
    title: str
    context: Mapping[str, Any]  # the template's variables
    breadcrumbs: tuple[tuple[str, str], ...] = field(default=())  # (title, path) above this page


class PageContext(Mapping[str, Any]):
    """A page's template variables, made by make(corpus, *args) each time they are read, not kept.

    Every page's spec is made before the first page is rendered, and the variables of a page hold
    much of the corpus (its sections, quotations, judgements): made when the page is rendered,
    in the process that renders it, they are dropped with the page. items() makes them once."""

    __slots__ = ("make", "corpus", "args")

    def __init__(self, make: Callable[..., dict[str, Any]], corpus: Corpus, *args: Any) -> None:
        self.make, self.corpus, self.args = make, corpus, args

    def items(self) -> ItemsView[str, Any]:
        return self.make(self.corpus, *self.args).items()

    def __getitem__(self, key: str) -> Any:
        return self.make(self.corpus, *self.args)[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.make(self.corpus, *self.args))

    def __len__(self) -> int:
        return len(self.make(self.corpus, *self.args))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())


@dataclass(frozen=True, slots=True)
class Block:
    """A run of paragraphs shown together: one paragraph, or consecutive bullets as one list."""

    is_list: bool
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class ColumnRow:
    heading: str | None
    id: str
    left: tuple[Paragraph, ...]
    right: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class SectionView:
    section: Section
    level: int  # HTML heading level
    blocks: tuple[Block, ...]
    children: tuple["SectionView", ...]
    judgement: Judgement | None
    rows: tuple[ColumnRow, ...]  # for two-column strengths/weaknesses tables


@dataclass(frozen=True, slots=True)
class NoteList:
    """A document's editorial notes, each with its number in the whole list: the decisions a
    reader should weigh, then the routine ones (a paragraph split by a page break, joined), which
    a long document has dozens of and the page folds away, each still listed and linkable."""

    decisions: tuple[tuple[int, EditorialNote], ...]
    routine: tuple[tuple[int, EditorialNote], ...]

    @classmethod
    def of(cls, notes: tuple[EditorialNote, ...]) -> "NoteList":
        numbered = tuple(enumerate(notes, 1))
        return cls(tuple(n for n in numbered if n[1].kind not in ROUTINE_NOTES), tuple(n for n in numbered if n[1].kind in ROUTINE_NOTES))


ROUTINE_NOTES = frozenset({NoteKind.PAGE_BREAK})


@dataclass(frozen=True, slots=True)
class ResolvedReference:
    reference: Reference
    title: str
    date_text: str
    href: str  # site path with anchor: the document, or its place on the council timeline
    transcribed: bool
    kind: DocumentKind
    paragraph_label: str | None = None  # the paragraph referred to, named as readers find it


def page_groups(corpus: Corpus, edition: Edition) -> list[tuple[PageSpec, ...]]:
    """The pages in groups that can be made apart: the site-wide pages, then one group per council
    (its page, briefing, documents and theme pages, which share the council's paragraphs)."""
    groups = [site_pages(corpus, edition), *(council_pages(corpus, council.id) for council in corpus.councils)]
    _refuse_duplicate_paths([page for group in groups for page in group])
    return groups


def site_pages(corpus: Corpus, edition: Edition) -> tuple[PageSpec, ...]:
    """The pages about every council: home, lists, years, themes, glossary, data, about, search."""
    return (home_page(corpus, edition), councils_page(corpus), years_page(corpus), themes_page(corpus),
            glossary_page(corpus), data_page(edition), about_page(corpus), search_page(corpus),
            *(year_page(corpus, year) for year in corpus.years),
            *(theme_page(corpus, t.id) for t in corpus.registries.themes))


def council_pages(corpus: Corpus, council_id: str) -> tuple[PageSpec, ...]:
    """One council's pages: its page, briefing, documents and theme pages."""
    return (council_page(corpus, council_id), briefing_page(corpus, council_id),
            *(document_page(corpus, d) for d in corpus.documents_of(council_id)),
            *(theme_council_page(corpus, t.id, council_id) for t in corpus.themes_of(council_id)))


HOME = (("Home", urls.home()),)


def home_page(corpus: Corpus, edition: Edition) -> PageSpec:
    return PageSpec(urls.home(), "home.html", HOME_TITLE, PageContext(home_context, corpus, edition))


def home_context(corpus: Corpus, edition: Edition) -> dict[str, Any]:
    return {
        "edition": edition,
        "content_date": corpus.documents_by_date[-1].date,
        "councils": [(c, corpus.documents_of(c.id)) for c in corpus.councils],
        "latest": tuple((d, corpus.council(d.council)) for d in reversed(corpus.documents_by_date[-5:])),
        "themes": corpus.registries.themes,
        "theme_counts": {t.id: corpus.quotation_count(t.id) for t in corpus.registries.themes},
        "years": corpus.years,
    }


def councils_page(corpus: Corpus) -> PageSpec:
    return PageSpec(urls.councils(), "councils.html", "Councils", PageContext(councils_context, corpus), HOME)


def councils_context(corpus: Corpus) -> dict[str, Any]:
    rows = []
    for council in corpus.councils:
        documents = corpus.documents_of(council.id)
        overall = corpus.judgement_series(council.id).get(OVERALL_SERIES, ())
        rows.append((council, documents, overall[-1] if overall else None))
    return {"rows": rows}


def council_page(corpus: Corpus, council_id: str) -> PageSpec:
    council = corpus.council(council_id)
    return PageSpec(urls.council(council), "council.html", council.name, PageContext(council_context, corpus, council_id),
                    HOME + (("Councils", urls.councils()),))


def council_context(corpus: Corpus, council_id: str) -> dict[str, Any]:
    council = corpus.council(council_id)
    series = corpus.judgement_series(council_id)
    names = {key: series_name(records) for key, records in series.items()}
    ordered = sorted(series.items(), key=lambda item: (-len(item[1]), item[1][-1].section, names[item[0]]))
    return {
        "council": council,
        "standing": standing(corpus, council_id),
        "changed": since_previous_inspection(corpus, council_id),
        "inspections": tuple(reversed(inspections_of(corpus, council_id))),
        "histories": {key: f"series-{key}" for key, records in series.items() if len(records) > 1},
        "series": tuple((key, names[key], records) for key, records in ordered),
        "chart": history_chart(series, names, max((d.date for d in corpus.documents_of(council_id)), default=None)),
        "timeline": corpus.timeline(council_id),
        "directors": corpus.directors(council_id),
        "weaknesses": corpus.weaknesses_of(council_id),
        "council_resources": COUNCIL_RESOURCES,
        "corpus": corpus,
    }


def series_name(records: tuple[JudgementRecord, ...]) -> str:
    """The shortest wording of the area; marked as about looked after children where all are."""
    name = min((r.area for r in records), key=len)
    if all(r.section == "Services for looked after children" for r in records):
        return f"{name} (looked after children)"
    return name


def document_page(corpus: Corpus, document: Document) -> PageSpec:
    council = corpus.council(document.council)
    return PageSpec(urls.document(document), "document.html", document.title, PageContext(document_context, corpus, document),
                    HOME + (("Councils", urls.councils()), (council.short_name, urls.council(council))))


def document_context(corpus: Corpus, document: Document) -> dict[str, Any]:
    judgements = {j.id: j for j in document.judgements}
    notes_by_paragraph: dict[str, list[EditorialNote]] = {}
    for note in document.editorial_notes:
        if note.paragraph:
            notes_by_paragraph.setdefault(note.paragraph, []).append(note)
    resolved = [resolve_reference(corpus, reference) for reference in document.references]
    references_by_paragraph: dict[str, list[ResolvedReference]] = {}
    for item in resolved:
        if item.reference.from_paragraph:
            references_by_paragraph.setdefault(item.reference.from_paragraph, []).append(item)
    previous, following = corpus.neighbours(document)
    sections = tuple(section_view(s, 2, judgements) for s in document.sections)
    return {
        "document": document,
        "council": corpus.council(document.council),
        "sections": sections,
        "contents": tuple(v for v in sections if v.section.heading) if sum(1 for _ in document.paragraphs()) > 25 else (),
        "themes": corpus.themes_by_id,
        "notes_by_paragraph": notes_by_paragraph,
        "note_numbers": {note.id: number for number, note in enumerate(document.editorial_notes, 1)},  # as the list shows them
        "notes": NoteList.of(document.editorial_notes),
        "references": resolved,
        "references_by_paragraph": references_by_paragraph,
        "backlinks": corpus.referring_to(document.id),
        "scales": corpus.scales_by_id,
        "source_href": urls.source_file(document),
        "previous": previous,
        "next": following,
        "weakness": {p.id: w for p in document.paragraphs() if (w := corpus.weakness(document.id, p.id))},
        "reports_on": {p.id: found for p in document.paragraphs() if (found := corpus.reports_on(document.id, p.id))},
    }


def section_view(section: Section, level: int, judgements: dict[str, Judgement]) -> SectionView:
    next_level = min(level + 1, 6) if section.heading else level
    rows = tuple(column_row(child) for child in section.sections) if section.columns else ()
    children = () if section.columns else tuple(section_view(c, next_level, judgements) for c in section.sections)
    return SectionView(
        section=section, level=level, blocks=group_blocks(section.paragraphs), children=children,
        judgement=judgements.get(section.judgement) if section.judgement else None, rows=rows,
    )


def column_row(section: Section) -> ColumnRow:
    strengths, others = column_cells(section)
    return ColumnRow(heading=section.heading, id=section.id, left=strengths, right=others)


def group_blocks(paragraphs: tuple[Paragraph, ...]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for paragraph in paragraphs:
        if paragraph.bullet and blocks and blocks[-1].is_list:
            blocks[-1] = Block(True, blocks[-1].paragraphs + (paragraph,))
        else:
            blocks.append(Block(paragraph.bullet, (paragraph,)))
    return tuple(blocks)


def resolve_reference(corpus: Corpus, reference: Reference) -> ResolvedReference:
    target = corpus.document(reference.document)
    if target is not None:
        href = urls.document(target) + (f"#{urls.paragraph_anchor(reference.paragraph)}" if reference.paragraph else "")
        label = paragraph_label(target, reference.paragraph) if reference.paragraph else None
        return ResolvedReference(reference, target.title, long_date(target.date), href, True, target.kind, label)
    referenced = corpus.referenced_document(reference.document)
    href = urls.council(referenced.council) + f"#timeline-{referenced.id}"
    return ResolvedReference(reference, referenced.title, long_date(referenced.date), href, False, referenced.kind)


def years_page(corpus: Corpus) -> PageSpec:
    return PageSpec(urls.years(), "years.html", "Years", PageContext(years_context, corpus), HOME)


def years_context(corpus: Corpus) -> dict[str, Any]:
    rows = [(year, corpus.documents_dated(year), corpus.fieldwork_in(year), corpus.referenced_in(year), corpus.judgements_in(year))
            for year in corpus.years]
    return {"rows": rows}


@dataclass(frozen=True, slots=True)
class JudgedDocument:
    """A document's judgements summed up in one row: how many, and the headline one."""

    first: JudgementRecord  # for the document's name, date and council
    count: int
    overall: JudgementRecord | None
    council: Council


def judged_documents(corpus: Corpus, records: tuple[JudgementRecord, ...]) -> tuple[JudgedDocument, ...]:
    """One row per document among the records, in the records' order: a year page lists
    documents, not every judgement, so it stays readable however many councils there are."""
    rows = []
    for group in group_by(records, lambda r: r.document_id).values():
        overall = next((r for r in group if r.series == OVERALL_SERIES), None)
        rows.append(JudgedDocument(group[0], len(group), overall, corpus.council(group[0].council)))
    return tuple(rows)


def year_page(corpus: Corpus, year: int) -> PageSpec:
    return PageSpec(urls.year(year), "year.html", f"{year}", PageContext(year_context, corpus, year), HOME + (("Years", urls.years()),))


def year_context(corpus: Corpus, year: int) -> dict[str, Any]:
    years = corpus.years
    index = years.index(year)
    fieldwork_ids = {d.id for d in corpus.fieldwork_in(year)}
    return {
        "year": year,
        "documents": corpus.documents_dated(year),
        "fieldwork": corpus.fieldwork_in(year),
        "referenced": corpus.referenced_in(year),
        "councils": {c.id: c for c in corpus.councils},
        "judged": judged_documents(corpus, corpus.judgements_in(year)),
        "fieldwork_judged": judged_documents(corpus, tuple(
            r for r in corpus.judgement_records if r.document_id in fieldwork_ids
        )),
        "previous": years[index - 1] if index > 0 else None,
        "next": years[index + 1] if index + 1 < len(years) else None,
    }


def themes_page(corpus: Corpus) -> PageSpec:
    return PageSpec(urls.themes(), "themes.html", "Themes", PageContext(themes_context, corpus), HOME)


def themes_context(corpus: Corpus) -> dict[str, Any]:
    groups: dict[str, list] = {}
    for theme in corpus.registries.themes:
        groups.setdefault(theme.group, []).append((theme, corpus.quotation_count(theme.id), len(corpus.judgements_with_theme(theme.id))))
    return {"groups": groups}


RECENT_QUOTATIONS = 5  # a theme page stays the same size however many councils there are


@dataclass(frozen=True, slots=True)
class ThemeCouncilRow:
    """One council's evidence on a theme, as a row of the theme page."""

    council: Council
    quotations: int
    by_stance: tuple[tuple[Stance, int], ...]  # stances present, in the order of the Stance list
    latest: JudgementRecord | None  # the council's latest judgement of an area in the theme


def site_pages_quoting(corpus: Corpus, document_ids: set[str]) -> set[str]:
    """The paths of the site-wide pages that show the text of a paragraph of these documents:
    the theme hubs whose newest findings include one (no other site-wide page shows paragraph
    text; tests/test_incremental.py checks that on the built site)."""
    return {urls.theme(theme) for theme in corpus.registries.themes
            if any(q.document.id in document_ids for q in corpus.newest_quotations(theme.id, RECENT_QUOTATIONS))}


def theme_page(corpus: Corpus, theme_id: str) -> PageSpec:
    """The theme across councils: a row per council linking to what its documents say, and the
    few newest findings; the paragraphs themselves are quoted on the per-council pages."""
    theme = corpus.theme(theme_id)
    return PageSpec(urls.theme(theme), "theme.html", theme.name, PageContext(theme_context, corpus, theme_id), HOME + (("Themes", urls.themes()),))


def theme_context(corpus: Corpus, theme_id: str) -> dict[str, Any]:
    rows = []
    for council in corpus.councils_on(theme_id):
        stances = corpus.stances_on(theme_id, council.id)
        judgements = corpus.theme_judgements_of(theme_id, council.id)
        rows.append(ThemeCouncilRow(council, sum(n for _, n in stances), stances, judgements[-1] if judgements else None))
    recent = corpus.newest_quotations(theme_id, RECENT_QUOTATIONS)
    return {
        "theme": corpus.theme(theme_id),
        "rows": tuple(rows),
        "quotation_count": corpus.quotation_count(theme_id),
        "judgement_count": len(corpus.judgements_with_theme(theme_id)),
        "recent": recent,
        "councils": {c.id: c for c in corpus.councils},
        "related": corpus.related_themes(theme_id),
    }


def theme_council_page(corpus: Corpus, theme_id: str, council_id: str) -> PageSpec:
    """Everything one council's documents say on one theme: judgements of its areas, and every
    tagged paragraph quoted, newest first."""
    theme, council = corpus.theme(theme_id), corpus.council(council_id)
    return PageSpec(urls.theme_council(theme, council_id), "theme_council.html", f"{theme.name}: {council.short_name}",
                    PageContext(theme_council_context, corpus, theme_id, council_id),
                    HOME + (("Themes", urls.themes()), (theme.name, urls.theme(theme))))


def theme_council_context(corpus: Corpus, theme_id: str, council_id: str) -> dict[str, Any]:
    return {
        "theme": corpus.theme(theme_id),
        "council": corpus.council(council_id),
        "judgements": corpus.theme_judgements_of(theme_id, council_id),
        "quotations": corpus.quotations_of(theme_id, council_id),
    }


def glossary_page(corpus: Corpus) -> PageSpec:
    return PageSpec(urls.glossary(), "glossary.html", "Glossary: grade scales, document kinds and terms", PageContext(glossary_context, corpus), HOME)


def glossary_context(corpus: Corpus) -> dict[str, Any]:
    scales = [(scale, corpus.documents_using(scale)) for scale in corpus.registries.scales]
    comparison = [
        (label, [next((v for v in scale.values if v.label is label), None) for scale in corpus.registries.scales])
        for label in Label
    ]
    return {
        "scales": scales,
        "comparison": comparison,
        "all_scales": corpus.registries.scales,
        "kinds": corpus.registries.kinds,
        "terms": sorted(corpus.registries.glossary, key=lambda t: t.term.casefold()),
    }


def data_page(edition: Edition) -> PageSpec:
    return PageSpec(urls.data(), "data.html", "Open data", {"resources": RESOURCES, "edition": edition, "csv_safety": NEUTRALISED, "council_packages": COUNCIL_PACKAGES, "feed_entries": FEED_ENTRIES}, HOME)


def about_page(corpus: Corpus) -> PageSpec:
    return PageSpec(urls.about(), "about.html", "About this site", PageContext(about_context, corpus), HOME)


def about_context(corpus: Corpus) -> dict[str, Any]:
    return {"document_count": len(corpus.documents), "councils": corpus.councils}


def search_page(corpus: Corpus) -> PageSpec:
    return PageSpec(urls.search(), "search.html", "Search", PageContext(search_context, corpus), HOME)


def search_context(corpus: Corpus) -> dict[str, Any]:
    return {
        "councils": corpus.councils, "kinds": [k for k in corpus.registries.kinds if any(d.kind.id == k.id for d in corpus.documents)],
        "themes": corpus.registries.themes,
    }


def briefing_page(corpus: Corpus, council_id: str) -> PageSpec:
    """What an inspector reads before a visit: a few printed pages."""
    council = corpus.council(council_id)
    return PageSpec(urls.briefing(council), "briefing.html", f"Briefing: {council.name}", PageContext(briefing_context, corpus, council_id),
                    HOME + (("Councils", urls.councils()), (council.short_name, urls.council(council))))


def briefing_context(corpus: Corpus, council_id: str) -> dict[str, Any]:
    series = corpus.judgement_series(council_id)
    latest = sorted((records[-1] for records in series.values()), key=lambda r: (-r.date.toordinal(), r.section, r.area))
    recent = corpus.documents_of(council_id)[-BRIEFING_DOCUMENTS:]
    now = standing(corpus, council_id)
    listed = {(c.weakness.document.id, c.weakness.paragraph.id) for c in now.concerns}
    return {
        "council": corpus.council(council_id),
        "latest": tuple(latest),
        "standing": now,
        # each document's key findings but those already listed as open concerns
        "recent": tuple((d, tuple(p for p in key_findings(d) if (d.id, p.id) not in listed)) for d in reversed(recent)),
        "timeline": corpus.timeline(council_id),
    }


BRIEFING_DOCUMENTS = 1  # whose key findings the briefing lists: with the rest it fills at most four A4 sheets
KEY_STANCES = (Stance.AREA_FOR_DEVELOPMENT, Stance.RECOMMENDATION, Stance.MIXED)


def key_findings(document: Document) -> tuple[Paragraph, ...]:
    """The paragraphs that carry a document's message: the first paragraph under each graded
    heading where it has judgements, otherwise every weakness, recommendation or mixed finding."""
    graded = tuple(s.paragraphs[0] for s in document.all_sections() if s.judgement and s.paragraphs)
    return graded or tuple(p for p in document.paragraphs() if p.stance in KEY_STANCES)


def _refuse_duplicate_paths(pages: list[PageSpec]) -> None:
    seen: dict[str, PageSpec] = {}
    for page in pages:
        if page.path in seen:
            raise ValueError(f"two pages would be written to '{page.path}': {seen[page.path].title!r} and {page.title!r}")
        seen[page.path] = page
