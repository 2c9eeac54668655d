"""Shared fixtures: a small content tree copied from the real registries and a test council."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENT = "content/councils/testshire/documents/2011-05-01-inspection.yaml"
COUNCIL = "content/councils/testshire/council.yaml"


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium carries the `browser` marker, so that a contributor without
    it can run the rest (`-m "not browser"`); CI runs them all."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


class ContentTree:
    """A content folder in a temporary project root, edited by exact text replacement."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"

    def replace(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    content = tmp_path / "content"
    content.mkdir()
    for registry in ("grade-scales.yaml", "themes.yaml", "document-kinds.yaml", "glossary.yaml"):
        shutil.copy(PROJECT / "content" / registry, content / registry)
    shutil.copytree(FIXTURES / "content" / "councils", content / "councils")
    return ContentTree(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built once per test session with `mkdocs build --strict`."""
    from .site_build import mkdocs_build

    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(PROJECT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def corpus():
    from generator.validate import load_corpus

    return load_corpus(PROJECT / "content", PROJECT)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the whole session (Playwright's sync API
    cannot run two at once in one thread)."""
    from playwright.sync_api import sync_playwright

    from .browser_setup import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
