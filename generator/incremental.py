"""The preview's incremental rebuild: after an edit, only the files the edit changes are written.

`mkdocs serve` keeps a LiveSite of its last good build: the corpus, and the page specs of every
page group (the site-wide pages, and each council's pages). After an edit:

1. the councils the edit touches are found: those whose council file or documents changed (the
   check reuses every unchanged file's reading, so an unchanged document is the same object), and
   those whose documents link to, or are linked from, a changed document;
2. the site-wide pages and those councils' pages are rendered again; pages that no longer
   exist are deleted;
3. the national downloads, feed and sitemap, the search files the edit changes (see
   search_index.SearchIndex), and the touched councils' downloads and source files, are made again;
4. of what was made again, only the files whose content differs from what the preview last
   wrote there are written.

Every file is replaced in one step (written beside, then renamed over), so the server never
serves half a file. A change to the templates, the registries or the build's settings makes
a full build instead, as does the first good build after invalid content.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any
from pathlib import Path

from . import urls
from .index import Corpus
from .model import NO_TEXTS, Document, with_texts
from .pages import Edition, PageSpec, council_pages, site_pages, site_pages_quoting
from .pipeline import DownloadMemo, SiteBuild, download_files
from .render import Renderer
from .site_writer import Content, inside, pieces

SITE_WIDE = ""  # the group key of the site-wide pages; the others are council ids


@dataclass(frozen=True)
class LiveSite:
    """The preview's last good build."""

    corpus: Corpus
    edition: Edition
    templates_key: tuple
    groups: dict[str, tuple[PageSpec, ...]]
    paths: frozenset[str]  # every file the pipeline wrote
    renderer: Renderer  # its compiled templates are kept: a change to the templates makes a full build
    digests: dict[str, bytes] = field(default_factory=dict)  # what the preview last wrote to each file, hashed
    memo: DownloadMemo = field(default_factory=DownloadMemo)  # what the other files were made of, kept up to date by update()
    site_wide: dict[str, SiteWidePage] = field(default_factory=dict)  # by path: what each site-wide page was made of

    @classmethod
    def of(cls, build: SiteBuild, edition: Edition, templates: Path, templates_key: tuple) -> "LiveSite":
        groups = {SITE_WIDE: build.groups[0]}
        groups.update((council.id, group) for council, group in zip(build.corpus.councils, build.groups[1:]))
        # The build's own renderer, whose templates the build compiled: the first edit does not compile them again.
        renderer = build.renderer or Renderer.for_edition(templates, edition, build.corpus.registries.glossary)
        site_wide = {page.path: SiteWidePage.of(page) for page in groups[SITE_WIDE]}
        return cls(build.corpus, edition, templates_key, groups, frozenset(build.paths), renderer,
                   memo=build.downloads or DownloadMemo(), site_wide=site_wide)


@dataclass(frozen=True)
class SiteWidePage:
    """A site-wide page as it was last made: what it was rendered from. The site-wide pages list
    or count every council, so their variables are made again after each edit; most edits leave
    them equal, and then the page would come out the same and is not rendered again. (Equal
    variables render the same: rendering depends on nothing else but the page's path, template,
    title and breadcrumbs, compared too, and the templates and registries, whose change makes a
    full build. Unchanged documents are the same objects, so the comparison is quick.)"""

    path: str
    template: str
    title: str
    breadcrumbs: tuple[tuple[str, str], ...]
    variables: dict[str, Any]

    @classmethod
    def of(cls, page: PageSpec) -> "SiteWidePage":
        return cls(page.path, page.template, page.title, page.breadcrumbs, dict(page.context.items()))


@dataclass(frozen=True)
class Update:
    site: LiveSite
    councils: frozenset[str]  # the councils whose pages were looked at again
    written: tuple[str, ...]
    deleted: tuple[str, ...]


def update(live: LiveSite, corpus: Corpus, site: Path) -> Update:
    """Bring `site`, the live build of `live`, up to date with `corpus`, writing only what changed."""
    touched = touched_councils(live.corpus, corpus)
    groups = {SITE_WIDE: site_pages(corpus, live.edition)}
    for council in corpus.councils:
        groups[council.id] = council_pages(corpus, council.id) if council.id in touched else live.groups[council.id]
    renderer = live.renderer.anew(corpus.registries.glossary)
    files = Files(site, dict(live.digests))
    reworded = reworded_documents(live.corpus, corpus)
    quoting = site_pages_quoting(corpus, reworded) if reworded is not None else set()
    site_wide = dict(live.site_wide)
    for page in groups[SITE_WIDE]:
        if reworded is not None and page.path not in quoting:
            files.keep(urls.output_file(page.path))  # shows no paragraph text, and nothing else changed
            continue
        made = site_wide[page.path] = SiteWidePage.of(page)
        if made != live.site_wide.get(made.path):
            rendered = renderer.render(_spec(made), made.variables)
            files.put(rendered.path, rendered.html)
        else:
            files.keep(urls.output_file(made.path))
    site_wide = {page.path: site_wide[page.path] for page in groups[SITE_WIDE]}
    for key in sorted(touched & groups.keys()):
        for page in groups[key]:
            rendered = renderer.render(page)
            files.put(rendered.path, rendered.html)
    pages = [page for group in groups.values() for page in group]
    councils = [c for c in corpus.councils if c.id in touched]
    documents = [d for c in councils for d in corpus.documents_of(c.id)]
    for path, content in download_files(corpus, live.edition, [p.path for p in pages], councils, documents, live.memo):
        files.put(path, content)
    paths = _kept_paths(live, corpus, touched, pages, files.made)
    deleted = tuple(sorted(live.paths - paths))
    for path in deleted:
        _delete(site, path)
    digests = {path: digest for path, digest in files.digests.items() if path in paths}
    site = LiveSite(corpus, live.edition, live.templates_key, groups, paths, live.renderer, digests, live.memo, site_wide)
    return Update(site, frozenset(touched), tuple(files.written), deleted)


def _spec(made: SiteWidePage) -> PageSpec:
    return PageSpec(made.path, made.template, made.title, made.variables, made.breadcrumbs)


class Files:
    """Writes the files an update makes as they come (in pieces, for CSV files), replacing only
    those whose content differs from what it last wrote there: each is written beside its place
    and hashed as it goes, then renamed over the old file, or dropped if it came out the same."""

    def __init__(self, site: Path, digests: dict[str, bytes]) -> None:
        self.site, self.digests = site, digests
        self.made: list[str] = []
        self.written: list[str] = []

    def put(self, path: str, content: Content) -> None:
        before = self.digests.get(path)
        after = _replace(self.site, path, (piece.encode("utf-8") for piece in pieces(content)), before)
        if after != before:
            self.digests[path] = after
            self.written.append(path)
        self.made.append(path)

    def keep(self, path: str) -> None:
        """A file that would come out as it is: left as it is, and counted as made."""
        self.made.append(path)


def reworded_documents(old: Corpus, new: Corpus) -> set[str] | None:
    """The ids of the documents an edit changed, when it changed nothing but the text of their
    paragraphs (the commonest edit: a correction); else None. Such an edit leaves every
    site-wide page as it was but those that quote the paragraphs (pages.site_pages_quoting)."""
    if old.councils != new.councils or len(old.documents) != len(new.documents):
        return None
    reworded = set()
    for before, after in zip(old.documents, new.documents):
        if before is not after:
            if _without_text(before) != _without_text(after):
                return None
            reworded.add(after.id)
    return reworded


def _without_text(document: Document) -> Document:
    """The document with every paragraph's text left out."""
    return replace(document, sections=with_texts(document.sections, NO_TEXTS),
                   all_paragraphs=tuple(replace(p, texts=NO_TEXTS) for p in document.all_paragraphs))


def touched_councils(old: Corpus, new: Corpus) -> set[str]:
    """The councils whose pages an edit from `old` to `new` may change."""
    old_documents, new_documents = {d.id: d for d in old.documents}, {d.id: d for d in new.documents}
    changed = {i for i in old_documents.keys() | new_documents.keys() if old_documents.get(i) is not new_documents.get(i)}
    old_councils, new_councils = {c.id: c for c in old.councils}, {c.id: c for c in new.councils}
    edited = {i for i in old_councils.keys() | new_councils.keys() if old_councils.get(i) is not new_councils.get(i)}
    touched = edited | {d.council for i in changed for d in (old_documents.get(i), new_documents.get(i)) if d is not None}
    linked = changed | {r.id for i in edited for c in (old_councils.get(i), new_councils.get(i)) if c for r in c.referenced_documents}
    for corpus in (old, new):
        owners = _owners(corpus)
        for document in corpus.documents:
            targets = linked_ids(document)
            if document.id in changed:
                touched.update(*(owners.get(target, ()) for target in targets))
            elif not targets.isdisjoint(linked):
                touched.add(document.council)
    return touched


def linked_ids(document: Document) -> set[str]:
    """The ids of the documents `document` refers to or reports on."""
    ids = {r.document for r in document.references}
    ids.update(report.document for f in document.follow_ups for report in f.reports)
    return ids


def _owners(corpus: Corpus) -> dict[str, set[str]]:
    """The councils each document id belongs to: a transcribed document's, and every council that
    lists it among its referenced documents (councils may list the same joint inspection)."""
    owners: dict[str, set[str]] = {}
    for d in corpus.documents:
        owners.setdefault(d.id, set()).add(d.council)
    for council in corpus.councils:
        for referenced in council.referenced_documents:
            owners.setdefault(referenced.id, set()).add(council.id)
    return owners


def _kept_paths(live: LiveSite, corpus: Corpus, touched: set[str], pages: list[PageSpec], made: Iterable[str]) -> frozenset[str]:
    """The files of the updated site: its pages, the other files made, every search file (those
    the edit left as they were are not made again), and the untouched councils' downloads."""
    untouched = {c.id for c in corpus.councils} - touched
    kept = {urls.output_file(page.path) for page in pages} | set(made) | live.memo.search.paths()
    kept |= {path for path in live.paths if _council_download_of(path) in untouched}
    kept |= {urls.source_file(d) for c in untouched for d in corpus.documents_of(c)}
    return frozenset(kept)


def _council_download_of(path: str) -> str | None:
    """The council whose own download `path` is, if it is one."""
    folder = urls.council_data_file("", "")  # "data/councils//": the prefix, then the council id
    prefix = folder[:folder.index("//") + 1]
    return path[len(prefix):].split("/", 1)[0] if path.startswith(prefix) else None


def _replace(site: Path, path: str, content: Iterable[bytes], unless: bytes | None = None) -> bytes:
    """Write the file beside its place, then rename it over the old one (readers see one or the
    other), unless its digest, taken as it is written, is `unless`: it came out as it was. Its digest."""
    target = inside(site, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()  # the quickest secure hash where processors compute it (SHA extensions)
    with partial.open("wb") as file:
        for piece in content:
            digest.update(piece)
            file.write(piece)
    if digest.digest() == unless:
        partial.unlink()
    else:
        os.replace(partial, target)
    return digest.digest()


def _delete(site: Path, path: str) -> None:
    target = inside(site, path)
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def adopt_static_files(staging: Path, site: Path) -> int:
    """Copy what MkDocs wrote for this build (our templates' static assets) into the live site,
    where it differs; how many files were copied."""
    copied = 0
    for source in sorted(p for p in staging.rglob("*") if p.is_file()):
        path = source.relative_to(staging).as_posix()
        target = site / path
        content = source.read_bytes()
        if not target.is_file() or target.read_bytes() != content:
            _replace(site, path, [content])
            copied += 1
    return copied
