"""How a council is judged now, and how it got there: the answer at the top of its page.

The current judgement is the newest of the council's overall-effectiveness series (a judgement
of a document the collection does not transcribe counts, with the documents that report it).
What happened since is every transcribed document dated after it, newest first, each with the
paragraph its editor chose as its headline. The direction is the current judgement's word
against the one before it. The concerns are the areas for development and recommendations no
later document shows to be addressed, the most recently raised first, then the most often.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document_facts import JudgementRecord
from .index import Corpus, Weakness
from .model import Document, FollowUpStatus, Grade, PartialDate, Reference

OVERALL_SERIES = "overall-effectiveness"  # the series of a council's headline judgement
CONCERNS_SHOWN = 3


@dataclass(frozen=True)
class Verdict:
    """An overall judgement, with what a reader needs to place it."""

    record: JudgementRecord
    date: date | PartialDate  # as precise as the document gives it
    reported_by: tuple[tuple[Document, Reference], ...]  # where a document not transcribed is reported
    inferred: tuple[str, ...] = ()  # its fields the editors inferred (a document not transcribed)


@dataclass(frozen=True)
class Standing:
    current: Verdict | None
    previous: Verdict | None
    since: tuple[Document, ...]  # newest first
    concerns: tuple[Concern, ...]  # open_concerns()

    @property
    def first_concerns(self) -> tuple[Concern, ...]:
        """The few a council page's first screen names."""
        return self.concerns[:CONCERNS_SHOWN]

    @property
    def direction(self) -> str | None:
        """'better', 'worse' or 'the same' against the judgement before, when there is one."""
        if self.current is None or self.previous is None:
            return None
        return direction(self.current.record.grade, self.previous.record.grade)


def direction(now: Grade, before: Grade) -> str:
    """'better', 'worse' or 'the same': a judgement's word against an earlier one's."""
    a, b = now.value.label.rank, before.value.label.rank
    return "better" if a > b else "worse" if a < b else "the same"


def standing(corpus: Corpus, council_id: str) -> Standing:
    overall = corpus.judgement_series(council_id).get(OVERALL_SERIES, ())
    current = _verdict(corpus, overall[-1]) if overall else None
    previous = _verdict(corpus, overall[-2]) if len(overall) > 1 else None
    documents = corpus.documents_of(council_id)
    since = tuple(reversed([d for d in documents if current is None or d.date > current.record.date]))
    return Standing(current, previous, since, open_concerns(corpus, council_id))


def _verdict(corpus: Corpus, record: JudgementRecord) -> Verdict:
    if record.transcribed:
        document = corpus.document(record.document_id)
        assert document is not None, "a transcribed record's document is in the corpus"
        return Verdict(record, document.date, ())
    referenced = corpus.referenced_document(record.document_id)
    assert referenced is not None, "a reported record's document is declared by its council"
    return Verdict(record, referenced.date, corpus.referring_to(referenced.id), referenced.inferred)


RAISED_AGAIN = (FollowUpStatus.NOT_ADDRESSED, FollowUpStatus.PARTLY_ADDRESSED)


@dataclass(frozen=True)
class Concern:
    """An open area for development or recommendation, as a briefing lists it."""

    weakness: Weakness
    times_raised: int  # where it was raised, and each later document that says it is not (fully) addressed
    last_raised: date


def open_concerns(corpus: Corpus, council_id: str) -> tuple[Concern, ...]:
    """The council's concerns not yet shown to be addressed: the most recently raised first, then
    the most often raised, then in document order."""
    concerns = []
    for w in corpus.weaknesses_of(council_id):
        if w.status is FollowUpStatus.ADDRESSED:
            continue
        again = [d.date for d, report in w.reports if report.status in RAISED_AGAIN]
        concerns.append(Concern(w, 1 + len(again), max([w.document.date, *again])))
    return tuple(sorted(concerns, key=lambda c: (-c.last_raised.toordinal(), -c.times_raised)))
