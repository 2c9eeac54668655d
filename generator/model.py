"""The content objects: typed, immutable, built only by `validate` from checked data."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform


T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def content_object(cls: type[T]) -> type[T]:
    """A content object's class: a frozen dataclass with slots, pickled as its class and its
    fields' values in order. Unpickling then makes each object by one call of its constructor
    instead of the dataclass's __setstate__ setting its fields one by one in Python, which was
    most of what handing a worker's documents back cost (a document is about a hundred objects)."""
    made = dataclass(frozen=True, slots=True)(cls)
    names = [f.name for f in fields(made)]
    read = attrgetter(*names) if len(names) > 1 else (lambda item: (getattr(item, names[0]),))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return type(self), read(self)

    made.__reduce__ = __reduce__  # type: ignore[method-assign]
    return made


class Label(str, Enum):
    """The normalised judgement words every scale maps onto, best first."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    ADEQUATE = "adequate"
    REQUIRES_IMPROVEMENT = "requires improvement"
    INADEQUATE = "inadequate"

    @property
    def rank(self) -> int:
        """4 for outstanding down to 1 for inadequate; adequate and requires improvement share 2."""
        return {"outstanding": 4, "good": 3, "adequate": 2, "requires improvement": 2, "inadequate": 1}[self.value]


class Direction(str, Enum):
    HIGHER_IS_BETTER = "higher-is-better"
    LOWER_IS_BETTER = "lower-is-better"


class Stance(str, Enum):
    STRENGTH = "strength"
    AREA_FOR_DEVELOPMENT = "area-for-development"
    RECOMMENDATION = "recommendation"
    CONTEXT = "context"
    MIXED = "mixed"


class NoteKind(str, Enum):
    PAGE_BREAK = "page-break"
    MERGED_COLUMNS = "merged-columns"
    ARTEFACT = "artefact"
    MISREADING = "misreading"
    AS_PRINTED = "as-printed"
    STRUCTURE = "structure"
    OMISSION = "omission"


class FollowUpStatus(str, Enum):
    ADDRESSED = "addressed"
    PARTLY_ADDRESSED = "partly-addressed"
    NOT_ADDRESSED = "not-addressed"
    NO_LATER_EVIDENCE = "no-later-evidence"


class Relation(str, Enum):
    RESPONDS_TO = "responds-to"
    REPORTS_ON = "reports-on"
    FOLLOWS_UP = "follows-up"
    MENTIONS = "mentions"


@content_object
class PartialDate:
    """A date known to the year, month or day, as sources give them ("April 2016")."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


@content_object
class GradeValue:
    grade: int
    word: str
    words_printed: tuple[str, ...]
    label: Label
    meaning: str


@content_object
class GradeScale:
    id: str
    name: str
    short_name: str
    direction: Direction
    kinds: tuple[str, ...]
    from_year: int
    to_year: int
    description: str
    values: tuple[GradeValue, ...]

    @property
    def best_first(self) -> tuple[GradeValue, ...]:
        return tuple(sorted(self.values, key=lambda v: v.label.rank, reverse=True))

    @property
    def anchor(self) -> str:
        return f"scale-{self.id}"


@content_object
class Theme:
    id: str
    name: str
    group: str
    definition: str


@content_object
class DocumentKind:
    id: str
    name: str
    short_name: str
    issuer: str
    legal_basis: str | None
    description: str

    @property
    def by_the_council(self) -> bool:
        """A council's own document (a committee report): its words are the council's position,
        never evidence of what an inspection found."""
        return self.issuer == COUNCIL_ISSUER


COUNCIL_ISSUER = "The council"  # document-kinds.yaml's issuer of a council's own documents


@content_object
class GlossaryTerm:
    id: str
    term: str
    expansion: str
    definition: str | None


@content_object
class Grade:
    """A judgement's grade: what was printed, on which scale, and the label that follows."""

    scale: GradeScale
    value: GradeValue
    printed_grade: int | None
    printed_word: str | None


@content_object
class Judgement:
    id: str
    section: str
    area: str
    grade: Grade
    paragraph: str | None
    note: str | None
    themes: tuple[str, ...]
    series: str  # judgements of the same area across documents share a series
    subsection: str | None = None  # a sub-heading the printed grades table gives above this area's row


@content_object
class ReportedJudgement:
    """A judgement of a document that is referred to but not transcribed."""

    id: str
    area: str
    grade: Grade
    themes: tuple[str, ...]
    series: str


@content_object
class ReferencedDocument:
    id: str
    council: str
    kind: DocumentKind
    title: str
    date: PartialDate
    judgements: tuple[ReportedJudgement, ...]
    inferred: tuple[str, ...] = ()  # fields the editors inferred rather than read (INFERABLE): pages say so


INFERABLE = ("title", "kind", "date")
TABLE_PRINTS = ("grade", "word")  # what a printed grades table gives for each area, when not both  # what an editor may give for a document no transcribed one names in full


@content_object
class Council:
    id: str
    name: str
    short_name: str
    region: str
    description: str
    referenced_documents: tuple[ReferencedDocument, ...]


@content_object
class Person:
    name: str
    role: str | None = None
    organisation: str | None = None


@content_object
class Recipient:
    person: Person
    address: tuple[str, ...]


@content_object
class ContactOfficer:
    person: Person
    telephone: str | None
    email: str | None


@content_object
class DateRange:
    start: date
    end: date


@content_object
class Issuer:
    body: str
    office: str | None
    letterhead: str | None


@content_object
class LineRange:
    first: int
    last: int
    reason: str


@content_object
class Source:
    file: str  # relative to the council folder
    path: str  # relative to the project root, for tests and messages
    published: str
    url: str | None
    excluded_lines: tuple[LineRange, ...]
    # The SHA-256 of the extracted text as checked. The text itself is not kept (a corpus holds
    # thousands, each written out once): content_files.source_text reads it again and holds it to this.
    digest: bytes

    @classmethod
    def of(cls, file: str, path: str, published: str, url: str | None, excluded_lines: tuple[LineRange, ...], text: str) -> "Source":
        return cls(file, path, published, url, excluded_lines, text_digest(text))


def text_digest(text: str) -> bytes:
    return bytes_digest(text.encode("utf-8"))


def bytes_digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


@content_object
class EditorialNote:
    id: str
    kind: NoteKind
    note: str
    paragraph: str | None
    original: str | None
    replacement: str | None


@content_object
class ParagraphTexts:
    """The Markdown texts of one document's paragraphs, in reading order, compressed together.

    A corpus of England holds hundreds of thousands of paragraphs. Kept as one compressed object
    per document they take a third of the memory, and a forked worker that reads them copies a
    page of memory per document instead of every text (Python writes a reference count on each
    object it reads, and the page that holds it is copied). The few documents read most recently
    are kept unpacked (pages are made document by document)."""

    packed: bytes
    ends: tuple[int, ...]  # where each text ends in the texts joined

    @classmethod
    def of(cls, texts: Sequence[str]) -> "ParagraphTexts":
        ends, end = [], 0
        for text in texts:
            end += len(text)
            ends.append(end)
        return cls(zlib.compress("".join(texts).encode("utf-8"), 1), tuple(ends))

    def __getitem__(self, index: int) -> str:
        return _unpacked(self)[self.ends[index - 1] if index else 0:self.ends[index]]

    def __len__(self) -> int:
        return len(self.ends)


UNPACKED_KEPT = 8
_recently_unpacked: list[tuple[ParagraphTexts, str]] = []  # newest last; held, so never mistaken for another


def _unpacked(texts: ParagraphTexts) -> str:
    for kept, joined in reversed(_recently_unpacked):
        if kept is texts:
            return joined
    joined = zlib.decompress(texts.packed).decode("utf-8")
    _recently_unpacked.append((texts, joined))
    if len(_recently_unpacked) > UNPACKED_KEPT:
        del _recently_unpacked[0]
    return joined


NO_TEXTS = ParagraphTexts.of(())  # stands in for a document's texts where they are left out


@content_object
class Paragraph:
    id: str
    texts: ParagraphTexts  # its document's
    index: int  # its own among them: its place in the document's reading order
    themes: tuple[str, ...]
    stance: Stance
    numbered: bool
    bullet: bool
    line: int = field(default=0, compare=False)  # of its entry in the document's file, for edit links; moving it is no change

    @property
    def text(self) -> str:
        """Its Markdown."""
        return self.texts[self.index]


@content_object
class Section:
    """A part of a document. Where `show_judgements` is set, the document prints its grades table
    here; the page shows it as printed (TABLE_PRINTS), and the judgements word first at its top."""

    id: str
    heading: str | None
    judgement: str | None
    columns: tuple[str, str] | None
    timescale: str | None
    show_judgements: bool
    table_prints: str | None  # what the grades table printed here gives for each area: "grade" or "word"; None: both, as recorded
    scale_table: str | None
    paragraphs: tuple[Paragraph, ...]
    sections: tuple["Section", ...]

    def walk(self):
        """This section and every section below it, in reading order."""
        yield self
        for child in self.sections:
            yield from child.walk()


def column_cells(row: Section) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...]]:
    """A row of a strengths-and-weaknesses table (a section below one with `columns`): its
    strengths, then its other paragraphs, as the two columns show them."""
    strengths = tuple(p for p in row.paragraphs if p.stance is Stance.STRENGTH)
    return strengths, tuple(p for p in row.paragraphs if p.stance is not Stance.STRENGTH)


class _Replacing:
    """dataclasses.replace for some fields of one dataclass, several times as fast: every field
    read in one call and passed by position (the check rebuilds every paragraph and section)."""

    def __init__(self, cls: type, *names: str) -> None:
        every = [f.name for f in fields(cls)]
        assert all(f.init for f in fields(cls)), "every field is passed to the constructor"
        self.cls, self.read, self.places = cls, attrgetter(*every), [every.index(name) for name in names]

    def __call__(self, item: Any, *values: Any) -> Any:
        given = list(self.read(item))
        for place, value in zip(self.places, values):
            given[place] = value
        return self.cls(*given)


_paragraph_with_texts = _Replacing(Paragraph, "texts")
_section_with = _Replacing(Section, "paragraphs", "sections")


def with_texts(sections: tuple[Section, ...], texts: ParagraphTexts) -> tuple[Section, ...]:
    """The sections with `texts` as their document's paragraph texts in every paragraph."""
    return tuple(
        _section_with(section, tuple(_paragraph_with_texts(p, texts) for p in section.paragraphs), with_texts(section.sections, texts))
        for section in sections
    )


@content_object
class Reference:
    id: str
    from_paragraph: str | None
    document: str
    paragraph: str | None
    relation: Relation
    says: str


@content_object
class FollowUpReport:
    """A later paragraph that reports on an earlier weakness, and what it says became of it."""

    document: str
    paragraph: str
    status: FollowUpStatus
    note: str


@content_object
class FollowUp:
    id: str
    paragraph: str  # the weakness or recommendation, in the document that holds the follow-up
    reports: tuple[FollowUpReport, ...]


@content_object
class Document:
    id: str
    council: str
    kind: DocumentKind
    title: str
    date: date
    fieldwork: DateRange | None
    period: DateRange | None
    issuer: Issuer
    grade_scale: GradeScale | None
    authors: tuple[Person, ...]
    recipient: Recipient | None
    copied_to: tuple[Person, ...]
    contact_officer: ContactOfficer | None
    salutation: str | None
    valediction: str | None
    signature: str | None
    source: Source
    attribution: str
    editorial_notes: tuple[EditorialNote, ...]
    judgements: tuple[Judgement, ...]
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    follow_ups: tuple[FollowUp, ...]
    headline: str | None  # the id of the paragraph that sums the document up, quoted on its council's page
    all_paragraphs: tuple[Paragraph, ...]  # every paragraph of every section, in reading order

    def all_sections(self):
        for section in self.sections:
            yield from section.walk()

    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.all_paragraphs

    def headline_paragraph(self) -> "Paragraph | None":
        return self.paragraph(self.headline) if self.headline else None

    def paragraph(self, paragraph_id: str) -> "Paragraph | None":
        return next((p for p in self.paragraphs() if p.id == paragraph_id), None)


@content_object
class Registries:
    scales: tuple[GradeScale, ...]
    themes: tuple[Theme, ...]
    kinds: tuple[DocumentKind, ...]
    glossary: tuple[GlossaryTerm, ...]
