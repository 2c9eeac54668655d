"""The machine a benchmark ran on, in one line for the README."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path


def describe() -> str:
    cpu = _first(r"^model name\s*:\s*(.+)$", "/proc/cpuinfo") or platform.processor() or "unknown CPU"
    memory_kib = _first(r"^MemTotal:\s*(\d+) kB$", "/proc/meminfo")
    memory = f"{int(memory_kib) / 2**20:.1f} GiB" if memory_kib else "unknown memory"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu}, {cores} cores available, {memory}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def load() -> str:
    """The 1, 5 and 15 minute load averages: above 0 means other work shared the cores."""
    return " ".join(f"{average:.2f}" for average in os.getloadavg())


def _first(pattern: str, path: str) -> str | None:
    try:
        found = re.search(pattern, Path(path).read_text(), flags=re.M)
    except OSError:
        return None
    return found.group(1).strip() if found else None
