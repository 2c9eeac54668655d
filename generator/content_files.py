"""Reading files from the content folder, which may come from a stranger's pull request.

Only regular files are read: never a symbolic link (it could point at any file of the build
machine), never more than MAX_BYTES, and only UTF-8 text without control characters; every
refusal is a ContentError naming the file and, for a bad byte, its line and column. Files that
editors' tools leave behind (.DS_Store, backups ending in ~, editor swap files) are skipped with
a note instead of an error.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentInvalid, Location
from .file_keys import entries_under
from .model import Source, bytes_digest

MAX_BYTES = 5 * 1024 * 1024
# YAML forbids these, and in extracted text they are faults too; only tab, newline and carriage
# return are text (and, in a source's extracted text, the form feed PDF extraction writes at page breaks).
# The Unicode line and paragraph separators are refused too: YAML counts them as line breaks, so
# every line number after one would be off.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_CONTROL_BUT_FORM_FEED = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_JUNK = re.compile(r"^(\..*|.*~|.*\.sw[a-p]|Thumbs\.db|desktop\.ini)$", re.IGNORECASE)


@dataclass(frozen=True)
class TextRead:
    text: str | None  # None when nothing could be read; with errors, the text to read on for more of them
    errors: tuple[ContentError, ...] = ()


def is_junk(name: str) -> bool:
    """A file editors' tools leave behind: hidden files, backups, swap files."""
    return _JUNK.match(name) is not None


def junk_note(shown: str) -> ContentError:
    return ContentError(Location(shown, 1, 1), "ignored: not content (a hidden, backup or editor swap file)")


def read_text(path: Path, shown: str, what: str = "a content file", form_feeds: bool = False) -> TextRead:
    """The file's text, or the reason it is refused."""
    data = _read_bytes(path, shown, what)
    if isinstance(data, TextRead):
        return data
    return decode(data, shown, _CONTROL_BUT_FORM_FEED if form_feeds else _CONTROL)


def _read_bytes(path: Path, shown: str, what: str) -> bytes | TextRead:
    """The file's bytes, or the reason it is refused: a plain file, not a link, of MAX_BYTES at most."""
    at_start = Location(shown, 1, 1)
    try:
        info = path.lstat()
    except OSError as exc:
        return _refused(at_start, f"{what} cannot be read: {exc.strerror or exc}")
    if stat.S_ISLNK(info.st_mode):
        return _refused(at_start, f"{what} may not be a symbolic link: content files are plain files inside content/")
    if not stat.S_ISREG(info.st_mode):
        return _refused(at_start, f"{what} must be a plain file, not a folder or device")
    if info.st_size > MAX_BYTES:
        return _refused(at_start, f"{what} is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} (5 MiB)")
    try:
        with open(path, "rb", opener=_no_follow) as file:
            # As much as the file held when looked at, and one more: read(MAX_BYTES + 1) at once
            # would make a buffer of 5 MiB for every file. A file grown since is read on.
            data = file.read(min(info.st_size, MAX_BYTES) + 1)
            if len(data) > info.st_size:
                data += file.read(MAX_BYTES + 1 - len(data))
    except OSError as exc:
        return _refused(at_start, f"{what} cannot be read: {exc.strerror or exc}")
    return data


def source_text(source: Source, root: Path) -> str:
    """A checked source's extracted text, read again from its file under `root` (the project
    folder) to be written out: ContentInvalid if the file is no longer the text that was checked.
    Its bytes are held to the digest of that text before they are decoded: bytes of the same
    digest are that text (UTF-8, its byte-order mark dropped), which held no refused character,
    so they need no second search for one."""
    data = _read_bytes(root / source.path, source.path, "a source file")
    utf8 = data.removeprefix(codecs.BOM_UTF8) if isinstance(data, bytes) else None
    if utf8 is None or bytes_digest(utf8) != source.digest:
        where = Location(source.path, 1, 1)
        raise ContentInvalid([ContentError(where, "the source file changed while the site was being built: build again")])
    return utf8.decode("utf-8")


def decode(data: bytes, shown: str, refused: re.Pattern[str] = _CONTROL) -> TextRead:
    """UTF-8 text (a leading byte-order mark dropped), or the place of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return _refused(Location(shown, line, column), f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read ({exc.reason}); save the file as UTF-8")
    text = text.removeprefix("\ufeff")
    control = refused.search(text)
    if control is None:
        return TextRead(text)
    line = text.count("\n", 0, control.start()) + 1
    column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
    more = len(refused.findall(text)) - 1
    also = f" ({more} more in this file)" if more else ""
    error = ContentError(Location(shown, line, column), f"control character U+{ord(control.group()):04X} is not allowed in content{also}")
    # Read on with a space in each one's place, so the file's other problems are found at their own lines.
    return TextRead(refused.sub(" ", text), (error,))


def symlinks_under(folder: Path, shown: str) -> list[ContentError]:
    """Every symbolic link below the folder, each an error: nothing is read through a link."""
    errors = []
    for relative, entry in entries_under(folder):
        if isinstance(entry, OSError):
            errors.append(ContentError(Location(f"{shown}/{relative}", 1, 1), f"folder cannot be read: {entry.strerror or entry}"))
        elif entry.is_symlink():
            errors.append(ContentError(Location(f"{shown}/{relative}", 1, 1),
                                       "symbolic links are not allowed under content/: put the file itself here"))
    return sorted(errors, key=lambda error: error.location.path)


def _refused(where: Location, message: str) -> TextRead:
    return TextRead(None, (ContentError(where, message),))


def _no_follow(path: str, flags: int) -> int:
    """Open without following a link swapped in after the check."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
