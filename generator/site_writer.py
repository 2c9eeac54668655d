"""Writes the site's files one by one, refusing any path outside the site folder or written twice."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeAlias

# A file's text: whole, or in pieces written as they come, so that a large file (the national
# findings.csv) is never held whole.
Content: TypeAlias = "str | Iterable[str]"


class SiteWriter:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.paths: list[str] = []
        self.seen: set[str] = set()
        self.folders: set[Path] = set()

    def write(self, path: str, content: Content) -> None:
        target = inside(self.site, path)
        if path in self.seen:
            raise ValueError(f"two outputs would be written to '{path}'")
        self.seen.add(path)
        self.paths.append(path)
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        with target.open("w", encoding="utf-8", newline="") as file:
            file.writelines(pieces(content))

    def written(self) -> tuple[str, ...]:
        return tuple(self.paths)


def pieces(content: Content) -> Iterable[str]:
    """The content's pieces: a whole text is one."""
    return (content,) if isinstance(content, str) else content


def inside(site: Path, path: str) -> Path:
    """The file at site path `path`, refusing any path that would lead outside the site folder."""
    parts = path.split("/")
    if path.startswith("/") or ".." in parts or "" in parts or "\\" in path:
        raise ValueError(f"refusing to write outside the site folder: '{path}'")
    return site.joinpath(*parts)
