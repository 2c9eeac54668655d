"""The semantic diff (semantic_diff.py) written for a person: plain text for a terminal, or
Markdown for a pull-request comment. Flagged changes come first, then every change, document by
document. Words taken out are shown [-like this-] in text and ~~struck~~ in Markdown, words put
in {+like this+} and **bold**."""

from __future__ import annotations

from itertools import groupby

from .semantic_diff import Change

HEADING = "Content changes"


def as_text(changes: list[Change], base: str, head: str) -> str:
    if not changes:
        return f"No change of meaning in the content between {base} and {head}.\n"
    lines = [f"{HEADING}, {base} → {head}: {len(changes)} change{'s' if len(changes) != 1 else ''}."]
    flagged = [c for c in changes if c.flag]
    if flagged:
        lines += ["", f"FOR REVIEW ({len(flagged)}): check these against the source"]
        lines += [f"  ! {c.flag}: {c.where}, {c.what}: {_text_detail(c)}" for c in flagged]
    for (where, file), group in groupby(changes, key=lambda c: (c.where, c.file)):
        lines += ["", f"{where} ({file})"]
        lines += [f"  {'!' if c.flag else '-'} {c.what}: {_text_detail(c)}" for c in group]
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[Change], base: str, head: str) -> str:
    if not changes:
        return f"### {HEADING}\n\nNo change of meaning in the content between `{base}` and `{head}`.\n"
    lines = [f"### {HEADING}", "", f"`{base}` → `{head}`: {len(changes)} change{'s' if len(changes) != 1 else ''}."]
    flagged = [c for c in changes if c.flag]
    if flagged:
        lines += ["", f"> [!WARNING]", f"> **For review ({len(flagged)})**: check these against the source."]
        lines += [f"> - **{_md(c.flag or '')}**: {_md(c.where)}, {_md(c.what)}: {_markdown_detail(c)}" for c in flagged]
    for (where, file), group in groupby(changes, key=lambda c: (c.where, c.file)):
        lines += ["", f"#### {_md(where)}", f"`{file}`", ""]
        lines += [f"- {'⚠️ ' if c.flag else ''}{_md(c.what)}: {_markdown_detail(c)}" for c in group]
    return "\n".join(lines) + "\n"


def _text_detail(c: Change) -> str:
    if not c.words:
        return c.detail
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}", "…": "…"}
    return c.detail + ": " + " ".join(marks[op].format(text) for op, text in c.words)


def _markdown_detail(c: Change) -> str:
    if not c.words:
        return _md(c.detail)
    marks = {"=": "{}", "-": "~~{}~~", "+": "**{}**", "…": "…"}
    return _md(c.detail) + ": " + " ".join(marks[op].format(_md(text)) for op, text in c.words)


def _md(text: str) -> str:
    """Text as Markdown shows it literally: content is not allowed to format the comment (or to
    mention people, or to close the quote it is in)."""
    escaped = "".join("\\" + ch if ch in "\\`*_{}[]()<>#+-!|~>@" else ch for ch in text)
    return " ".join(escaped.split())
