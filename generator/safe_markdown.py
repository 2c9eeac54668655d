"""Markdown for content text: markdown-it-py with raw HTML off, no images, and links only where
the link policy allows them."""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    tokens = _tokens(text)
    if terms is not None:
        terms.mark(tokens)
    return md.renderer.render(tokens, md.options, {})


def plain_text(text: str) -> str:
    """The words of a Markdown text without its markup, for the search index. A text of plain
    paragraphs (see _plain_paragraphs) is its own words: nothing to parse."""
    if not _may_be_syntax(text):
        # Such a text holds no white space but spaces and line ends, and none at its ends: with
        # no line end and no two spaces together, its words are already joined by single spaces.
        if "\n" not in text and "  " not in text:
            return text
        return " ".join(text.split())
    words = []
    for block in _tokens(text):
        if block.type == "inline":
            words.extend(_plain(child) for child in block.children or ())
            words.append(" ")
    return " ".join("".join(words).split())


def _plain(child: Token) -> str:
    """An inline token's part of the plain text: its words, or a space where a line breaks (so
    the words either side of the break stay apart)."""
    if child.type in ("softbreak", "hardbreak"):
        return " "
    return child.content if child.type in ("text", "code_inline") else ""


def _tokens(text: str) -> list[Token]:
    """The tokens markdown-it's parser makes of the text: made directly when the text is nothing
    but plain paragraphs (nearly all content paragraphs are), else parsed."""
    tokens = _plain_paragraphs(text)
    return tokens if tokens is not None else _parser().parse(text)


# A character that could make a text more than plain paragraphs: what starts an escape, a code
# span, emphasis, a link, a reference, an autolink or HTML; and any white space but spaces and
# line ends (str.isspace's and markdown-it's, and U+FEFF), or a control character.
_SYNTAX_CHARACTER = re.compile(
    r"[\\`*_\[<\x00-\x09\x0b-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
# What could be an entity: markdown-it reads one only from "&#" or from "&", letters and digits
# and ";" ("&#38;", "&amp;"); any other "&" ("A&E", "Health & Social Care") stays in the text.
_ENTITY_START = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")
# What could open a block after a line end: a list, quote, heading, rule, fence or setext
# underline; or an indented (or white-space-only) line.
_BLOCK_START = re.compile(r"\n(?:[-+*>#=~ ]|\d+[.)])")


# For a text of one line of printable ASCII (most paragraphs), what opens a block at the start of
# its only line; the characters of _SYNTAX_CHARACTER it can hold are tested one by one (faster).
_LINE_START = re.compile(r"[-+*>#=~ ]|\d+[.)]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _may_be_syntax(text: str) -> bool:
    """Whether the text could be read as anything but plain paragraphs (see _plain_paragraphs)."""
    if text.isascii() and not text.encode("ascii").translate(None, _PRINTABLE_ASCII):  # one line, no control character, no white space but spaces
        return ("\\" in text or "`" in text or "*" in text or "_" in text or "[" in text or "<" in text
                or ("&" in text and _ENTITY_START.search(text) is not None)
                or _LINE_START.match(text) is not None or text.endswith(" "))
    return _may_be_syntax_anywhere(text)


def _may_be_syntax_anywhere(text: str) -> bool:
    """_may_be_syntax for any text."""
    return bool(
        _SYNTAX_CHARACTER.search(text)
        or ("&" in text and _ENTITY_START.search(text))
        or _BLOCK_START.search("\n" + text)  # the first line starts after a line end too
        or " \n" in text or text.endswith(" ")  # spaces before a line end: a hard break, or dropped
    )


def _plain_paragraphs(text: str) -> list[Token] | None:
    """The tokens markdown-it's parser would make of a text of plain paragraphs, without running
    it; None (parse it) when the text could hold anything else.

    This is safe because a text that _may_be_syntax passes can only be read as paragraphs of text
    (with the commonmark preset's rules, as _parser has them; tables, strikethrough, linkify and
    the typographer are off):
    - blocks: an indented code block, a list, quote, heading, rule, fence or setext underline
      needs a line that is indented or starts with one of `- + * > # = ~`, a backtick, or digits
      and `.` or `)`; a reference or HTML block needs `[` or `<`. So each run of non-empty lines
      is one paragraph, and the empty lines only part them.
    - inlines: escapes, code spans, emphasis, links, images (which need `[`), autolinks, raw HTML
      and entities start at a backslash, a backtick, `*`, `_`, `[`, `<`, or `&` before `#` or
      letters and `;` (markdown-it's entity rule: any other `&` is text); the other
      characters that stop the text rule (`! # : ~` ...) start nothing without these and stay
      in the text. No line has leading or trailing spaces, so each line end is a soft break and
      nothing is trimmed.
    - the core: no carriage return or NUL to normalize, and no adjacent text tokens to join.
    tests/test_markdown_fast_path.py compares these tokens with the parser's."""
    if not text.strip("\n") or _may_be_syntax(text):
        return None
    tokens: list[Token] = []
    lines = text.split("\n")
    start = 0
    for end, line in enumerate([*lines, ""]):
        if not line:
            if start < end:
                tokens.extend(_paragraph(lines[start:end], start, end))
            start = end + 1
    return tokens


def _paragraph(lines: list[str], start: int, end: int) -> list[Token]:
    """A paragraph's tokens, as markdown-it's paragraph, newline and text rules make them, for
    lines `start` to `end` (not included) of the text."""
    children = [Token("text", "", 0, content=lines[0])]
    for line in lines[1:]:
        children += (Token("softbreak", "br", 0), Token("text", "", 0, content=line))
    return [
        Token("paragraph_open", "p", 1, map=[start, end], block=True),
        Token("inline", "", 0, map=[start, end], level=1, content="\n".join(lines), children=children,
              block=True),
        Token("paragraph_close", "p", -1, block=True),
    ]


class TermMarker:
    """Marks the first use of each glossary term on one page (one marker per page)."""

    def __init__(self, terms: dict[str, tuple[str, str]]) -> None:
        self.terms = terms  # term as printed -> (link to its glossary entry, expansion)
        self.used: set[str] = set()
        alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        # No lookbehind for what may not come before a term: it would keep re from scanning
        # ahead for the terms' first characters (the search takes several times as long);
        # _unjoined_matches checks the character before instead.
        self.pattern = re.compile(rf"({alternatives})(s?)(?![\w&+])") if terms else None

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
            marked.extend(self._split(token))
        return marked

    def _split(self, token: Token) -> list[Token]:
        """The text token, split around the terms first used in it; itself when it uses none."""
        assert self.pattern is not None  # mark() splits nothing without terms
        text = token.content
        out: list[Token] = []
        position = 0
        for match in _unjoined_matches(self.pattern, text):
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
        if not out:
            return [token]
        out.append(_text(text[position:]))
        return [t for t in out if t.type != "text" or t.content]


_JOINS_A_TERM = re.compile(r"[\w&+]")  # a character that makes a term part of a longer word


def _unjoined_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""The terms in the text that do not follow a letter, digit, `&` or `+`: what finditer would
    give with the lookbehind `(?<![\w&+])` in the pattern. A match refused for the character
    before it is searched for again one character on, not after it, so that a term that
    starts inside it ("Children" in "xLooked After Children") is still found."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        if start and _JOINS_A_TERM.match(text, start - 1):
            position = start + 1
        else:
            yield match
            position = match.end()


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
