"""Build the real project's site with `mkdocs build --strict`, into a temporary folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def mkdocs_build(config: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir), *extra],
        capture_output=True, text=True, cwd=config.parent, timeout=300,
    )
