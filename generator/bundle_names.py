"""Names of offline bundles: dist/<name>-offline-<content date>.zip, the date of the newest document."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path


def project_slug(site_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", site_name.casefold().replace("'", "")).strip("-")


def bundle_name(site_name: str, content_date: date) -> str:
    """The bundle's top folder; the zip is this name with .zip."""
    return f"{project_slug(site_name)}-offline-{content_date.isoformat()}"


def latest_bundle(dist: Path, site_name: str) -> Path | None:
    """The newest bundle in dist/, by the content date in its name."""
    pattern = re.compile(rf"^{re.escape(project_slug(site_name))}-offline-(\d{{4}}-\d{{2}}-\d{{2}})\.zip$")
    found = sorted((m.group(1), path) for path in dist.glob("*.zip") if (m := pattern.match(path.name)))
    return found[-1][1] if found else None
