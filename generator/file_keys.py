"""What identifies a file's bytes without reading them, so that the preview can tell what an edit changed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

FileKey = tuple


def file_key(path: Path) -> FileKey | None:
    """Identifies the file's bytes without reading them: any write changes its change time."""
    try:
        return _of(os.stat(path, follow_symlinks=False))
    except OSError:
        return None


def folder_key(folder: Path) -> FileKey:
    """The keys of every file and folder under `folder` (a council's source files, which
    documents read), links not followed; empty when there is no such folder."""
    return tuple((entry.path, _key(entry)) for _, entry in entries_under(folder) if isinstance(entry, os.DirEntry))


def entries_under(folder: Path) -> Iterator[tuple[str, os.DirEntry | OSError]]:
    """Every entry below `folder` with its path relative to it, each folder's in name order,
    without following a link (an entry knows whether it is a link or a folder: no call per file).
    A folder that cannot be listed comes as its relative path and the error."""
    unvisited = [(str(folder), "")]
    while unvisited:
        directory, relative = unvisited.pop()
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            yield relative, exc
            continue
        for entry in entries:
            yield relative + entry.name, entry
            if entry.is_dir(follow_symlinks=False):
                unvisited.append((entry.path, f"{relative}{entry.name}/"))


def _key(entry: os.DirEntry) -> FileKey | None:
    try:
        return _of(entry.stat(follow_symlinks=False))
    except OSError:
        return None


def _of(s: os.stat_result) -> FileKey:
    return (s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_mode)
