"""Every 8-word run of every source body line appears in the text of its built page.

The source is the extracted text kept in content/councils/<council>/sources/. Lines a document
declares as not body text (letterhead, contents table, tables rebuilt as data) are left out, and
the corrections its editorial notes record (original → replacement) are applied first, so any
other difference between source and page (a dropped word, a typo) fails here.
"""

from __future__ import annotations

import pytest

from generator import urls
from generator.content_files import source_text

from .conftest import PROJECT
from .page_text import parse_page, words

RUN = 8


def body_segments(document) -> list[tuple[int, str]]:
    lines = source_text(document.source, PROJECT).split("\n")
    for excluded in document.source.excluded_lines:
        for number in range(excluded.first, excluded.last + 1):
            lines[number - 1] = ""
    text = "\n".join(lines)
    for note in document.editorial_notes:
        if note.original is not None:
            text = text.replace(note.original, note.replacement)
    return [
        (number, cell)
        for number, line in enumerate(text.split("\n"), 1)
        for cell in line.split("\t")
        if len(words(cell)) >= RUN
    ]


def runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def document_ids():
    from generator.validate import load_corpus

    return [d.id for d in load_corpus(PROJECT / "content", PROJECT).documents]


@pytest.mark.parametrize("document_id", document_ids())
def test_every_run_of_the_source_is_on_the_page(built_site, corpus, document_id):
    document = corpus.document(document_id)
    page = built_site / urls.output_file(urls.document(document))
    on_page = runs(words(parse_page(page).visible_text))
    segments = body_segments(document)
    assert segments, "the source has body text"
    missing = []
    for number, segment in segments:
        for run in sorted(runs(words(segment)) - on_page):
            missing.append(f"{document.source.path}:{number}: {' '.join(run)}")
    assert not missing, f"{len(missing)} runs of the source are not on the page:\n" + "\n".join(missing[:40])


def source_lines(document) -> list[tuple[int, list[str]]]:
    """Every line of the source with words, excluded lines too (letterhead, date, recipient,
    signature, copy list: the page shows them as the document's details), corrections applied,
    each cell of a tab-separated table row on its own; not the rows of the tables the page
    rebuilds as data (judgements, the grade scale), written with "|". A line's leading label
    ("Copy:") may be the page's own ("Copied to")."""
    text = source_text(document.source, PROJECT)
    for note in document.editorial_notes:
        if note.original is not None:
            text = text.replace(note.original, note.replacement)
    return [(number, words(_unlabelled(cell))) for number, line in enumerate(text.split("\n"), 1)
            if not line.lstrip().startswith("|") for cell in line.split("\t") if words(_unlabelled(cell))]


def _unlabelled(line: str) -> str:
    label, colon, rest = line.partition(":")
    return rest if colon and len(words(label)) == 1 and rest.strip() else line


def in_order(needle: list[str], haystack: list[str]) -> bool:
    """Whether the words come one after another in the page's words."""
    first = needle[0]
    return any(haystack[i:i + len(needle)] == needle for i, word in enumerate(haystack) if word == first)


@pytest.mark.parametrize("document_id", document_ids())
def test_every_line_of_the_source_letterhead_included_is_on_the_page(built_site, corpus, document_id):
    """Short lines too (a letterhead's address, a date, a signature), which the runs above do not
    reach: each line's words, in order (a long line in runs of eight, as above)."""
    document = corpus.document(document_id)
    page = words(parse_page(built_site / urls.output_file(urls.document(document))).visible_text)
    on_page = runs(page)
    missing = []
    for number, line in source_lines(document):
        present = in_order(line, page) if len(line) < RUN else runs(line) <= on_page
        if not present:
            missing.append(f"{document.source.path}:{number}: {' '.join(line)}")
    assert not missing, f"{len(missing)} lines of the source are not on the page:\n" + "\n".join(missing[:40])


def test_a_changed_word_is_caught(built_site, corpus, tmp_path):
    """The check itself can fail: a page with one word changed misses runs."""
    document = corpus.document("2018-03-05-monitoring-visit")
    page = built_site / urls.output_file(urls.document(document))
    html = page.read_text(encoding="utf-8").replace("Supervision is not yet reflective", "Supervision is now reflective")
    altered = tmp_path / "index.html"
    altered.write_text(html, encoding="utf-8")
    on_page = runs(words(parse_page(altered).visible_text))
    missing = [run for _, segment in body_segments(document) for run in runs(words(segment)) - on_page]
    assert ("supervision", "is", "not", "yet", "reflective", "and", "it", "does") in missing


def test_a_letterhead_missing_from_the_page_is_caught(built_site, corpus, tmp_path):
    """The line check can fail: the 2011 letter without its letterhead misses its third line."""
    document = corpus.document("2011-03-10-unannounced-inspection")
    html = (built_site / urls.output_file(urls.document(document))).read_text(encoding="utf-8")
    start = html.index('<p class="letterhead">')
    altered = tmp_path / "index.html"
    altered.write_text(html[:start] + html[html.index("</p>", start) + 4:], encoding="utf-8")
    page = words(parse_page(altered).visible_text)
    missing = [line for _, line in source_lines(document) if not (in_order(line, page) if len(line) < RUN else runs(line) <= runs(page))]
    assert words("Safeguarding.looked after children @ofsted.gov.uk") in missing


def test_the_record_of_main_findings_is_shown_as_printed(built_site, corpus):
    """The 2012 report's record of main findings: every row of the source's table, in its order,
    headings and sub-headings included, each area with the word it prints (blank rows as gaps)."""
    import re

    document = corpus.document("2012-01-25-safeguarding-and-looked-after-children-inspection")
    source = source_text(document.source, PROJECT)
    table = source[source.index("Record of main findings:"):].split("\n\n")[1]
    printed = [tuple(cell.strip().casefold() for cell in row.strip("|").split("|")) for row in table.splitlines()
               if row.startswith("|") and not row.startswith("|---") and row.strip("| ")]
    html = (built_site / urls.output_file(urls.document(document))).read_text(encoding="utf-8")
    shown_table = html[html.index('<table class="printed-record'):html.index("</table>", html.index('<table class="printed-record'))]
    shown = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", shown_table, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", cell).replace("As printed", "").strip().casefold() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        if any(cells):
            shown.append(tuple(cells) if len(cells) == 2 else (cells[0], ""))
    assert shown == printed
