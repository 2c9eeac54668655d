"""What a paragraph is called where a page points to it: the number printed beside it, or,
where the source prints none, the place a reader finds it by ("Areas for development, point 5",
"Overview, paragraph 1", "opening paragraph 2"). Paragraph ids are the editors' names for
anchors and data files ("afd-5", "weaknesses-being-healthy-1"); they never appear in reading text.

The rules, in order:
- a paragraph printed with a number is "paragraph <number>" (ids of numbered paragraphs are the
  number as printed, validate.py checks);
- in a section with a heading, or below one, it is "<heading>, paragraph <n>" ("point <n>" for a
  bullet), counted from the heading's first paragraph;
- in a row of a strengths-and-weaknesses table, "<row heading>, <column heading>, point <n>",
  counted down the column;
- before the document's first heading, "opening paragraph <n>"; after a heading but in no
  section with one (a letter's closing lines), "paragraph <n> after “<the heading before>”";
- in a document with printed numbers, a paragraph without one that comes after one (the bullets
  of a numbered paragraph's list) adds "(after paragraph <number>)", since headings such as
  "Within three months" repeat.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterator

from .model import Document, Paragraph, Section, column_cells


def paragraph_label(document: Document, paragraph_id: str) -> str:
    """The readable name of one of the document's paragraphs (the corpus is checked: it exists)."""
    for found, label in paragraph_labels(document):
        if found == paragraph_id:
            return label
    raise LookupError(f"{document.id} has no paragraph '{paragraph_id}'")


class ParagraphLabels:
    """`labels(document, paragraph_id)`: each document's labels worked out once while it is in use.
    Pages are made council by council, so a few dozen documents are kept and memory does not grow
    with the corpus; a document is known by its council and id and, since the preview makes new
    ones after an edit, by being the same object."""

    def __init__(self, kept: int = 64) -> None:
        self.kept = kept
        self._labels: OrderedDict[tuple[str, str], tuple[Document, dict[str, str]]] = OrderedDict()

    def __call__(self, document: Document, paragraph_id: str) -> str:
        key = (document.council, document.id)
        found = self._labels.get(key)
        if found is None or found[0] is not document:
            found = self._labels[key] = document, dict(paragraph_labels(document))
            if len(self._labels) > self.kept:
                self._labels.popitem(last=False)
        else:
            self._labels.move_to_end(key)
        return found[1][paragraph_id]


def paragraph_labels(document: Document) -> Iterator[tuple[str, str]]:
    """(paragraph id, label) of every paragraph, in reading order."""
    return ((paragraph_id, label) for paragraph_id, label, _ in _Walk().document(document.sections))


def placed_labels(document: Document) -> Iterator[tuple[str, str]]:
    """(paragraph id, label) of every paragraph, a printed number after its section's heading
    ("Quality of provision, paragraph 30"): for a list of search results from many documents,
    where a reader has no page around the paragraph to see where it is."""
    for paragraph_id, label, heading in _Walk().document(document.sections):
        yield paragraph_id, f"{heading}, {label}" if heading and not label.startswith(heading) else label


class _Walk:
    """The document read from the top: how many paragraphs each place has had so far, the last
    heading passed and the last printed number."""

    def __init__(self) -> None:
        self.counts: Counter[object] = Counter()
        self.heading_before: str | None = None
        self.number_before: str | None = None

    def document(self, sections: tuple[Section, ...]) -> Iterator[tuple[str, str, str | None]]:
        """(paragraph id, label, the heading it is under, if any) of every paragraph."""
        for section in sections:
            place = "opening" if self.heading_before is None else f"after “{self.heading_before}”"
            yield from self.section(section, place, place)
            self.heading_before = _last_heading(section) or self.heading_before

    def section(self, section: Section, place: str, counted: object, heading: str | None = None) -> Iterator[tuple[str, str, str | None]]:
        """`counted`: what the paragraphs are counted from (a section with a heading, or the
        stretch with none at the top of the document or after a heading)."""
        if section.heading:
            heading = place = _place(section.heading)
            counted = id(section)  # the section itself would be hashed whole, every paragraph in it
        for paragraph in section.paragraphs:
            yield paragraph.id, self.label(paragraph, place, counted), heading
        for child in section.sections:
            if section.columns:
                for column, cell in zip(section.columns, column_cells(child)):
                    cell_place = f"{_place(child.heading or section.heading or '')}, {column.lower()}"
                    for paragraph in cell:
                        yield paragraph.id, self.label(paragraph, cell_place, (id(child), column)), cell_place
            else:
                yield from self.section(child, place, counted, heading)

    def label(self, paragraph: Paragraph, place: str, counted: object) -> str:
        if paragraph.numbered:
            self.number_before = paragraph.id
            return f"paragraph {paragraph.id}"
        self.counts[counted] += 1
        said = f"{'point' if paragraph.bullet else 'paragraph'} {self.counts[counted]}"
        if place == "opening":
            return f"opening {said}"
        if place.startswith("after “"):
            return f"{said} {place}"
        after = f" (after paragraph {self.number_before})" if self.number_before else ""
        return f"{place}, {said}{after}"


def _place(heading: str) -> str:
    """A heading as the name of a place in the document: without the colon some end with."""
    return heading.rstrip(": ")


def _last_heading(section: Section) -> str | None:
    """The heading a reader passed last on leaving the section."""
    for inner in reversed(list(section.walk())):
        if inner.heading:
            return _place(inner.heading)
    return None
