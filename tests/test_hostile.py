"""Hostile and malformed content: what an attacker or a careless editor might commit.

`python -m generator check` must refuse each of these edits with exit code 1, never a Python
traceback, and name the offending file (relative to the project root) at the start of an error
line, with the exact `path:line:` where the place is known. Junk files an editor's tools leave
behind are ignored with a note; a BOM and CRLF line endings are fine. `--format github` must not
let content forge annotations. No output ever carries an ESC byte.

Cases that could crash, hang or exhaust the interpreter run `check` in a subprocess; the rest run
`generator.cli.main` in-process (any exception escaping it counts as a traceback).
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from generator.cli import main

from .conftest import COUNCIL, DOCUMENT, PROJECT, ContentTree
from .test_cli import check

D = DOCUMENT
COUNCIL_DIR = "content/councils/testshire"
DOCS = f"{COUNCIL_DIR}/documents"
SOURCES = f"{COUNCIL_DIR}/sources"
SOURCE = f"{SOURCES}/2011-05-01-inspection.txt"
SUMMARY = re.compile(r"^\d+ content errors? found\.$")

# Lines of the fixture document (tests/fixtures/.../2011-05-01-inspection.yaml) used below.
TITLE, DATE, FIELDWORK, BODY, SOURCE_FILE, PUBLISHED, EXCLUDED, ATTRIBUTION, NOTE = 4, 5, 6, 8, 13, 14, 16, 17, 22
GRADE, STANCE_1, THEMES_1, THEMES_2, TEXT_2 = 27, 37, 38, 44, 46
URL = PUBLISHED + 1  # a `url:` inserted after `published:`


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Case:
    id: str
    edit: Callable[[ContentTree], None]
    expect: tuple[str, ...]  # an error line must start with one of these
    subprocess: bool = False


def _short(text: str, limit: int = 3000) -> str:
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more characters]"


def at(path: str, line: int | None = None) -> tuple[str, ...]:
    return (f"{path}:{line}:",) if line is not None else (f"{path}:",)


def under(folder: str) -> tuple[str, ...]:
    """The folder itself, or anything in it."""
    return (f"{folder}:", f"{folder}/")


# -- edits --------------------------------------------------------------------------------------


def replace(old: str, new: str, file: str = D) -> Callable[[ContentTree], None]:
    return lambda tree: tree.replace(file, old, new)


def source_file(value: str) -> Callable[[ContentTree], None]:
    """`source: file:` given as this YAML value."""
    return replace("  file: sources/2011-05-01-inspection.txt", f"  file: {value}")


def source_url(value: str) -> Callable[[ContentTree], None]:
    """`source: url:` given as this YAML value (on line URL)."""
    return replace("  published: Nowhere\n", f"  published: Nowhere\n  url: {value}\n")


def in_text(markdown: str) -> Callable[[ContentTree], None]:
    """Markdown put into paragraph 2's text (line TEXT_2, column 26)."""
    return replace("          Supervision is regular", f"          Supervision is {markdown} regular")


def after_text(lines: str) -> Callable[[ContentTree], None]:
    """Lines added to the end of paragraph 2's text (the first added line is TEXT_2 + 1)."""
    return replace("see what was decided.\n", "see what was decided.\n" + lines)


def poke(file: str, line: int, raw: bytes) -> Callable[[ContentTree], None]:
    """Raw bytes inserted at the end of a line (counting from 1), before its newline."""

    def edit(tree: ContentTree) -> None:
        path = tree.root / file
        lines = path.read_bytes().split(b"\n")
        lines[line - 1] += raw
        path.write_bytes(b"\n".join(lines))

    return edit


def write(file: str, text: str) -> Callable[[ContentTree], None]:
    return lambda tree: tree.write(file, text)


def write_bytes(file: str, data: bytes) -> Callable[[ContentTree], None]:
    def edit(tree: ContentTree) -> None:
        (tree.root / file).parent.mkdir(parents=True, exist_ok=True)
        (tree.root / file).write_bytes(data)

    return edit


def append(file: str, text: str) -> Callable[[ContentTree], None]:
    def edit(tree: ContentTree) -> None:
        with open(tree.root / file, "a", encoding="utf-8") as f:
            f.write(text)

    return edit


def rename(old: str, new: str) -> Callable[[ContentTree], None]:
    return lambda tree: (tree.root / old).rename(tree.root / new)


def both(*edits: Callable[[ContentTree], None]) -> Callable[[ContentTree], None]:
    def edit(tree: ContentTree) -> None:
        for e in edits:
            e(tree)

    return edit


def moved_out_and_linked(relative: str) -> Callable[[ContentTree], None]:
    """Move a file or folder out of content/ and leave a symlink to it in its place."""

    def edit(tree: ContentTree) -> None:
        inside = tree.root / relative
        outside = tree.root / "elsewhere" / ("real-" + inside.name)
        outside.parent.mkdir(exist_ok=True)
        shutil.move(str(inside), str(outside))
        os.symlink(outside, inside)

    return edit


def symlink(relative: str, target: str) -> Callable[[ContentTree], None]:
    return lambda tree: os.symlink(target, tree.root / relative)


def rmtree(relative: str) -> Callable[[ContentTree], None]:
    return lambda tree: shutil.rmtree(tree.root / relative)


def mkdir(relative: str) -> Callable[[ContentTree], None]:
    return lambda tree: (tree.root / relative).mkdir(parents=True)


def unlink(relative: str) -> Callable[[ContentTree], None]:
    return lambda tree: (tree.root / relative).unlink()


def to_file(relative: str) -> Callable[[ContentTree], None]:
    """Replace a folder with a file of the same name."""
    return both(rmtree(relative), write(relative, "not a folder\n"))


def nested_block_mappings(levels: int) -> str:
    return "deep:\n" + "".join(" " * i + "a:\n" for i in range(1, levels)) + " " * levels + "a: b\n"


BIG = "9" * 5000
SIX_MB_OF_COMMENTS = "# padding padding padding padding padding padding\n" * 120_000  # 6 MB
SIX_MB_OF_SOURCE = "A source line that goes on and on, just to make the file large.\n" * 95_000  # 6 MB


# -- the cases ----------------------------------------------------------------------------------

SOURCE_FILE_CASES = [
    Case("file-absolute-etc-passwd", source_file("/etc/passwd"), at(D, SOURCE_FILE)),
    Case("file-absolute-proc-environ", source_file("/proc/self/environ"), at(D, SOURCE_FILE)),
    Case("file-dotdot-etc-passwd", source_file("../../../../etc/passwd"), at(D, SOURCE_FILE)),
    Case("file-dotdot-inside-content", source_file("sources/../council.yaml"), at(D, SOURCE_FILE)),
    Case("file-dotdot-other-council", source_file("../testshire/sources/2011-05-01-inspection.txt"), at(D, SOURCE_FILE)),
    Case("file-symlink-in-sources-to-etc-passwd", both(symlink(f"{SOURCES}/passwd.txt", "/etc/passwd"), source_file("sources/passwd.txt")),
         at(f"{SOURCES}/passwd.txt") + at(D, SOURCE_FILE)),
    Case("file-symlink-in-sources-inside-content", both(symlink(f"{SOURCES}/alias.txt", "2011-05-01-inspection.txt"), source_file("sources/alias.txt")),
         at(f"{SOURCES}/alias.txt") + at(D, SOURCE_FILE)),
    Case("source-file-is-symlink-out", moved_out_and_linked(SOURCE), at(SOURCE) + at(D, SOURCE_FILE)),
    Case("symlinked-council-folder", moved_out_and_linked(COUNCIL_DIR), under(COUNCIL_DIR)),
    Case("symlinked-document-file", moved_out_and_linked(D), at(D)),
    Case("symlinked-registry-file", moved_out_and_linked("content/themes.yaml"), at("content/themes.yaml")),
    Case("symlinked-sources-folder", moved_out_and_linked(SOURCES), under(SOURCES) + at(D, SOURCE_FILE)),
    Case("symlinked-documents-folder", moved_out_and_linked(DOCS), under(DOCS)),
    Case("dangling-symlink-document", symlink(f"{DOCS}/2011-06-01-gone.yaml", "/nonexistent/gone.yaml"), at(f"{DOCS}/2011-06-01-gone.yaml"), subprocess=True),
    Case("file-is-a-directory", source_file("sources"), at(D, SOURCE_FILE)),
    Case("file-is-a-directory-named-txt", both(mkdir(f"{SOURCES}/dir.txt"), source_file("sources/dir.txt")), at(D, SOURCE_FILE)),
    Case("file-url-scheme", source_file("file:///etc/passwd"), at(D, SOURCE_FILE)),
    Case("file-windows-backslashes", source_file('"sources\\\\..\\\\..\\\\council.yaml"'), at(D, SOURCE_FILE)),
    Case("file-nul-byte", source_file('"sources/2011-05-01-inspection.txt\\0.png"'), at(D, SOURCE_FILE), subprocess=True),
]

SOURCE_URL_CASES = [
    Case("url-tab-javascript", source_url('"java\\tscript:alert(1)"'), at(D, URL)),
    Case("url-newline-javascript", source_url('"java\\nscript:alert(1)"'), at(D, URL)),
    Case("url-leading-space-javascript", source_url('" javascript:alert(1)"'), at(D, URL)),
    Case("url-c0-control-javascript", source_url('"\\x01javascript:alert(1)"'), at(D, URL)),
    Case("url-mixed-case-javascript", source_url('"JaVaScRiPt:alert(1)"'), at(D, URL)),
    Case("url-data", source_url('"data:text/html,<script>alert(1)</script>"'), at(D, URL)),
    Case("url-vbscript", source_url('"vbscript:msgbox(1)"'), at(D, URL)),
    Case("url-protocol-relative", source_url('"//evil.example/"'), at(D, URL)),
    Case("url-slash-backslash", source_url('"/\\\\evil.example/"'), at(D, URL)),
    Case("url-https-without-slashes", source_url('"https:evil.example"'), at(D, URL)),
    Case("url-ftp", source_url('"ftp://example.org/report.pdf"'), at(D, URL)),
    Case("url-relative-word", source_url('"report.pdf"'), at(D, URL)),
    Case("url-javascript-after-space", source_url('"https://ok.example/ javascript:alert(1)"'), at(D, URL)),
    Case("url-trailing-newline", source_url('"https://ok.example/\\n"'), at(D, URL)),
    Case("url-inner-tab", source_url('"https://ok.ex\\tample/"'), at(D, URL)),
]

MARKDOWN_CASES = [
    Case("md-link-protocol-relative", in_text("[x](//evil.example/)"), at(D, TEXT_2)),
    Case("md-link-slash-backslash", in_text("[x](/\\evil.example/)"), at(D, TEXT_2)),
    Case("md-link-javascript", in_text("[x](javascript:alert(1))"), at(D, TEXT_2)),
    Case("md-link-javascript-pointy", in_text("[x](<javascript:alert(1)>)"), at(D, TEXT_2)),
    Case("md-link-reference-javascript", both(in_text("[x][r]"), after_text("\n          [r]: javascript:alert(1)\n")), at(D, TEXT_2 + 2)),
    Case("md-link-reference-protocol-relative", both(in_text("[x][r]"), after_text("\n          [r]: //evil.example/\n")), at(D, TEXT_2 + 2)),
    Case("md-link-reference-in-blockquote", after_text("\n          > [x][r]\n          >\n          > [r]: //evil.example/\n"), at(D)),
    Case("md-autolink-javascript", in_text("<javascript:alert(1)>"), at(D, TEXT_2)),
    Case("md-image-remote", in_text("![t](https://tracker.example/p.gif)"), at(D, TEXT_2)),
    Case("md-image-protocol-relative", in_text("![t](//evil/p.gif)"), at(D, TEXT_2)),
    Case("md-image-reference-remote", both(in_text("![t][img]"), after_text("\n          [img]: https://tracker.example/p.gif\n")), at(D)),
    Case("md-raw-html-img-onerror", in_text("<img src=x onerror=alert(1)>"), at(D, TEXT_2)),
    Case("md-raw-html-svg-slash", in_text("<svg/onload=alert(1)>"), at(D, TEXT_2)),
    Case("md-raw-html-comment", in_text("<!-- hidden -->"), at(D, TEXT_2)),
    Case("md-entity-encoded-javascript", in_text("[x](javascript&#58;alert(1))"), at(D, TEXT_2)),
    Case("md-link-tab-inside", in_text("[x](<java\tscript:alert(1)>)"), at(D, TEXT_2)),
    Case("md-link-data", in_text("[x](data:text/html;base64,PHNjcmlwdD4=)"), at(D, TEXT_2)),
    Case("md-link-uppercase-javascript", in_text("[x](JAVASCRIPT:alert(1))"), at(D, TEXT_2)),
]

ROBUSTNESS_CASES = [
    Case("nul-byte-in-yaml", poke(D, TITLE, b"\x00"), at(D, TITLE), subprocess=True),
    Case("bel-byte-in-yaml", poke(D, ATTRIBUTION, b"\x07"), at(D, ATTRIBUTION), subprocess=True),
    Case("esc-byte-in-yaml", poke(D, NOTE, b"\x1b[31m"), at(D, NOTE), subprocess=True),
    Case("deep-flow-nesting", replace("title: Testshire inspection", "title: " + "[" * 10_000), at(D, TITLE), subprocess=True),
    Case("deep-block-nesting", append(D, nested_block_mappings(1000)), at(D), subprocess=True),
    Case("huge-integer-grade", replace("    grade: 3\n", f"    grade: {BIG}\n"), at(D, GRADE), subprocess=True),
    Case("huge-integer-year", replace("    from_year: 2005", f"    from_year: {BIG}", "content/grade-scales.yaml"), at("content/grade-scales.yaml", 10), subprocess=True),
    Case("huge-integer-excluded-lines", replace('{lines: "1-1"', f'{{lines: "1-{BIG}"'), at(D, EXCLUDED), subprocess=True),
    Case("folder-named-x-yaml", mkdir(f"{DOCS}/x.yaml"), at(f"{DOCS}/x.yaml"), subprocess=True),
    Case("documents-is-a-file", to_file(DOCS), under(DOCS)),
    Case("bad-utf8-in-source-txt", poke(SOURCE, 8, b" \xff\xfe"), at(SOURCE, 8), subprocess=True),
    Case("bad-utf8-in-yaml-line-5", poke(D, DATE, b" # caf\xe9"), at(D, DATE), subprocess=True),
    Case("councils-folder-missing", rmtree("content/councils"), under("content/councils")),
    Case("councils-folder-empty", both(rmtree("content/councils"), mkdir("content/councils")), under("content/councils")),
    Case("council-without-council-yaml", unlink(COUNCIL), at(COUNCIL)),
    Case("document-empty", write(D, ""), at(D)),
    Case("document-only-a-comment", write(D, "# nothing yet\n"), at(D)),
    Case("document-a-yaml-list", write(D, "- id: 2011-05-01-inspection\n"), at(D)),
    Case("document-a-bare-scalar", write(D, "just some words\n"), at(D)),
    Case("document-two-yaml-documents", append(D, "---\nid: 2011-05-01-inspection\n"), at(D, 53)),
    Case("document-6mb", append(D, SIX_MB_OF_COMMENTS), at(D)),
    Case("source-txt-6mb", append(SOURCE, SIX_MB_OF_SOURCE), at(SOURCE) + at(D, SOURCE_FILE)),
    Case("file-name-with-spaces", rename(D, f"{DOCS}/2011-05-01 inspection.yaml"), at(f"{DOCS}/2011-05-01 inspection.yaml")),
    Case("file-name-unicode", rename(D, f"{DOCS}/2011-05-01-inspección.yaml"), at(f"{DOCS}/2011-05-01-inspección.yaml")),
    Case("key-is-a-list", replace("title: Testshire inspection\n", "title: Testshire inspection\n? [a]\n: b\n"), at(D, TITLE + 1)),
    Case("key-is-a-mapping", replace("title: Testshire inspection\n", "title: Testshire inspection\n? {a: 1}\n: b\n"), at(D, TITLE + 1)),
    Case("line-of-1mb", replace("themes: [leadership]", "themes: [leadership, " + "x" * 1_000_000 + "]"), at(D, THEMES_1)),
    Case("tab-indentation", replace("  body: Ofsted", "\tbody: Ofsted"), at(D, BODY)),
    Case("duplicate-nested-key", replace("  body: Ofsted\n", "  body: Ofsted\n  body: Ofstead\n"), at(D, BODY + 1)),
    Case("duplicate-flow-key", replace("to: 2011-04-10}", "to: 2011-04-10, to: 2011-04-09}"), at(D, FIELDWORK)),
    Case("date-9999-99-99", replace("date: 2011-05-01", "date: 9999-99-99"), at(D, DATE)),
    Case("date-year-0000", replace("date: 2011-05-01", "date: 0000-01-01"), at(D, DATE)),
    Case("grade-1e3", replace("    grade: 3\n", "    grade: 1e3\n"), at(D, GRADE)),
    Case("grade-0x1", replace("    grade: 3\n", "    grade: 0x1\n"), at(D, GRADE)),
    Case("grade-minus-1", replace("    grade: 3\n", "    grade: -1\n"), at(D, GRADE)),
    Case("grade-full-width-digit", replace("    grade: 3\n", "    grade: ３\n"), at(D, GRADE)),
    Case("grade-arabic-indic-digit", replace("    grade: 3\n", "    grade: ٣\n"), at(D, GRADE)),
    Case("unknown-theme-typo", replace("[supervision, recording-systems]", "[supervison, recording-systems]"), at(D, THEMES_2)),
    Case("surrogate-escape", replace("        stance: strength", '        stance: "\\ud800"'), at(D, STANCE_1), subprocess=True),
    # Unicode line separators (U+2028, NEL) are line breaks to YAML 1.1 but not to an editor:
    # they must not shift the line numbers of later errors.
    Case("u2028-does-not-shift-lines", both(replace("title: Testshire inspection", 'title: "Testshire\u2028inspection"'),
                                            replace("    word: adequate", "    word: good")), at(D, 28), subprocess=True),
    Case("nel-does-not-shift-lines", both(replace("title: Testshire inspection", 'title: "Testshire\u0085inspection"'),
                                          replace("    word: adequate", "    word: good")), at(D, 28), subprocess=True),
    Case("crlf-error-keeps-its-line", both(replace("    word: adequate", "    word: good"),
                                           lambda tree: (tree.root / D).write_bytes((tree.root / D).read_bytes().replace(b"\n", b"\r\n"))),
         at(D, 28)),
]

FIFO_CASE = Case("fifo-document", lambda tree: os.mkfifo(tree.root / DOCS / "2011-06-01-fifo.yaml"), at(f"{DOCS}/2011-06-01-fifo.yaml"))

CASES = SOURCE_FILE_CASES + SOURCE_URL_CASES + MARKDOWN_CASES + ROBUSTNESS_CASES


# -- running check ------------------------------------------------------------------------------


@pytest.fixture
def run_check(capsys, monkeypatch):
    def run(root: Path, *args: str, in_subprocess: bool = False) -> Result:
        if in_subprocess:
            done = check(root, *args)
            return Result(done.returncode, done.stdout, done.stderr)
        monkeypatch.chdir(root)
        capsys.readouterr()
        try:
            code = main(["check", *args])
        except BaseException as exc:  # in a real run this is a traceback
            out, err = capsys.readouterr()
            return Result(-1, out, err + f"\nTraceback (raised in-process): {type(exc).__name__}: {_short(str(exc), 300)}")
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def assert_refused(result: Result, expect: tuple[str, ...]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, _short(output)
    assert result.returncode == 1, f"exit {result.returncode}; stdout: {_short(result.stdout)} stderr: {_short(result.stderr)}"
    lines = result.stderr.splitlines()
    assert any(line.startswith(prefix) for line in lines for prefix in expect), (
        f"no error line starts with {' or '.join(map(repr, expect))}; stderr:\n{_short(result.stderr)}")
    assert "\x1b" not in output, "an ESC byte reached the terminal"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_content_is_refused_naming_the_file(tree, run_check, case):
    case.edit(tree)
    assert_refused(run_check(tree.root, in_subprocess=case.subprocess), case.expect)


def test_a_fifo_does_not_hang_check(tree):
    """A named pipe where a document should be: check must not block reading it."""
    FIFO_CASE.edit(tree)
    try:
        done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tree.root, capture_output=True, text=True, timeout=5,
                              env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        pytest.fail("check blocked for 5 s reading a FIFO under documents/")
    assert_refused(Result(done.returncode, done.stdout, done.stderr), FIFO_CASE.expect)


def test_pathological_markdown_is_checked_quickly(tree):
    """Raw-HTML detection must not be quadratic: 40,000 unclosed '<a ' in one paragraph."""
    tree.replace(D, "          Supervision is regular", "          Supervision is " + "<a " * 40_000 + "regular")
    tree.replace(D, "        stance: strength", "        stance: strong")  # so the content is invalid in any case
    try:
        done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tree.root, capture_output=True, text=True, timeout=10,
                              env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        pytest.fail("check took more than 10 s over a 120 KB paragraph")
    assert_refused(Result(done.returncode, done.stdout, done.stderr), at(D, STANCE_1))


# -- accepted -----------------------------------------------------------------------------------

ACCEPTED = [
    ("bom", lambda tree: (tree.root / D).write_bytes(b"\xef\xbb\xbf" + (tree.root / D).read_bytes())),
    ("crlf", lambda tree: (tree.root / D).write_bytes((tree.root / D).read_bytes().replace(b"\n", b"\r\n"))),
    ("crlf-source-txt", lambda tree: (tree.root / SOURCE).write_bytes((tree.root / SOURCE).read_bytes().replace(b"\n", b"\r\n"))),
    ("url-with-username", source_url('"https://user@evil.example/report.pdf"')),
    ("url-https", source_url("https://www.example.org/report.pdf")),
]


@pytest.mark.parametrize("edit", [e for _, e in ACCEPTED], ids=[i for i, _ in ACCEPTED])
def test_harmless_variations_are_valid(tree, run_check, edit):
    edit(tree)
    result = run_check(tree.root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
    assert "Content is valid: 1 council(s), 1 documents" in result.stdout


# -- junk files are ignored, with a note --------------------------------------------------------

JUNK = [
    (".DS_Store", b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00"),
    ("2011-05-01-inspection.yaml~", None),  # an editor's backup: a copy of the document
    (".2011-05-01-inspection.yaml.swp", b"b0VIM 9.0\x00\x00\x10\x00\x00\xff\xfe"),
]


@pytest.mark.parametrize("name, data", JUNK, ids=[n for n, _ in JUNK])
def test_junk_files_in_documents_are_ignored_with_a_note(tree, run_check, name, data):
    path = tree.root / DOCS / name
    path.write_bytes(data if data is not None else (tree.root / D).read_bytes())
    result = run_check(tree.root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 0, result.stderr
    assert name in output, f"the ignored file is not mentioned: {output}"


# -- --format github cannot be forged -----------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice)( (?P<props>[^:]*))?::(?P<data>.*)$")


def _unescape(value: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], value)


GITHUB = [
    ("value-newline-forged-annotation", replace("        stance: strength", '        stance: "strong\\n::error file=README.md::forged"'), D, None),
    ("value-cr-forged-annotation", replace("        stance: strength", '        stance: "strong\\r::error file=README.md::forged"'), D, None),
    ("value-percent-escapes", replace("        stance: strength", '        stance: "strong%0A::error file=README.md::forged"'), D,
     "strong%0A::error file=README.md::forged"),
    ("value-ansi-escape", replace("        stance: strength", '        stance: "\\e[31mstrong\\e[0m"'), D, None),
    ("file-name-comma-colon", write(f"{DOCS}/a,line=99::x.yaml", "- a list\n"), f"{DOCS}/a,line=99::x.yaml", None),
    ("file-name-percent", write(f"{DOCS}/b%0A::error file=README.md::y.yaml", "- a list\n"), f"{DOCS}/b%0A::error file=README.md::y.yaml", None),
    ("value-bidi-override", replace("        stance: strength", '        stance: "strong\u202egnp.exe"'), D, None),
    ("file-name-newline", write(f"{DOCS}/c\n::error file=README.md::forged.yaml", "- a list\n"), f"{DOCS}/c\n::error file=README.md::forged.yaml", None),
]


@pytest.mark.parametrize("edit, offending, says", [g[1:] for g in GITHUB], ids=[g[0] for g in GITHUB])
def test_github_annotations_cannot_be_forged(tree, run_check, edit, offending, says):
    """Every stderr line is a well-formed annotation for a real file (or the summary); properties and
    message are escaped per GitHub's workflow-command rules, so they decode to what was meant."""
    edit(tree)
    result = run_check(tree.root, "--format", "github", in_subprocess=True)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, _short(output)
    assert result.returncode == 1
    assert "\x1b" not in output, "an ESC byte reached the CI log"
    assert "\r" not in result.stderr, "a raw carriage return in an annotation"
    files = []
    for line in result.stderr.split("\n"):
        if not line or SUMMARY.match(line):
            continue
        match = ANNOTATION.match(line)
        assert match, f"a stderr line that is neither an annotation nor the summary: {line!r}"
        props = dict(p.split("=", 1) for p in (match["props"] or "").split(",") if p)
        for key, value in props.items():
            assert ":" not in value and "," not in value, f"unescaped property {key}={value!r}"
            assert re.fullmatch(r"([^%]|%(25|0D|0A|3A|2C))*", value), f"unescaped % in property {key}={value!r}"
        assert re.fullmatch(r"([^%]|%(25|0D|0A))*", match["data"]), f"unescaped % in message {match['data']!r}"
        assert "file" in props, f"an annotation without a file: {line!r}"
        file = _unescape(props["file"])
        assert (tree.root / file).exists() or (tree.root / file).is_symlink(), f"annotation for a file that is not there: {line!r}"
        files.append((file, _unescape(match["data"])))
    assert offending in [f for f, _ in files], f"no annotation names {offending!r}: {files}"
    if says is not None:
        assert any(f == offending and says in message for f, message in files), f"no message decodes to one saying {says!r}: {files}"

    plain = run_check(tree.root)
    assert "\x1b" not in plain.stdout + plain.stderr, "an ESC byte reached the terminal"
    for line in plain.stderr.split("\n"):
        if line and not SUMMARY.match(line):
            assert re.match(r"^content/.*:\d+:\d+: ", line), f"a plain-format line that is not one whole error: {line!r}"


def test_a_content_folder_that_is_a_link_is_refused(tree, tmp_path):
    real = tmp_path / "elsewhere"
    tree.content.rename(real)
    os.symlink(real, tree.content)
    result = check(tree.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("content:1:1: content folder not found (it must be a folder, not a link)")


def test_no_bidirectional_control_reaches_a_message(tree, run_check):
    replace("        stance: strength", '        stance: "strong\u202egnp.exe"')(tree)
    output = run_check(tree.root).stderr
    assert "\u202e" not in output and "\\u202e" in output


SOURCE = "content/councils/testshire/sources/2011-05-01-inspection.txt"


@pytest.mark.parametrize("change", ["edited", "removed", "linked"])
def test_a_source_changed_after_the_check_is_refused_when_written(tree, tmp_path, change):
    """Sources are read again to be written out, never taken from memory: the text written must
    be the text checked, so a file edited, removed or made a link in between stops the build."""
    from generator.errors import ContentInvalid
    from generator.pages import Edition
    from generator.pipeline import check_content, write_site

    corpus = check_content(tree.content, tree.root)
    source = tree.root / SOURCE
    if change == "edited":
        source.write_text(source.read_text(encoding="utf-8").replace("the", "teh", 1), encoding="utf-8")
    elif change == "removed":
        source.unlink()
    else:
        outside = tmp_path / "outside.txt"
        outside.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")  # the very same text
        source.unlink()
        source.symlink_to(outside)
    with pytest.raises(ContentInvalid) as raised:
        write_site(corpus, PROJECT / "templates", Edition("Test", directory_urls=True), tmp_path / "site")
    assert str(raised.value).startswith(f"{SOURCE}:1:1: ")
    assert "changed while the site was being built" in str(raised.value)


@pytest.mark.parametrize("byte_order_mark", [False, True])
def test_the_source_written_is_the_file_checked(tree, tmp_path, byte_order_mark):
    """Written as checked: the text of the file, less a UTF-8 byte-order mark an editor's tool put first."""
    from generator.pages import Edition
    from generator.pipeline import check_content, write_site

    checked = (tree.root / SOURCE).read_bytes()
    if byte_order_mark:
        (tree.root / SOURCE).write_bytes(codecs.BOM_UTF8 + checked)
    built = write_site(check_content(tree.content, tree.root), PROJECT / "templates", Edition("Test", directory_urls=True), tmp_path / "site")
    written = [path for path in built.paths if path.endswith("source.txt")]
    assert len(written) == 1
    assert (tmp_path / "site" / written[0]).read_bytes() == checked
