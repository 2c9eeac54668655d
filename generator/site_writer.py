"""Writes the site's files one by one, refusing any path outside the site folder or written twice."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TypeAlias

# A file's text: whole, or in pieces written as they come, so that a large file (the national
# findings.csv) is never held whole.
Content: TypeAlias = "str | Iterable[str]"


class SiteWriter:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.root = os.fspath(site)
        self.paths: list[str] = []
        self.seen: set[str] = set()
        self.folders: set[str] = set()

    def write(self, path: str, content: Content) -> None:
        _refuse_outside(path)
        if path in self.seen:
            raise ValueError(f"two outputs would be written to '{path}'")
        self.seen.add(path)
        self.paths.append(path)
        target = f"{self.root}/{path}"
        folder = target.rpartition("/")[0]
        if folder not in self.folders:
            _make_folder(folder)
            self.folders.add(folder)
        # A build writes some ten thousand files: opened, written and closed by the os module's
        # calls, each takes a third less time than through a text file object (and its buffer).
        descriptor = os.open(target, _NEW_FILE, 0o666)
        try:
            for piece in pieces(content):
                _write_all(descriptor, piece.encode("utf-8"))
        finally:
            os.close(descriptor)

    def written(self) -> tuple[str, ...]:
        return tuple(self.paths)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _make_folder(folder: str) -> None:
    """The folder made if it is not there, with any folders above it: Path.mkdir(parents=True,
    exist_ok=True), the same system calls, without making a Path of it."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise


def _write_all(descriptor: int, data: bytes) -> None:
    """All of `data`, however much each call to write takes."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def pieces(content: Content) -> Iterable[str]:
    """The content's pieces: a whole text is one."""
    return (content,) if isinstance(content, str) else content


def inside(site: Path, path: str) -> Path:
    """The file at site path `path`, refusing any path that would lead outside the site folder."""
    _refuse_outside(path)
    return site.joinpath(*path.split("/"))


def _refuse_outside(path: str) -> None:
    parts = path.split("/")
    if path.startswith("/") or ".." in parts or "" in parts or "\\" in path:
        raise ValueError(f"refusing to write outside the site folder: '{path}'")
