"""What identifies a file's bytes without reading them, so that the preview can tell what an edit changed."""

from __future__ import annotations

import os
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
    found, unvisited = [], [str(folder)]
    while unvisited:
        try:
            with os.scandir(unvisited.pop()) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            continue  # missing or unreadable: reading the sources reports it
        for entry in entries:
            found.append((entry.path, _key(entry)))
            if entry.is_dir(follow_symlinks=False):
                unvisited.append(entry.path)
    return tuple(found)


def _key(entry: os.DirEntry) -> FileKey | None:
    try:
        return _of(entry.stat(follow_symlinks=False))
    except OSError:
        return None


def _of(s: os.stat_result) -> FileKey:
    return (s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_mode)
