"""One policy for every URL that content gives: paragraph links, a source's `url`, anything else.

A URL is judged the way a browser will read it, not the way it is written: browsers drop ASCII
tabs and newlines anywhere in a URL and C0 controls and spaces at either end, so
"java<TAB>script:" is "javascript:". What is left is parsed with a real URL parser and allowed
only when it is

- `https:` or `http:` with a host (`https:evil.example`, with no `//`, is refused);
- `mailto:` with an address;
- a path on this site: no scheme and no host, so not protocol-relative (`//host/`, which the
  offline bundle would turn into `file://host/`), and no backslash (which browsers read as `/`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")
_ENDS = "".join(chr(c) for c in range(0x21))  # C0 controls and space


def as_browsers_read(url: str) -> str:
    """The URL with what browsers ignore taken out."""
    return _TABS_AND_NEWLINES.sub("", url).strip(_ENDS)


def link_problem(url: str) -> str | None:
    """Why a URL from content may not be linked, or None when it may."""
    problem = _problem_as_read(as_browsers_read(url))
    if problem is None and any(c.isspace() or not c.isprintable() for c in url):
        problem = "a link may not hold spaces, tabs, line breaks or control characters"
    return problem


def _problem_as_read(seen: str) -> str | None:
    if "\\" in seen:
        return "a backslash in a link is read as '/' by browsers: write '/'"
    if seen.startswith("//"):
        return "a link starting with '//' leaves the site: write https:// and the host"
    try:
        parts = urlsplit(seen)
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return None if parts.hostname else f"an {scheme} link needs a host: write {scheme}://host/path"
    if scheme == "mailto":
        return None if "@" in parts.path else "a mailto link needs an address"
    if scheme:
        return f"'{scheme}:' links are not allowed: use https, http, mailto or a path on this site"
    return None


def is_allowed(url: str) -> bool:
    return link_problem(url) is None


def report_address_problem(address: str) -> str | None:
    """Why an address for reporting mistakes (mkdocs.yml) will not do, or None: it must be a web
    address or a mailto: address, which a reader can use from any page, the offline bundle too."""
    problem = link_problem(address)
    if problem is None and urlsplit(as_browsers_read(address)).scheme.lower() not in ("http", "https", "mailto"):
        problem = "give a web address (https://...) or mailto:address"
    return problem
