"""Build time, memory and output of the project against the Python floor and plain MkDocs 1.6,
as the corpus grows, and the project's `mkdocs serve` preview latency.

    python bench/compare.py --quick            # 50 and 200 documents (the default), a few minutes
    python bench/compare.py 1000 3000          # document counts (N documents = N/5 councils)
    python bench/compare.py 1000 --runs 5 --serve-size 200

Each corpus copies the bundled council under new ids (corpus.py). The three tools build it in
turn, `--runs` times, each build in a fresh process, and the medians are printed:

- project: `python -m mkdocs build` with this project's mkdocs.yml, templates/ and plugin;
- floor:   floor.py, the least any Python generator of these pages must do;
- mkdocs:  plain MkDocs 1.6, default theme and search, on the same text as Markdown, from its
           own virtual environment (plain_mkdocs.py).

At the largest size it also measures search in Chromium from file:// (search_scale.py) and builds,
unzips and searches the offline bundle (bundle_scale.py).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import mkdocs

import bundle_scale
import corpus
import machine
import plain_mkdocs
import search_scale
import serve_latency
from measure import Build, BuildFailed, settle_disk, timed_build

BENCH = Path(__file__).resolve().parent
QUICK_SIZES = [50, 200]
TOOLS = ("project", "floor", "mkdocs")


@dataclass(frozen=True)
class Corpus:
    documents: int
    project: Path  # mkdocs.yml, templates/, content/
    plain: Path  # mkdocs.yml and docs/ for plain MkDocs
    floor_site: Path


def prepare(scratch: Path, documents: int) -> Corpus:
    root = scratch / f"{documents}-documents"
    made = corpus.make_project(root / "project", corpus.councils_for(documents))
    plain_mkdocs.make_project(root / "project" / "content", root / "plain")
    return Corpus(made, root / "project", root / "plain", root / "floor-site")


def build(tool: str, prepared: Corpus, mkdocs_python: Path) -> Build:
    if tool == "project":
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"]
        return timed_build(command, prepared.project, prepared.project / "site")
    if tool == "floor":
        command = [sys.executable, str(BENCH / "floor.py"), "content", str(prepared.floor_site)]
        return timed_build(command, prepared.project, prepared.floor_site)
    return timed_build(plain_mkdocs.command(mkdocs_python), prepared.plain, prepared.plain / "site")


def median(builds: list[Build]) -> Build:
    """Median time and memory; the output of the last build (every build writes the same)."""
    return replace(builds[-1], **{name: statistics.median(getattr(b, name) for b in builds)
                                  for name in ("seconds", "cpu_seconds", "peak_mib", "process_mib")})


def report(results: dict[int, dict[str, Build]]) -> None:
    print("\nseconds: wall; cpu s: user + system of all its processes; peak MiB: all its processes at once;"
          "\nprocess MiB: the largest single process (ru_maxrss)")
    print(f"{'documents':>9} {'tool':<8} {'seconds':>8} {'ms/doc':>7} {'cpu s':>7} {'peak MiB':>8} {'process MiB':>11} "
          f"{'site MiB':>8} {'largest page KiB':>16}  largest page")
    for documents, tools in results.items():
        for tool, b in tools.items():
            print(f"{documents:>9} {tool:<8} {b.seconds:>8.2f} {1000 * b.seconds / documents:>7.1f} {b.cpu_seconds:>7.1f} "
                  f"{b.peak_mib:>8.0f} {b.process_mib:>11.0f} {b.site_mib:>8.1f} {b.largest_kib:>16.0f}  {b.largest_page}")
    measures = {"wall": "seconds", "cpu": "cpu_seconds", "memory": "peak_mib"}
    print(f"\nproject ÷ floor and project ÷ mkdocs\n{'documents':>9}"
          + "".join(f" {label + ' ÷floor':>13} {label + ' ÷mkdocs':>14}" for label in measures))
    for documents, t in results.items():
        print(f"{documents:>9}" + "".join(
            f" {getattr(t['project'], name) / getattr(t['floor'], name):>13.2f}"  # the goal is 1.5: two places
            f" {getattr(t['project'], name) / getattr(t['mkdocs'], name):>14.2f}" for name in measures.values()))
    sizes = list(results)
    if len(sizes) > 1:
        smallest, largest = sizes[0], sizes[-1]
        print(f"\nlinearity, ms/doc at {largest} documents ÷ ms/doc at {smallest} (1.0 = linear): " + ", ".join(
            f"{tool} {(results[largest][tool].seconds / largest) / (results[smallest][tool].seconds / smallest):.2f}"
            for tool in TOOLS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, help="document counts (default: the --quick sizes)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {' and '.join(map(str, QUICK_SIZES))}")
    parser.add_argument("--runs", type=int, default=3, help="builds per tool and size, and preview edits (default 3)")
    parser.add_argument("--serve-size", type=int, help="documents for the preview latency (default: the largest "
                                                       "size; 0 skips it)")
    parser.add_argument("--serve-runs", type=int, help="edits for the preview latency (default: --runs)")
    parser.add_argument("--serve-timeout", type=float, help="bound on each preview wait, seconds "
                                                            "(default 60 + 0.2 per document)")
    args = parser.parse_args()
    if args.quick and args.sizes:
        parser.error("--quick or sizes, not both")
    sizes = sorted(set(args.sizes or QUICK_SIZES))
    serve_size = max(sizes) if args.serve_size is None else args.serve_size

    started = time.perf_counter()
    print(f"machine: {machine.describe()}; load average {machine.load()}")
    mkdocs_python = plain_mkdocs.environment()
    print(f"project: MkDocs {mkdocs.__version__} ({sys.executable}); "
          f"plain MkDocs {plain_mkdocs.version(mkdocs_python)} ({mkdocs_python})")
    print(f"{args.runs} run(s) per tool and size, interleaved; medians; before each build its last site "
          f"is removed and the disk {settle_disk()} (measure.settle_disk)", flush=True)

    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as scratch:
        corpora = {size: prepare(Path(scratch), size) for size in sizes}
        results: dict[int, dict[str, Build]] = {}
        search: dict[str, object] = {}
        bundle: dict[str, object] = {}
        try:
            for prepared in corpora.values():
                builds: dict[str, list[Build]] = {tool: [] for tool in TOOLS}
                for run in range(args.runs):
                    for tool in TOOLS:
                        builds[tool].append(build(tool, prepared, mkdocs_python))
                    print(f"  {prepared.documents} documents, run {run + 1}/{args.runs}: " + ", ".join(
                        f"{tool} {builds[tool][-1].seconds:.2f} s" for tool in TOOLS), file=sys.stderr, flush=True)
                results[prepared.documents] = {tool: median(b) for tool, b in builds.items()}
                if prepared is corpora[max(corpora)]:
                    search = search_scale.measure(prepared.project / "site")  # the search page in Chromium, from file://
                    bundle = bundle_scale.measure(prepared.project)  # the offline edition, zipped, unzipped and searched
                for site in (prepared.project / "site", prepared.floor_site, prepared.plain / "site"):
                    shutil.rmtree(site)  # gigabytes at thousands of documents
        except BuildFailed as failure:
            sys.exit(f"build failed: {failure}")
        report(results)
        if search:
            search_scale.report(search)
        if bundle:
            bundle_scale.report(bundle)

        if serve_size:
            prepared = corpora.get(serve_size) or prepare(Path(scratch), serve_size)
            timeout = args.serve_timeout or 60 + 0.2 * prepared.documents
            document = corpus.document_files(prepared.project / "content")[0]
            latency = serve_latency.measure(prepared.project, document, args.serve_runs or args.runs, timeout)
            print(f"\npreview latency, mkdocs serve on {prepared.documents} documents, editing "
                  f"{document.relative_to(prepared.project)}:")
            if latency.startup is not None:
                print(f"  server start to first page served: {latency.startup:.2f} s")
            if latency.seconds:
                print(f"  save to served, median of {len(latency.seconds)}: {statistics.median(latency.seconds):.2f} s "
                      f"({', '.join(f'{s:.2f}' for s in latency.seconds)})")
            if latency.failure:
                print(f"  FAILED: {latency.failure}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s; load average now {machine.load()}")


if __name__ == "__main__":
    main()
