"""Read YAML content as plain data: every scalar is text, and every node keeps its file:line.

PyYAML's own constructors silently keep the last of two duplicate keys, turn `no` into False and
`2008-12-17` into a date. This loader builds its own tree from the parser's events instead, so
nothing is converted behind the editor's back, and refuses what plain data has no use for:
duplicate keys, anchors, aliases, merge keys and tags.

The tree is built in one loop over the events with a stack of the collections still open (no
recursion, so a hostile file cannot exhaust the stack, and few Python calls per event: this is
most of the time a check takes). Nodes keep their line and column as numbers; a Location is made
only when one is asked for, which is mostly for an error message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple, Union

import yaml

from .content_files import read_text
from .errors import ContentError, Location


class Scalar(NamedTuple):
    value: str
    path: str  # of the file, as shown in messages
    line: int  # from 1
    column: int  # from 1
    plain: bool  # written without quotes or block style
    block_indent: int | None = None  # for | and > scalars: the column their lines start at
    refused: bool = False  # stands in for a value already reported (an alias): read as absent, silently

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def location_of(self, offset: int) -> Location:
        """Where the character at `offset` of the value stands in the file (exact for block and one-line scalars)."""
        before = self.value[:offset]
        line_index = before.count("\n")
        in_line = offset - (before.rfind("\n") + 1)
        if self.block_indent is not None:
            return Location(self.path, self.line + 1 + line_index, self.block_indent + in_line)
        if line_index == 0:
            quote = 0 if self.plain else 1
            return Location(self.path, self.line, self.column + quote + in_line)
        return self.location

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in NULLS


NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # how YAML writes a null, unquoted


class Sequence(NamedTuple):
    items: tuple["Node", ...]
    path: str
    line: int
    column: int

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)


class Mapping(NamedTuple):
    entries: dict[str, "Node"]  # each key's value, in the order written
    key_nodes: dict[str, Scalar]  # each key as written, for its place
    path: str
    line: int
    column: int
    incomplete: bool = False  # an entry was refused (merge key, key that is not text): missing fields are not reported

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def get(self, key: str) -> "Node | None":
        return self.entries.get(key)

    def key_location(self, key: str) -> Location:
        return self.key_nodes[key].location


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


_ScalarEvent, _AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_NO_KEY = object()  # an open mapping waits for its next key
_new = tuple.__new__  # makes a Scalar from all its fields at half the cost of calling the class


class _Open:
    """A sequence or mapping whose end event has not come yet."""

    __slots__ = ("mapping", "line", "column", "items", "entries", "key_nodes", "key", "incomplete")

    def __init__(self, mapping: bool, mark: yaml.Mark) -> None:
        self.mapping = mapping
        self.line, self.column = mark.line + 1, mark.column + 1
        if mapping:
            self.entries: dict[str, Node] = {}
            self.key_nodes: dict[str, Scalar] = {}
            self.key: object = _NO_KEY
            self.incomplete = False
        else:
            self.items: list[Node] = []


class _TreeBuilder:
    def __init__(self, path: str, get_event: Callable[[], yaml.Event], lines: list[str]) -> None:
        self.path = path
        self.get_event = get_event
        self.lines = lines
        self.errors: list[ContentError] = []

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

    def block_indent(self, mark: yaml.Mark) -> int | None:
        """The column (from 1) where the lines of a block scalar starting at `mark` begin."""
        if mark.line + 1 >= len(self.lines):
            return None
        line = self.lines[mark.line + 1]
        return len(line) - len(line.lstrip(" ")) + 1

    def node(self, first: yaml.Event) -> Node:
        """The node that starts with `first`, reading events up to its end."""
        path, get_event, check_plain = self.path, self.get_event, self.check_plain
        stack: list[_Open] = []
        event = first
        while True:
            kind = type(event)
            if kind is _ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    check_plain(event)
                mark, style = event.start_mark, event.style
                if style:  # plain: None, or "" from libyaml
                    indent = self.block_indent(mark) if style == "|" or style == ">" else None
                    node: Node = _new(Scalar, (event.value, path, mark.line + 1, mark.column + 1, False, indent, False))
                else:
                    node = _new(Scalar, (event.value, path, mark.line + 1, mark.column + 1, True, None, False))
            elif kind is _MappingEnd or kind is _SequenceEnd:
                done = stack.pop()
                if done.mapping:
                    node = Mapping(done.entries, done.key_nodes, path, done.line, done.column, done.incomplete)
                else:
                    node = Sequence(tuple(done.items), path, done.line, done.column)
            elif kind is _MappingStart or kind is _SequenceStart:
                if event.anchor is not None or event.tag is not None:
                    check_plain(event)
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
                stack.append(_Open(kind is _MappingStart, event.start_mark))
                event = get_event()
                continue
            elif kind is _AliasEvent:
                self.error(event.start_mark, f"YAML alias '*{event.anchor}' is not allowed: content is plain data, write the value out")
                mark = event.start_mark
                node = Scalar("", path, mark.line + 1, mark.column + 1, True, None, True)
            else:
                raise AssertionError(f"unexpected YAML event {event!r}")
            if not stack:
                return node
            parent = stack[-1]
            if not parent.mapping:
                parent.items.append(node)
            elif parent.key is _NO_KEY:
                parent.key = node
            else:
                key, parent.key = parent.key, _NO_KEY
                if type(key) is Scalar and key.value not in parent.entries and key.value != "<<" and not key.refused:
                    parent.entries[key.value] = node  # the usual case, which entry() also takes
                    parent.key_nodes[key.value] = key
                else:
                    self.entry(parent, key, node)
            event = get_event()

    def entry(self, mapping: _Open, key: Node, value: Node) -> None:
        """Add a key and its value to a mapping being read, refusing what plain data has no use for."""
        if type(key) is not Scalar:
            self.errors.append(ContentError(key.location, "a mapping key must be plain text"))
            mapping.incomplete = True
        elif key.refused:
            mapping.incomplete = True
        elif key.plain and key.value == "<<":
            self.errors.append(ContentError(key.location, "YAML merge key '<<' is not allowed: content is plain data"))
            mapping.incomplete = True
        elif key.value in mapping.entries:
            first = mapping.key_nodes[key.value]
            self.errors.append(ContentError(key.location, f"duplicate key '{key.value}' (first given at line {first.line}); YAML would silently keep only the last one"))
        else:
            mapping.entries[key.value] = value
            mapping.key_nodes[key.value] = key

    def document(self) -> Node | None:
        get_event = self.get_event
        root: Node | None = None
        event = get_event()
        while event is not None and type(event) is not yaml.StreamEndEvent:
            if type(event) is yaml.DocumentStartEvent:
                first = get_event()
                root = None if type(first) is yaml.DocumentEndEvent else self.node(first)
                if root is not None:
                    end = get_event()
                    if type(end) is not yaml.DocumentEndEvent:
                        raise AssertionError(f"unexpected YAML event {end!r}")
                after = get_event()
                while after is not None and type(after) is not yaml.StreamEndEvent:
                    if type(after) is yaml.DocumentStartEvent:
                        self.error(after.start_mark, "a content file holds one YAML document; remove the second '---'")
                        break
                    after = get_event()
                break
            event = get_event()
        return root


def load_yaml_text(text: str, path: str) -> LoadedFile:
    """Parse YAML text into a tree of Scalars, Sequences and Mappings with locations."""
    loader = _Loader(text)
    try:
        builder = _TreeBuilder(path, _event_reader(loader), text.split("\n"))
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


def _event_reader(loader: yaml.SafeLoader) -> Callable[[], yaml.Event | None]:
    """The parser's next event each call, None once the stream has ended."""
    if _Loader is not yaml.SafeLoader:
        return loader.get_event  # libyaml's: None after the end of the stream

    def next_event() -> yaml.Event | None:
        return loader.get_event() if loader.check_event() else None

    return next_event


def load_yaml_file(path: Path, shown_as: str) -> LoadedFile:
    read = read_text(path, shown_as)
    if read.text is None:
        return LoadedFile(shown_as, None, read.errors)
    loaded = load_yaml_text(read.text, shown_as)
    return LoadedFile(shown_as, loaded.root, read.errors + loaded.errors)
