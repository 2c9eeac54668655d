"""The project's preview latency: from saving a document to `mkdocs serve` serving the change.

Starts `python -m mkdocs serve` on a project folder, waits until the edited document's page is
served, then `runs` times appends a unique word to one paragraph of that document's YAML and
polls the page over HTTP every 20 ms until the word is in it. Every wait is bounded; the server
is always stopped. Failures are returned as a message, never raised.
"""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

POLL_SECONDS = 0.02
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


@dataclass
class Latency:
    seconds: list[float] = field(default_factory=list)  # save to served, one per edit
    startup: float | None = None  # from starting the server to the page being served
    failure: str = ""


def measure(root: Path, document: Path, runs: int, timeout: float) -> Latency:
    """`document` is a document YAML under root/content; `timeout` bounds every wait."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/councils/{document.parent.parent.name}/{document.stem}/"
    latency = Latency()
    log = root / "serve.log"
    with log.open("wb") as output:
        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
                                  cwd=root, stdout=output, stderr=subprocess.STDOUT)
        try:
            if _wait_for(url, "", server, timeout) is None:
                latency.failure = f"not serving {url} within {timeout:.0f} s"
                return latency
            latency.startup = time.perf_counter() - start
            original = document.read_text(encoding="utf-8")
            for run in range(runs):
                word = f"benchword{run}x{time.time_ns()}"
                saved = _append_word(document, original, word)
                served = _wait_for(url, word, server, timeout)
                if served is None:
                    latency.failure = f"edit {run + 1}: {word} not served within {timeout:.0f} s"
                    return latency
                latency.seconds.append(served - saved)
            document.write_text(original, encoding="utf-8")
            return latency
        finally:
            _stop(server)
            if latency.failure:
                tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                latency.failure += f"\n--- mkdocs serve said (last lines) ---\n{tail}"


def _append_word(document: Path, original: str, word: str) -> float:
    """Appends `word` to the first paragraph text (the line after the first `text: |-`); returns
    the time the file was saved."""
    lines = original.splitlines(keepends=True)
    line = next(index for index, text in enumerate(lines) if text.strip() == "text: |-") + 1
    lines[line] = lines[line].rstrip("\n") + f" {word}\n"
    document.write_text("".join(lines), encoding="utf-8")
    return time.perf_counter()


def _wait_for(url: str, word: str, server: subprocess.Popen, timeout: float) -> float | None:
    """Polls `url` until it answers 200 with `word` in it; the time it did, or None on timeout
    or if the server exits."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and server.poll() is None:
        try:
            with LOCAL.open(url, timeout=max(0.1, min(5.0, deadline - time.perf_counter()))) as response:
                if response.status == 200 and word in response.read().decode("utf-8", "replace"):
                    return time.perf_counter()
        except (OSError, http.client.HTTPException):  # not up yet, mid-rebuild, 404
            pass
        time.sleep(POLL_SECONDS)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(server: subprocess.Popen) -> None:
    """Ctrl-C, so MkDocs removes its temporary site folder; killed if it does not stop."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
