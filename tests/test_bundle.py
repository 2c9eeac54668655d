"""`python -m generator bundle`, and the public site offering the newest bundle for download."""

from __future__ import annotations

import shutil
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import PROJECT
from .site_build import mkdocs_build


def project_copy(destination: Path) -> Path:
    for folder in ("content", "templates"):
        shutil.copytree(PROJECT / folder, destination / folder)
    shutil.copy(PROJECT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def bundle(cwd: Path, temporary: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TMPDIR": str(temporary)} if temporary else None
    return subprocess.run([sys.executable, "-m", "generator", "bundle"], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


def test_bundle_is_one_folder_of_file_links_named_for_the_content_date(tmp_path):
    project = project_copy(tmp_path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = bundle(project, temporary)
    assert result.returncode == 0, result.stderr
    assert list(temporary.iterdir()) == [], "the build's temporary folders are removed"
    archive = project / "dist" / "childrens-services-inspection-evidence-offline-2018-03-05.zip"
    assert f"Offline bundle: dist/{archive.name}" in result.stdout
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        top = archive.stem
        assert all(name.startswith(f"{top}/") for name in names)
        assert f"{top}/index.html" in names
        search = [name.removeprefix(f"{top}/assets/search/") for name in names if name.startswith(f"{top}/assets/search/")]
        assert {"documents.js", "terms/su.js", "themes/supervision.js", "text/0.js", "text/4.js"} <= set(search)
        assert not [name for name in names if name.endswith(("lunr.js", "search-index.js"))], "no lunr, no index in one file"
        assert f"{top}/data/judgements.csv" in names
        home = opened.read(f"{top}/index.html").decode()
    assert 'href="councils/index.html"' in home and "Content up to 5 March 2018" in home
    assert "sitemap.xml" not in " ".join(names)


def test_the_public_site_links_the_newest_bundle(tmp_path):
    project = project_copy(tmp_path)
    assert bundle(project).returncode == 0
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stderr
    name = "childrens-services-inspection-evidence-offline-2018-03-05.zip"
    assert (project / "site" / "downloads" / name).is_file()
    assert f'href="downloads/{name}"' in (project / "site" / "index.html").read_text()
    assert f'href="../downloads/{name}"' in (project / "site" / "data" / "index.html").read_text()


def test_invalid_content_builds_no_bundle(tmp_path):
    project = project_copy(tmp_path)
    document = project / "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml"
    document.write_text(document.read_text().replace("date: 2018-03-05", "date: 2018-02-30", 1))
    result = bundle(project)
    assert result.returncode == 1
    assert "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml:5:7: 'date' is not a real date: '2018-02-30'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(project.glob("dist/*.zip"))
