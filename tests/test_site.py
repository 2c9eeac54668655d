"""The built site: every document page, the judgements CSV, links that resolve, safe failures."""

from __future__ import annotations

import csv
import re
from html import unescape
import io
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator import urls

from .conftest import PROJECT
from .page_text import parse_page
from .site_build import mkdocs_build

DOCUMENT_PAGES = [
    "councils/dudley/2008-12-17-annual-performance-assessment/index.html",
    "councils/dudley/2009-01-21-committee-report/index.html",
    "councils/dudley/2011-03-10-unannounced-inspection/index.html",
    "councils/dudley/2012-01-25-safeguarding-and-looked-after-children-inspection/index.html",
    "councils/dudley/2018-03-05-monitoring-visit/index.html",
]

APA = ("dudley", "2008-12-17-annual-performance-assessment", "2008-12-17", "Annual performance assessment")
SLAC = ("dudley", "2012-01-25-safeguarding-and-looked-after-children-inspection", "2012-01-25")
SG, LAC = "Safeguarding services", "Services for looked after children"

# Every graded judgement in the sources, read off the source texts by hand.
EXPECTED_JUDGEMENTS = [
    (*APA, "Overall effectiveness of children's services", "3", "", "apa-2005", "good"),
    (*APA, "Being healthy", "3", "", "apa-2005", "good"),
    (*APA, "Staying safe", "3", "", "apa-2005", "good"),
    (*APA, "Enjoying and achieving", "3", "", "apa-2005", "good"),
    (*APA, "Making a positive contribution", "3", "", "apa-2005", "good"),
    (*APA, "Achieving economic well-being", "3", "", "apa-2005", "good"),
    (*APA, "Capacity to improve, including the management of services for children and young people", "3", "", "apa-2005", "good"),
    (*SLAC, SG, "Overall effectiveness", "3", "adequate", "ofsted-2009", "adequate"),
    (*SLAC, SG, "Capacity for improvement", "2", "good", "ofsted-2009", "good"),
    (*SLAC, SG, "Children and young people are safe and feel safe", "3", "adequate", "ofsted-2009", "adequate"),
    (*SLAC, SG, "Quality of provision", "3", "adequate", "ofsted-2009", "adequate"),
    (*SLAC, SG, "The contribution of health agencies to keeping children and young people safe", "3", "adequate", "ofsted-2009", "adequate"),
    (*SLAC, SG, "Ambition and prioritisation", "2", "good", "ofsted-2009", "good"),
    (*SLAC, SG, "Leadership and management", "2", "good", "ofsted-2009", "good"),
    (*SLAC, SG, "Performance management and quality assurance", "3", "adequate", "ofsted-2009", "adequate"),
    (*SLAC, SG, "Partnership working", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Overall effectiveness", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Capacity for improvement", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Being healthy", "3", "adequate", "ofsted-2009", "adequate"),
    (*SLAC, LAC, "Staying safe", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Enjoying and achieving", "1", "outstanding", "ofsted-2009", "outstanding"),
    (*SLAC, LAC, "Making a positive contribution, including user engagement", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Economic well-being", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Quality of provision", "3", "adequate", "ofsted-2009", "adequate"),
    (*SLAC, LAC, "Ambition and prioritisation", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Leadership and management", "2", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Performance management and quality assurance", "3", "adequate", "ofsted-2009", "adequate"),
    # given only as words, in the record of main findings
    (*SLAC, SG, "Equality and diversity", "", "good", "ofsted-2009", "good"),
    (*SLAC, LAC, "Equality and diversity", "", "good", "ofsted-2009", "good"),
]


def read_csv(site: Path) -> list[dict[str, str]]:
    with (site / "data" / "judgements.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_document_page_is_built(built_site):
    for page in DOCUMENT_PAGES:
        assert (built_site / page).is_file(), page
    assert (built_site / "index.html").is_file()
    assert (built_site / "glossary" / "index.html").is_file()


def test_judgements_csv_has_exactly_the_columns(built_site):
    header = (built_site / "data" / "judgements.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "council,document,date,section,area,grade,word,scale,label"


def test_every_graded_judgement_of_the_sources_is_in_the_csv(built_site):
    rows = [tuple(row.values()) for row in read_csv(built_site)]
    transcribed = [row for row in rows if row[1] in (APA[1], SLAC[1])]
    assert sorted(transcribed) == sorted(EXPECTED_JUDGEMENTS)


def test_judgements_reported_of_documents_not_transcribed_are_in_the_csv(built_site):
    rows = {(row["document"], row["area"]): row for row in read_csv(built_site)}
    inadequate_2016 = rows[("2016-04-single-inspection", "Overall effectiveness")]
    assert (inadequate_2016["date"], inadequate_2016["grade"], inadequate_2016["label"]) == ("2016-04", "", "inadequate")
    assert rows[("2009-03-fostering-inspection", "Overall effectiveness")]["label"] == "adequate"  # printed "satisfactory"


def test_labels_are_only_the_five_words(built_site):
    assert {row["label"] for row in read_csv(built_site)} <= {"outstanding", "good", "adequate", "requires improvement", "inadequate"}


def test_grade_scales_are_shown_in_words_with_the_raw_grade(built_site):
    apa = parse_page(built_site / DOCUMENT_PAGES[0])
    text = apa.visible_text
    assert "good (printed as grade 3 on the APA 4-point scale (4 = outstanding))" in text
    report = parse_page(built_site / DOCUMENT_PAGES[3]).visible_text
    assert "outstanding (printed as grade 1 (outstanding) on the Ofsted 4-point scale (1 = outstanding))" in report
    assert "../../../glossary/#scale-apa-2005" in apa.links


def test_every_numbered_paragraph_of_the_2011_report_has_its_permalink(built_site):
    page = parse_page(built_site / DOCUMENT_PAGES[3])
    for number in range(1, 97):
        assert f"p{number}" in page.ids
        assert f"#p{number}" in page.links


def site_pages(site: Path):
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link points at, or None for links off the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = page if parts.path == "" else (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


@pytest.mark.parametrize("directory_urls", [True, False])
def test_no_broken_links_or_anchors(tmp_path, built_site, directory_urls):
    site = built_site
    if not directory_urls:
        site = tmp_path / "site"
        config = tmp_path / "mkdocs.yml"
        config.write_text((PROJECT / "mkdocs.yml").read_text().replace("use_directory_urls: true", "use_directory_urls: false"))
        for folder in ("content", "templates"):
            shutil.copytree(PROJECT / folder, tmp_path / folder)
        result = mkdocs_build(config, site)
        assert result.returncode == 0, result.stderr
    broken = broken_links(site, directory_urls)
    assert not broken, "\n".join(broken)


def broken_links(site: Path, directory_urls: bool = True) -> list[str]:
    """Every link of every page that leads to no file, to a folder (without directory URLs), or
    to an anchor its page does not have."""
    broken = []
    for page in site_pages(site):
        parsed = parse_page(page)
        for href in parsed.links:
            assert not href.startswith(("http://", "https://", "//")) or "ofsted.gov.uk" in href, f"{page}: absolute link {href}"
            resolved = resolve(site, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif not directory_urls and href.endswith("/"):
                broken.append(f"{page.relative_to(site)}: {href} (a folder link does not open over file://)")
            elif fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return broken


def test_the_crawl_finds_an_anchor_and_a_page_gone_from_the_built_site(built_site, tmp_path):
    """The crawl above, on a copy of the real site with one paragraph's anchor and one page
    taken away: it names every link to them, from the pages that quote or follow them up."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    letter = site / "councils/dudley/2011-03-10-unannounced-inspection/index.html"
    letter.write_text(letter.read_text(encoding="utf-8").replace('id="pafd-5"', 'id="gone"'), encoding="utf-8")
    (site / "years/2009/index.html").unlink()
    broken = broken_links(site)
    assert "themes/supervision/dudley/index.html: ../../../councils/dudley/2011-03-10-unannounced-inspection/#pafd-5 (no such anchor)" in broken
    assert "councils/dudley/2011-03-10-unannounced-inspection/index.html: #pafd-5 (no such anchor)" in broken
    assert "years/index.html: 2009/ (no such file)" in broken
    assert all("pafd-5" in line or "2009/" in line for line in broken), broken


def copy_project(destination: Path) -> Path:
    for folder in ("content", "templates"):
        shutil.copytree(PROJECT / folder, destination / folder)
    shutil.copy(PROJECT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination / "mkdocs.yml"


def test_invalid_content_fails_the_build_and_leaves_the_site_untouched(tmp_path):
    config = copy_project(tmp_path)
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    document = tmp_path / "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml"
    document.write_text(document.read_text().replace("kind: monitoring-visit", "kind: monitoring-vist"), encoding="utf-8")
    result = mkdocs_build(config, site)
    assert result.returncode != 0
    assert "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml:3:7: unknown document kind 'monitoring-vist'" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_document_and_paragraph_addresses_are_stable(built_site, corpus):
    """Every document is at councils/<council>/<document id>/ and every paragraph at #p<id>: the
    addresses people cite, which no change of layout may move."""
    for document in corpus.documents:
        page = built_site / "councils" / document.council / document.id / "index.html"
        assert urls.document(document) == f"councils/{document.council}/{document.id}/"
        assert {f"p{p.id}" for p in document.paragraphs()} <= parse_page(page).ids, document.id
    assert "p13" in parse_page(built_site / "councils/dudley/2012-01-25-safeguarding-and-looked-after-children-inspection/index.html").ids
    assert "pfindings-3" in parse_page(built_site / "councils/dudley/2018-03-05-monitoring-visit/index.html").ids


def test_csv_opens_as_a_table(built_site, corpus):
    """judgements.csv: its declared columns, one row for each judgement, every row complete."""
    from generator.export import JUDGEMENTS

    text = (built_site / "data" / "judgements.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [column.name for column in JUDGEMENTS.columns]
    assert len(rows) == len(corpus.judgement_records) > 30
    assert all(row["council"] and row["document"] and row["area"] and row["scale"] and row["label"] for row in rows)
    overall_2012 = next(r for r in rows if r["document"] == "2012-01-25-safeguarding-and-looked-after-children-inspection" and r["area"] == "Overall effectiveness" and r["section"] == "Safeguarding services")
    assert (overall_2012["grade"], overall_2012["scale"], overall_2012["label"]) == ("3", "ofsted-2009", "adequate")
    fostering = next(r for r in rows if r["document"] == "2009-03-fostering-inspection" and r["area"] == "Overall effectiveness")
    assert (fostering["grade"], fostering["word"], fostering["label"]) == ("", "satisfactory", "adequate"), "the word as printed is kept"


def test_every_page_declares_the_content_security_policy_before_it_loads_anything(built_site):
    policy = '<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; base-uri &#39;none&#39;; form-action &#39;self&#39;; object-src &#39;none&#39;">'
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        assert head.count(policy) == 1, page
        assert head.index(policy) < min(head.index("<link"), head.index("<title")), page
        assert "<script>" not in html and " style=" not in html and "<style" not in html, page


def test_each_paragraph_is_rendered_once_however_often_it_is_quoted(tmp_path, corpus):
    from generator.pages import Edition
    from generator.pipeline import write_site

    built = write_site(corpus, PROJECT / "templates", Edition("Test", directory_urls=True), tmp_path)
    paragraphs = sum(1 for d in corpus.documents for _ in d.paragraphs())
    quoted = sum(len(corpus.quotations(t.id)) for t in corpus.registries.themes)
    assert quoted > paragraphs  # quoted on theme pages as well as on their documents
    assert built.paragraphs_rendered == paragraphs
    assert any(path.startswith("themes/supervision/dudley/") for path in built.paths)


def test_a_build_shared_out_to_two_processes_writes_the_same_site(tmp_path, corpus):
    from generator.pages import Edition
    from generator.pipeline import write_site

    edition = Edition("Test", directory_urls=True)
    one = write_site(corpus, PROJECT / "templates", edition, tmp_path / "one", workers=1)
    two = write_site(corpus, PROJECT / "templates", edition, tmp_path / "two", workers=2)
    assert sorted(one.paths) == sorted(two.paths)
    for path in one.paths:
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes(), path


ISO_DATE = re.compile(r"\b(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?\b")
QUOTED = re.compile(r'<div class="ptext">.*?</div>|<blockquote\b.*?</blockquote>|<a [^>]*\bdownload\b[^>]*>.*?</a>', re.S)


def test_no_page_shows_a_date_in_iso_form(built_site):
    """Dates are written in words wherever a person reads them ("25 January 2012", "April 2016");
    ISO dates are for data files and datetime attributes. Quoted text is the source's own words,
    and a download keeps its file name."""
    shown = {}
    for page in sorted(built_site.rglob("*.html")):
        html = QUOTED.sub(" ", page.read_text(encoding="utf-8"))
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>|<head>.*?</head>", " ", html, flags=re.S))
        found = ISO_DATE.findall(text)
        if found:
            shown[str(page.relative_to(built_site))] = found[:3]
    assert not shown, shown
    council = (built_site / "councils/dudley/index.html").read_text(encoding="utf-8")
    assert "April 2016" in council and 'datetime="2016-04"' in council


def _reading_text(html: str) -> str:
    """What a person reads or hears on a page, less the source's own words: text outside tags,
    scripts, styles and the head, plus the labels and titles screen readers and pointers show."""
    html = re.sub(r"<(script|style)\b.*?</\1>|<head>.*?</head>", " ", QUOTED.sub(" ", html), flags=re.S)
    labels = " ".join(m.group(1) for m in re.finditer(r'\b(?:aria-label|title|alt)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]+>", " ", html)) + " " + unescape(labels)


def _internal_ids(corpus) -> set[str]:
    """The editors' names for things, as content files give them: ids of documents, paragraphs
    without a printed number, sections, judgements, notes and references, themes, kinds and scales, those
    that are not plain words (plain words such as "introduction" are also the text's own)."""
    registries = corpus.registries
    ids = {item.id for item in (*registries.themes, *registries.kinds, *registries.scales)}
    for document in corpus.documents:
        ids |= {document.id} | {p.id for p in document.paragraphs() if not p.numbered}
        ids |= {s.id for top in document.sections for s in top.walk()}
        ids |= {item.id for item in (*document.judgements, *document.editorial_notes, *document.references)}
    return {name for name in ids if re.search(r"[-0-9]", name)}


def test_no_page_shows_an_internal_id(built_site, corpus):
    """Links to a paragraph name it as readers find it ("Areas for development, point 5",
    "paragraph 22"), notes by their number in the list; ids are for anchors and data files."""
    ids = _internal_ids(corpus)
    assert {"afd-5", "weaknesses-being-healthy-1", "n5", "2018-03-05-monitoring-visit"} <= ids
    named = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w-])")
    shown = {}
    for page in sorted(built_site.rglob("*.html")):
        found = named.findall(_reading_text(page.read_text(encoding="utf-8")))
        if found:
            shown[str(page.relative_to(built_site))] = found[:3]
    assert not shown, shown
    letter = _reading_text((built_site / "councils/dudley/2011-03-10-unannounced-inspection/index.html").read_text(encoding="utf-8"))
    assert "Link to Areas for development, point 5" in letter
    supervision = _reading_text((built_site / "themes/supervision/dudley/index.html").read_text(encoding="utf-8"))
    assert "Areas for development, point 5" in supervision and "Findings and evaluation of progress, paragraph 3" in supervision


def test_a_long_document_shows_its_table_once_and_folds_routine_notes(built_site):
    """The 2012 report: its grades once, at the top, with a line where the report prints them;
    its 33 page-break notes folded under one line, each still numbered as in the whole list."""
    source = (built_site / "councils/dudley/2012-01-25-safeguarding-and-looked-after-children-inspection/index.html").read_text(encoding="utf-8")
    assert source.count('<table class="judgements"') == 1
    assert 'class="printed-table"' in source and source.index('id="judgements-heading"') < source.index('class="printed-table"')
    decisions, routine = source.split('<details class="routine-notes">')
    assert "33 more, each joining a paragraph that a page break split" in routine
    assert routine.count("<li value=") == 33 and decisions.count("<li value=") == 7
    numbers = [int(n) for n in re.findall(r'<li value="(\d+)" id="note-', source)]
    assert sorted(numbers) == list(range(1, 41))
    assert 'id="note-n6"' in routine and "editorial note 6<" in decisions  # paragraph 22's link to its note
    letter = (built_site / "councils/dudley/2008-12-17-annual-performance-assessment/index.html").read_text(encoding="utf-8")
    assert letter.count('<table class="judgements"') == 1 and "routine-notes" not in letter


def _with_report_address(config: Path, address: str) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      templates: templates\n", f"      templates: templates\n      report_mistakes: '{address}'\n"), encoding="utf-8")


def test_readers_can_report_a_mistake_where_the_site_says_where(tmp_path, built_site):
    """mkdocs.yml's report_mistakes: each document page offers an email naming the document, and
    the about page says how to report; without it, no page offers a link that leads nowhere."""
    config = copy_project(tmp_path)
    _with_report_address(config, "mailto:corrections@example.org")
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    letter = parse_page(tmp_path / "site/councils/dudley/2018-03-05-monitoring-visit/index.html")
    assert "mailto:corrections@example.org?subject=A%20mistake%20in%20Monitoring%20visit%20letter%2C%20Dudley%2C%205%20March%202018" in letter.links
    about = (tmp_path / "site/about/index.html").read_text(encoding="utf-8")
    assert "report the mistake" in about and "mailto:corrections@example.org?subject=" in about
    assert "report-mistake" not in (built_site / "councils/dudley/2018-03-05-monitoring-visit/index.html").read_text(encoding="utf-8")
    assert "gives no address for reports" in (built_site / "about/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("address", ["javascript:alert(1)", "/about/", "//example.org/issues", "mailto:nobody"])
def test_an_address_for_reports_that_readers_cannot_use_stops_the_build(tmp_path, address):
    config = copy_project(tmp_path)
    _with_report_address(config, address)
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0 and "report_mistakes: " in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_each_stance_tag_leads_to_what_it_means(built_site):
    """A paragraph's tag links to its meaning in the glossary, where every tag is explained."""
    letter = (built_site / "councils/dudley/2011-03-10-unannounced-inspection/index.html").read_text(encoding="utf-8")
    tag = re.search(r'<a class="stance stance-area-for-development" href="([^"]+)" title="([^"]+)">area for development</a>', letter)
    assert tag and tag.group(1) == "../../../glossary/#stance-area-for-development" and "weakness" in tag.group(2)
    glossary = parse_page(built_site / "glossary/index.html")
    assert {f"stance-{s}" for s in ("strength", "area-for-development", "recommendation", "mixed", "context")} <= glossary.ids
    theme = (built_site / "themes/supervision/dudley/index.html").read_text(encoding="utf-8")
    assert 'href="../../../glossary/#stance-area-for-development"' in theme


def test_edit_links_lead_to_the_yaml_at_the_paragraphs_line(tmp_path):
    """With repo_url and edit_uri (relative to docs_dir, content/, as MkDocs reads it), a document
    page links to its file on the host and each paragraph to its line; the offline bundle never."""
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text("repo_url: https://github.com/example/evidence\nedit_uri: edit/main/content/\n" + text, encoding="utf-8")
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    page = tmp_path / "site/councils/dudley/2018-03-05-monitoring-visit/index.html"
    links = parse_page(page).links
    file = "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml"
    assert f"https://github.com/example/evidence/edit/main/{file}" in links
    line = next(n for n, entry in enumerate((PROJECT / file).read_text(encoding="utf-8").splitlines(), 1) if entry.strip() == "- id: findings-3")
    assert f"https://github.com/example/evidence/blob/main/{file}#L{line}" in links
    html = page.read_text(encoding="utf-8")
    assert html.count('class="edit-link"') == 1 + html.count('class="para')
    config.write_text(config.read_text(encoding="utf-8").replace("      templates: templates\n", "      templates: templates\n      offline: true\n"), encoding="utf-8")
    assert mkdocs_build(config, tmp_path / "bundle", "--use-directory-urls").returncode == 0
    assert "edit-link" not in (tmp_path / "bundle/councils/dudley/2018-03-05-monitoring-visit/index.html").read_text(encoding="utf-8")
