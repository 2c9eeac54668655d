"""Which pages the site has, where they live, and the context each page's template gets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import urls
from .index import Corpus
from .model import (
    Document, DocumentKind, EditorialNote, Judgement, Paragraph, Reference, ReferencedDocument, Section,
)


@dataclass(frozen=True)
class PageSpec:
    path: str  # site path of the page, "" for home, otherwise ending in "/"
    template: str
    title: str
    context: dict[str, Any]


@dataclass(frozen=True)
class Block:
    """A run of paragraphs shown together: one paragraph, or consecutive bullets as one list."""

    is_list: bool
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class SectionView:
    section: Section
    level: int  # HTML heading level
    blocks: tuple[Block, ...]
    children: tuple["SectionView", ...]
    judgement: Judgement | None
    rows: tuple["ColumnRow", ...]  # for two-column strengths/weaknesses tables


@dataclass(frozen=True)
class ColumnRow:
    heading: str | None
    id: str
    left: tuple[Paragraph, ...]
    right: tuple[Paragraph, ...]


@dataclass(frozen=True)
class ResolvedReference:
    reference: Reference
    title: str
    date_text: str
    href: str | None  # site path with anchor; None for a document not transcribed
    transcribed: bool
    kind: DocumentKind


@dataclass(frozen=True)
class Backlink:
    document: Document
    reference: Reference


def build_pages(corpus: Corpus) -> list[PageSpec]:
    pages = [home_page(corpus), glossary_page(corpus)]
    pages.extend(document_page(corpus, document) for document in corpus.documents)
    _refuse_duplicate_paths(pages)
    return pages


def home_page(corpus: Corpus) -> PageSpec:
    councils = [(council, corpus.documents_of(council.id)) for council in corpus.councils]
    return PageSpec(urls.home(), "home.html", "Children's services inspection evidence", {"councils": councils, "corpus": corpus})


def glossary_page(corpus: Corpus) -> PageSpec:
    scales = [(scale, corpus.documents_using(scale)) for scale in corpus.registries.scales]
    return PageSpec(
        urls.glossary(), "glossary.html", "Glossary: grade scales, document kinds and terms",
        {"scales": scales, "kinds": corpus.registries.kinds, "terms": sorted(corpus.registries.glossary, key=lambda t: t.term.casefold())},
    )


def document_page(corpus: Corpus, document: Document) -> PageSpec:
    judgements = {j.id: j for j in document.judgements}
    notes_by_paragraph: dict[str, list[EditorialNote]] = {}
    for note in document.editorial_notes:
        if note.paragraph:
            notes_by_paragraph.setdefault(note.paragraph, []).append(note)
    references_by_paragraph: dict[str, list[ResolvedReference]] = {}
    resolved = [resolve_reference(corpus, reference) for reference in document.references]
    for item in resolved:
        if item.reference.from_paragraph:
            references_by_paragraph.setdefault(item.reference.from_paragraph, []).append(item)
    context = {
        "document": document,
        "council": corpus.council(document.council),
        "sections": tuple(section_view(s, 2, judgements) for s in document.sections),
        "themes": {t.id: t for t in corpus.registries.themes},
        "notes_by_paragraph": notes_by_paragraph,
        "references": resolved,
        "references_by_paragraph": references_by_paragraph,
        "backlinks": backlinks(corpus, document),
        "scales": {s.id: s for s in corpus.registries.scales},
        "source_href": urls.source_file(document),
    }
    return PageSpec(urls.document(document), "document.html", document.title, context)


def section_view(section: Section, level: int, judgements: dict[str, Judgement]) -> SectionView:
    next_level = min(level + 1, 6) if section.heading else level
    rows = ()
    if section.columns:
        rows = tuple(column_row(child) for child in section.sections)
    children = () if section.columns else tuple(section_view(c, next_level, judgements) for c in section.sections)
    return SectionView(
        section=section, level=level, blocks=group_blocks(section.paragraphs), children=children,
        judgement=judgements.get(section.judgement) if section.judgement else None, rows=rows,
    )


def column_row(section: Section) -> ColumnRow:
    strengths = tuple(p for p in section.paragraphs if p.stance.value == "strength")
    others = tuple(p for p in section.paragraphs if p.stance.value != "strength")
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
        return ResolvedReference(reference, target.title, _long_date(target.date), href, True, target.kind)
    referenced: ReferencedDocument = corpus.referenced_document(reference.document)
    return ResolvedReference(reference, referenced.title, _partial_date_text(referenced), None, False, referenced.kind)


def backlinks(corpus: Corpus, document: Document) -> tuple[Backlink, ...]:
    return tuple(
        Backlink(other, reference)
        for other in corpus.documents
        for reference in other.references
        if reference.document == document.id
    )


def _long_date(value) -> str:
    return f"{value.day} {value:%B %Y}"


def _partial_date_text(referenced: ReferencedDocument) -> str:
    d = referenced.date
    if d.day:
        return _long_date(d.earliest())
    if d.month:
        return f"{d.earliest():%B %Y}"
    return str(d.year)


def _refuse_duplicate_paths(pages: list[PageSpec]) -> None:
    seen: dict[str, PageSpec] = {}
    for page in pages:
        if page.path in seen:
            raise ValueError(f"two pages would be written to '{page.path}': {seen[page.path].title!r} and {page.title!r}")
        seen[page.path] = page

