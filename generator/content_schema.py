"""The shape of every content file, said once: which fields each object has, which are required,
what each holds and what it means. The validator (documents.py, registries.py) takes each
object's required and optional fields from here, and `python -m generator schema` writes the same
shapes as JSON Schema files (schemas/), which editors' YAML support (yaml-language-server: VS Code,
Codespaces) uses for completion, hover text and checking as they type.

The Python validator stays the authority: the schema cannot say that a paragraph named by a
follow-up exists, that a grade is on its scale, or that a source file is inside sources/. What it
can say, it says the way the validator reads YAML: every scalar as text, so `id: 22` and
`id: "22"` are the same id, and a number is also text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from .fields import ID_PATTERN
from .model import INFERABLE, TABLE_PRINTS, Direction, FollowUpStatus, Label, NoteKind, Registries, Relation, Stance

SCHEMA_VERSION = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Field:
    kind: str  # id, text, text-or-empty, integer, boolean, date, partial-date, date-range, text-list, enum, enum-list, theme-list, object, list
    description: str
    required: bool = True
    shape: "Shape | None" = None  # for an object, or a list of objects
    choices: str | type[Enum] | tuple[str, ...] | None = None  # for an enum: a registry ("theme", "kind", "scale"), an Enum, or values
    pairs: bool = False  # a text-list of exactly two entries (a table's two column headings)


@dataclass(frozen=True)
class Shape:
    what: str  # as errors name it: "a paragraph"
    description: str
    fields: dict[str, Field] = field(default_factory=dict)

    @cached_property  # asked for every object the check reads
    def required(self) -> tuple[str, ...]:
        return tuple(key for key, f in self.fields.items() if f.required)

    @cached_property
    def optional(self) -> tuple[str, ...]:
        return tuple(key for key, f in self.fields.items() if not f.required)


def _f(kind: str, description: str, **more: Any) -> Field:
    return Field(kind, description, **more)


def _o(kind: str, description: str, **more: Any) -> Field:
    return Field(kind, description, required=False, **more)


PERSON_FIELDS = {
    "name": _f("text", "The person's name as printed."),
    "role": _o("text", "Their role as printed (\"Director of Children's Services\")."),
    "organisation": _o("text", "Their organisation as printed."),
}
PERSON = Shape("a person", "A person named in the document.", dict(PERSON_FIELDS))
RECIPIENT = Shape("'recipient'", "Whom the letter is addressed to.", {
    **PERSON_FIELDS, "address": _o("text-list", "The address lines as printed, one entry a line."),
})
CONTACT = Shape("'contact_officer'", "The contact officer a committee report names.", {
    **PERSON_FIELDS,
    "telephone": _o("text", "Their telephone number as printed."),
    "email": _o("text", "Their email address as printed."),
})
ISSUER = Shape("'issuer'", "Who issued the document.", {
    "body": _f("text", "The issuing body: Ofsted, or the council."),
    "office": _o("text", "The office it was issued from, as printed."),
    "letterhead": _o("text", "The letterhead lines, as printed, joined."),
})
LINE_RANGE = Shape("an excluded line range", "Lines of the source left out of the page (a letterhead, a page footer), with why.", {
    "lines": _f("text", "FIRST-LAST, line numbers of the source file (\"1-12\")."),
    "reason": _f("text", "Why these lines are not shown (\"letterhead\", \"repeated page footer\")."),
})
SOURCE = Shape("'source'", "The extracted text the transcription is checked against.", {
    "file": _f("text", "The source text's path inside the council's folder: sources/<document id>.txt."),
    "published": _f("text", "Where and when it was published, as the page states it (\"Ofsted website (www.ofsted.gov.uk)\")."),
    "url": _o("text", "The original publication's address (https://...), when the source gives it."),
    "excluded_lines": _o("list", "Lines of the source that are not part of the text shown.", shape=LINE_RANGE),
})
DATE_RANGE = Shape("a date range", "Two dates, first and last day.", {
    "from": _f("date", "First day, YYYY-MM-DD."),
    "to": _f("date", "Last day, YYYY-MM-DD."),
})
JUDGEMENT_GRADE = {
    "grade": _o("integer", "The grade number as printed; give it, or 'word', or both."),
    "word": _o("text", "The grade word as printed (\"satisfactory\"); give it, or 'grade', or both."),
    "scale": _o("enum", "The grade scale, when not the document's 'grade_scale' (see grade-scales.yaml).", choices="scale"),
}
JUDGEMENT = Shape("a judgement", "One area judged, with its grade as printed.", {
    "id": _f("id", "Unique in the document; anchors link to it (#judgement-<id>)."),
    "section": _f("text", "The part of the document the area belongs to, as printed (\"Safeguarding services\")."),
    "subsection": _o("text", "A sub-heading the grades table prints above this area's row, within its section (\"Safeguarding outcomes for children and young people\")."),
    "area": _f("text", "The area judged, as printed."),
    **JUDGEMENT_GRADE,
    "paragraph": _o("id", "The paragraph that states the judgement."),
    "note": _o("text", "An editor's note on the judgement (shown with it)."),
    "themes": _o("theme-list", "Themes the area belongs to (see themes.yaml)."),
    "series": _o("id", "The area over time: judgements of one area in several documents share a series, which the council page charts."),
})
REPORTED_JUDGEMENT = Shape("a judgement", "A judgement of a document not transcribed, as documents that are report it.", {
    "id": _f("id", "Unique among the document's judgements."),
    "area": _f("text", "The area judged."),
    **JUDGEMENT_GRADE,
    "themes": _o("theme-list", "Themes the area belongs to (see themes.yaml)."),
    "series": _o("id", "The area over time (see a document judgement's 'series')."),
})
REFERENCED_DOCUMENT = Shape("a referenced document", "A document the transcribed ones refer to, not itself transcribed.", {
    "id": _f("id", "Unique in the council; references name it."),
    "kind": _f("enum", "What kind of document it is (see document-kinds.yaml).", choices="kind"),
    "title": _f("text", "Its title, as the referring documents give it."),
    "date": _f("partial-date", "Its date, as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD."),
    "judgements": _o("list", "Its judgements, as documents that are transcribed report them.", shape=REPORTED_JUDGEMENT),
    "inferred": _o("enum-list", "The fields the editors inferred rather than read in a document (title, kind, date): its pages say so.", choices=INFERABLE),
})
COUNCIL = Shape("a council", "A council: councils/<id>/council.yaml.", {
    "id": _f("id", "The council's id: its folder's name."),
    "name": _f("text", "Its full name (\"Dudley Metropolitan Borough Council\")."),
    "short_name": _f("text", "The name in running text (\"Dudley\")."),
    "region": _f("text", "Its region of England."),
    "description": _f("text", "One sentence a reader meets at the top of its page."),
    "referenced_documents": _o("list", "Documents its transcribed documents refer to that are not transcribed.", shape=REFERENCED_DOCUMENT),
})
PARAGRAPH = Shape("a paragraph", "One paragraph (or bullet) of the text, verbatim.", {
    "id": _f("id", "Unique in the document: the printed number where the source numbers paragraphs, else a name (\"intro-1\")."),
    "text": _f("text", "The paragraph's words exactly as printed, as Markdown."),
    "themes": _f("theme-list", "Every theme the paragraph says something about (see themes.yaml); may be empty."),
    "stance": _f("enum", "What kind of statement it is: strength, area-for-development, recommendation, mixed (both), context (judges nothing).", choices=Stance),
    "numbered": _o("boolean", "true where the id is the number printed before the paragraph."),
    "style": _o("enum", "bullet: an item of a bulleted list.", choices=("bullet",)),
})
SECTION = Shape("a section", "A part of the document, in reading order.", {
    "id": _f("id", "Unique in the document."),
    "heading": _o("text", "The heading as printed; leave it out for an untitled run of paragraphs (a letter's opening)."),
    "judgement": _o("id", "The judgement this section is graded with (shown under the heading)."),
    "columns": _o("text-list", "The two column headings of a strengths-and-weaknesses table; its rows are the subsections.", pairs=True),
    "timescale": _o("text", "The timescale printed for the section's recommendations (\"Within three months\")."),
    "show_judgements": _o("boolean", "true where the source prints its grades table, after this section's paragraphs."),
    "table_prints": _o("enum", "What that table gives for each area, where not both: grade (a number) or word.", choices=TABLE_PRINTS),
    "scale_table": _o("enum", "The grade scale whose table the source prints here.", choices="scale"),
    "paragraphs": _o("list", "The section's own paragraphs.", shape=PARAGRAPH),
})
SECTION.fields["sections"] = _o("list", "Sections inside this one.", shape=SECTION)
NOTE = Shape("an editorial note", "A correction of the extracted text, or a decision made while transcribing.", {
    "id": _f("id", "Unique in the document (\"n1\")."),
    "kind": _f("enum", "What was done: page-break (a paragraph split by a page break, joined), merged-columns, artefact, misreading, as-printed, structure, omission.", choices=NoteKind),
    "note": _f("text", "What was changed and why, in words a reader understands."),
    "paragraph": _o("id", "The paragraph it concerns."),
    "original": _o("text", "The extracted text as it was."),
    "replacement": _o("text-or-empty", "What is shown instead (\"\" to delete)."),
})
REPORT = Shape("a follow-up report", "A later paragraph that reports on the weakness.", {
    "document": _f("id", "A later transcribed document of the same council."),
    "paragraph": _f("id", "The paragraph of that document that reports on it."),
    "status": _f("enum", "What that paragraph says became of it.", choices=tuple(s.value for s in FollowUpStatus if s is not FollowUpStatus.NO_LATER_EVIDENCE)),
    "note": _f("text", "The editor's note, quoting the decisive words."),
})
FOLLOW_UP = Shape("a follow-up", "What later documents say became of an area for development or recommendation of this document.", {
    "id": _f("id", "Unique in the document."),
    "paragraph": _f("id", "The area for development or recommendation, in this document."),
    "reports": _f("list", "The later paragraphs that report on it.", shape=REPORT),
})
REFERENCE = Shape("a reference", "Another document this one refers to.", {
    "id": _f("id", "Unique in the document."),
    "document": _f("id", "A transcribed document's id, or one of the council's referenced_documents."),
    "relation": _f("enum", "How this document relates to it.", choices=Relation),
    "says": _f("text", "The words of this document that refer to it, quoted."),
    "from_paragraph": _o("id", "The paragraph of this document that refers to it."),
    "paragraph": _o("id", "The paragraph referred to (transcribed documents only)."),
})
DOCUMENT = Shape("a document", "A transcribed document: councils/<council>/documents/<id>.yaml.", {
    "id": _f("id", "The document's id: its file's name (\"2012-01-25-safeguarding-and-looked-after-children-inspection\")."),
    "council": _f("id", "The council's id (its folder's name)."),
    "kind": _f("enum", "What kind of document it is (see document-kinds.yaml).", choices="kind"),
    "title": _f("text", "The title as printed."),
    "date": _f("date", "The date of the document (of publication for a report), YYYY-MM-DD."),
    "issuer": _f("object", "Who issued it.", shape=ISSUER),
    "authors": _f("list", "Its authors as printed: the inspectors, or the report's author.", shape=PERSON),
    "source": _f("object", "The extracted text it is checked against.", shape=SOURCE),
    "attribution": _f("text", "The source and date of publication, as a reader should cite them."),
    "judgements": _f("list", "Every judgement it gives, in the order printed; may be empty.", shape=JUDGEMENT),
    "sections": _f("list", "Its text, section by section.", shape=SECTION),
    "fieldwork": _o("date-range", "The inspection's fieldwork days.", shape=DATE_RANGE),
    "period": _o("date-range", "The period the document covers.", shape=DATE_RANGE),
    "grade_scale": _o("enum", "The scale of its grades (see grade-scales.yaml); a judgement's 'scale' overrides it.", choices="scale"),
    "recipient": _o("object", "Whom it is addressed to.", shape=RECIPIENT),
    "copied_to": _o("list", "People copied in, as printed.", shape=PERSON),
    "contact_officer": _o("object", "The contact officer of a committee report.", shape=CONTACT),
    "salutation": _o("text", "The salutation as printed (\"Dear Ms Porter\")."),
    "valediction": _o("text", "The closing as printed (\"Yours sincerely\")."),
    "signature": _o("text", "The signature line as printed."),
    "editorial_notes": _o("list", "Every correction of the extracted text, and every transcription decision.", shape=NOTE),
    "references": _o("list", "Documents it refers to.", shape=REFERENCE),
    "follow_ups": _o("list", "What later documents say became of its areas for development and recommendations.", shape=FOLLOW_UP),
    "headline": _o("id", "The paragraph that sums the document up, quoted on the council page."),
})
SCALE_VALUE = Shape("a scale value", "One grade of a scale.", {
    "grade": _f("integer", "The grade number."),
    "word": _f("text", "Its word as the scale prints it."),
    "label": _f("enum", "The word the site shows for it, the same across scales.", choices=Label),
    "meaning": _f("text", "What it meant, as the scale says."),
    "words_printed": _o("text-list", "Other words documents print for the same grade (\"satisfactory\")."),
})
GRADE_SCALE = Shape("a grade scale", "A grading scale and the years it was used.", {
    "id": _f("id", "Unique among the scales."),
    "name": _f("text", "Its full name."),
    "short_name": _f("text", "The name shown beside a grade."),
    "direction": _f("enum", "Whether higher or lower numbers are better.", choices=Direction),
    "kinds": _f("text-list", "Document kinds that use it."),
    "from_year": _f("integer", "First year used."),
    "to_year": _f("integer", "Last year used."),
    "description": _f("text", "What it is, in a sentence."),
    "values": _f("list", "Its grades.", shape=SCALE_VALUE),
})
THEME = Shape("a theme", "A theme paragraphs are tagged with.", {
    "id": _f("id", "Unique among the themes; paragraphs name it."),
    "name": _f("text", "Its name."),
    "group": _f("text", "The group it is listed under."),
    "definition": _f("text", "What a paragraph must say something about to carry it."),
})
KIND = Shape("a document kind", "A kind of document.", {
    "id": _f("id", "Unique among the kinds; documents name it."),
    "name": _f("text", "Its name."),
    "short_name": _f("text", "The name in running text and links."),
    "issuer": _f("text", "Who issues documents of this kind."),
    "description": _f("text", "What it is, in a sentence or two."),
    "legal_basis": _o("text", "The law it is made under."),
})
TERM = Shape("a glossary term", "An acronym or term the documents use.", {
    "id": _f("id", "Unique among the terms."),
    "term": _f("text", "The term as printed (\"CAF\")."),
    "expansion": _f("text", "What it stands for."),
    "definition": _o("text", "What it means."),
})

# Each registry file: its name, the key of its list, and the shape of an entry, in reading order.
REGISTRIES = (
    ("grade-scales.yaml", "scales", GRADE_SCALE),
    ("themes.yaml", "themes", THEME),
    ("document-kinds.yaml", "kinds", KIND),
    ("glossary.yaml", "terms", TERM),
)


def schemas(registries: Registries) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file name, JSON Schema) of every kind of content file, enums from these registries."""
    yield "document.schema.json", _file_schema(DOCUMENT, "Document", registries)
    yield "council.schema.json", _file_schema(COUNCIL, "Council", registries)
    for file, key, shape in REGISTRIES:
        root = Shape(f"'{file}'", f"content/{file}: a list under '{key}'.", {key: _f("list", shape.description, shape=shape)})
        yield file.replace(".yaml", ".schema.json"), _file_schema(root, file, registries)


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _file_schema(shape: Shape, title: str, registries: Registries) -> dict[str, Any]:
    writer = _Writer(registries)
    body = writer.object(shape)
    return {"$schema": SCHEMA_VERSION, "title": title, **body, "$defs": writer.defs}


class _Writer:
    """Writes shapes as JSON Schema: the file's own shape in place, every other once under
    $defs, referred to where used (a section holds sections)."""

    def __init__(self, registries: Registries) -> None:
        self.enums = {
            "theme": sorted(t.id for t in registries.themes),
            "kind": sorted(k.id for k in registries.kinds),
            "scale": sorted(s.id for s in registries.scales),
        }
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[int, str] = {}  # id of a shape -> its name under $defs

    def object(self, shape: Shape) -> dict[str, Any]:
        return {
            "type": "object", "description": shape.description,
            "properties": {key: self.field(f) for key, f in shape.fields.items()},
            "required": list(shape.required), "additionalProperties": False,
        }

    def shape(self, shape: Shape) -> dict[str, Any]:
        name = self.names.get(id(shape))
        if name is None:
            base = re.sub(r"[^a-z]+", "-", shape.what.removeprefix("a ").removeprefix("an ").lower()).strip("-")
            name = base if base not in self.defs else f"{base}-{len(self.defs)}"
            self.names[id(shape)] = name
            self.defs[name] = {}  # taken before its fields are written: they may refer to it
            self.defs[name] = self.object(shape)
        return {"$ref": f"#/$defs/{name}"}

    def field(self, f: Field) -> dict[str, Any]:
        return {"description": f.description, **self.value(f)}

    def value(self, f: Field) -> dict[str, Any]:
        if f.kind in ("object", "date-range"):
            assert f.shape is not None
            return self.shape(f.shape)
        if f.kind == "list":
            assert f.shape is not None
            return {"type": "array", "items": self.shape(f.shape)}
        if f.kind == "text-list":
            listed: dict[str, Any] = {"type": "array", "items": TEXT}
            return {**listed, "minItems": 2, "maxItems": 2} if f.pairs else listed
        if f.kind == "enum-list":
            return {"type": "array", "items": {"enum": self.choices(f.choices)}, "uniqueItems": True}
        if f.kind == "theme-list":
            return {"type": "array", "items": {"enum": self.enums["theme"]}, "uniqueItems": True}
        if f.kind == "enum":
            return {"enum": self.choices(f.choices)}
        return SCALARS[f.kind]

    def choices(self, choices: str | type[Enum] | tuple[str, ...] | None) -> list[str]:
        if isinstance(choices, str):
            return self.enums[choices]
        if isinstance(choices, tuple):
            return list(choices)
        assert choices is not None
        return [member.value for member in choices]


# Every scalar is text to the validator (fields.py): YAML numbers and booleans are text too.
TEXT = {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}, {"type": "boolean"}]}
SCALARS: dict[str, dict[str, Any]] = {
    "text": TEXT,
    "text-or-empty": {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]},
    "id": {"anyOf": [{"type": "string", "pattern": ID_PATTERN.pattern}, {"type": "integer", "minimum": 0}]},
    "integer": {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^-?[0-9]{1,9}$"}]},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "partial-date": {"anyOf": [{"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}, {"type": "integer", "minimum": 1000, "maximum": 9999}]},
}
