"""Read the shared registries: grade scales, themes, document kinds and the glossary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Location
from .content_schema import GRADE_SCALE, KIND, REGISTRIES, SCALE_VALUE, TERM, THEME
from .fields import ID_PATTERN, FieldReader
from .load import Mapping, Node, Scalar, Sequence, load_yaml_file
from .model import Direction, DocumentKind, GlossaryTerm, GradeScale, GradeValue, Label, Registries, Theme

REGISTRY_FILES = tuple(file for file, _, _ in REGISTRIES)


@dataclass(frozen=True)
class Declared:
    """The ids a registry file writes, valid entries or not, so that a reference to a broken
    entry is not reported again as unknown: the broken entry is the one error."""

    ids: frozenset[str]
    unreadable: bool  # the file, or an entry's id, could not be read: any reference may be to it

    def reportable(self, value: str) -> bool:
        """Whether a reference to `value`, which names no valid entry, is an error of its own."""
        return not self.unreadable and value not in self.ids


@dataclass(frozen=True)
class ReadRegistries:
    registries: Registries
    scales: Declared
    themes: Declared
    kinds: Declared


def read_registries(content: Path, shown: str, r: FieldReader) -> ReadRegistries:
    readers = {"scales": _scale, "themes": _theme, "kinds": _kind, "terms": _term}
    found = {key: _read_list(content / file, f"{shown}/{file}", key, readers[key], r) for file, key, _ in REGISTRIES}
    (scales, scale_ids), (themes, theme_ids), (kinds, kind_ids), (glossary, _) = (found[key] for key in ("scales", "themes", "kinds", "terms"))
    valid_kinds = {kind.id for kind, _ in kinds}
    for _, m in scales:
        for kind in r.text_list(m, "kinds"):
            if kind.value not in valid_kinds and kind_ids.reportable(kind.value):
                r.error(kind.location, f"unknown document kind '{kind.value}' (see document-kinds.yaml)")
    registries = Registries(
        scales=tuple(s for s, _ in scales), themes=tuple(t for t, _ in themes),
        kinds=tuple(k for k, _ in kinds), glossary=tuple(g for g, _ in glossary),
    )
    return ReadRegistries(registries, scale_ids, theme_ids, kind_ids)


def _read_list(path: Path, shown: str, key: str, read, r: FieldReader) -> tuple[tuple, Declared]:
    """(value, mapping) pairs for each valid entry of the list under `key`, and the ids written."""
    unreadable = Declared(frozenset(), unreadable=True)
    if not path.is_file() or path.is_symlink():
        r.error(Location(shown, 1, 1), f"missing registry file (expected a list under '{key}:')")
        return (), unreadable
    loaded = load_yaml_file(path, shown)
    r.errors.extend(loaded.errors)
    top = r.mapping(loaded.root, shown, Location(shown, 1, 1)) if loaded.root is not None else None
    if top is None:
        return (), unreadable
    r.keys(top, shown, (key,))
    entries = r.items(top, key, lambda node: _entry(node, read, r, key), required=True)
    _check_unique_ids(entries, key, r)
    return entries, _declared(top.get(key), len(entries))


def _declared(node: Node | None, valid_count: int) -> Declared:
    items = node.items if isinstance(node, Sequence) else ()
    written = [
        item.get("id").value for item in items
        if isinstance(item, Mapping) and isinstance(item.get("id"), Scalar)
    ]
    # An entry without a readable id could be the one any reference means.
    unreadable = not isinstance(node, Sequence) or len(written) < len(items) or not all(map(ID_PATTERN.match, written))
    return Declared(frozenset(written), unreadable)


def _entry(node: Node, read, r: FieldReader, key: str):
    m = r.mapping(node, f"an entry of '{key}'")
    if m is None:
        return None
    value = read(m, r)
    return (value, m) if value is not None else None


def _check_unique_ids(entries, key: str, r: FieldReader) -> None:
    seen: dict[str, Mapping] = {}
    for value, m in entries:
        if value.id in seen:
            r.error(m.get("id").location, f"duplicate id '{value.id}' in '{key}' (first at line {seen[value.id].location.line})")
        else:
            seen[value.id] = m


def _scale(m: Mapping, r: FieldReader) -> GradeScale | None:
    what = GRADE_SCALE.what
    r.keys(m, what, GRADE_SCALE.required)
    values = r.items(m, "values", lambda node: _scale_value(node, r), required=True)
    fields = dict(
        id=r.ident(m, "id"), name=r.text(m, "name"), short_name=r.text(m, "short_name"),
        direction=r.choice(m, "direction", Direction), kinds=tuple(s.value for s in r.text_list(m, "kinds")),
        from_year=r.integer(m, "from_year"), to_year=r.integer(m, "to_year"), description=r.text(m, "description"),
        values=values,
    )
    if any(v is None for v in fields.values()):
        return None
    if len(values) < len(m.get("values").items):
        return None  # a scale missing a value would call its grades off the scale: its entry's error is the one
    grades = [v.grade for v in values]
    if len(set(grades)) != len(grades):
        r.error(m.get("values").location, f"scale '{fields['id']}' gives the same grade twice")
        return None
    return GradeScale(**fields)


def _scale_value(node: Node, r: FieldReader) -> GradeValue | None:
    m = r.mapping(node, "a scale value")
    if m is None:
        return None
    r.keys(m, SCALE_VALUE.what, SCALE_VALUE.required, SCALE_VALUE.optional)
    fields = dict(
        grade=r.integer(m, "grade"), word=r.text(m, "word"),
        words_printed=tuple(s.value for s in r.text_list(m, "words_printed")),
        label=r.choice(m, "label", Label), meaning=r.text(m, "meaning"),
    )
    return None if any(v is None for v in fields.values()) else GradeValue(**fields)


def _theme(m: Mapping, r: FieldReader) -> Theme | None:
    r.keys(m, THEME.what, THEME.required)
    fields = dict(id=r.ident(m, "id"), name=r.text(m, "name"), group=r.text(m, "group"), definition=r.text(m, "definition"))
    return None if any(v is None for v in fields.values()) else Theme(**fields)


def _kind(m: Mapping, r: FieldReader) -> DocumentKind | None:
    r.keys(m, KIND.what, KIND.required, KIND.optional)
    fields = dict(
        id=r.ident(m, "id"), name=r.text(m, "name"), short_name=r.text(m, "short_name"),
        issuer=r.text(m, "issuer"), description=r.text(m, "description"),
    )
    if any(v is None for v in fields.values()):
        return None
    return DocumentKind(legal_basis=r.text(m, "legal_basis", required=False), **fields)


def _term(m: Mapping, r: FieldReader) -> GlossaryTerm | None:
    r.keys(m, TERM.what, TERM.required, TERM.optional)
    fields = dict(id=r.ident(m, "id"), term=r.text(m, "term"), expansion=r.text(m, "expansion"))
    if any(v is None for v in fields.values()):
        return None
    return GlossaryTerm(definition=r.text(m, "definition", required=False), **fields)

