"""The offline bundle at scale: it builds, how big it is zipped and unzipped, and that it opens and
searches from file:// once unzipped (the search figures of search_scale.py, on the bundle).

    python bench/bundle_scale.py PROJECT              # a project folder (mkdocs.yml, content/, templates/)
    python bench/bundle_scale.py --councils 600       # makes 600 × 5 documents in a temporary folder first

`measure(project)` returns the figures and `report(figures)` prints them, for bench/compare.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import corpus
import search_scale


def measure(project: Path) -> dict[str, object]:
    """Build the project's offline bundle with the README's command, unzip it and search it."""
    with tempfile.TemporaryDirectory(prefix="evidence-bundle-") as scratch:
        dist, unzipped = Path(scratch) / "dist", Path(scratch) / "unzipped"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "bundle", "--dist", str(dist)], cwd=project, check=True,
                       stdout=subprocess.DEVNULL, env=corpus.environment())
        seconds = time.perf_counter() - started
        (bundle,) = dist.glob("*.zip")
        with zipfile.ZipFile(bundle) as archive:
            members = archive.infolist()
            archive.extractall(unzipped)
        (top,) = unzipped.iterdir()
        return {
            "name": bundle.name, "seconds": seconds, "zip_mb": bundle.stat().st_size / 1e6,
            "unzipped_mb": sum(m.file_size for m in members) / 1e6, "files": len(members),
            "search": search_scale.measure(top),
        }


def report(figures: dict[str, object]) -> None:
    f = figures
    print(f"offline bundle {f['name']}: built in {f['seconds']:.1f} s; {f['zip_mb']:.1f} MB zipped, "
          f"{f['unzipped_mb']:.1f} MB in {f['files']:,} files unzipped; searched from file:// once unzipped:")
    search_scale.report(f["search"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", nargs="?", type=Path, help="a project folder")
    parser.add_argument("--councils", type=int, help="make a project of this many × 5 documents first")
    args = parser.parse_args()
    if (args.project is None) == (args.councils is None):
        parser.error("a project folder or --councils, one of them")
    if args.project:
        report(measure(args.project))
        return
    with tempfile.TemporaryDirectory(prefix="evidence-bundle-project-") as scratch:
        corpus.make_project(Path(scratch), args.councils)
        report(measure(Path(scratch)))


if __name__ == "__main__":
    main()
