"""The Corpus: every checked content object, with the lookups and cross-links pages need."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .model import Council, Document, GradeScale, Paragraph, ReferencedDocument, Registries, Theme


@dataclass(frozen=True)
class Corpus:
    registries: Registries
    councils: tuple[Council, ...]
    documents: tuple[Document, ...]

    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def _referenced_by_id(self) -> dict[str, ReferencedDocument]:
        return {r.id: r for c in self.councils for r in c.referenced_documents}

    def document(self, document_id: str) -> Document | None:
        return self._documents_by_id.get(document_id)

    def referenced_document(self, document_id: str) -> ReferencedDocument | None:
        return self._referenced_by_id.get(document_id)

    def council(self, council_id: str) -> Council:
        return next(c for c in self.councils if c.id == council_id)

    def scale(self, scale_id: str) -> GradeScale:
        return next(s for s in self.registries.scales if s.id == scale_id)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.registries.themes if t.id == theme_id)

    def documents_of(self, council_id: str) -> tuple[Document, ...]:
        return tuple(sorted((d for d in self.documents if d.council == council_id), key=lambda d: d.date))

    def documents_using(self, scale: GradeScale) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if any(j.grade.scale.id == scale.id for j in d.judgements))

    def paragraph(self, document_id: str, paragraph_id: str) -> Paragraph | None:
        document = self.document(document_id)
        return document.paragraph(paragraph_id) if document else None
