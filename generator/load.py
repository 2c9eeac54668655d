"""Read YAML content as plain data: every scalar is text, and every node keeps its file:line.

PyYAML's own constructors silently keep the last of two duplicate keys, turn `no` into False and
`2008-12-17` into a date. This loader builds its own tree from the parser's events instead, so
nothing is converted behind the editor's back, and refuses what plain data has no use for:
duplicate keys, anchors, aliases, merge keys and tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

import yaml

from .content_files import read_text
from .errors import ContentError, Location


@dataclass(frozen=True)
class Scalar:
    value: str
    location: Location
    plain: bool  # written without quotes or block style
    block_indent: int | None = None  # for | and > scalars: the column their lines start at
    refused: bool = False  # stands in for a value already reported (an alias): read as absent, silently

    def location_of(self, offset: int) -> Location:
        """Where the character at `offset` of the value stands in the file (exact for block and one-line scalars)."""
        before = self.value[:offset]
        line_index = before.count("\n")
        in_line = offset - (before.rfind("\n") + 1)
        if self.block_indent is not None:
            return Location(self.location.path, self.location.line + 1 + line_index, self.block_indent + in_line)
        if line_index == 0:
            quote = 0 if self.plain else 1
            return Location(self.location.path, self.location.line, self.location.column + quote + in_line)
        return self.location

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Sequence:
    items: tuple["Node", ...]
    location: Location


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, tuple[Scalar, "Node"]] = field(default_factory=dict)
    location: Location = Location("", 0, 0)
    incomplete: bool = False  # an entry was refused (merge key, key that is not text): missing fields are not reported

    def get(self, key: str) -> "Node | None":
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def key_location(self, key: str) -> Location:
        return self.entries[key][0].location


Node = Union[Scalar, Sequence, Mapping]


@dataclass(frozen=True)
class LoadedFile:
    path: str  # as shown in messages
    root: Node | None
    errors: tuple[ContentError, ...]


MAX_DEPTH = 40  # far deeper than any content file needs; a hostile file cannot exhaust the stack


def _location(path: str, mark: yaml.Mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TreeBuilder:
    def __init__(self, path: str, events: Iterator[yaml.Event], lines: list[str]) -> None:
        self.path = path
        self.events = events
        self.lines = lines
        self.errors: list[ContentError] = []
        self.depth = 0

    def error(self, mark: yaml.Mark, message: str) -> None:
        self.errors.append(ContentError(_location(self.path, mark), message))

    def check_plain(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self.error(event.start_mark, f"YAML anchor '&{event.anchor}' is not allowed: content is plain data, write the value out")
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent):
            explicit_tag = tag is not None and not any(event.implicit)
        else:
            explicit_tag = tag is not None and not getattr(event, "implicit", True)
        if explicit_tag:
            self.error(event.start_mark, f"YAML tag '{tag}' is not allowed: content is plain data")

    def node(self, event: yaml.Event) -> Node:
        if isinstance(event, yaml.AliasEvent):
            self.error(event.start_mark, f"YAML alias '*{event.anchor}' is not allowed: content is plain data, write the value out")
            return Scalar("", _location(self.path, event.start_mark), True, refused=True)
        assert isinstance(event, yaml.NodeEvent)
        self.check_plain(event)
        where = _location(self.path, event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            indent = self.block_indent(event.start_mark) if event.style in ("|", ">") else None
            return Scalar(event.value, where, not event.style, indent)  # plain: None, or "" from libyaml
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        try:
            if isinstance(event, yaml.SequenceStartEvent):
                return self.sequence(where)
            if isinstance(event, yaml.MappingStartEvent):
                return self.mapping(where)
        finally:
            self.depth -= 1
        raise AssertionError(f"unexpected YAML event {event!r}")

    def sequence(self, where: Location) -> Sequence:
        items = []
        for child in self.events:
            if isinstance(child, yaml.SequenceEndEvent):
                break
            items.append(self.node(child))
        return Sequence(tuple(items), where)

    def block_indent(self, mark: yaml.Mark) -> int | None:
        """The column (from 1) where the lines of a block scalar starting at `mark` begin."""
        if mark.line + 1 >= len(self.lines):
            return None
        line = self.lines[mark.line + 1]
        return len(line) - len(line.lstrip(" ")) + 1

    def mapping(self, where: Location) -> Mapping:
        entries: dict[str, tuple[Scalar, Node]] = {}
        incomplete = False
        for key_event in self.events:
            if isinstance(key_event, yaml.MappingEndEvent):
                break
            key = self.node(key_event)
            value = self.node(next(self.events))
            if not isinstance(key, Scalar):
                self.errors.append(ContentError(key.location, "a mapping key must be plain text"))
                incomplete = True
                continue
            if key.refused:
                incomplete = True
                continue
            if key.plain and key.value == "<<":
                self.errors.append(ContentError(key.location, "YAML merge key '<<' is not allowed: content is plain data"))
                incomplete = True
                continue
            if key.value in entries:
                first = entries[key.value][0].location
                self.errors.append(ContentError(key.location, f"duplicate key '{key.value}' (first given at line {first.line}); YAML would silently keep only the last one"))
                continue
            entries[key.value] = (key, value)
        return Mapping(entries, where, incomplete)

    def document(self) -> Node | None:
        root: Node | None = None
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                first = next(self.events)
                root = None if isinstance(first, yaml.DocumentEndEvent) else self.node(first)
                if root is not None:
                    end = next(self.events)
                    if not isinstance(end, yaml.DocumentEndEvent):
                        raise AssertionError(f"unexpected YAML event {end!r}")
                for after in self.events:
                    if isinstance(after, yaml.DocumentStartEvent):
                        self.error(after.start_mark, "a content file holds one YAML document; remove the second '---'")
                        break
                break
        return root


def load_yaml_text(text: str, path: str) -> LoadedFile:
    """Parse YAML text into a tree of Scalars, Sequences and Mappings with locations."""
    loader = _Loader(text)
    try:
        builder = _TreeBuilder(path, _events(loader), text.split("\n"))
        root = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        return LoadedFile(path, None, (ContentError(Location(path, line, column), f"YAML syntax error: {problem}"),))
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, where read_text did not catch it
        before = text[:exc.position]
        where = Location(path, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        return LoadedFile(path, None, (ContentError(where, f"YAML cannot read this file: {exc.reason}"),))
    except _TooDeep as exc:
        where = _location(path, exc.mark)
        return LoadedFile(path, None, (ContentError(where, f"nesting deeper than {MAX_DEPTH} levels: content files are shallow lists and mappings"),))
    finally:
        loader.dispose()
    return LoadedFile(path, root, tuple(builder.errors))


# libyaml's parser when PyYAML was built with it (several times faster), else the pure Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _events(loader: yaml.SafeLoader) -> Iterator[yaml.Event]:
    while loader.check_event():
        yield loader.get_event()


def load_yaml_file(path: Path, shown_as: str) -> LoadedFile:
    read = read_text(path, shown_as)
    if read.text is None:
        return LoadedFile(shown_as, None, read.errors)
    loaded = load_yaml_text(read.text, shown_as)
    return LoadedFile(shown_as, loaded.root, read.errors + loaded.errors)
