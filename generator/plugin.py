"""The MkDocs plugin: a thin adapter between MkDocs' build events and the pipeline.

- on_startup: notes whether this is the `mkdocs serve` preview. Defining it also makes MkDocs keep
  this plugin object across the preview's rebuilds, so the last good build is remembered.
- on_config: MkDocs is pointed at a staging folder beside the real site folder (site_swap.py), and
  at an empty folder for its own pages (docs_dir): only the pipeline reads content/.
- on_pre_build (before MkDocs writes anything): load and validate the content. Invalid content
  aborts `mkdocs build` with every error as path:line:column, site/ unchanged. In the preview it
  does not: see below.
- on_files: MkDocs copies our templates' static assets (and the offline bundle) and nothing else.
- on_post_build: the pipeline renders and writes every page into the staging folder, one at a
  time; then the finished build is swapped in for the site folder in one step, so the site is
  always a complete old or complete new build, never half-written; on_build_error discards it.
- on_serve: `mkdocs serve` rebuilds when content or templates change (preview_watch.py). After its
  first build, an edit rewrites only the files it changes (incremental.py), in place, instead of
  building anew.

In the preview, invalid content builds a site whose every page is the error page listing the
problems (error_site.py), and the problems are printed to the terminal. Showing the error page
in place of every page, rather than keeping the previous good build, is deliberate: an editor
who saves a broken file and sees the old page still there would wrongly think the edit is fine.
MkDocs' live reload then shows the error page at once, and the real page again once the content
is fixed. (Failing the build instead would leave the browser waiting until the content is fixed.)
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler
from watchdog.observers.api import BaseObserver

from . import preview_watch, urls
from .bundle_names import latest_bundle
from .error_site import error_site, page_paths
from .errors import ContentInvalid
from .file_keys import folder_key
from .incremental import LiveSite, adopt_static_files, update
from .pages import Edition
from .index import Corpus
from .edit_links import EditLinks
from .link_policy import report_address_problem
from .render import Renderer
from .pipeline import DownloadMemo, OutputFile, SiteBuild, check_content, write_files, write_site
from .validate import ReadingMemo
from .site_swap import discard, prepare_staging, retired_folder, staging_folder, swap_in


log = logging.getLogger("mkdocs.plugins.evidence")


class EvidenceConfig(Config):
    content = config_options.Type(str, default="content")
    templates = config_options.Type(str, default="templates")
    offline = config_options.Type(bool, default=False)  # set by `python -m generator bundle`
    dist = config_options.Type(str, default="dist")  # where bundles are; the latest is offered for download
    # Where readers report a mistake: a web address (an issue form) or mailto:address. Unset, pages offer none.
    report_mistakes = config_options.Optional(config_options.Type(str))


class EvidencePlugin(BasePlugin[EvidenceConfig]):
    def __init__(self) -> None:
        self.previewing = False  # `mkdocs serve`
        self.site: SiteBuild | None = None  # the last build of valid content
        self.corpus: Corpus | None = None  # this build's checked content, or None when it is invalid
        self.errors: tuple[OutputFile, ...] = ()  # the preview's error pages, when the content is invalid
        self.edition: Edition | None = None
        self.renderer: Renderer | None = None  # this build's, made before the check so that its templates compile during it
        self.bundle: Path | None = None
        self.target: Path | None = None  # the real site folder, while MkDocs writes to its staging folder
        self.warnings: CountHandler | None = None  # in strict mode MkDocs aborts after on_post_build on any
        self.memo = ReadingMemo()  # the preview's last check: unchanged files are not read again
        self.live: LiveSite | None = None  # the preview's last good build, to update in place
        self.empty_docs: Path | None = None  # MkDocs' docs_dir: see _no_pages
        self.watcher: BaseObserver | None = None  # the preview's watcher of content/ and templates/

    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.previewing = command == "serve"

    def on_config(self, config):
        # MkDocs' sitemap template would list none of our pages (and overwrite ours): not rendered.
        config.theme.static_templates.discard("sitemap.xml")
        self._stop_counting_warnings()  # in case a previous build in this process was interrupted
        self.target = None  # nothing of this build to discard until its staging folder is made
        target = Path(config.site_dir)
        root = self._root(config)
        folders = {"docs_dir": config.docs_dir, "content": root / self.config.content, "templates": root / self.config.templates}
        for scratch in (staging_folder(target), retired_folder(target)):
            for name, folder in folders.items():
                if Path(folder).resolve().is_relative_to(scratch.resolve()):  # the scratch folders are deleted before each build
                    raise PluginError(f"{name} '{folder}' must not be inside '{scratch}', which the build deletes")
        if self.config.report_mistakes is not None and (problem := report_address_problem(self.config.report_mistakes)):
            raise PluginError(f"report_mistakes: {problem}")
        self.target = target
        config.docs_dir = self._no_pages()
        config.site_dir = str(prepare_staging(target))
        self.warnings = _count_warnings() if config.strict else None
        return config

    def _no_pages(self) -> str:
        """An empty folder of this plugin's own, for MkDocs' docs_dir: MkDocs walks its docs_dir
        for Markdown pages, following links, and would walk content/, untrusted, every build."""
        if self.empty_docs is None or not self.empty_docs.is_dir():
            self.empty_docs = Path(tempfile.mkdtemp(prefix="evidence-no-pages-"))
        return str(self.empty_docs)

    def on_shutdown(self) -> None:
        preview_watch.stop(self.watcher)
        self.watcher = None
        if self.empty_docs is not None:
            shutil.rmtree(self.empty_docs, ignore_errors=True)
            self.empty_docs = None

    def on_pre_build(self, *, config) -> None:
        root = self._root(config)
        self.bundle = None if self.config.offline else latest_bundle(root / self.config.dist, config.site_name)
        edition = Edition(
            site_name=config.site_name, directory_urls=config.use_directory_urls,
            site_url=None if self.config.offline else config.site_url, offline=self.config.offline,
            download=urls.download(self.bundle.name) if self.bundle else None, live_reload=self.previewing,
            report_mistakes=self.config.report_mistakes,
            edit_links=None if self.config.offline else EditLinks.of(config.repo_url, config.edit_uri),
        )
        self.edition = edition
        self.corpus, self.errors = None, ()
        # Both cores for a build; one process in the preview, whose server threads make forking unsafe.
        workers = 1 if self.previewing else os.cpu_count() or 1
        # Made now so that this process compiles the templates while workers start on the content.
        self.renderer = Renderer.for_edition(root / self.config.templates, edition)
        try:
            self.corpus = check_content(root / self.config.content, root, self.memo if self.previewing else None, workers,
                                        meanwhile=self.renderer.compile_templates)
        except ContentInvalid as invalid:
            if not self.previewing:
                raise PluginError(f"Content is invalid; the site was not built and site/ is unchanged.\n{invalid}") from None
            print(f"Content is invalid; the preview shows these problems until they are fixed:\n{invalid}", file=sys.stderr)
            self.bundle = None
            templates = root / self.config.templates
            self.errors = error_site(templates, edition, invalid.errors, page_paths(self.site) if self.site else ())
        else:
            for note in self.corpus.notes:
                log.info(f"{note.location}: note: {note.message}")  # junk files skipped: told, never a warning

    def on_files(self, files: Files, *, config) -> Files:
        ours = Path(config.theme.custom_dir).resolve()
        theirs = {folder: Path(folder).resolve() == ours for folder in {f.src_dir for f in files if f.src_dir}}
        kept = [f for f in files if f.src_dir and theirs[f.src_dir]]
        if self.bundle:
            kept.append(File.generated(config, urls.download(self.bundle.name), abs_src_path=str(self.bundle)))
        return Files(kept)

    def on_post_build(self, *, config) -> None:
        assert self.target is not None, "on_config runs first"
        staging = Path(config.site_dir)
        templates = self._root(config) / self.config.templates
        try:
            if self.corpus is not None and self._can_update(templates):
                self._update_in_place(staging)
                config.site_dir = str(self.target)
                return
            self.live = None
            if self.corpus is not None:
                workers = 1 if self.previewing else os.cpu_count() or 1  # as on_pre_build
                kept = DownloadMemo() if self.previewing else None  # so that the first edit, too, makes only what it changes
                self.site = write_site(self.corpus, templates, self.edition, staging, workers, kept, self.renderer)
        except ContentInvalid as invalid:  # a source file changed after it was checked
            self.live = None  # the preview's next build, when the file is saved, is a whole one
            kept = "the preview is made again when it is saved" if self.previewing else "site/ is unchanged"
            raise PluginError(f"The build stopped: a file changed while it was being read; {kept}.\n{invalid}") from None
        if self.corpus is None:
            write_files(self.errors, staging)
        warned = self._stop_counting_warnings()
        if warned:
            return  # MkDocs aborts the strict build next; on_build_error discards the staging folder
        swap_in(staging, self.target)
        config.site_dir = str(self.target)  # for whatever reads it after the build (gh-deploy)
        if self.previewing and self.corpus is not None:
            self.live = LiveSite.of(self.site, self.edition, templates, folder_key(templates))

    def _can_update(self, templates: Path) -> bool:
        """Whether the preview can update its last build in place: same settings, same templates."""
        live = self.live
        return (live is not None and live.edition == self.edition and live.corpus.registries == self.corpus.registries
                and live.templates_key == folder_key(templates))

    def _update_in_place(self, staging: Path) -> None:
        """Write the files the edit changed into the served site; MkDocs' own (our static assets) too."""
        started = time.perf_counter()
        result = update(self.live, self.corpus, self.target)
        copied = adopt_static_files(staging, self.target)
        discard(staging)
        self._stop_counting_warnings()
        self.live = result.site
        self.site = SiteBuild(self.corpus, tuple(sorted(result.site.paths)))
        log.info(f"Preview updated in {time.perf_counter() - started:.2f} s: {len(result.written) + copied} files written, "
                 f"{len(result.deleted)} deleted, {self.memo.reused} content files unchanged")

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_counting_warnings()
        if self.target is not None:
            discard(staging_folder(self.target))

    def on_serve(self, server, *, config, builder):
        root = self._root(config)
        self.watcher = preview_watch.watch(server, [root / self.config.content, root / self.config.templates])
        return server

    def _stop_counting_warnings(self) -> bool:
        """Stop counting; whether any warning was logged during the build."""
        if self.warnings is None:
            return False
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        warned = bool(self.warnings.get_counts())
        self.warnings = None
        return warned


def _count_warnings() -> CountHandler:
    """Count the warnings MkDocs logs, as its strict mode does, to know whether it will abort."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    return counter
