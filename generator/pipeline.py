"""The whole flow: content folder → checked corpus, then pages rendered and written one at a time.

Checking comes first and writes nothing, so invalid content never touches a site folder. Writing
streams: each page is rendered and written before the next, so memory holds the corpus and one
page, not the whole site.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import urls
from .content_security_policy import content_security_policy
from .export import (
    atom_feed, datapackage_json, documents_csv, documents_json, findings_csv, follow_ups_csv, judgements_csv,
    search_index_js, sitemap,
)
from .index import Corpus
from .pages import Edition, build_pages
from .render import Renderer
from .site_writer import SiteWriter
from .validate import load_corpus

# lunr.js (MIT licence) as MkDocs ships it for its own search: a well-kept library, no download.
LUNR = resources.files("mkdocs.contrib.search") / "templates" / "search" / "lunr.js"


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the site folder, always inside it
    content: str


@dataclass(frozen=True)
class SiteBuild:
    corpus: Corpus
    paths: tuple[str, ...]  # every file written, relative to the site folder
    paragraphs_rendered: int = 0  # Markdown renderings of paragraphs: once each, however often quoted


def check_content(content: Path, root: Path | None = None) -> Corpus:
    """The checked corpus, or ContentInvalid with every problem. The corpus lives for the whole
    build and holds no cycles to collect, so the garbage collector is told to stop scanning it
    (a previous build's corpus, in the same process, is handed back to it first)."""
    gc.unfreeze()
    corpus = load_corpus(content, root)
    gc.freeze()
    return corpus


def write_site(corpus: Corpus, templates: Path, settings: Edition, site: Path) -> SiteBuild:
    """Render every page and download of the corpus and write each into `site` as it is made.

    With a site_url (the public address) the sitemap is written too, since sitemaps need absolute
    addresses; pages themselves never link to the site's own host.
    """
    site_name, directory_urls, site_url = settings.site_name, settings.directory_urls, settings.site_url
    policy = content_security_policy(settings.live_reload)
    renderer = Renderer(templates, site_name, directory_urls, policy, corpus.registries.glossary)
    writer = SiteWriter(site)
    pages = build_pages(corpus, settings)
    for page in pages:
        rendered = renderer.render(page)
        writer.write(rendered.path, rendered.html)
    data = {
        "judgements.csv": judgements_csv, "documents.csv": documents_csv, "documents.json": documents_json,
        "findings.csv": findings_csv, "follow-ups.csv": follow_ups_csv,
    }
    for name, make in data.items():
        writer.write(urls.data_file(name), make(corpus))
    writer.write(urls.data_file("datapackage.json"), datapackage_json(site_name))
    for d in corpus.documents:
        writer.write(urls.source_file(d), d.source.text)
    writer.write(urls.search_index(), search_index_js(corpus, directory_urls))
    writer.write(urls.search_library(), LUNR.read_text(encoding="utf-8"))
    base = (site_url if site_url.endswith("/") else site_url + "/") if site_url else None
    writer.write(urls.feed(), atom_feed(corpus, site_name, base))
    if base:
        writer.write("sitemap.xml", sitemap([p.path for p in pages], base))
    return SiteBuild(corpus, writer.written(), renderer.paragraphs.rendered)


def write_files(files: tuple[OutputFile, ...], site: Path) -> tuple[str, ...]:
    """Write files made in memory (the preview's error pages)."""
    writer = SiteWriter(site)
    for file in files:
        writer.write(file.path, file.content)
    return writer.written()
