"""The preview's incremental rebuild writes exactly the site a full build would, after any edit."""

from __future__ import annotations

import filecmp
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from generator import export, urls
from generator.file_keys import folder_key
from generator.incremental import Files, LiveSite, update
from generator.pages import Edition, site_pages, site_pages_quoting
from generator.pipeline import DownloadMemo, check_content, write_site
from generator.render import Renderer
from generator.safe_markdown import plain_text
from generator.validate import ReadingMemo

from .conftest import FIXTURES, PROJECT, ContentTree

TEMPLATES = PROJECT / "templates"
EDITION = Edition("Test", directory_urls=True, site_url="https://example.org/evidence/", live_reload=True)
MONITORING = "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml"
COMMITTEE = "content/councils/dudley/documents/2009-01-21-committee-report.yaml"  # links to no other council
TESTSHIRE_DOCUMENT = "content/councils/testshire/documents/2011-05-01-inspection.yaml"  # nothing links to it


@pytest.fixture
def project(tmp_path: Path) -> ContentTree:
    """The real content and the test council: two councils, so untouched pages can be told apart."""
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    shutil.copytree(FIXTURES / "content" / "councils" / "testshire", tmp_path / "content" / "councils" / "testshire")
    return ContentTree(tmp_path)


class Preview:
    """A live site, as `mkdocs serve` keeps it, updated after each edit."""

    def __init__(self, project: ContentTree, site: Path) -> None:
        self.project, self.site, self.memo = project, site, ReadingMemo()
        build = write_site(check_content(project.content, project.root, self.memo), TEMPLATES, EDITION, site, memo=DownloadMemo())
        self.live = LiveSite.of(build, EDITION, TEMPLATES, folder_key(TEMPLATES))

    def update(self):
        result = update(self.live, check_content(self.project.content, self.project.root, self.memo), self.site)
        self.live = result.site
        return result


def full_build(project: ContentTree, site: Path) -> None:
    write_site(check_content(project.content, project.root), TEMPLATES, EDITION, site)


def differences(left: Path, right: Path) -> list[str]:
    """Files that are only on one side or differ in bytes, recursively."""
    found = []
    compared = filecmp.dircmp(left, right)
    found += [f"only in the preview: {compared.left}/{n}" for n in compared.left_only]
    found += [f"only in the full build: {compared.right}/{n}" for n in compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    found += [f"differs: {compared.left}/{n}" for n in mismatch + errors]
    for name in compared.common_dirs:
        found += differences(left / name, right / name)
    return found


EDITS = {
    "a paragraph's words": lambda p: p.replace(MONITORING, "Supervision is not yet reflective", "Supervision is still not reflective"),
    "a document's date": lambda p: p.replace(MONITORING, "date: 2018-03-05", "date: 2019-03-05"),
    "a paragraph's themes": lambda p: p.replace(MONITORING, "themes: [permanence, assessment, care-planning]", "themes: [supervision]"),
    "a council's name": lambda p: p.replace("content/councils/dudley/council.yaml", "short_name: Dudley", "short_name: Dudley MBC"),
    "a document removed": lambda p: (p.root / TESTSHIRE_DOCUMENT).unlink(),
    "a document added": lambda p: p.write(
        MONITORING.replace("2018-03-05-monitoring-visit", "2018-06-05-monitoring-visit"),
        (p.root / MONITORING).read_text(encoding="utf-8").replace("id: 2018-03-05-monitoring-visit", "id: 2018-06-05-monitoring-visit")
        .replace("date: 2018-03-05", "date: 2018-06-05")),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_after_an_edit_the_preview_is_the_full_build(project, tmp_path, edit):
    preview = Preview(project, tmp_path / "preview")
    EDITS[edit](project)
    preview.update()
    full_build(project, tmp_path / "full")
    assert differences(tmp_path / "preview", tmp_path / "full") == []


def test_an_edit_writes_only_what_it_changes(project, tmp_path):
    preview = Preview(project, tmp_path / "preview")
    preview.update()  # the first update writes every download once, to learn what they hold
    project.replace(COMMITTEE, "To inform members of the committee", "To inform elected members of the committee")
    result = preview.update()
    assert "councils/dudley/2009-01-21-committee-report/index.html" in result.written
    assert "data/findings.csv" in result.written and "data/councils/dudley/findings.csv" in result.written
    assert "testshire" not in result.councils, "the other council's pages are not looked at again"
    assert not any("testshire" in path for path in result.written)
    assert "data/judgements.csv" not in result.written, "an unchanged download is not written again"
    shards = [path for path in result.written if path.startswith("assets/search/terms/")]
    assert shards == ["assets/search/terms/el.js"], "only the shard of the new word, elected, is made again"
    full_build(project, tmp_path / "full")
    assert differences(tmp_path / "preview", tmp_path / "full") == []
    assert preview.memo.reused == len(list(project.content.glob("councils/*/*.yaml"))) + len(list(project.content.glob("councils/*/documents/*.yaml"))) - 1


def test_an_edit_makes_again_only_the_edited_documents_findings_rows(project, tmp_path, monkeypatch):
    preview = Preview(project, tmp_path / "preview")  # the build keeps them for the first edit
    made = []
    monkeypatch.setattr(export, "findings_rows", lambda document, rows=export.findings_rows: made.append(document.id) or rows(document))
    EDITS["a paragraph's words"](project)
    preview.update()
    assert made == ["2018-03-05-monitoring-visit"], "the national and the council's findings.csv share the kept rows"
    full_build(project, tmp_path / "full")
    assert differences(tmp_path / "preview", tmp_path / "full") == []


def test_an_edit_makes_again_only_the_pieces_made_of_what_it_changed(project, tmp_path, monkeypatch):
    """Each download's pieces: a document's, and those of the earlier documents whose follow-ups
    it reports on (their rows show its id and date); a council's own when it is edited."""
    preview = Preview(project, tmp_path / "preview")
    names = {id(pieces): name for name, pieces in preview.live.memo.pieces.items()}
    made: dict[str, list] = {name: [] for name in names.values()}
    call = export.Pieces.__call__
    monkeypatch.setattr(export.Pieces, "__call__", lambda self, key, sources, make: call(
        self, key, sources, lambda: made[names[id(self)]].append(key[1]) or make()))
    corpus = preview.live.corpus
    reported_on = sorted({d.id for d in corpus.documents for f in d.follow_ups for r in f.reports if r.document == "2018-03-05-monitoring-visit"})
    assert reported_on, "the monitoring visit reports on an earlier document's weaknesses"
    EDITS["a document's date"](project)
    preview.update()
    edited = ["2018-03-05-monitoring-visit"]
    assert {name: sorted(keys) for name, keys in made.items()} == {
        "findings.csv": edited, "documents.csv": edited, "documents.json": edited,
        "judgements.csv": edited if any(d.judgements for d in corpus.documents if d.id in edited) else [],
        "follow-ups.csv": sorted(set(edited + reported_on)),
    }
    for keys in made.values():
        keys.clear()
    EDITS["a council's name"](project)
    preview.update()
    dudley = sorted(r.id for r in preview.live.corpus.council("dudley").referenced_documents)
    referenced_judged = sorted(r.id for r in preview.live.corpus.council("dudley").referenced_documents if r.judgements)
    assert {name: sorted(keys) for name, keys in made.items()} == {
        "findings.csv": [], "follow-ups.csv": [], "documents.csv": dudley, "documents.json": dudley, "judgements.csv": referenced_judged,
    }, "only the rows of the documents the council holds (those known only from references)"
    full_build(project, tmp_path / "full")
    assert differences(tmp_path / "preview", tmp_path / "full") == []


def test_site_wide_pages_whose_variables_an_edit_leaves_equal_are_not_rendered_again(project, tmp_path, monkeypatch):
    preview = Preview(project, tmp_path / "preview")
    rendered = []
    render = Renderer.render
    monkeypatch.setattr(Renderer, "render", lambda self, page, *more: rendered.append(page.path) or render(self, page, *more))
    project.replace(COMMITTEE, "To inform members of the committee", "To inform elected members of the committee")
    preview.update()
    assert "councils/dudley/2009-01-21-committee-report/" in rendered
    unchanged = {"", "councils/", "years/", "years/2009/", "themes/", "themes/supervision/", "glossary/", "search/"}
    assert not unchanged & set(rendered), "only a paragraph's words changed: no site-wide page but a theme hub quoting it"
    rendered.clear()
    project.replace(COMMITTEE, "title: \"Annual", "title: \"Revised annual")
    preview.update()
    assert {"councils/dudley/2009-01-21-committee-report/", "years/2009/"} <= set(rendered)  # the year lists it
    unchanged = {"themes/", "themes/supervision/", "years/2008/", "years/2018/", "glossary/", "search/"}
    assert not unchanged & set(rendered), "their variables are equal: the edited report is not among them"
    rendered.clear()
    EDITS["a paragraph's words"](project)  # the newest report: quoted among the newest findings of its themes' hubs
    preview.update()
    assert "themes/supervision/" in rendered and "years/2018/" not in rendered
    rendered.clear()
    EDITS["a council's name"](project)  # shown on the home page and the list of councils
    preview.update()
    assert {"", "councils/"} <= set(rendered)
    full_build(project, tmp_path / "full")
    assert differences(tmp_path / "preview", tmp_path / "full") == []


def test_edits_in_a_row_stay_equal_to_the_full_build(project, tmp_path):
    preview = Preview(project, tmp_path / "preview")
    for edit in ("a paragraph's words", "a document's date", "a document removed"):
        EDITS[edit](project)
        preview.update()
    full_build(project, tmp_path / "full")
    assert differences(tmp_path / "preview", tmp_path / "full") == []


@pytest.mark.parametrize("path", ["../escaped.html", "/etc/escaped", "a/../../escaped", "a\\..\\escaped", "a//b"])
def test_the_preview_writes_nothing_outside_the_site(tmp_path, path):
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ValueError, match="outside the site folder"):
        Files(site, {}).put(path, "x")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["site"]


def test_the_preview_writes_a_file_in_pieces_only_when_it_changed(tmp_path):
    site = tmp_path / "site"
    first = Files(site, {})
    first.put("data/file.csv", iter(["a,b\r\n", "1,é\r\n"]))
    assert (site / "data" / "file.csv").read_bytes() == "a,b\r\n1,é\r\n".encode()
    again = Files(site, dict(first.digests))
    again.put("data/file.csv", "a,b\r\n1,é\r\n")
    assert again.written == [] and again.made == ["data/file.csv"], "the same text, whole or in pieces, is not written again"
    changed = Files(site, dict(first.digests))
    changed.put("data/file.csv", iter(["a,b\r\n", "2,é\r\n"]))
    assert changed.written == ["data/file.csv"] and (site / "data" / "file.csv").read_bytes() == "a,b\r\n2,é\r\n".encode()
    assert sorted(p.name for p in site.rglob("*")) == ["data", "file.csv"], "nothing is left beside it"


def test_no_site_wide_page_but_the_theme_hubs_shows_paragraph_text(built_site, corpus):
    """What lets the preview keep every other site-wide page when only paragraphs' words change."""
    openings = {plain_text(p.text)[:70] for d in corpus.documents for p in d.paragraphs() if len(plain_text(p.text)) >= 70}
    quoting = set()
    for page in site_pages(corpus, Edition("Test", directory_urls=True)):
        html = (built_site / urls.output_file(page.path)).read_text(encoding="utf-8")
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
        if any(opening in text for opening in openings):
            quoting.add(page.template)
    assert quoting == {"theme.html"}
    assert site_pages_quoting(corpus, {d.id for d in corpus.documents}) == {
        urls.theme(theme) for theme in corpus.registries.themes if corpus.quotation_count(theme.id)}
