"""Read built pages as a person would: the visible text, the links and the ids."""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path


BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td", "text", "tfoot", "th", "thead",
    "title", "tr", "ul",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    """Visible text of a page, without our annotations (elements marked data-annotation: stance,
    theme tags, note links), which are not words of the document; plus every link and id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._depth = 0
        self._skip_from: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in VOID:
            self._depth += 1
            if self._skip_from is None and (tag in ("script", "style") or "data-annotation" in attributes):
                self._skip_from = self._depth
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if tag in ("a", "link", "script", "img") and attributes.get(name) is not None:
                self.links.append(attributes[name])
        if tag in BLOCK:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._skip_from == self._depth:
            self._skip_from = None
        self._depth -= 1
        if tag in BLOCK:
            self.text.append(" ")

    @property
    def visible_text(self) -> str:
        """The page's words as a reader sees them, white space collapsed."""
        return " ".join("".join(self.text).split())

    def handle_data(self, data):
        if self._skip_from is None:
            self.text.append(data)


@lru_cache(maxsize=None)
def _parse_cached(path: Path, mtime: float) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def parse_page(path: Path) -> _Collector:
    return _parse_cached(path, path.stat().st_mtime)


def words(text: str) -> list[str]:
    """Words for comparing texts: case, punctuation and typographic quotes do not count."""
    return re.findall(r"\w+", text.casefold().replace("’", "'"))
