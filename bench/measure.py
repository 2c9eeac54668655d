"""One build in a fresh process: wall and CPU seconds, peak memory, and what it wrote.

Peak memory is taken two ways. ru_maxrss (os.wait4) is the largest resident set of any one
process of the build; a build that forks workers uses more than that at once, so the memory of
the whole process tree (the sum of each process's proportional set size, shared pages divided
among the processes sharing them) is also sampled every 100 ms; the peak reported is the larger
of the two, each at most the true peak.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float  # user + system, the build's processes together
    peak_mib: float  # the process tree's peak memory, sampled
    process_mib: float  # the largest resident set of any one process
    site_mib: float  # every file written
    largest_kib: float  # the largest HTML page
    largest_page: str  # its path inside the site


class BuildFailed(Exception):
    pass


def timed_build(command: list[str], cwd: Path, site: Path) -> Build:
    """Runs `command` in `cwd` with `site` removed first and the disk settled; its wall time and
    its own peak memory (os.wait4 reports the rusage of that one child, unlike RUSAGE_CHILDREN,
    which is a maximum over every child so far)."""
    shutil.rmtree(site, ignore_errors=True)
    settle_disk()
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        sampler = _TreeMemory(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0 or not site.is_dir():
            output.seek(0)
            tail = output.read().decode("utf-8", "replace")[-3000:]
            raise BuildFailed(f"{' '.join(command)} in {cwd} exited {child.returncode}:\n{tail}")
    files = [path for path in site.rglob("*") if path.is_file()]
    largest = max((path for path in files if path.suffix == ".html"), key=lambda path: path.stat().st_size)
    return Build(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mib=max(sampler.peak_kib, usage.ru_maxrss) / 1024,  # both at most the true peak
        process_mib=usage.ru_maxrss / 1024,  # kilobytes on Linux
        site_mib=sum(path.stat().st_size for path in files) / 2**20,
        largest_kib=largest.stat().st_size / 1024,
        largest_page=largest.relative_to(site).as_posix(),
    )


SETTLED_FOR = 1.0  # seconds without a block written: the disk has caught up
SETTLE_AT_MOST = 20.0
DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def settle_disk() -> str:
    """Start the next build from the same state whatever ran before: what is pending written out,
    the page cache emptied where this process may (root, Linux), and the disk quiet for
    SETTLED_FOR seconds (at most SETTLE_AT_MOST). Says what it could do.

    Each tool is measured after another that wrote hundreds of megabytes and had them deleted.
    On this benchmark's virtual machine, a build that writes a large site into a full page cache
    spends several times the system time it spends into an empty one (8 s against 2.3 s for this
    project at 1,000 documents, its user time the same), so without this the figures depend on
    what ran before, and most for the tool that writes the most."""
    os.sync()
    done = "synced"
    try:
        DROP_CACHES.write_text("1\n")
        done += ", page cache dropped"
    except OSError:
        pass
    stats = Path("/proc/diskstats")
    if not stats.exists():
        return done
    deadline, before, quiet_since = time.monotonic() + SETTLE_AT_MOST, None, time.monotonic()
    while time.monotonic() < deadline:
        # Per device: sectors written (field 10) and I/Os in progress (field 12), from 1.
        now = [(fields[9], fields[11]) for fields in (line.split() for line in stats.read_text().splitlines()) if len(fields) > 11]
        if now != before or any(in_flight != "0" for _, in_flight in now):
            quiet_since, before = time.monotonic(), now
        elif time.monotonic() - quiet_since >= SETTLED_FOR:
            return done + ", disk quiet"
        time.sleep(0.1)
    return done


class _TreeMemory(threading.Thread):
    """Samples the summed proportional set size of a process and its descendants."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kib = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            self.peak_kib = max(self.peak_kib, sum(map(_pss_kib, _tree(self.root))))


def _tree(root: int) -> list[int]:
    """The process and its descendants, from the parent of every process in /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_bytes()
            except OSError:
                continue
            parent = int(stat[stat.rindex(b")") + 2:].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    tree, unvisited = [], [root]
    while unvisited:
        pid = unvisited.pop()
        tree.append(pid)
        unvisited += children.get(pid, [])
    return tree


def _pss_kib(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # exited, or not ours to read
        return 0
    return sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
