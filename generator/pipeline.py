"""The whole flow in one call: content folder → checked corpus → pages → rendered output files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import urls
from .export import judgements_csv
from .index import Corpus
from .pages import build_pages
from .render import Renderer
from .validate import load_corpus


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the site folder, always inside it
    content: str


@dataclass(frozen=True)
class SiteBuild:
    corpus: Corpus
    files: tuple[OutputFile, ...]


def build_site(content: Path, templates: Path, site_name: str, directory_urls: bool, root: Path | None = None) -> SiteBuild:
    """Everything the site holds, rendered in memory: nothing is written until it all succeeded."""
    corpus = load_corpus(content, root)
    renderer = Renderer(templates, site_name, directory_urls)
    files = [OutputFile(page.path, page.html) for page in map(renderer.render, build_pages(corpus))]
    files.append(OutputFile(urls.data_file("judgements.csv"), judgements_csv(corpus)))
    files.extend(OutputFile(urls.source_file(d), d.source.text) for d in corpus.documents)
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
