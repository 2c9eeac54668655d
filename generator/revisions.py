"""The content folder as it was at a git revision, for comparing two versions of the content
(`python -m generator diff`). The revision is resolved to a commit first, so that no argument can
be taken for an option of git; what is extracted is only the content folder, with tarfile's
"data" filter (no links out, no absolute paths, no devices)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class RevisionError(Exception):
    """A revision git cannot read, or a folder that is not a git checkout."""


def commit_of(revision: str, repository: Path) -> str:
    """The commit a revision names ("main", "HEAD~1", a hash), or RevisionError."""
    found = _git(repository, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise RevisionError(f"'{revision}' names no commit of the repository at {repository}")
    return found.stdout.decode().strip()


def content_at(revision: str, repository: Path, folder: str, into: Path) -> Path:
    """The `folder` (content/) of the commit `revision` names, written under `into`; returns it."""
    commit = commit_of(revision, repository)
    archive = _git(repository, "archive", "--format=tar", commit, "--", folder)
    if archive.returncode != 0:
        raise RevisionError(f"{revision} ({commit[:12]}) has no folder '{folder}': {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / folder


def _git(repository: Path, *arguments: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repository), *arguments], capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
