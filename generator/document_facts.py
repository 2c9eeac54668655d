"""What the corpus-wide lookups take from each document on its own, worked out once per document.

The corpus counts, over every paragraph of every document, each theme's paragraphs by stance and
the themes tagged on the same paragraph, and lists every judgement as a record. The preview
checks the content again after every edit, and its check hands back the very same object for
each document the edit left alone; a FactsMemo kept from check to check therefore works out
these facts again only for the documents an edit changed, and adds them up again only for their
council. Sums are made in document order and counts keep the order their keys were first met
in, so every count and record comes out exactly as from a corpus counted whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from itertools import groupby

from . import urls
from .dates import long_date
from .model import Document, Grade, PartialDate, Stance


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

    @property
    def date_text(self) -> str:
        """The date in words, as precise as the document gives it: "25 January 2012", "April 2016"."""
        return _in_words(self.date_text_iso)


@lru_cache(maxsize=4096)  # tables of judgements show the same few dates on page after page
def _in_words(iso: str) -> str:
    return long_date(PartialDate(*map(int, iso.split("-"))))


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    stances: Counter[tuple[str, Stance]]  # (theme id, stance): paragraphs, in the order first met
    pairs: Counter[tuple[str, str]]  # (theme id, another theme id): paragraphs tagged with both
    judgements: tuple[JudgementRecord, ...]  # in the document's order

    @classmethod
    def of(cls, d: Document) -> "DocumentFacts":
        paragraphs = d.paragraphs()
        stances = Counter((theme_id, p.stance) for p in paragraphs for theme_id in p.themes)
        pairs = Counter((a, b) for p in paragraphs if len(p.themes) > 1 for a in p.themes for b in p.themes if a != b)
        judgements = tuple(
            JudgementRecord(d.council, d.id, d.title, d.kind.name, d.kind.short_name, d.date, d.date.isoformat(), True,
                            j.id, j.section, j.area, j.grade, j.themes, j.series, urls.document(d) + f"#judgement-{j.id}")
            for j in d.judgements
        )
        return cls(stances, pairs, judgements)


@dataclass(frozen=True, slots=True)
class SummedFacts:
    """Documents' facts added up, in their order."""

    documents: tuple[Document, ...]
    judgements: tuple[JudgementRecord, ...]
    stances: dict[tuple[str, str, Stance], int]  # (theme id, council id, stance): paragraphs, in the order first met
    pairs: dict[tuple[str, str], int]  # as DocumentFacts.pairs

    @classmethod
    def of(cls, documents: tuple[Document, ...], facts: Callable[[Document], DocumentFacts]) -> "SummedFacts":
        judgements: list[JudgementRecord] = []
        stances: dict[tuple[str, str, Stance], int] = {}
        pairs: dict[tuple[str, str], int] = {}
        for d in documents:
            found = facts(d)
            judgements += found.judgements
            _add(stances, {(theme_id, d.council, stance): n for (theme_id, stance), n in found.stances.items()})
            _add(pairs, found.pairs)
        return cls(documents, tuple(judgements), stances, pairs)

    @classmethod
    def combined(cls, parts: Iterable["SummedFacts"]) -> "SummedFacts":
        documents: list[Document] = []
        judgements: list[JudgementRecord] = []
        stances: dict[tuple[str, str, Stance], int] = {}
        pairs: dict[tuple[str, str], int] = {}
        for part in parts:
            documents += part.documents
            judgements += part.judgements
            _add(stances, part.stances)
            _add(pairs, part.pairs)
        return cls(tuple(documents), tuple(judgements), stances, pairs)


def _add(total: dict, counts: Mapping) -> None:
    for key, n in counts.items():
        total[key] = total.get(key, 0) + n


def sum_facts(documents: Sequence[Document], memo: "FactsMemo | None") -> SummedFacts:
    """The documents' facts added up in their order. With the preview's memo, each run of one
    council's documents is added up once and kept, so an edit adds up its council's again and
    the councils' sums, not every document's facts."""
    if memo is None:
        return SummedFacts.of(tuple(documents), DocumentFacts.of)
    runs = [tuple(run) for _, run in groupby(documents, key=lambda d: d.council)]
    return SummedFacts.combined(memo.summed(run) for run in runs)


class FactsMemo:
    """Each document's facts, by document id, kept with the document object they were worked
    out from: another object under the same id (an edited document) has them worked out anew.
    And each council's sum, kept with the document objects it was made of."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Document, DocumentFacts]] = {}
        self.sums: dict[str, SummedFacts] = {}  # by the first document's council

    def of(self, document: Document) -> DocumentFacts:
        found = self.kept.get(document.id)
        if found is None or found[0] is not document:
            found = self.kept[document.id] = (document, DocumentFacts.of(document))
        return found[1]

    def summed(self, documents: tuple[Document, ...]) -> SummedFacts:
        """The sum of one council's documents (a run of them, in corpus order)."""
        key = documents[0].council
        found = self.sums.get(key)
        if found is None or len(found.documents) != len(documents) or any(a is not b for a, b in zip(found.documents, documents)):
            found = self.sums[key] = SummedFacts.of(documents, self.of)
        return found

    def retain(self, documents: Iterable[Document]) -> None:
        """Forget the documents not among these (removed, or replaced by an edit)."""
        current = {d.id: d for d in documents}
        self.kept = {key: value for key, value in self.kept.items() if current.get(key) is value[0]}
        councils = {d.council for d in current.values()}
        self.sums = {key: value for key, value in self.sums.items() if key in councils}
