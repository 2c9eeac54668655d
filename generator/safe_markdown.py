"""Markdown for content text: markdown-it-py with raw HTML off and only safe link targets."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

_ALLOWED_LINK = re.compile(r"^(https?://|mailto:|/|#|\.\.?/|[a-z0-9][a-z0-9/_.-]*(#[a-z0-9-]*)?$)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: bool(_ALLOWED_LINK.match(url.strip()))
    return md


def render_block(text: str) -> str:
    """Render Markdown that may hold several blocks (paragraphs, lists)."""
    return _parser().render(text)


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
