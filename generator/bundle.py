"""`python -m generator bundle`: the whole site as one zip that works opened from disk.

The site is built by MkDocs with file-friendly links (index.html) and the plugin's offline
edition, into a temporary folder, then zipped under one top folder named for the content date.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .bundle_names import bundle_name


def build_bundle(config_file: Path, dist: Path) -> Path:
    """Build the offline bundle and return the path of the zip written into `dist`."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        config = load_config(str(config_file), site_dir=str(site), use_directory_urls=False, strict=True)
        plugin = config.plugins["evidence"]
        plugin.config["offline"] = True
        config.plugins.on_startup(command="build", dirty=False)  # the plugin events `mkdocs build` sends
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        name = bundle_name(config.site_name, plugin.site.corpus.documents_by_date[-1].date)
        dist.mkdir(parents=True, exist_ok=True)
        target = dist / f"{name}.zip"
        partial = target.with_suffix(".zip.part")
        _zip(site, name, partial)
        partial.replace(target)
    return target


def _zip(site: Path, top: str, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with path.open("rb") as source, archive.open(info, "w") as sink:
                shutil.copyfileobj(source, sink)
