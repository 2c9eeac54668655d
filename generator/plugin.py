"""The MkDocs plugin: a thin adapter between MkDocs' build events and the pipeline.

- on_pre_build (before MkDocs cleans site/): load, validate and render everything in memory;
  invalid content aborts the build with every error as path:line:column, leaving site/ as it was.
- on_files: the site is exactly what the pipeline made, plus our templates' static assets.
- on_serve: `mkdocs serve` rebuilds when content or templates change.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import urls
from .bundle_names import latest_bundle
from .errors import ContentInvalid
from .pages import Edition
from .pipeline import SiteBuild, build_site


class EvidenceConfig(Config):
    content = config_options.Type(str, default="content")
    templates = config_options.Type(str, default="templates")
    offline = config_options.Type(bool, default=False)  # set by `python -m generator bundle`
    dist = config_options.Type(str, default="dist")  # where bundles are; the latest is offered for download


class EvidencePlugin(BasePlugin[EvidenceConfig]):
    def __init__(self) -> None:
        self.site: SiteBuild | None = None
        self.bundle: Path | None = None

    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_config(self, config):
        # MkDocs' sitemap template would list none of our pages (and overwrite ours): not rendered.
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_pre_build(self, *, config) -> None:
        root = self._root(config)
        self.bundle = None if self.config.offline else latest_bundle(root / self.config.dist, config.site_name)
        edition = Edition(
            site_name=config.site_name, directory_urls=config.use_directory_urls,
            site_url=None if self.config.offline else config.site_url, offline=self.config.offline,
            download=urls.download(self.bundle.name) if self.bundle else None,
        )
        try:
            self.site = build_site(root / self.config.content, root / self.config.templates, edition, root)
        except ContentInvalid as invalid:
            raise PluginError(f"Content is invalid; the site was not built and site/ is unchanged.\n{invalid}") from None

    def on_files(self, files: Files, *, config) -> Files:
        assert self.site is not None, "on_pre_build runs first"
        ours = Path(config.theme.custom_dir).resolve()
        kept = [f for f in files if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(ours)]
        generated = [File.generated(config, out.path, content=out.content) for out in self.site.files]
        if self.bundle:
            generated.append(File.generated(config, urls.download(self.bundle.name), abs_src_path=str(self.bundle)))
        return Files(kept + generated)

    def on_serve(self, server, *, config, builder):
        root = self._root(config)
        server.watch(str(root / self.config.content))
        server.watch(str(root / self.config.templates))
        return server
