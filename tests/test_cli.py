"""`python -m generator check`: exit 0 on good content, 1 with every problem and no traceback."""

from __future__ import annotations

import subprocess
import sys

from .conftest import DOCUMENT, PROJECT


def check(cwd, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})


def test_the_bundled_content_is_valid():
    result = check(PROJECT)
    assert result.returncode == 0, result.stderr
    assert "Content is valid: 1 council(s), 5 documents" in result.stdout


def test_broken_content_exits_1_naming_each_place(tree):
    tree.replace(DOCUMENT, "date: 2011-05-01", "date: 2011-05-41")
    tree.replace(DOCUMENT, "themes: [leadership]", "themes: [leadership, leadership]")
    result = check(tree.root)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{DOCUMENT}:5:7: 'date' is not a real date: '2011-05-41'",
        f"{DOCUMENT}:38:30: theme 'leadership' given twice",
        "2 content errors found.",
    ]
    assert "Traceback" not in result.stderr


def test_github_annotations(tree):
    tree.replace(DOCUMENT, "stance: strength", "stance: strong")
    result = check(tree.root, "--format", "github")
    assert result.stderr.splitlines()[0] == (
        f"::error file={DOCUMENT},line=37,col=17::'stance' must be one of strength, area-for-development, "
        "recommendation, context, mixed, not 'strong'"
    )
