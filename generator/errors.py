"""Content errors: every problem found in content names the file, line and column it comes from."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# Control characters (C0, DEL, C1) would let a content value move a terminal's cursor, colour it or
# start a new line of output, and bidirectional controls would make a message read other than it
# is; every message shows them as visible escapes instead.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{visible(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, tied to where it was found."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {visible(self.message)}"

    def as_github_annotation(self, level: str = "error") -> str:
        """A GitHub Actions workflow command, escaped as that format requires so that no value
        from content can end the command early or forge another one."""
        loc = self.location
        return (f"::{level} file={visible(_property(loc.path))},line={loc.line},col={loc.column}"
                f"::{visible(_data(self.message))}")


class ContentInvalid(Exception):
    """Raised when content has one or more errors; carries all of them, sorted by place."""

    def __init__(self, errors: list[ContentError], notes: list[ContentError] | tuple[ContentError, ...] = ()) -> None:
        self.errors = sorted(set(errors))
        self.notes = tuple(notes)  # files skipped on purpose, told alongside the errors
        super().__init__(format_errors(self.errors))


def visible(text: str) -> str:
    """The text with every control character written as an escape, e.g. \\x1b."""
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}" if ord(match.group()) > 0xFF else f"\\x{ord(match.group()):02x}", text)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_errors(errors: list[ContentError]) -> str:
    count = len(errors)
    lines = [str(error) for error in errors]
    lines.append(f"{count} content error{'s' if count != 1 else ''} found.")
    return "\n".join(lines)


def relative_path(path: Path, root: Path) -> str:
    """The path as shown in messages: relative to the project root when it lies inside it."""
    try:  # links are not followed: a message names the path as it stands in the tree
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()
