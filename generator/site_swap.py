"""Put a finished build in place of the site folder in one step, so the site is never half-written.

MkDocs empties its site folder and writes into it, so a build that is killed or crashes while
writing leaves a partial site behind, and a web server serving that folder shows it. Instead the
build writes into a staging folder beside the site (`<site>.new`: same parent, so the same file
system, where a rename is atomic) and only a completed build is swapped in:

- on Linux, renameat2(RENAME_EXCHANGE) exchanges the two folders in one system call, so at every
  instant the site path holds either the complete old build or the complete new one; the old
  build, now under the staging name, is then deleted;
- where that call is missing (another OS, an old C library) or refused (EINVAL, ENOSYS: a file
  system without exchange), the old site is renamed aside to `<site>.old`, the new one renamed
  in, and the old one deleted. The site path is briefly missing, never partial;
- when there is no site yet, a plain rename.

A build killed at any point leaves at most a stale staging or old folder beside the site;
`prepare_staging` clears them (restoring the old site if a fallback swap was cut short) before
the next build.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

_AT_FDCWD = -100  # "relative to the current directory" for the *at() system calls
_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_EXCHANGE_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS}


def _load_renameat2() -> Callable[..., int] | None:
    """The C library's renameat2, or None where there is none (another OS, glibc before 2.28)."""
    if sys.platform != "linux":
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
        function.restype = ctypes.c_int
    return function


_renameat2 = _load_renameat2()


def staging_folder(site: Path) -> Path:
    """Where a build of `site` is written before it is swapped in."""
    return site.with_name(site.name + ".new")


def retired_folder(site: Path) -> Path:
    """Where the fallback swap puts the old site aside before deleting it."""
    return site.with_name(site.name + ".old")


def prepare_staging(site: Path) -> Path:
    """Clear what a killed build left beside `site` and return the new, empty staging folder."""
    staging, retired = staging_folder(site), retired_folder(site)
    if retired.exists() and not site.exists():  # a fallback swap cut short: the old site goes back
        retired.rename(site)
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    return staging


def swap_in(staging: Path, site: Path) -> None:
    """Make the build in `staging` the site, in one step where the OS allows; the old site is deleted."""
    if not site.exists():
        staging.rename(site)
    elif exchange(staging, site):
        shutil.rmtree(staging)  # now holds the old site
    else:
        retired = retired_folder(site)
        site.rename(retired)
        staging.rename(site)
        shutil.rmtree(retired)


def discard(staging: Path) -> None:
    """Remove the staging folder of a build that failed; the site is left as it was."""
    if staging.exists():
        shutil.rmtree(staging)


def exchange(first: Path, second: Path) -> bool:
    """Exchange two existing paths atomically; False if this system cannot (nothing was changed)."""
    if _renameat2 is None:
        return False
    result = _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _EXCHANGE_UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))
