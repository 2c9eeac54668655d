"""Content Markdown is rendered with raw HTML off and only safe links."""

from generator.safe_markdown import check_links, render_block


def test_raw_html_is_shown_as_text():
    html = render_block('A <script>alert(1)</script> and <img src=x onerror="alert(1)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_unsafe_links_are_not_links():
    html = render_block("[a](javascript:alert(1)) [b](data:text/html,x) [c](https://www.ofsted.gov.uk) [d](/councils/)")
    assert 'href="javascript' not in html and 'href="data' not in html
    assert 'href="https://www.ofsted.gov.uk"' in html and 'href="/councils/"' in html


def test_check_links_reports_offsets():
    assert check_links("ok [x](vbscript:y) <b>") == [
        (7, "link target 'vbscript:y' is not allowed: use http(s), mailto or a site-relative link"),
        (19, "raw HTML is not allowed in content text (it would be shown as text): write Markdown"),
    ]
    assert check_links("[m](mailto:a@b.org) a < b > c") == []
