"""Search at scale: the size of the search files, and in Chromium from file:// how soon the first
results appear after typing and how much JavaScript heap the search page holds.

    python bench/search_scale.py site/                     # any built site folder
    python bench/search_scale.py --councils 600            # builds 600 × 5 documents in a temporary folder first
    python bench/search_scale.py --councils 600 --project /tmp/p3000   # ... in a folder that is kept

Sizes are in MB (10^6 bytes). The index is what a search may load (documents.js, the term
shards and the theme files); the text files (each document's paragraphs, loaded for the results
shown) are reported on their own. Each query runs on a freshly opened search page, so nothing is
loaded yet: "typed" types it a key every 100 ms, as a person would, and times from the last key
to the first result painted; "pasted" enters it at once. The heap is Chromium's JSHeapUsedSize
(CDP Performance.getMetrics) after the typed search, as found and after a garbage collection.

`measure(site)` returns the figures and `report(figures)` prints them, for bench/compare.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

import corpus

QUERIES = ("supervision", "permanence plan", "assess", "ch")
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 60_000

# Runs before the page's own scripts (CDP, so the page's CSP does not apply): notes when the index
# is ready, each input event, and the first paint after results for the query now typed are added.
_TIMER = """
window.benchTimes = { ready: null, input: null, results: null };
document.addEventListener("input", () => { window.benchTimes.input = performance.now(); window.benchTimes.results = null; }, true);
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  new MutationObserver(() => {
    if (window.benchTimes.ready === null && status.textContent.startsWith("Type words")) { window.benchTimes.ready = performance.now(); }
  }).observe(status, { childList: true, characterData: true, subtree: true });
  new MutationObserver(records => {
    const query = document.getElementById("search-query").value.trim();
    const added = records.some(r => r.addedNodes.length > 0) && list.children.length > 0;
    if (added && status.textContent.endsWith("“" + query + "”") && window.benchTimes.results === null) {
      window.benchTimes.results = -1;
      requestAnimationFrame(() => { if (window.benchTimes.results === -1) { window.benchTimes.results = performance.now(); } });
    }
  }).observe(list, { childList: true });
});
"""


def file_sizes(site: Path) -> dict[str, object]:
    folder = site / "assets" / "search"
    parts = {name: sorted(p for p in (folder / name).rglob("*") if p.is_file()) for name in ("terms", "themes", "text")}
    size = {name: sum(p.stat().st_size for p in paths) for name, paths in parts.items()}
    documents = (folder / "documents.js").stat().st_size
    largest = max(parts["terms"], key=lambda p: p.stat().st_size)
    table = json.loads((folder / "documents.js").read_text(encoding="utf-8").partition(",")[2].removesuffix(");\n"))
    return {
        "documents": len(table["documents"]), "paragraphs": sum(row[5] for row in table["documents"]),
        "documents_js_mb": documents / 1e6, "terms_mb": size["terms"] / 1e6, "themes_mb": size["themes"] / 1e6,
        "index_mb": (documents + size["terms"] + size["themes"]) / 1e6, "text_mb": size["text"] / 1e6,
        "shards": len(parts["terms"]), "text_files": len(parts["text"]),
        "largest_shard": largest.name, "largest_shard_kb": largest.stat().st_size / 1e3,
    }


def _open(browser, site: Path) -> tuple[Page, float]:
    """A fresh search page with its index loaded, and how long that took from navigation, ms."""
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(_TIMER)
    page.goto((site / "search" / "index.html").as_uri())
    page.wait_for_function("() => window.benchTimes.ready !== null")
    return page, page.evaluate("() => window.benchTimes.ready")


def _first_result_ms(page: Page, query: str, typed: bool) -> tuple[float, str]:
    box = page.locator("#search-query")
    if typed:
        box.press_sequentially(query, delay=100)
    else:
        box.fill(query)
    page.wait_for_function("() => window.benchTimes.results > 0")
    times = page.evaluate("() => window.benchTimes")
    return times["results"] - times["input"], page.locator("#search-status").inner_text()


def _heap_mb(page: Page) -> tuple[float, float]:
    """JSHeapUsedSize as found, then after a garbage collection."""
    session = page.context.new_cdp_session(page)
    session.send("Performance.enable")

    def used() -> float:
        metrics = session.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "JSHeapUsedSize") / 1e6

    before = used()
    session.send("HeapProfiler.collectGarbage")
    return before, used()


def measure(site: Path) -> dict[str, object]:
    """The search figures of a built site folder."""
    figures = file_sizes(site)
    searches = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for query in QUERIES:
                result = {"query": query}
                for typed in (True, False):
                    page, ready = _open(browser, site)
                    ms, status = _first_result_ms(page, query, typed)
                    result["typed_ms" if typed else "pasted_ms"] = ms
                    if typed:
                        result.update(ready_ms=ready, status=status)
                        result["heap_mb"], result["heap_after_gc_mb"] = _heap_mb(page)
                    page.close()
                searches.append(result)
        finally:
            browser.close()
    figures["searches"] = searches
    return figures


def report(figures: dict[str, object]) -> None:
    f = figures
    print(f"search files for {f['documents']:,} documents, {f['paragraphs']:,} paragraphs:")
    print(f"  index {f['index_mb']:.2f} MB (documents.js {f['documents_js_mb']:.2f}, {f['shards']} term shards "
          f"{f['terms_mb']:.2f}, themes {f['themes_mb']:.2f}); largest shard {f['largest_shard']} {f['largest_shard_kb']:.0f} kB")
    print(f"  text {f['text_mb']:.2f} MB in {f['text_files']:,} files, loaded only for the results shown")
    print(f"  {'query':<16} {'index ready ms':>14} {'typed ms':>9} {'pasted ms':>10} {'heap MB':>8} {'after GC':>9}  status")
    for s in f["searches"]:
        print(f"  {s['query']:<16} {s['ready_ms']:>14.0f} {s['typed_ms']:>9.0f} {s['pasted_ms']:>10.0f} "
              f"{s['heap_mb']:>8.1f} {s['heap_after_gc_mb']:>9.1f}  {s['status']}")


def build(project: Path, councils: int) -> Path:
    """A project of `councils` copies of the bundled councils, built with `mkdocs build`; its site."""
    documents = corpus.make_project(project, councils)
    print(f"building {documents:,} documents in {project} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=corpus.environment(), check=True)
    return project / "site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder")
    parser.add_argument("--councils", type=int, help="make and build a project of this many × 5 documents first")
    parser.add_argument("--project", type=Path, help="where to make it (kept); default a temporary folder")
    args = parser.parse_args()
    if (args.site is None) == (args.councils is None):
        parser.error("a site folder or --councils, one of them")
    if args.site:
        report(measure(args.site))
        return
    with tempfile.TemporaryDirectory(prefix="evidence-search-") as scratch:
        project = args.project or Path(scratch)
        report(measure(build(project, args.councils)))


if __name__ == "__main__":
    main()
