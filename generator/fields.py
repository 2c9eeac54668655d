"""Typed reading of fields from the loaded YAML tree, collecting every error with its place."""

from __future__ import annotations

import difflib
import re
import sys
from datetime import date
from enum import Enum
from typing import Callable, TypeVar

from .errors import ContentError, Location
from .load import NULLS, Mapping, Node, Scalar, Sequence
from .model import DateRange, PartialDate

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KIND_NAMES = {Scalar: "text", Sequence: "a list", Mapping: "a mapping"}


class FieldReader:
    """Reads fields off mappings; a wrong field is reported and read as None, never dropped silently."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def error(self, where: Location, message: str) -> None:
        self.errors.append(ContentError(where, message))

    # -- shape -------------------------------------------------------------------------------

    def mapping(self, node: Node | None, what: str, where: Location | None = None) -> Mapping | None:
        """The node as a mapping; `where` names the place of a node that may be absent."""
        if node is None:
            assert where is not None, "an absent node is reported where its field is"
            self.error(where, f"{what} is empty")
            return None
        if not isinstance(node, Mapping):
            self.error(node.location, f"{what} must be a mapping of fields, not {_KIND_NAMES[type(node)]}")
            return None
        return node

    def keys(self, m: Mapping, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        entries = m.entries
        for key in entries:
            if key not in required and key not in optional:
                known = set(required) | set(optional)
                self.error(m.key_location(key), f"unknown field '{shorten(key)}' in {what}{did_you_mean(key, known)} (allowed: {', '.join(sorted(known))})")
        if m.incomplete:
            return  # a refused entry may have been the missing field: not reported twice
        for key in required:
            if key not in entries:
                self.error(m.location, f"missing required field '{key}' in {what}")

    def scalar(self, m: Mapping, key: str, required: bool) -> Scalar | None:
        node = m.entries.get(key)
        if node is None:
            return None  # a missing required field is reported by keys()
        if type(node) is not Scalar:
            self.error(node.location, f"'{key}' must be text, not {_KIND_NAMES[type(node)]}")
            return None
        if node.refused:
            return None  # already reported where it was loaded
        value = node.value
        if (node.plain and value in NULLS) or not value.strip():
            if required:
                self.error(node.location, f"'{key}' must not be empty")
            return None
        return node

    # -- values ------------------------------------------------------------------------------

    def text(self, m: Mapping, key: str, required: bool = True) -> str | None:
        node = self.scalar(m, key, required)
        return node.value if node else None

    def text_or_empty(self, m: Mapping, key: str) -> str | None:
        """Text that may be empty (a replacement that deletes), or None when the field is absent."""
        node = m.get(key)
        if node is None:
            return None
        if not isinstance(node, Scalar):
            self.error(node.location, f"'{key}' must be text, not {_KIND_NAMES[type(node)]}")
            return None
        return node.value

    def ident(self, m: Mapping, key: str, required: bool = True) -> str | None:
        node = self.scalar(m, key, required)
        if node is None:
            return None
        if not ID_PATTERN.match(node.value):
            self.error(node.location, f"'{key}' must be an id of lower-case letters, digits and hyphens, not '{shorten(node.value)}'")
            return None
        return sys.intern(node.value)  # ids recur in every document: one copy of each

    def integer(self, m: Mapping, key: str, required: bool = True) -> int | None:
        node = self.scalar(m, key, required)
        if node is None:
            return None
        if not re.fullmatch(r"-?[0-9]{1,9}", node.value):
            self.error(node.location, f"'{key}' must be a whole number of at most 9 digits, not '{shorten(node.value)}'")
            return None
        return int(node.value)

    def boolean(self, m: Mapping, key: str) -> bool:
        node = self.scalar(m, key, False)
        if node is None:
            return False
        if node.value not in ("true", "false"):
            self.error(node.location, f"'{key}' must be true or false, not '{shorten(node.value)}'")
            return False
        return node.value == "true"

    def date(self, m: Mapping, key: str, required: bool = True) -> date | None:
        node = self.scalar(m, key, required)
        if node is None:
            return None
        return self._date_value(node, key)

    def _date_value(self, node: Scalar, key: str) -> date | None:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", node.value):
            self.error(node.location, f"'{key}' must be a date written YYYY-MM-DD, not '{shorten(node.value)}'")
            return None
        try:
            return date.fromisoformat(node.value)
        except ValueError:
            self.error(node.location, f"'{key}' is not a real date: '{shorten(node.value)}'")
            return None

    def partial_date(self, m: Mapping, key: str) -> PartialDate | None:
        node = self.scalar(m, key, True)
        if node is None:
            return None
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", node.value)
        if not match:
            self.error(node.location, f"'{key}' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '{shorten(node.value)}'")
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            self.error(node.location, f"'{key}' is not a real date: '{shorten(node.value)}'")
            return None
        return PartialDate(year, month, day)

    def date_range(self, m: Mapping, key: str) -> DateRange | None:
        node = m.get(key)
        if node is None:
            return None
        inner = self.mapping(node, f"'{key}'", m.key_location(key))
        if inner is None:
            return None
        self.keys(inner, f"'{key}'", ("from", "to"))
        start, end = self.date(inner, "from"), self.date(inner, "to")
        if start is None or end is None:
            return None
        if end < start:
            self.error(inner.get("to").location, f"'{key}' ends ({end.isoformat()}) before it starts ({start.isoformat()})")
            return None
        return DateRange(start, end)

    def choice(self, m: Mapping, key: str, enum: type[E], required: bool = True) -> E | None:
        node = self.scalar(m, key, required)
        if node is None:
            return None
        try:
            return enum(node.value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.error(node.location, f"'{key}' must be one of {allowed}, not '{shorten(node.value)}'")
            return None

    def items(self, m: Mapping, key: str, read: Callable[[Node], T | None], required: bool = False) -> tuple[T, ...]:
        node = m.get(key)
        if node is None:
            return ()
        if not isinstance(node, Sequence):
            if isinstance(node, Scalar) and node.is_null and not required:
                return ()
            self.error(node.location, f"'{key}' must be a list, not {_KIND_NAMES[type(node)]}")
            return ()
        results = []
        for item in node.items:
            value = read(item)
            if value is not None:
                results.append(value)
        return tuple(results)

    def text_list(self, m: Mapping, key: str) -> tuple[Scalar, ...]:
        def read(item: Node) -> Scalar | None:
            if not isinstance(item, Scalar) or item.is_null:
                self.error(item.location, f"each entry of '{key}' must be text")
                return None
            return item

        return self.items(m, key, read)


def shorten(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: cut when long, so one bad value cannot flood the output."""
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value):,} characters)"


def did_you_mean(value: str, known: set[str]) -> str:
    """'; did you mean 'x'?' for the closest known name, or nothing."""
    hint = _closest(value, known)
    return f"; did you mean '{hint}'?" if hint else ""


def _closest(key: str, known: set[str]) -> str | None:
    matches = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return matches[0] if matches else None
