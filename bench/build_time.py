"""Benchmark: build time and peak memory as the corpus grows.

Copies the bundled councils' content under new council ids (same documents, new ids) to make a
corpus of N councils, then times `mkdocs build` on it in a fresh process and prints the figures.
bench/compare.py compares the project with the Python floor and plain MkDocs.

    python bench/build_time.py            # 1, 10 and 40 councils
    python bench/build_time.py 5 20 80    # other sizes
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import make_project


def measure(councils: int) -> tuple[int, float, float, int]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        documents = make_project(root, councils)
        command = [sys.executable, "-c", (
            "import resource, sys; from mkdocs.__main__ import cli; "
            "sys.argv=['mkdocs','build','-q','-f','mkdocs.yml'];\n"
            "try:\n    cli()\nexcept SystemExit as e:\n    code = e.code\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )]
        start = time.perf_counter()
        result = subprocess.run(command, cwd=root, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0 or not result.stdout.strip():
            raise SystemExit(f"build failed for {councils} councils:\n{result.stderr}")
        peak_mib = int(result.stdout.strip().splitlines()[-1]) / 1024
        pages = len(list((root / "site").rglob("*.html")))
        return documents, seconds, peak_mib, pages


def main(sizes: list[int]) -> None:
    print(f"{'councils':>8} {'documents':>9} {'pages':>6} {'seconds':>8} {'s/page':>7} {'peak MiB':>9}")
    for councils in sizes:
        documents, seconds, peak, pages = measure(councils)
        print(f"{councils:>8} {documents:>9} {pages:>6} {seconds:>8.2f} {seconds / pages:>7.4f} {peak:>9.0f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1, 10, 40])
