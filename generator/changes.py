"""What changed between a council's latest inspection and the one before it: for a council page.

An inspection here is a document with judgements, transcribed or known only from the documents
that report it. The latest is the newest; the one before is the newest earlier one that judged
at least one of the same areas (a series), so that there is something to compare. The view
gives, for each area both judged, the word before and after; and for the areas for development
and recommendations, what became of those raised at the inspection before, which were raised
by documents since, and which later documents raised again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from .document_facts import JudgementRecord
from .index import Corpus, Weakness
from .model import Document, FollowUpStatus
from .standing import Concern, direction, open_concerns


@dataclass(frozen=True)
class Change:
    """One area judged at both inspections."""

    before: JudgementRecord
    after: JudgementRecord

    @property
    def direction(self) -> str:
        return direction(self.after.grade, self.before.grade)


@dataclass(frozen=True)
class SincePrevious:
    previous: tuple[JudgementRecord, ...]  # the inspection before: its judgements
    latest: tuple[JudgementRecord, ...]
    changes: tuple[Change, ...]  # the areas judged at both, in the latest inspection's order
    raised_before: tuple[Weakness, ...]  # raised by the inspection before (when it is transcribed)
    raised_since: tuple[Weakness, ...]  # raised by documents dated after it
    raised_again: tuple[Concern, ...]  # open concerns a document after it says are not (fully) addressed

    @property
    def raised_since_by_document(self) -> list[tuple[Document, int]]:
        """How many each document since raised, newest first."""
        counts = Counter(w.document.id for w in self.raised_since)
        documents = {w.document.id: w.document for w in self.raised_since}
        return sorted(((documents[i], n) for i, n in counts.items()), key=lambda item: item[0].date, reverse=True)

    @property
    def statuses_before(self) -> list[tuple[FollowUpStatus, int]]:
        """How many of those raised before each status counts, in the order of FollowUpStatus."""
        counts = Counter(w.status for w in self.raised_before)
        return [(status, counts[status]) for status in FollowUpStatus if counts[status]]


def inspections_of(corpus: Corpus, council_id: str) -> list[tuple[JudgementRecord, ...]]:
    """The council's inspections, oldest first: each document's judgements (in date order)."""
    return [tuple(records) for _, records in groupby(corpus.judgements_of(council_id), key=lambda r: r.document_id)]


def since_previous_inspection(corpus: Corpus, council_id: str) -> SincePrevious | None:
    """The comparison, or None where the council has no two inspections judging the same area."""
    inspections = inspections_of(corpus, council_id)
    if not inspections:
        return None
    latest = inspections[-1]
    areas = {r.series for r in latest}
    previous = next((group for group in reversed(inspections[:-1]) if areas & {r.series for r in group}), None)
    if previous is None:
        return None
    before = {r.series: r for r in previous}
    changes = tuple(Change(before[r.series], r) for r in latest if r.series in before)
    after = previous[0].date
    weaknesses = corpus.weaknesses_of(council_id)
    return SincePrevious(
        previous, latest, changes,
        raised_before=tuple(w for w in weaknesses if w.document.id == previous[0].document_id),
        raised_since=tuple(w for w in weaknesses if w.document.date > after),
        raised_again=tuple(c for c in open_concerns(corpus, council_id) if c.times_raised > 1 and c.last_raised > after),
    )
