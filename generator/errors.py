"""Content errors: every problem found in content names the file, line and column it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, tied to where it was found."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def as_github_annotation(self) -> str:
        loc = self.location
        return f"::error file={loc.path},line={loc.line},col={loc.column}::{self.message}"


class ContentInvalid(Exception):
    """Raised when content has one or more errors; carries all of them, sorted by place."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(format_errors(self.errors))


def format_errors(errors: list[ContentError]) -> str:
    count = len(errors)
    lines = [str(error) for error in errors]
    lines.append(f"{count} content error{'s' if count != 1 else ''} found.")
    return "\n".join(lines)


def relative_path(path: Path, root: Path) -> str:
    """The path as shown in messages: relative to the project root when it lies inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
