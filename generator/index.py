"""The Corpus: every checked content object, with the lookups and cross-links pages need.

Everything here is computed once from the frozen content objects, except the quotations of a
theme (there are several per paragraph), made when a page asks for them; pages only read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import islice
from pathlib import Path

from . import urls
from .document_facts import FactsMemo, JudgementRecord, SummedFacts, sum_facts
from .errors import ContentError
from .model import (
    Council, Document, FollowUp, FollowUpReport, FollowUpStatus, GradeScale, Paragraph, Person,
    Reference, ReferencedDocument, Registries, Stance, Theme,
)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: date
    document: Document | None
    referenced: ReferencedDocument | None
    reported_by: tuple[tuple[Document, Reference], ...]  # what transcribed documents say of it

    @property
    def id(self) -> str:
        return self.document.id if self.document else self.referenced.id


@dataclass(frozen=True, slots=True)
class Weakness:
    """An area for development or recommendation, and what later documents say became of it."""

    document: Document
    paragraph: Paragraph
    follow_up: FollowUp | None
    reports: tuple[tuple[Document, FollowUpReport], ...]  # oldest later document first

    @property
    def status(self) -> FollowUpStatus:
        """What the latest document reporting on it says; mixed statuses there count as partly addressed."""
        if not self.reports:
            return FollowUpStatus.NO_LATER_EVIDENCE
        latest = self.reports[-1][0]
        statuses = {report.status for document, report in self.reports if document is latest}
        return statuses.pop() if len(statuses) == 1 else FollowUpStatus.PARTLY_ADDRESSED


@dataclass(frozen=True, slots=True)
class Director:
    date: date
    person: Person
    document: Document
    how: str  # "addressed to" or "author"


@dataclass(frozen=True, slots=True)
class Quotation:
    document: Document
    paragraph: Paragraph
    weakness: Weakness | None  # when the paragraph is one, and what became of it


class _CouncilQuotations:
    """Each theme's quotations from the documents of the council asked about last: a council's
    theme pages are made one after another, each asking for one theme, and keeping every
    council's would hold every tagged paragraph of the corpus at once."""

    def __init__(self) -> None:
        self.council_id: str | None = None
        self.by_theme: dict[str, tuple[Quotation, ...]] = {}


@dataclass(frozen=True)
class Corpus:
    registries: Registries
    councils: tuple[Council, ...]
    documents: tuple[Document, ...]
    root: Path = field(compare=False)  # the project folder the content was read from: source files are read again from it
    notes: tuple[ContentError, ...] = ()  # files skipped on purpose (editors' junk), to tell the editor
    facts: FactsMemo | None = field(default=None, compare=False, repr=False)  # the preview's, kept from check to check
    # Every document's facts added up by the check's workers, in corpus order (a build's forked check).
    summed_ahead: SummedFacts | None = field(default=None, compare=False, repr=False)

    # -- lookups -----------------------------------------------------------------------------------

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

    @cached_property
    def _councils_by_id(self) -> dict[str, Council]:
        return {c.id: c for c in self.councils}

    def council(self, council_id: str) -> Council:
        return self._councils_by_id[council_id]

    def scale(self, scale_id: str) -> GradeScale:
        return self.scales_by_id[scale_id]

    @cached_property
    def themes_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.registries.themes}

    def theme(self, theme_id: str) -> Theme:
        return self.themes_by_id[theme_id]

    @cached_property
    def scales_by_id(self) -> dict[str, GradeScale]:
        return {s.id: s for s in self.registries.scales}

    def paragraph(self, document_id: str, paragraph_id: str) -> Paragraph | None:
        document = self.document(document_id)
        return document.paragraph(paragraph_id) if document else None

    @cached_property
    def documents_by_date(self) -> tuple[Document, ...]:
        return tuple(sorted(self.documents, key=lambda d: (d.date, d.id)))

    @cached_property
    def _documents_by_council(self) -> dict[str, tuple[Document, ...]]:
        return group_by(self.documents_by_date, lambda d: d.council)

    def documents_of(self, council_id: str) -> tuple[Document, ...]:
        return self._documents_by_council.get(council_id, ())

    def documents_using(self, scale: GradeScale) -> tuple[Document, ...]:
        return tuple(d for d in self.documents_by_date if any(j.grade.scale.id == scale.id for j in d.judgements))

    def neighbours(self, document: Document) -> tuple[Document | None, Document | None]:
        """The previous and next document of the same council."""
        same = self.documents_of(document.council)
        index = next(i for i, d in enumerate(same) if d.id == document.id)
        return (same[index - 1] if index > 0 else None, same[index + 1] if index + 1 < len(same) else None)

    # -- references --------------------------------------------------------------------------------

    @cached_property
    def _references_to(self) -> dict[str, tuple[tuple[Document, Reference], ...]]:
        found: dict[str, list[tuple[Document, Reference]]] = {}
        for other in self.documents_by_date:
            for reference in other.references:
                found.setdefault(reference.document, []).append((other, reference))
        return {key: tuple(value) for key, value in found.items()}

    def referring_to(self, document_id: str) -> tuple[tuple[Document, Reference], ...]:
        return self._references_to.get(document_id, ())

    # -- judgements --------------------------------------------------------------------------------

    @cached_property
    def _summed(self) -> SummedFacts:
        """Every document's facts added up in corpus order (document_facts.py), unless the check
        added them up already."""
        return self.summed_ahead if self.summed_ahead is not None else sum_facts(self.documents, self.facts)

    @cached_property
    def judgement_records(self) -> tuple[JudgementRecord, ...]:
        records = list(self._summed.judgements)
        for council in self.councils:
            for r in council.referenced_documents:
                for j in r.judgements:
                    records.append(JudgementRecord(
                        council.id, r.id, r.title, r.kind.name, r.kind.short_name, r.date.earliest(), r.date.iso(), False, j.id,
                        r.kind.name, j.area, j.grade, j.themes, j.series, urls.council(council) + f"#judgement-{r.id}-{j.id}",
                    ))
        return tuple(sorted(records, key=lambda rec: (rec.date, rec.document_id, rec.id)))

    @cached_property
    def _judgements_by_council(self) -> dict[str, tuple[JudgementRecord, ...]]:
        return group_by(self.judgement_records, lambda r: r.council)

    def judgements_of(self, council_id: str) -> tuple[JudgementRecord, ...]:
        return self._judgements_by_council.get(council_id, ())

    def judgement_series(self, council_id: str) -> dict[str, tuple[JudgementRecord, ...]]:
        """Each series (one area judged over time) of a council, oldest judgement first."""
        series: dict[str, list[JudgementRecord]] = {}
        for record in self.judgements_of(council_id):
            series.setdefault(record.series, []).append(record)
        return {key: tuple(values) for key, values in series.items()}

    @cached_property
    def _judgements_by_theme(self) -> dict[str, tuple[JudgementRecord, ...]]:
        found: dict[str, list[JudgementRecord]] = {}
        for record in self.judgement_records:
            for theme_id in record.themes:
                found.setdefault(theme_id, []).append(record)
        return {key: tuple(value) for key, value in found.items()}

    def judgements_with_theme(self, theme_id: str) -> tuple[JudgementRecord, ...]:
        return self._judgements_by_theme.get(theme_id, ())

    # -- council timeline, directors, weaknesses --------------------------------------------------------

    def timeline(self, council_id: str) -> tuple[TimelineEntry, ...]:
        entries = [TimelineEntry(d.date, d, None, ()) for d in self.documents_of(council_id)]
        entries += [
            TimelineEntry(r.date.earliest(), None, r, self.referring_to(r.id))
            for r in self.council(council_id).referenced_documents
        ]
        return tuple(sorted(entries, key=lambda e: (e.date, e.id)))

    def directors(self, council_id: str) -> tuple[Director, ...]:
        """Directors of children's services the documents were addressed to or written by."""
        found = []
        for d in self.documents_of(council_id):
            people = [(d.recipient.person, "addressed to")] if d.recipient else []
            people += [(author, "author") for author in d.authors]
            for person, how in people:
                if person.role and "director" in person.role.casefold():
                    found.append(Director(d.date, person, d, how))
        return tuple(found)

    @cached_property
    def weaknesses(self) -> tuple[Weakness, ...]:
        found = []
        for d in self.documents_by_date:
            follow_ups = {f.paragraph: f for f in d.follow_ups}
            for p in d.paragraphs():
                if p.stance in (Stance.AREA_FOR_DEVELOPMENT, Stance.RECOMMENDATION) or p.id in follow_ups:
                    follow_up = follow_ups.get(p.id)
                    reports = [(self.document(r.document), r) for r in (follow_up.reports if follow_up else ())]
                    reports.sort(key=lambda pair: pair[0].date)
                    found.append(Weakness(d, p, follow_up, tuple(reports)))
        return tuple(found)

    @cached_property
    def _weaknesses_by_council(self) -> dict[str, tuple[Weakness, ...]]:
        return group_by(self.weaknesses, lambda w: w.document.council)

    def weaknesses_of(self, council_id: str) -> tuple[Weakness, ...]:
        return self._weaknesses_by_council.get(council_id, ())

    @cached_property
    def _weakness_at(self) -> dict[tuple[str, str], Weakness]:
        return {(w.document.id, w.paragraph.id): w for w in self.weaknesses}

    @cached_property
    def _reporting(self) -> dict[tuple[str, str], tuple[Weakness, ...]]:
        found: dict[tuple[str, str], dict[tuple[str, str], Weakness]] = {}
        for w in self.weaknesses:
            for later, report in w.reports:
                # keyed by ids: hashing a Weakness would hash its whole document
                found.setdefault((later.id, report.paragraph), {})[(w.document.id, w.paragraph.id)] = w
        return {key: tuple(value.values()) for key, value in found.items()}

    def weakness(self, document_id: str, paragraph_id: str) -> Weakness | None:
        return self._weakness_at.get((document_id, paragraph_id))

    def reports_on(self, document_id: str, paragraph_id: str) -> tuple[Weakness, ...]:
        """Earlier weaknesses that this paragraph reports on."""
        return self._reporting.get((document_id, paragraph_id), ())

    # -- years -----------------------------------------------------------------------------------

    @cached_property
    def years(self) -> tuple[int, ...]:
        years = {d.date.year for d in self.documents}
        years |= {y for d in self.documents if d.fieldwork for y in range(d.fieldwork.start.year, d.fieldwork.end.year + 1)}
        years |= {r.date.year for c in self.councils for r in c.referenced_documents}
        return tuple(sorted(years))

    def documents_dated(self, year: int) -> tuple[Document, ...]:
        return self._documents_by_year.get(year, ())

    @cached_property
    def _documents_by_year(self) -> dict[int, tuple[Document, ...]]:
        return group_by(self.documents_by_date, lambda d: d.date.year)

    def fieldwork_in(self, year: int) -> tuple[Document, ...]:
        """Documents whose fieldwork fell in the year but which are dated another year."""
        return self._fieldwork_by_year.get(year, ())

    @cached_property
    def _fieldwork_by_year(self) -> dict[int, tuple[Document, ...]]:
        return group_by(((year, d) for d in self.documents_by_date if d.fieldwork
                         for year in range(d.fieldwork.start.year, d.fieldwork.end.year + 1) if year != d.date.year),
                        lambda pair: pair[0], value=lambda pair: pair[1])

    def referenced_in(self, year: int) -> tuple[TimelineEntry, ...]:
        return tuple(
            TimelineEntry(r.date.earliest(), None, r, self.referring_to(r.id))
            for c in self.councils for r in c.referenced_documents if r.date.year == year
        )

    def judgements_in(self, year: int) -> tuple[JudgementRecord, ...]:
        return self._judgements_by_year.get(year, ())

    @cached_property
    def _judgements_by_year(self) -> dict[int, tuple[JudgementRecord, ...]]:
        return group_by(self.judgement_records, lambda r: r.date.year)

    # -- themes ----------------------------------------------------------------------------------

    def quotations(self, theme_id: str) -> tuple[Quotation, ...]:
        """Every paragraph tagged with the theme, newest document first, in reading order within one.
        (Made when asked for, like quotations_of: a corpus tags several hundred thousand.)"""
        return tuple(self._tagged(theme_id, reversed(self.documents_by_date)))

    def newest_quotations(self, theme_id: str, most: int) -> tuple[Quotation, ...]:
        """The first `most` of quotations(theme_id)."""
        return tuple(islice(self._tagged(theme_id, self._newest_tagging.get(theme_id, ())), most))

    @cached_property
    def _newest_tagging(self) -> dict[str, tuple[Document, ...]]:
        """For each theme, the documents with a paragraph tagged with it, newest first."""
        return group_by(((theme_id, d) for d in reversed(self.documents_by_date)
                         for theme_id in {t for p in d.paragraphs() for t in p.themes}),
                        lambda pair: pair[0], value=lambda pair: pair[1])

    def quotations_of(self, theme_id: str, council_id: str) -> tuple[Quotation, ...]:
        """The theme's quotations from one council's documents, newest first."""
        last = self._last_quoted
        if last.council_id != council_id:
            last.council_id, last.by_theme = council_id, self._quotations_by_theme(council_id)
        return last.by_theme.get(theme_id, ())

    @cached_property
    def _last_quoted(self) -> "_CouncilQuotations":
        return _CouncilQuotations()

    def _quotations_by_theme(self, council_id: str) -> dict[str, tuple[Quotation, ...]]:
        """Each theme's quotations from one council's documents, newest first, in one pass over them."""
        found: dict[str, list[Quotation]] = {}
        for d in reversed(self.documents_of(council_id)):
            for p in d.paragraphs():
                if p.themes:
                    quotation = Quotation(d, p, self.weakness(d.id, p.id))
                    for theme_id in p.themes:
                        found.setdefault(theme_id, []).append(quotation)
        return {theme_id: tuple(quotations) for theme_id, quotations in found.items()}

    def _tagged(self, theme_id: str, documents: Iterable[Document]) -> Iterator[Quotation]:
        for d in documents:
            for p in d.paragraphs():
                if theme_id in p.themes:
                    yield Quotation(d, p, self.weakness(d.id, p.id))

    @cached_property
    def _stances_on(self) -> dict[tuple[str, str], tuple[tuple[Stance, int], ...]]:
        """For each theme and council, the council's paragraphs tagged with the theme, counted by stance."""
        found: dict[tuple[str, str], dict[Stance, int]] = {}
        for (theme_id, council_id, stance), count in self._summed.stances.items():  # in the order first met
            found.setdefault((theme_id, council_id), {})[stance] = count
        return {key: tuple((s, counts[s]) for s in Stance if s in counts) for key, counts in found.items()}

    def stances_on(self, theme_id: str, council_id: str) -> tuple[tuple[Stance, int], ...]:
        """How many of the council's paragraphs are tagged with the theme, by stance, in the order
        of the Stance list, each stance found (len(quotations_of) in all)."""
        return self._stances_on.get((theme_id, council_id), ())

    @cached_property
    def _quotation_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for (theme_id, _), stances in self._stances_on.items():
            counts[theme_id] += sum(n for _, n in stances)
        return counts

    def quotation_count(self, theme_id: str) -> int:
        """len(quotations(theme_id)), without making them."""
        return self._quotation_counts[theme_id]

    @cached_property
    def _theme_judgements_by_council(self) -> dict[tuple[str, str], tuple[JudgementRecord, ...]]:
        return group_by(((theme_id, r) for theme_id, found in self._judgements_by_theme.items() for r in found),
                      lambda pair: (pair[0], pair[1].council), value=lambda pair: pair[1])

    def theme_judgements_of(self, theme_id: str, council_id: str) -> tuple[JudgementRecord, ...]:
        """Judgements of the theme's areas for one council, oldest first."""
        return self._theme_judgements_by_council.get((theme_id, council_id), ())

    def themes_of(self, council_id: str) -> tuple[Theme, ...]:
        """The themes a council's documents speak to (a paragraph or a judgement), in registry order."""
        return tuple(t for t in self.registries.themes
                     if (t.id, council_id) in self._stances_on or self.theme_judgements_of(t.id, council_id))

    def councils_on(self, theme_id: str) -> tuple[Council, ...]:
        """The councils whose documents speak to the theme (a paragraph or a judgement), in corpus order."""
        return tuple(c for c in self.councils if (theme_id, c.id) in self._stances_on or self.theme_judgements_of(theme_id, c.id))

    def related_themes(self, theme_id: str, most: int = 6) -> tuple[tuple[Theme, int], ...]:
        """The themes most often tagged on the same paragraphs as this one."""
        return tuple((self.theme(t), n) for t, n in self._themes_together.get(theme_id, Counter()).most_common(most))

    @cached_property
    def _themes_together(self) -> dict[str, Counter[str]]:
        """For each theme, how often each other theme is tagged on the same paragraph (counted in
        corpus order, so ties keep the order in which the themes were first met)."""
        together: dict[str, Counter[str]] = {}
        for (theme_id, other), count in self._summed.pairs.items():
            together.setdefault(theme_id, Counter())[other] = count
        return together


def group_by(items, key, value=lambda item: item) -> dict:
    """Items (or value(item)) grouped by key, each group in the items' order."""
    found: dict = {}
    for item in items:
        found.setdefault(key(item), []).append(value(item))
    return {k: tuple(v) for k, v in found.items()}
