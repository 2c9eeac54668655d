"""What the corpus-wide lookups take from each document on its own, worked out once per document.

The corpus counts, over every paragraph of every document, each theme's paragraphs by stance and
the themes tagged on the same paragraph, lists every judgement as a record, and finds every
weakness (an area for development, a recommendation, or a paragraph followed up). The preview
checks the content again after every edit, and its check hands back the very same object for
each document the edit left alone; a FactsMemo kept from check to check therefore works out
these facts again only for the documents an edit changed, and the corpus adds them up (in
document order, so every count and record comes out as from a corpus counted whole).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import urls
from .model import Document, FollowUp, Grade, Paragraph, Stance


@dataclass(frozen=True, slots=True)
class JudgementRecord:
    """One judgement, of a transcribed document or reported of one that is not, in one shape."""

    council: str
    document_id: str
    document_title: str
    kind_name: str
    kind_short_name: str
    date: date  # for ordering; the earliest day a partial date allows
    date_text_iso: str
    transcribed: bool
    id: str
    section: str
    area: str
    grade: Grade
    themes: tuple[str, ...]
    series: str
    href: str  # site path with anchor


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    stances: Counter[tuple[str, Stance]]  # (theme id, stance): paragraphs, in the order first met
    pairs: Counter[tuple[str, str]]  # (theme id, another theme id): paragraphs tagged with both
    judgements: tuple[JudgementRecord, ...]  # in the document's order
    weak: tuple[tuple[Paragraph, FollowUp | None], ...]  # areas for development, recommendations and followed-up paragraphs

    @classmethod
    def of(cls, d: Document) -> "DocumentFacts":
        paragraphs = d.paragraphs()
        follow_ups = {f.paragraph: f for f in d.follow_ups}
        weak = tuple((p, follow_ups.get(p.id)) for p in paragraphs
                     if p.stance in (Stance.AREA_FOR_DEVELOPMENT, Stance.RECOMMENDATION) or p.id in follow_ups)
        stances = Counter((theme_id, p.stance) for p in paragraphs for theme_id in p.themes)
        pairs = Counter((a, b) for p in paragraphs if len(p.themes) > 1 for a in p.themes for b in p.themes if a != b)
        judgements = tuple(
            JudgementRecord(d.council, d.id, d.title, d.kind.name, d.kind.short_name, d.date, d.date.isoformat(), True,
                            j.id, j.section, j.area, j.grade, j.themes, j.series, urls.document(d) + f"#judgement-{j.id}")
            for j in d.judgements
        )
        return cls(stances, pairs, judgements, weak)


class FactsMemo:
    """Each document's facts, by document id, kept with the document object they were worked
    out from: another object under the same id (an edited document) has them worked out anew."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Document, DocumentFacts]] = {}

    def of(self, document: Document) -> DocumentFacts:
        found = self.kept.get(document.id)
        if found is None or found[0] is not document:
            found = self.kept[document.id] = (document, DocumentFacts.of(document))
        return found[1]

    def retain(self, documents: Iterable[Document]) -> None:
        """Forget the documents not among these (removed, or replaced by an edit)."""
        current = {d.id: d for d in documents}
        self.kept = {key: value for key, value in self.kept.items() if current.get(key) is value[0]}
