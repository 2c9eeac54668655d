"""Relative links between site paths, in both URL styles."""

import pytest

from generator.urls import relative, report_mistake, root_prefix

CASES = [
    ("", "glossary/", True, "glossary/"),
    ("", "glossary/", False, "glossary/index.html"),
    ("", "", True, "./"),
    ("", "", False, "index.html"),
    ("councils/dudley/x/", "glossary/#scale-a", True, "../../../glossary/#scale-a"),
    ("councils/dudley/x/", "councils/dudley/x/#p1", True, "#p1"),
    ("councils/dudley/x/", "", False, "../../../index.html"),
    ("councils/dudley/x/", "councils/dudley/y/", False, "../y/index.html"),
    ("councils/dudley/", "councils/dudley/x/", True, "x/"),
    ("councils/dudley/", "councils/dudley/", True, "./"),
    ("councils/dudley/x/", "councils/dudley/", True, "../"),
    ("glossary/", "data/judgements.csv", False, "../data/judgements.csv"),
]


@pytest.mark.parametrize("from_page, to, directory_urls, expected", CASES)
def test_relative(from_page, to, directory_urls, expected):
    assert relative(from_page, to, directory_urls) == expected


def test_root_prefix():
    assert root_prefix("") == "" and root_prefix("councils/dudley/") == "../../"


def test_a_report_link_fills_in_an_emails_subject_and_leaves_a_web_address_as_given():
    assert report_mistake("mailto:a@example.org", "A mistake in X, 5 March 2018") == "mailto:a@example.org?subject=A%20mistake%20in%20X%2C%205%20March%202018"
    assert report_mistake("mailto:a@example.org?cc=b@example.org", "Y & Z") == "mailto:a@example.org?cc=b@example.org&subject=Y%20%26%20Z"
    assert report_mistake("https://example.org/issues/new", "Y") == "https://example.org/issues/new"
