"""Markdown for content text: markdown-it-py with raw HTML off and only safe link targets."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_ALLOWED_LINK = re.compile(r"^(https?://|mailto:|/|#|\.\.?/|[a-z0-9][a-z0-9/_.-]*(#[a-z0-9-]*)?$)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: bool(_ALLOWED_LINK.match(url.strip()))
    return md


def render_block(text: str, terms: "TermMarker | None" = None) -> str:
    """Render Markdown that may hold several blocks (paragraphs, lists); with a TermMarker, the
    first use on the page of each glossary term becomes a link to its entry with an <abbr>."""
    md = _parser()
    tokens = md.parse(text)
    if terms is not None:
        terms.mark(tokens)
    return md.renderer.render(tokens, md.options, {})


def plain_text(text: str) -> str:
    """The words of a Markdown text without its markup, for the search index."""
    words = []
    for block in _parser().parse(text):
        if block.type == "inline":
            words.extend(child.content for child in block.children or () if child.type in ("text", "code_inline"))
            words.append(" ")
    return " ".join("".join(words).split())


class TermMarker:
    """Marks the first use of each glossary term on one page (one marker per page)."""

    def __init__(self, terms: dict[str, tuple[str, str]]) -> None:
        self.terms = terms  # term as printed -> (link to its glossary entry, expansion)
        self.used: set[str] = set()
        alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w&+])({alternatives})(s?)(?![\w&+])") if terms else None

    def mark(self, tokens: list[Token]) -> None:
        if self.pattern is None:
            return
        for block in tokens:
            if block.type == "inline" and block.children:
                block.children = self._mark_inline(block.children)

    def _mark_inline(self, children: list[Token]) -> list[Token]:
        marked: list[Token] = []
        in_link = 0
        for token in children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            if token.type != "text" or in_link:
                marked.append(token)
                continue
            marked.extend(self._split(token.content))
        return marked

    def _split(self, text: str) -> list[Token]:
        out: list[Token] = []
        position = 0
        for match in self.pattern.finditer(text):
            term = match.group(1)
            if term in self.used:
                continue
            self.used.add(term)
            href, expansion = self.terms[term]
            out.append(_text(text[position:match.start()]))
            out.append(_open("link_open", "a", {"href": href, "class": "term"}))
            out.append(_open("abbr_open", "abbr", {"title": expansion}))
            out.append(_text(match.group(0)))
            out.append(_close("abbr_close", "abbr"))
            out.append(_close("link_close", "a"))
            position = match.end()
        out.append(_text(text[position:]))
        return [t for t in out if t.type != "text" or t.content]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _open(kind: str, tag: str, attrs: dict[str, str]) -> Token:
    token = Token(kind, tag, 1)
    token.attrs = attrs
    return token


def _close(kind: str, tag: str) -> Token:
    return Token(kind, tag, -1)


def render_inline(text: str) -> str:
    """Render Markdown inside one paragraph, without the wrapping <p>."""
    return _parser().renderInline(text)


_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_RAW_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?/?>")


def check_links(text: str) -> list[tuple[int, str]]:
    """Problems with a Markdown text, each with the offset it starts at: raw HTML, or links to
    anything but http(s), mailto or this site."""
    problems = []
    for pattern in (_INLINE_LINK, _REFERENCE_LINK, _AUTOLINK):
        for match in pattern.finditer(text):
            target = match.group(1)
            if not _ALLOWED_LINK.match(target.strip()):
                problems.append((match.start(1), f"link target '{target}' is not allowed: use http(s), mailto or a site-relative link"))
    for match in _RAW_TAG.finditer(text):
        problems.append((match.start(), "raw HTML is not allowed in content text (it would be shown as text): write Markdown"))
    return sorted(problems)
