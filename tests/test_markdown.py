"""Content Markdown is rendered with raw HTML off, no images, and links only where the one link
policy allows them; the checker finds every link the renderer would make."""

import pytest

from generator.link_policy import link_problem
from generator.safe_markdown import check_links, render_block


def test_raw_html_is_shown_as_text():
    html = render_block('A <script>alert(1)</script> and <img src=x onerror="alert(1)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_unsafe_links_are_not_links():
    html = render_block("[a](javascript:alert(1)) [b](data:text/html,x) [c](https://www.ofsted.gov.uk) [d](/councils/) [e](//evil.example/)")
    assert 'href="javascript' not in html and 'href="data' not in html and 'href="//' not in html
    assert 'href="https://www.ofsted.gov.uk"' in html and 'href="/councils/"' in html


def test_images_never_load():
    html = render_block("![pixel](https://tracker.example/p.gif)")
    assert "<img" not in html


def test_check_links_reports_offsets():
    assert check_links("ok [x](vbscript:y) <b>") == [
        (7, "link target 'vbscript:y': 'vbscript:' links are not allowed: use https, http, mailto or a path on this site"),
        (19, "raw HTML is not allowed in content text (it would be shown as text): write Markdown"),
    ]
    assert check_links("[m](mailto:a@b.org) a < b > c [g](../glossary/#term-lac) [p](#p12)") == []


@pytest.mark.parametrize("text", [
    "[x](//evil.example/)", "[x](<javascript:alert(1)>)", "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>", "[x](javascript&#58;alert(1))", "[x](java&#9;script:alert(1))",
    "[x](/\\evil.example/)", "[x](https:evil.example)", "![t](https://tracker.example/p.gif)", "![t](p.gif)",
])
def test_every_link_or_image_the_renderer_would_make_is_judged(text):
    assert len(check_links(text)) == 1


@pytest.mark.parametrize("url", [
    "java\tscript:alert(1)", "java\nscript:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)",
    "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/", "/\\evil.example",
    "https:evil.example", "ftp://example.org/", "file:///etc/passwd", "mailto:",
])
def test_the_link_policy_refuses_what_a_browser_would_run_or_leave_by(url):
    assert link_problem(url) is not None


@pytest.mark.parametrize("url", [
    "https://www.ofsted.gov.uk/provider/44/80541", "http://example.org", "mailto:a@b.org",
    "/councils/", "../glossary/", "#p3", "index.html",
])
def test_the_link_policy_allows_the_web_mail_and_the_site(url):
    assert link_problem(url) is None


@pytest.mark.parametrize("stance, text, expected", [
    ("mixed", "Good work is done. Plans are on file. However, supervision is weak. More.",
     "Good work is done. … However, supervision is weak. …"),
    ("mixed", "Good work is done. But supervision is weak.", "Good work is done. But supervision is weak."),
    ("mixed", "Supervision is not yet regular. It improves.", "Supervision is not yet regular. …"),
    ("area-for-development", "Supervision is weak. However, it improves.", "Supervision is weak. …"),
    ("strength", "One sentence only", "One sentence only"),
])
def test_an_excerpt_keeps_the_turn_of_a_mixed_finding(stance, text, expected):
    from generator.model import Paragraph, ParagraphTexts, Stance
    from generator.render import excerpt

    paragraph = Paragraph("1", ParagraphTexts.of([text]), 0, (), Stance(stance), False, False)
    assert excerpt(paragraph) == expected
