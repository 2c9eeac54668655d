"""What identifies a file's bytes without reading them, so that the preview can tell what an edit changed."""

from __future__ import annotations

import os
from pathlib import Path

FileKey = tuple


def file_key(path: Path) -> FileKey | None:
    """Identifies the file's bytes without reading them: any write changes its change time."""
    try:
        s = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_mode)


def folder_key(folder: Path) -> FileKey:
    """The keys of every file under `folder` (a council's source files, which documents read)."""
    found = []
    for directory, subfolders, files in os.walk(folder):
        subfolders.sort()
        found.extend((os.path.join(directory, name), file_key(Path(directory, name))) for name in sorted(files + subfolders))
    return tuple(found)
