"""The one place that maps content objects to site paths, and paths to relative links.

Every page is written as `<path>/index.html`. Links are always relative, so the same pages work
on any host, under any prefix and opened from disk; with directory URLs off they end in
`index.html`, which is what a browser needs over file://.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import quote

from .model import Council, Document, GradeScale, Theme


def home() -> str:
    return ""


def glossary() -> str:
    return "glossary/"


def councils() -> str:
    return "councils/"


def years() -> str:
    return "years/"


def year(value: int) -> str:
    return f"years/{value}/"


def themes() -> str:
    return "themes/"


def theme(item: Theme | str) -> str:
    return f"themes/{item if isinstance(item, str) else item.id}/"


def theme_council(item: Theme | str, council_id: str) -> str:
    """What one council's documents say on one theme."""
    return f"{theme(item)}{council_id}/"


def data() -> str:
    return "data/"


def about() -> str:
    return "about/"


def search() -> str:
    return "search/"


def search_folder() -> str:
    """The search index and the paragraph text it shows, as scripts (see search_index.py)."""
    return "assets/search/"


def briefing(item: Council | str) -> str:
    return council(item) + "briefing/"


def download(file_name: str) -> str:
    return f"downloads/{file_name}"


def feed() -> str:
    return "feed.xml"


def glossary_term(term_id: str) -> str:
    return f"glossary/#term-{term_id}"


def stance_meaning(stance: str) -> str:
    """Where the glossary says what a paragraph tag (a stance) means."""
    return f"glossary/#stance-{stance}"


def council(item: Council | str) -> str:
    return f"councils/{item if isinstance(item, str) else item.id}/"


def document(item: Document) -> str:
    return f"councils/{item.council}/{item.id}/"


def document_by_id(council_id: str, document_id: str) -> str:
    return f"councils/{council_id}/{document_id}/"


def paragraph_anchor(paragraph_id: str) -> str:
    return f"p{paragraph_id}"


def scale_anchor(scale: GradeScale) -> str:
    return f"scale-{scale.id}"


def scale(item: GradeScale) -> str:
    """A grade scale's entry in the glossary."""
    return f"{glossary()}#{scale_anchor(item)}"


def data_file(name: str) -> str:
    return f"data/{name}"


def council_data_file(council_id: str, name: str) -> str:
    """One council's own copy of a download."""
    return f"data/councils/{council_id}/{name}"


class SitePages(NamedTuple):
    """The pages every page links to from its header and footer, as fields a template reads
    without a call (a call from a template costs several times a field: pages are many)."""

    home: str
    councils: str
    years: str
    themes: str
    glossary: str
    data: str
    about: str
    search: str


SITE_PAGES = SitePages(home(), councils(), years(), themes(), glossary(), data(), about(), search())


def content_file(item: Document) -> str:
    """The document's YAML file, relative to the content folder."""
    return f"councils/{item.council}/documents/{item.id}.yaml"


def source_file(item: Document) -> str:
    return f"councils/{item.council}/{item.id}/source.txt"


def output_file(page_path: str) -> str:
    """The file a page is written to, relative to the site folder."""
    return f"{page_path}index.html"


def root_prefix(from_page: str) -> str:
    """What to put before a site-root-relative path to reach it from the page: "../../" or ""."""
    return "../" * from_page.count("/")


def relative(from_page: str, to: str, directory_urls: bool) -> str:
    """A link from the page at `from_page` to a page path (ending in / or empty) or a file path."""
    path, _, fragment = to.partition("#")
    anchor = f"#{fragment}" if fragment else ""
    if path == from_page and anchor:
        return anchor
    is_page = path == "" or path.endswith("/")
    target = path if directory_urls or not is_page else path + "index.html"
    rel = _relative_path(from_page, target)
    if is_page and directory_urls:
        rel = rel or "./"
    return rel + anchor


def _relative_path(from_page: str, target: str) -> str:
    """Pure string arithmetic on site paths (no file system): from a page folder to a target."""
    if from_page.endswith("/") and not target.startswith(from_page[:from_page.index("/") + 1]):
        return "../" * from_page.count("/") + target  # no folder in common: most links, found at once
    here = [part for part in from_page.split("/") if part]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


def report_mistake(address: str, subject: str) -> str:
    """The link for reporting a mistake about `subject`: an email with the subject filled in, or
    the web address (an issue form) as given."""
    if address.lower().startswith("mailto:"):
        return f"{address}{'&' if '?' in address else '?'}subject={quote(subject)}"
    return address
