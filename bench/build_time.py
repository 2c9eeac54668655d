"""Benchmark: build time and peak memory as the corpus grows.

Copies the bundled councils' content under new council ids (same documents, new ids) to make a
corpus of N councils, then times `mkdocs build` on it in a fresh process and prints the figures.

    python bench/build_time.py            # 1, 10 and 40 councils
    python bench/build_time.py 5 20 80    # other sizes
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def make_corpus(root: Path, councils: int) -> int:
    """A project folder with `councils` copies of every bundled council; returns the page count."""
    for name in ("templates", "mkdocs.yml"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    content = root / "content"
    content.mkdir()
    for registry in (PROJECT / "content").glob("*.yaml"):
        shutil.copy(registry, content / registry.name)
    for original in sorted((PROJECT / "content" / "councils").iterdir()):
        ids = [p.stem for p in (original / "documents").glob("*.yaml")]
        ids += re.findall(r"^  - id: (\S+)$", (original / "council.yaml").read_text(encoding="utf-8"), flags=re.M)
        for copy in range(councils):
            council_id = original.name if copy == 0 else f"{original.name}-copy-{copy}"
            target = content / "councils" / council_id
            shutil.copytree(original, target)
            if copy:
                _rename(target, original.name, council_id, ids, copy)
    return len(list(content.glob("councils/*/documents/*.yaml")))


def _rename(folder: Path, council: str, new_council: str, ids: list[str], copy: int) -> None:
    """Give a copied council its own id and its documents their own ids (ids are corpus-wide)."""
    id_pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")\b")
    for path in [folder / "council.yaml", *(folder / "documents").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"^(id|council): {re.escape(council)}$", rf"\1: {new_council}", text, flags=re.M)
        text = id_pattern.sub(lambda m: f"{m.group(1)}-c{copy}", text)
        path.write_text(text, encoding="utf-8")
        if path.parent.name == "documents":
            path.rename(path.with_name(f"{path.stem}-c{copy}.yaml"))
    for source in (folder / "sources").glob("*.txt"):
        source.rename(source.with_name(f"{source.stem}-c{copy}.txt"))


def measure(councils: int) -> tuple[int, float, float, int]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        documents = make_corpus(root, councils)
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
