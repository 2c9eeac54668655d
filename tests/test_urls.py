"""Relative links between site paths, in both URL styles."""

import pytest

from generator.urls import relative, root_prefix

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
