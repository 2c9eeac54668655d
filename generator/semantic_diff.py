"""What a content change means, for the reviewer of a pull request: not lines of YAML but
documents added or removed, judgements whose grade or word changed, paragraphs whose words,
themes or stance changed, follow-up statuses, editorial notes and references. Two checked
corpora in, a list of changes out (revisions.py reads a git revision's content; the command line
prints them as text or Markdown).

A change that alters the word a judgement is shown as, or takes words away from the text, is
flagged: those are the changes a reviewer must check against the source.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from . import urls
from .dates import long_date
from .index import Corpus
from .model import Document, Grade, Judgement, Paragraph, ReportedJudgement
from .paragraph_labels import paragraph_labels

T = TypeVar("T")

LABEL_CHANGED = "judgement's word changed"
TEXT_REMOVED = "text removed"


@dataclass(frozen=True)
class Change:
    where: str  # the document (or registry) it is in, as a reader names it
    file: str  # the content file, for the reviewer to open
    what: str  # "judgement 'Staying safe'", "paragraph 22"
    detail: str  # "good → adequate (grade 2 → grade 3, Ofsted 4-point scale)"
    words: tuple[tuple[str, str], ...] = ()  # a text's word diff: ("=", "-", "+", "…") and the words
    flag: str | None = None  # LABEL_CHANGED or TEXT_REMOVED: shown first, for review


def differences(before: Corpus, after: Corpus) -> list[Change]:
    """Every change of meaning from one corpus to the other, document by document."""
    changes: list[Change] = []
    changes += _registries(before, after)
    old = {(d.council, d.id): d for d in before.documents}
    new = {(d.council, d.id): d for d in after.documents}
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0], (new.get(k) or old[k]).date, k[1])):
        a, b = old.get(key), new.get(key)
        if a is None and b is not None:
            changes.append(Change(_name(b), _file(b), "document", f"added: “{b.title}”, {len(b.paragraphs())} paragraphs, {len(b.judgements)} judgements"))
        elif b is None and a is not None:
            changes.append(Change(_name(a), _file(a), "document", f"removed: “{a.title}” and its {len(a.paragraphs())} paragraphs", flag=TEXT_REMOVED))
        elif a is not None and b is not None:
            changes += _document(a, b)
    changes += _councils(before, after)
    return changes


# -- documents ---------------------------------------------------------------------------------

def _document(a: Document, b: Document) -> Iterator[Change]:
    where, file = _name(b), _file(b)
    for field, read in (("title", lambda d: d.title), ("date", lambda d: long_date(d.date)), ("kind", lambda d: d.kind.name),
                        ("attribution", lambda d: d.attribution), ("headline paragraph", lambda d: d.headline or "none")):
        if read(a) != read(b):
            yield Change(where, file, field, f"{read(a)} → {read(b)}")
    yield from _judgements(where, file, a.judgements, b.judgements)
    yield from _paragraphs(where, file, a, b)
    yield from _follow_ups(where, file, a, b)
    yield from _keyed(where, file, a.editorial_notes, b.editorial_notes, lambda n: f"editorial note {n.id}",
                      lambda n: f"{n.kind.value.replace('-', ' ')}: {n.note}")
    yield from _keyed(where, file, a.references, b.references, lambda r: f"reference {r.id}",
                      lambda r: f"{r.relation.value.replace('-', ' ')} {r.document}{', paragraph ' + r.paragraph if r.paragraph else ''}: “{r.says}”")


def _judgements(where: str, file: str, before: Sequence[Judgement | ReportedJudgement], after: Sequence[Judgement | ReportedJudgement]) -> Iterator[Change]:
    old, new = {j.id: j for j in before}, {j.id: j for j in after}
    for judgement_id in [*old, *(i for i in new if i not in old)]:
        a, b = old.get(judgement_id), new.get(judgement_id)
        if a is None and b is not None:
            yield Change(where, file, f"judgement ‘{b.area}’", f"added: {_grade(b.grade)}")
        elif b is None and a is not None:
            yield Change(where, file, f"judgement ‘{a.area}’", f"removed (was {_grade(a.grade)})", flag=LABEL_CHANGED)
        elif a is not None and b is not None:
            if a.grade != b.grade:
                flag = LABEL_CHANGED if a.grade.value.label != b.grade.value.label else None
                yield Change(where, file, f"judgement ‘{b.area}’", f"{_grade(a.grade)} → {_grade(b.grade)}", flag=flag)
            if a.area != b.area:
                yield Change(where, file, f"judgement ‘{b.area}’", f"area renamed from ‘{a.area}’")
            if a.themes != b.themes:
                yield Change(where, file, f"judgement ‘{b.area}’", _themes(a.themes, b.themes))


def _grade(grade: Grade) -> str:
    printed = []
    if grade.printed_grade is not None:
        printed.append(f"grade {grade.printed_grade}")
    if grade.printed_word:
        printed.append(f"“{grade.printed_word}”")
    return f"{grade.value.label.value} ({' '.join(printed)}, {grade.scale.short_name})"


def _paragraphs(where: str, file: str, a: Document, b: Document) -> Iterator[Change]:
    old, new = {p.id: p for p in a.paragraphs()}, {p.id: p for p in b.paragraphs()}
    labels_before, labels_after = _named(a), _named(b)
    for paragraph_id in [*old, *(i for i in new if i not in old)]:
        p, q = old.get(paragraph_id), new.get(paragraph_id)
        if p is None and q is not None:
            yield Change(where, file, labels_after[paragraph_id], f"added ({q.stance.value}): “{_short(q.text)}”")
        elif q is None and p is not None:
            yield Change(where, file, labels_before[paragraph_id], f"removed: “{_short(p.text)}”", flag=TEXT_REMOVED)
        elif p is not None and q is not None:
            yield from _paragraph(where, file, labels_after[paragraph_id], p, q)


def _paragraph(where: str, file: str, label: str, p: Paragraph, q: Paragraph) -> Iterator[Change]:
    if p.text != q.text:
        words = word_diff(p.text, q.text)
        removed = any(op == "-" for op, _ in words)
        yield Change(where, file, label, "text changed", words, TEXT_REMOVED if removed else None)
    if p.themes != q.themes:
        yield Change(where, file, label, _themes(p.themes, q.themes))
    if p.stance != q.stance:
        yield Change(where, file, label, f"stance {p.stance.value} → {q.stance.value}")


def _follow_ups(where: str, file: str, a: Document, b: Document) -> Iterator[Change]:
    def reports(d: Document) -> dict[tuple[str, str, str], tuple[str, str]]:
        return {(f.paragraph, r.document, r.paragraph): (r.status.value, r.note) for f in d.follow_ups for r in f.reports}

    old, new = reports(a), reports(b)
    for key in [*old, *(k for k in new if k not in old)]:
        weakness, later, paragraph = key
        what = f"follow-up of paragraph {weakness} in {later}, paragraph {paragraph}"
        if key not in old:
            yield Change(where, file, what, f"added: {new[key][0]}")
        elif key not in new:
            yield Change(where, file, what, f"removed (was {old[key][0]})")
        elif old[key][0] != new[key][0]:
            yield Change(where, file, what, f"status {old[key][0]} → {new[key][0]}")
        elif old[key][1] != new[key][1]:
            yield Change(where, file, what, "note changed", word_diff(old[key][1], new[key][1]))


def _keyed(where: str, file: str, before: Sequence[T], after: Sequence[T], key: Callable[[T], Hashable],
           describe: Callable[[T], str]) -> Iterator[Change]:
    """Items with ids (notes, references), named by `key`: added, removed, or changed in what they say."""
    old, new = {key(i): i for i in before}, {key(i): i for i in after}
    for k in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(k), new.get(k)
        if a is None and b is not None:
            yield Change(where, file, str(k), f"added: {describe(b)}")
        elif b is None and a is not None:
            yield Change(where, file, str(k), f"removed: {describe(a)}")
        elif a is not None and b is not None and a != b:
            yield Change(where, file, str(k), "changed", word_diff(describe(a), describe(b)))


# -- councils and registries ---------------------------------------------------------------------

def _councils(before: Corpus, after: Corpus) -> Iterator[Change]:
    old, new = {c.id: c for c in before.councils}, {c.id: c for c in after.councils}
    for council_id in sorted(old.keys() | new.keys()):
        a, b = old.get(council_id), new.get(council_id)
        file = f"content/councils/{council_id}/council.yaml"
        if a is None and b is not None:
            yield Change(b.name, file, "council", "added")
            continue
        if b is None and a is not None:
            yield Change(a.name, file, "council", "removed", flag=TEXT_REMOVED)
            continue
        assert a is not None and b is not None
        referenced_old = {r.id: r for r in a.referenced_documents}
        for r in b.referenced_documents:
            was = referenced_old.get(r.id)
            where = f"{b.short_name}, {r.title} ({long_date(r.date)}, not transcribed)"
            if was is None:
                yield Change(where, file, "referenced document", "added")
            else:
                yield from _judgements(where, file, was.judgements, r.judgements)
        for r in a.referenced_documents:
            if r.id not in {x.id for x in b.referenced_documents}:
                yield Change(f"{a.short_name}, {r.title}", file, "referenced document", "removed", flag=LABEL_CHANGED if r.judgements else None)


def _registries(before: Corpus, after: Corpus) -> Iterator[Change]:
    for name, file, read in (("theme", "content/themes.yaml", lambda c: {t.id: t.name for t in c.registries.themes}),
                             ("document kind", "content/document-kinds.yaml", lambda c: {k.id: k.name for k in c.registries.kinds}),
                             ("grade scale", "content/grade-scales.yaml", lambda c: {s.id: s.short_name for s in c.registries.scales})):
        old, new = read(before), read(after)
        for key in sorted(old.keys() | new.keys()):
            if key not in old:
                yield Change("Registries", file, f"{name} ‘{new[key]}’", "added")
            elif key not in new:
                yield Change("Registries", file, f"{name} ‘{old[key]}’", "removed")
            elif old[key] != new[key]:
                yield Change("Registries", file, f"{name} ‘{new[key]}’", f"renamed from ‘{old[key]}’")


# -- words ---------------------------------------------------------------------------------------

_WORD = re.compile(r"\S+")
CONTEXT = 4  # unchanged words kept either side of a change


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The words of `new` against `old`: runs kept ("="), taken out ("-") and put in ("+"), long
    unchanged runs cut to CONTEXT words either side ("…")."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("+", " ".join(b[j1:j2])))
    return tuple(_trimmed(parts))


def _trimmed(parts: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for index, (op, text) in enumerate(parts):
        words = text.split(" ")
        if op != "=" or len(words) <= 2 * CONTEXT:
            yield op, text
            continue
        head = " ".join(words[:CONTEXT]) if index > 0 else ""
        tail = " ".join(words[-CONTEXT:]) if index < len(parts) - 1 else ""
        if head:
            yield "=", head
        yield "…", ""
        if tail:
            yield "=", tail


def _themes(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    added = [f"+{t}" for t in after if t not in before]
    removed = [f"−{t}" for t in before if t not in after]
    return "themes " + " ".join(added + removed)


def _short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def _named(d: Document) -> dict[str, str]:
    """Each paragraph's label, with its id where the label is not the id (editors write ids)."""
    return {pid: label if label == f"paragraph {pid}" else f"{label} ({pid})" for pid, label in paragraph_labels(d)}


def _name(d: Document) -> str:
    return f"{d.council}: {d.kind.short_name}, {long_date(d.date)}"


def _file(d: Document) -> str:
    return "content/" + urls.content_file(d)
