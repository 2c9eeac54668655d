"""Find the system programs the browser tests use, installing Debian's packages on a fresh
machine (CI runs as root): Chromium for Playwright, and Java for the Nu HTML checker.

Playwright's own browser download cannot work here; Playwright drives the system Chromium
through `executable_path` instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    return system_program(("chromium", "chromium-browser"), "chromium")


def java_path() -> str:
    return system_program(("java",), "default-jre-headless")


def system_program(commands: tuple[str, ...], package: str) -> str:
    """The first of `commands` on PATH, after installing `package` with apt-get if none is."""
    found = _which(commands)
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-q", package], check=True, env=env, capture_output=True, timeout=900)
        found = _which(commands)
    if found is None:
        raise RuntimeError(f"the browser tests need {commands[0]}: install Debian's package '{package}'")
    return found


def _which(commands: tuple[str, ...]) -> str | None:
    return next((path for path in map(shutil.which, commands) if path), None)
