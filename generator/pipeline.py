"""The whole flow: content folder → checked corpus, then pages rendered and written one at a time.

Checking comes first and writes nothing, so invalid content never touches a site folder. Writing
streams: each page is rendered and written before the next, and each other file (a CSV file a
piece at a time, the search files as each document is read) before the next is made, so memory
holds the corpus, the search postings and one file or piece, not the whole site.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import urls
from .content_files import source_text
from .forked_work import share
from .export import (
    COUNCIL_RESOURCES, RESOURCES, Pieces, Scope, atom_feed, datapackage_json, documents_csv, documents_json,
    findings_csv, follow_ups_csv, judgements_csv, piece_keys, sitemap,
)
from .index import Corpus
from .model import Council, Document
from .pages import Edition, PageSpec, page_groups
from .render import Renderer
from .search_index import SearchIndex
from .site_writer import Content, SiteWriter
from .validate import ReadingMemo, load_corpus

# Each download's file name, and what makes it for a scope (all councils, or one).
DOWNLOADS: dict[str, Callable[[Scope], Content]] = {
    "judgements.csv": judgements_csv, "documents.csv": documents_csv, "documents.json": documents_json,
    "findings.csv": findings_csv, "follow-ups.csv": follow_ups_csv,
}


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the site folder, always inside it
    content: str


@dataclass(frozen=True)
class SiteBuild:
    corpus: Corpus
    paths: tuple[str, ...]  # every file written, relative to the site folder
    paragraphs_rendered: int = 0  # Markdown renderings of paragraphs: once each, however often quoted
    groups: tuple[tuple[PageSpec, ...], ...] = ()  # the pages, as page_groups made them
    downloads: DownloadMemo | None = None  # what the downloads were made of, when the preview asked to keep it
    renderer: Renderer | None = None  # the one this process rendered with, its templates compiled


def check_content(content: Path, root: Path | None = None, memo: ReadingMemo | None = None, workers: int = 1,
                  meanwhile: Callable[[], object] | None = None) -> Corpus:
    """The checked corpus, or ContentInvalid with every problem. The corpus lives for the whole
    build and holds no cycles to collect, so the garbage collector is told to stop scanning it
    (a previous build's corpus, in the same process, is handed back to it first). The preview
    passes the memo of its previous check, so only edited files are read again; a build passes
    the number of processes that may share the reading, and work of its own for this process to
    do while the others start reading (`meanwhile`: the plugin compiles the templates), done only
    when workers are forked."""
    gc.unfreeze()
    with fewer_collections():
        corpus = load_corpus(content, root, memo, workers, meanwhile)
    gc.freeze()
    return corpus


YOUNG_OBJECTS = 5000  # allocations between two collections of the youngest generation; Python's default is 700


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The garbage collector run a seventh as often while content is read or pages are made:
    each page and paragraph makes thousands of short-lived objects (tokens, template contexts,
    some in reference cycles that only the collector frees): collecting every 700 of them took
    1.8 s of a one-process build of 1,000 documents, every 5,000 0.8 s. Garbage in cycles still
    goes within a few thousand allocations, so memory does not grow."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def write_site(corpus: Corpus, templates: Path, settings: Edition, site: Path, workers: int = 1,
               memo: DownloadMemo | None = None, renderer: Renderer | None = None) -> SiteBuild:
    """Render every page and download of the corpus and write each into `site` as it is made.

    With workers > 1 (and where processes can be forked), the pages are shared out among that many
    processes (forked_work.py), whole groups at a time (the site-wide pages, and each council's, so
    each council's paragraphs are rendered in one of them); this process writes the downloads
    first, then renders groups too. With a site_url (the public address) the sitemap is written
    too, since sitemaps need absolute addresses; pages never link to the site's own host. The
    preview passes a memo, which keeps what the downloads were made of for its updates; a caller
    that made a renderer of these templates and settings already (its templates compiled) passes it.
    """
    groups = page_groups(corpus, settings)
    pages = [page for group in groups for page in group]
    if renderer is None:
        renderer = Renderer.for_edition(templates, settings, corpus.registries.glossary)
    else:
        renderer = renderer.anew(corpus.registries.glossary)
    if workers > 1:
        renderer.compile_templates()
    job = _PageJob(renderer, site)
    with fewer_collections():
        downloads, results = share(groups, job.run, workers, lambda: _write_downloads(corpus, settings, site, pages, memo))
    written = [path for paths, _ in results for path in paths] + downloads
    return SiteBuild(corpus, tuple(written), sum(count for _, count in results), tuple(groups), memo, job.renderer)


@dataclass(frozen=True)
class _PageJob:
    renderer: Renderer  # made before any worker is forked: each inherits it, templates compiled
    site: Path

    def run(self, pages: Sequence[PageSpec]) -> tuple[list[str], int]:
        """Render and write the pages; the paths written, and how many paragraphs were rendered."""
        writer = SiteWriter(self.site)
        before = self.renderer.paragraphs.rendered
        for page in pages:
            rendered = self.renderer.render(page)
            writer.write(rendered.path, rendered.html)
        return list(writer.written()), self.renderer.paragraphs.rendered - before


def _write_downloads(corpus: Corpus, settings: Edition, site: Path, pages: list[PageSpec], memo: DownloadMemo | None) -> list[str]:
    writer = SiteWriter(site)
    for path, content in download_files(corpus, settings, [p.path for p in pages], corpus.councils, corpus.documents, memo):
        writer.write(path, content)
    return list(writer.written())


@dataclass
class DownloadMemo:
    """What the preview keeps from edit to edit so that the files other than pages are made again
    from what an edit changed only: the search index, and each download's pieces (each document's
    rows of the CSV files, its item of documents.json), by file name."""

    search: SearchIndex = field(default_factory=SearchIndex)
    pieces: dict[str, Pieces] = field(default_factory=lambda: {name: Pieces() for name in DOWNLOADS})


def download_files(corpus: Corpus, settings: Edition, page_paths: list[str], councils: Iterable[Council],
                   documents: Iterable[Document], memo: DownloadMemo | None = None) -> Iterator[tuple[str, Content]]:
    """Every file of the site that is not a page, as (path, content), each content to be written
    before the next is asked for (CSV files come in pieces): the national downloads, the search
    files, the feed and the sitemap, and the downloads of `councils` and the source files of
    `documents` (all of them for a build; for the preview, those an edit changed, and of the
    search files those the edit changed, made with the memo it keeps from edit to edit). A build
    keeps nothing: what it makes is handed on and dropped."""
    site_name, site_url = settings.site_name, settings.site_url
    downloads = dict(DOWNLOADS)
    if memo is not None:
        keys = piece_keys(corpus)
        for name, pieces in memo.pieces.items():
            pieces.retain(keys)
            downloads[name] = partial(DOWNLOADS[name], pieces=pieces)
    national = Scope(corpus)
    for resource in RESOURCES:
        yield urls.data_file(resource.path), downloads[resource.path](national)
    yield urls.data_file("datapackage.json"), datapackage_json(site_name)
    for council in councils:
        scope = Scope(corpus, council)
        for resource in COUNCIL_RESOURCES:
            yield urls.council_data_file(council.id, resource.path), downloads[resource.path](scope)
        yield urls.council_data_file(council.id, "datapackage.json"), datapackage_json(site_name, council)
    for d in documents:
        yield urls.source_file(d), source_text(d.source, corpus.root)
    yield from (memo.search if memo else SearchIndex()).files(corpus, settings.directory_urls)
    base = (site_url if site_url.endswith("/") else site_url + "/") if site_url else None
    yield urls.feed(), atom_feed(corpus, site_name, base)
    if base:
        yield "sitemap.xml", sitemap(page_paths, base)


def write_files(files: tuple[OutputFile, ...], site: Path) -> tuple[str, ...]:
    """Write files made in memory (the preview's error pages)."""
    writer = SiteWriter(site)
    for file in files:
        writer.write(file.path, file.content)
    return writer.written()
