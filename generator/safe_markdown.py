"""Markdown for content text: markdown-it-py with raw HTML off, no images, and links only where
the link policy allows them."""

from __future__ import annotations

import re
from functools import lru_cache

import mdurl
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .link_policy import is_allowed, link_problem


def _link_allowed(normalized: str) -> bool:
    """markdown-it hands over the link percent-encoded; judge that and what it decodes to."""
    return is_allowed(normalized) and is_allowed(mdurl.decode(normalized))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")  # a page loads nothing named by content: `![t](u)` stays text and a link
    md.validateLink = _link_allowed
    return md


@lru_cache(maxsize=1)
def _inspector() -> MarkdownIt:
    """Parses the way the renderer does but keeps every link and image, so each can be judged."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: True
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


# A tag (attributes run to the next < or >, so a text of many unclosed tags is read in one pass),
# a comment, a declaration or a processing instruction.
_RAW_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:[\s/][^<>]*)?>|<!--|<![a-zA-Z\[]|<\?")


def check_links(text: str) -> list[tuple[int, str]]:
    """Problems with a Markdown text, each with the offset it starts at: raw HTML, images, and
    links the link policy refuses. Links are found by the same parser that renders them, so
    whatever would become a link is judged (entities and angle brackets included)."""
    problems = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    blocks = _inspector().parse(text) if "[" in text or "<" in text else ()  # no link or image without them
    for block in blocks:
        if block.type != "inline":
            continue
        start = line_starts[block.map[0]] if block.map else 0
        for token in block.children or ():
            if token.type == "image":
                where = _find(text, ("![",), start)
                problems.append((where, "images are not allowed in content text: a page loads nothing named by content"))
            elif token.type == "link_open":
                href = str(token.attrs.get("href", ""))
                decoded = mdurl.decode(href)
                problem = link_problem(decoded) or link_problem(href)
                if problem:
                    where = _find(text, (decoded, href, "]("), start)
                    problems.append((where, f"link target '{_shown(decoded)}': {problem}"))
    for match in _RAW_TAG.finditer(text):
        problems.append((match.start(), "raw HTML is not allowed in content text (it would be shown as text): write Markdown"))
    return sorted(problems)


def _find(text: str, candidates: tuple[str, ...], start: int) -> int:
    """Where the first of `candidates` stands in the text from `start` (else the block's start)."""
    for candidate in candidates:
        found = text.find(candidate, start) if candidate else -1
        if found >= 0:
            return found
    return start


def _shown(url: str) -> str:
    """A URL as quoted in a message: control characters made visible, long ones cut."""
    visible = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in url)
    return visible if len(visible) <= 80 else visible[:77] + "..."
