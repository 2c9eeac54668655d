"""`python -m generator diff`: what a content commit changes in meaning, for its reviewer."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.semantic_diff import word_diff

from .conftest import PROJECT

MONITORING_VISIT = "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml"
INSPECTION_2012 = "content/councils/dudley/documents/2012-01-25-safeguarding-and-looked-after-children-inspection.yaml"


def git(repository: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(repository), *arguments], check=True, capture_output=True)


def diff(repository: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "diff", *arguments], cwd=repository, capture_output=True, text=True, timeout=120)


def edit(repository: Path, file: str, old: str, new: str) -> None:
    path = repository / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The bundled content in a git repository of its own, one commit."""
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "--allow-empty", "-m", "empty")
    git(tmp_path, "add", "content")
    git(tmp_path, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "-m", "content")
    return tmp_path


def commit_three_changes(repository: Path) -> None:
    """A grade changed, a paragraph's words edited, a theme added: one commit."""
    edit(repository, INSPECTION_2012, '''    area: "Quality of provision"
    subsection: "Safeguarding outcomes for children and young people"
    themes: [assessment, child-protection, thresholds-and-referrals, early-help]
    grade: 3
    word: adequate''', '''    area: "Quality of provision"
    subsection: "Safeguarding outcomes for children and young people"
    themes: [assessment, child-protection, thresholds-and-referrals, early-help]
    grade: 2
    word: good''')
    edit(repository, MONITORING_VISIT, "Supervision is not yet reflective, and", "Supervision is not reflective, and")
    edit(repository, MONITORING_VISIT, "        themes: [supervision, workforce]\n", "        themes: [supervision, workforce, leadership]\n")
    git(repository, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "-am", "three changes")


def test_a_commit_that_changes_a_grade_a_paragraph_and_a_theme_shows_exactly_those(repository):
    commit_three_changes(repository)
    result = diff(repository, "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "3 changes." in out
    review_end = out.index("\n\n", out.index("FOR REVIEW"))
    changes = [line.strip() for line in out[review_end:].splitlines() if line.startswith(("  - ", "  ! "))]
    assert changes == [
        "! judgement ‘Quality of provision’: adequate (grade 3 “adequate”, Ofsted 4-point scale (1 = outstanding)) → good (grade 2 “good”, Ofsted 4-point scale (1 = outstanding))",
        "! Findings and evaluation of progress, paragraph 3 (findings-3): text changed: … undertaken. Supervision is not [-yet-] reflective, and it does …",
        "- Findings and evaluation of progress, paragraph 3 (findings-3): themes +leadership",
    ], out
    review = out[out.index("FOR REVIEW (2)"):out.index("\n\n", out.index("FOR REVIEW"))]
    assert "judgement's word changed" in review and "text removed" in review


def test_the_markdown_for_a_pull_request_comment(repository):
    commit_three_changes(repository)
    result = diff(repository, "main~1", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("### Content changes") and "> [!WARNING]" in out
    assert "Supervision is not ~~yet~~ reflective" in out
    assert "`content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml`" in out


def test_no_change_says_so_and_the_working_tree_is_the_default_head(repository):
    result = diff(repository, "HEAD")
    assert result.returncode == 0 and result.stdout == "No change of meaning in the content between HEAD and working tree.\n"
    edit(repository, MONITORING_VISIT, "        themes: [supervision, workforce]\n", "        themes: [supervision]\n")
    assert "themes −workforce" in diff(repository, "HEAD").stdout


@pytest.mark.parametrize("revision", ["no-such-branch", "HEAD:content", "HEAD --output=/tmp/owned"])
def test_a_revision_that_names_no_commit_is_refused_plainly(repository, revision):
    result = diff(repository, revision)
    assert result.returncode == 2 and "names no commit" in result.stderr and "Traceback" not in result.stderr
    assert not Path("/tmp/owned").exists()


def test_a_revision_written_as_an_option_never_reaches_git(repository):
    result = diff(repository, "--output=/tmp/owned")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not Path("/tmp/owned").exists()


def test_invalid_content_on_either_side_is_named(repository):
    edit(repository, MONITORING_VISIT, "kind: monitoring-visit", "kind: monitoring-vist")
    result = diff(repository, "HEAD")
    assert result.returncode == 1 and "unknown document kind 'monitoring-vist'" in result.stderr
    assert "the content of the working tree is invalid" in result.stderr and "Traceback" not in result.stderr


def test_a_word_diff_keeps_a_little_context():
    words = word_diff("one two three four five six seven eight nine ten eleven", "one two three four five six seven eight nine 10 eleven")
    assert words == (("…", ""), ("=", "six seven eight nine"), ("-", "ten"), ("+", "10"), ("=", "eleven"))
