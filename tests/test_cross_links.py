"""The cross-linked site: every page kind, what each must show, and how pages reach each other."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

from .page_text import parse_page
from .test_site import resolve, site_pages

REPORT = "councils/dudley/2012-01-25-safeguarding-and-looked-after-children-inspection/index.html"
LETTER_2018 = "councils/dudley/2018-03-05-monitoring-visit/index.html"


def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def text(site: Path, page: str) -> str:
    return parse_page(site / page).visible_text


def test_every_page_kind_exists(built_site):
    for page in ("index.html", "councils/index.html", "councils/dudley/index.html", "years/index.html",
                 "years/2011/index.html", "themes/index.html", "themes/supervision/index.html",
                 "glossary/index.html", "data/index.html", "about/index.html", REPORT):
        assert (built_site / page).is_file(), page


def test_every_page_has_a_title_breadcrumbs_and_one_h1(built_site):
    for page in site_pages(built_site):
        source = page.read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]+</title>", source), page
        assert len(re.findall(r"<h1[ >]", source)) == 1, page
        assert 'aria-label="Breadcrumb"' in source, page
        if page.parent.name != "search":
            assert "<script" not in source, f"{page}: only search needs JavaScript; every page reads without it"


def links_from(site: Path, page: Path) -> set[Path]:
    targets = set()
    for href in parse_page(page).links:
        resolved = resolve(site, page, href)
        if resolved and resolved[0].suffix == ".html" and resolved[0].is_file():
            targets.add(resolved[0])
    return targets


def clicks_from_home(site: Path) -> dict[Path, int]:
    home = (site / "index.html").resolve()
    distance = {home: 0}
    queue = deque([home])
    while queue:
        page = queue.popleft()
        for target in links_from(site, page):
            if target not in distance:
                distance[target] = distance[page] + 1
                queue.append(target)
    return distance


def test_every_document_is_at_most_three_clicks_from_home(built_site):
    distance = clicks_from_home(built_site)
    documents = [p.resolve() for p in (built_site / "councils" / "dudley").glob("*/index.html") if p.parent.name != "briefing"]
    assert len(documents) == 5
    for document in documents:
        assert distance.get(document, 99) <= 3, document


def test_every_page_is_reachable_from_home(built_site):
    distance = clicks_from_home(built_site)
    unreachable = [p for p in site_pages(built_site) if p.resolve() not in distance]
    assert not unreachable


def test_every_theme_has_evidence(corpus):
    for theme in corpus.registries.themes:
        assert corpus.quotations(theme.id), f"theme {theme.id} has no tagged paragraph: tag one or remove it"


def test_council_page_timeline_shows_documents_not_transcribed_with_what_is_said(built_site):
    page = text(built_site, "councils/dudley/index.html")
    assert ("April 2016: Inspection of services for children in need of help and protection, children looked after "
            "and care leavers, April 2016 (not transcribed) (its title and kind are the editors' inference from the documents "
            "that refer to it) Overall effectiveness: inadequate") in page
    assert ("Reported in the Monitoring visit letter of 5 March 2018: “The visit was the fifth monitoring visit since "
            "the local authority was judged inadequate in April 2016.”") in page
    assert "June 2010: Annual unannounced inspection" in page


def test_council_page_charts_the_history_with_links_to_each_judgement(built_site):
    source = html(built_site, "councils/dudley/index.html")
    chart = source[source.index("<svg viewBox"):source.index("</svg>")]
    assert 'aria-labelledby="history-chart-title history-chart-desc"' in chart and "<title" in chart and "<desc" in chart
    hrefs = re.findall(r'<a href="([^"]+)"', chart)
    assert "2012-01-25-safeguarding-and-looked-after-children-inspection/#judgement-sg-overall-effectiveness" in hrefs
    assert "#judgement-2016-04-single-inspection-overall-2016" in hrefs


def test_council_page_lists_directors_over_time(built_site):
    page = text(built_site, "councils/dudley/index.html")
    order = [page.index(name) for name in ("Mr John Freeman", "Jane Porter, Interim Director", "Miss Jane Porter", "Ms Sue Butcher")]
    assert order == sorted(order)


def test_follow_ups_show_under_the_weakness_and_on_the_council_page(built_site):
    letter = html(built_site, "councils/dudley/2011-03-10-unannounced-inspection/index.html")
    weakness = letter[letter.index('id="pafd-5"'):letter.index('id="pafd-6"')]
    assert "not addressed" in weakness and "2018-03-05-monitoring-visit/#pfindings-3" in weakness
    council = text(built_site, "councils/dudley/index.html")
    assert "The timeliness of reviews of children in care." in council
    apa = html(built_site, "councils/dudley/2008-12-17-annual-performance-assessment/index.html")
    reviews = apa[apa.index('id="pweaknesses-staying-safe-2"'):apa.index('id="s-sw-enjoying-and-achieving"')]
    assert "2012-01-25-safeguarding-and-looked-after-children-inspection/#p88" in reviews


def test_the_2011_inspection_is_under_2011_by_fieldwork_and_2012_as_published(built_site):
    assert "Inspections carried out in 2011, published later Inspection of safeguarding and looked after children services" in text(built_site, "years/2011/index.html")
    assert "Documents dated 2012 Inspection of safeguarding and looked after children services" in text(built_site, "years/2012/index.html")


def test_year_pages_link_previous_and_next(built_site):
    source = html(built_site, "years/2011/index.html")
    assert 'rel="prev" href="../2010/"' in source and 'rel="next" href="../2012/"' in source


def test_a_councils_theme_page_quotes_newest_first_with_stance_and_follow_up(built_site):
    page = text(built_site, "themes/supervision/dudley/index.html")
    assert page.index("Monitoring visit letter, 5 March 2018") < page.index("Safeguarding and looked after children inspection, 25 January 2012")
    assert "area for development Monitoring visit letter, 5 March 2018, Findings and evaluation of progress, paragraph 3" in page
    assert html(built_site, "themes/supervision/dudley/index.html").count('<figure class="quotation">') == 15


def test_a_theme_page_is_a_hub_of_councils_that_does_not_grow_with_them(built_site, corpus):
    source = html(built_site, "themes/supervision/index.html")
    assert '<a href="dudley/">Dudley</a>' in source
    assert "15 4 strength, 2 area for development, 9 mixed" in text(built_site, "themes/supervision/index.html")
    assert source.count('<figure class="quotation">') == 5 < len(corpus.quotations("supervision"))
    judged = text(built_site, "themes/assessment/index.html")
    assert re.search(r"Dudley \d+ .* (good|adequate|inadequate|outstanding) ", judged)


def test_a_year_page_sums_up_judgements_per_document(built_site):
    page = text(built_site, "years/2012/index.html")
    assert "Dudley: Safeguarding and looked after children inspection 25 January 2012 22 adequate grade 3 (adequate)" in page


def test_glossary_compares_the_scales_side_by_side(built_site):
    page = text(built_site, "glossary/index.html")
    assert "outstanding 4 outstanding 1 outstanding 1 outstanding 1 outstanding" in page
    assert "inadequate 1 inadequate 4 inadequate 4 inadequate 4 inadequate" in page
    assert 'id="kind-monitoring-visit"' in html(built_site, "glossary/index.html")


def test_first_use_of_an_acronym_is_marked_and_linked(built_site):
    source = html(built_site, REPORT)
    marked = re.findall(r'<a href="([^"]+)" class="term"><abbr title="([^"]+)">(\w+)</abbr></a>', source)
    terms = [term for _, _, term in marked]
    assert "MARAC" in terms and terms.count("MARAC") == 1
    href = next(h for h, _, t in marked if t == "MARAC")
    assert href == "../../../glossary/#term-marac"


def test_document_pages_have_neighbours_contents_and_backlinks(built_site):
    source = html(built_site, REPORT)
    assert 'rel="prev" href="../2011-03-10-unannounced-inspection/"' in source
    assert 'rel="next" href="../2018-03-05-monitoring-visit/"' in source
    assert '<h2 id="contents-heading">On this page</h2>' in source
    letter = text(built_site, "councils/dudley/2011-03-10-unannounced-inspection/index.html")
    assert "Referred to by Inspection of safeguarding and looked after children services, 25 January 2012" in letter


def test_a_reference_reads_as_a_sentence(built_site):
    """The relation in sentence case, and where it is referred to from in brackets, apart from the date."""
    page = text(built_site, "councils/dudley/2018-03-05-monitoring-visit/index.html")
    assert "Reports on Inspection of services for children in need of help and protection" in page
    assert "April 2016 (not transcribed), April 2016 (referred to from opening paragraph 1)" in page
    assert not re.search(r"\d\s*—\s*from", page)


def test_a_signed_letter_names_its_signatory_once_at_the_end(built_site):
    page = text(built_site, "councils/dudley/2011-03-10-unannounced-inspection/index.html")
    ending = page[page.index("Yours sincerely"):page.index("Documents this one refers to")]
    assert ending.count("Wendy Ghaffar") == 1, ending


def test_a_documents_fields_the_editors_inferred_are_said_to_be_inferred(built_site):
    """The April 2016 inspection is known only as "judged inadequate in April 2016": its title and
    kind are the editors' inference, and the council page and briefing say so."""
    council = text(built_site, "councils/dudley/index.html")
    said = "(its title and kind are the editors' inference from the documents that refer to it)"
    assert council.count(said) == 2, "in the verdict and on the timeline"
    assert said in text(built_site, "councils/dudley/briefing/index.html")
    assert "Inspection of the adoption service, November 2010" in council and "adoption agency" not in council
