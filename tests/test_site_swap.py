"""The site folder always holds a complete build: builds are staged beside it and swapped in."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import site_swap
from generator.site_swap import exchange, prepare_staging, retired_folder, staging_folder, swap_in

from .conftest import PROJECT
from .site_build import mkdocs_build

SITE_NAME = "site_name: Children's services inspection evidence"
KILL_ATTEMPTS = 5


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def project_copy(destination: Path) -> Path:
    """The real project's mkdocs.yml, content and templates in a folder of its own; returns mkdocs.yml."""
    destination.mkdir()
    for folder in ("content", "templates"):
        shutil.copytree(PROJECT / folder, destination / folder)
    config = destination / "mkdocs.yml"
    config.write_text((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return config


def rename_site(config: Path, name: str) -> None:
    """Change the site's name, which every page shows, so the next build differs from the last."""
    text = config.read_text(encoding="utf-8")
    current = next(line for line in text.splitlines() if line.startswith("site_name: "))
    config.write_text(text.replace(current, f"site_name: {name}"), encoding="utf-8")


def holds_a_file(folder: Path) -> bool:
    return any(files for _, _, files in os.walk(folder))


def build_killed_while_writing(config: Path, site: Path) -> int:
    """Start `mkdocs build`, SIGKILL it once its staging folder holds a file; its return code."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if holds_a_file(staging_folder(site)):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
        return process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_build_killed_while_writing_leaves_the_previous_site_byte_for_byte(tmp_path):
    config = project_copy(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    killed = 0
    for attempt in range(KILL_ATTEMPTS):
        previous = snapshot(site)
        rename_site(config, f"Evidence, edition {attempt}")  # a complete new build would differ everywhere
        if build_killed_while_writing(config, site) == -signal.SIGKILL:
            killed += 1
            assert holds_a_file(staging_folder(site)), "the build was killed while writing its staging folder"
            assert snapshot(site) == previous
            break
    assert killed == 1, f"every one of {KILL_ATTEMPTS} builds finished before it could be killed"

    # The next build clears the killed build's staging folder and puts a complete site in place.
    rename_site(config, "Evidence, final edition")
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    assert not staging_folder(site).exists() and not retired_folder(site).exists()
    reference = tmp_path / "reference"
    assert mkdocs_build(config, reference).returncode == 0
    assert snapshot(site) == snapshot(reference)
    assert "Evidence, final edition" in (site / "index.html").read_text(encoding="utf-8")


def test_a_build_aborted_by_a_strict_mode_warning_leaves_the_previous_site(tmp_path):
    """MkDocs aborts a strict build after the plugin's last event if anything warned: no swap then."""
    config = project_copy(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    before = snapshot(site)
    rename_site(config, "Evidence, edition that warns")
    with config.open("a", encoding="utf-8") as appended:
        appended.write("extra_templates: [missing.html]\n")  # MkDocs warns it cannot find the template
    result = mkdocs_build(config, site)
    assert result.returncode != 0
    assert "Template skipped: 'missing.html' not found" in result.stderr
    assert snapshot(site) == before
    assert not staging_folder(site).exists()


def test_a_build_into_a_site_that_does_not_exist_yet_creates_it(tmp_path):
    config = project_copy(tmp_path / "project")
    site = tmp_path / "deeper" / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file() and not staging_folder(site).exists()


def folder_with(path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    return path


def texts(folder: Path) -> dict[str, str]:
    return {name: content.decode() for name, content in snapshot(folder).items()}


NEW = {"index.html": "new", "deep/page/index.html": "new page"}
OLD = {"index.html": "old", "gone.html": "only in the old build"}


def test_swap_into_a_missing_site_renames_the_staging_folder(tmp_path):
    site = tmp_path / "site"
    staging = folder_with(staging_folder(site), NEW)
    swap_in(staging, site)
    assert texts(site) == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_exchanges_the_folders_in_one_step_and_deletes_the_old_site(tmp_path, monkeypatch):
    site = folder_with(tmp_path / "site", OLD)
    staging = folder_with(staging_folder(site), NEW)
    exchanged = []

    def recorded_exchange(first: Path, second: Path) -> bool:
        exchanged.append(exchange(first, second))
        assert texts(first) == OLD and texts(second) == NEW  # the moment after: old under the staging name
        return exchanged[-1]

    monkeypatch.setattr(site_swap, "exchange", recorded_exchange)
    swap_in(staging, site)
    assert exchanged == [True]
    assert texts(site) == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _refused_with_einval(*arguments) -> int:
    ctypes.set_errno(errno.EINVAL)
    return -1


@pytest.mark.parametrize("renameat2", [None, _refused_with_einval], ids=["no-renameat2", "exchange-refused"])
def test_swap_falls_back_to_renaming_the_old_site_aside(tmp_path, monkeypatch, renameat2):
    monkeypatch.setattr(site_swap, "_renameat2", renameat2)
    site = folder_with(tmp_path / "site", OLD)
    staging = folder_with(staging_folder(site), NEW)
    assert exchange(staging, site) is False
    assert texts(site) == OLD and texts(staging) == NEW  # a refused exchange changes nothing
    swap_in(staging, site)
    assert texts(site) == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_exchange_reports_other_failures(tmp_path):
    with pytest.raises(FileNotFoundError):
        exchange(tmp_path / "missing", folder_with(tmp_path / "site", OLD))


def test_preparing_clears_a_killed_builds_leftovers(tmp_path):
    site = folder_with(tmp_path / "site", OLD)
    folder_with(staging_folder(site), {"index.html": "half"})
    folder_with(retired_folder(site), {"index.html": "older"})
    staging = prepare_staging(site)
    assert staging == staging_folder(site) and staging.is_dir() and not any(staging.iterdir())
    assert not retired_folder(site).exists()
    assert texts(site) == OLD


def test_preparing_restores_the_old_site_when_a_fallback_swap_was_cut_short(tmp_path):
    site = tmp_path / "site"
    folder_with(retired_folder(site), OLD)  # killed between renaming the old site aside and the new one in
    folder_with(staging_folder(site), NEW)
    prepare_staging(site)
    assert texts(site) == OLD
    assert not retired_folder(site).exists()


def test_a_docs_dir_where_the_build_would_stage_is_refused_and_kept(tmp_path):
    config = project_copy(tmp_path / "project")
    (config.parent / "content").rename(config.parent / "site.new")
    text = config.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: site.new")
    config.write_text(text.replace("content: content", "content: site.new"), encoding="utf-8")
    before = snapshot(config.parent / "site.new")
    result = mkdocs_build(config, config.parent / "site")
    assert result.returncode != 0
    assert "must not be inside" in result.stderr
    assert snapshot(config.parent / "site.new") == before
