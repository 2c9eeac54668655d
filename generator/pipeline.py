"""The whole flow in one call: content folder → checked corpus → pages → rendered output files."""

from __future__ import annotations

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
    files: tuple[OutputFile, ...]


def build_site(content: Path, templates: Path, settings: Edition, root: Path | None = None) -> SiteBuild:
    """Everything the site holds, rendered in memory: nothing is written until it all succeeded.

    With a site_url (the public address) the sitemap is written too, since sitemaps need absolute
    addresses; pages themselves never link to the site's own host.
    """
    site_name, directory_urls, site_url = settings.site_name, settings.directory_urls, settings.site_url
    corpus = load_corpus(content, root)
    renderer = Renderer(templates, site_name, directory_urls, content_security_policy(settings.live_reload))
    pages = build_pages(corpus, settings)
    files = [OutputFile(page.path, page.html) for page in map(renderer.render, pages)]
    data = {
        "judgements.csv": judgements_csv(corpus), "documents.csv": documents_csv(corpus),
        "documents.json": documents_json(corpus), "findings.csv": findings_csv(corpus),
        "follow-ups.csv": follow_ups_csv(corpus), "datapackage.json": datapackage_json(site_name),
    }
    files.extend(OutputFile(urls.data_file(name), text) for name, text in data.items())
    files.extend(OutputFile(urls.source_file(d), d.source.text) for d in corpus.documents)
    files.append(OutputFile(urls.search_index(), search_index_js(corpus, directory_urls)))
    files.append(OutputFile(urls.search_library(), LUNR.read_text(encoding="utf-8")))
    base = (site_url if site_url.endswith("/") else site_url + "/") if site_url else None
    files.append(OutputFile(urls.feed(), atom_feed(corpus, site_name, base)))
    if base:
        files.append(OutputFile("sitemap.xml", sitemap([p.path for p in pages], base)))
    _refuse_unsafe_paths(files)
    return SiteBuild(corpus, tuple(files))


def _refuse_unsafe_paths(files: list[OutputFile]) -> None:
    seen = set()
    for file in files:
        parts = file.path.split("/")
        if file.path.startswith("/") or ".." in parts or "" in parts:
            raise ValueError(f"refusing to write outside the site folder: '{file.path}'")
        if file.path in seen:
            raise ValueError(f"two outputs would be written to '{file.path}'")
        seen.add(file.path)
