"""A first draft of a document's YAML from its extracted text, for an editor to finish: the
metadata the text gives (its date, the recipient, salutation, title, signature, letterhead),
sections from its headings, paragraphs split and numbered as printed, the faults of extraction
mended with an editorial note each (a paragraph split by a page break is joined; `**` artefacts
are taken out), and the lines that are not text (letterhead, date, address, signature) excluded
with their reason. Themes are left empty and stances unset: `python -m generator check` then
lists what is left to do, each at its line.

The text is the form the seeds and pdf_text.py give: paragraphs separated by blank lines, a
page break often splitting a paragraph in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from .dates import long_date

_DATE = re.compile(r"\b([0-9]{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) ([0-9]{4})\b")
_NUMBERED = re.compile(r"^([0-9]{1,3})\.\s+(\S.*)$", re.S)
_BULLET = re.compile(r"^(?:[-•●▪]|\*(?!\*))\s+(\S.*)$", re.S)
_ENDS_A_SENTENCE = re.compile(r"[.!?:;)\]\"'”’]$")
_VALEDICTION = re.compile(r"^Yours (sincerely|faithfully)\b", re.I)
_ROLE = re.compile(r"^(.+?)\s+((?:Senior )?Her Majesty's Inspector|(?:Senior )?HMI|Ofsted Inspector|Regional Director)$")
HEADING_LENGTH = 120  # longest line read as a heading


@dataclass
class Block:
    """A run of non-blank lines: its text (lines joined by a space), its first and last line, and
    the editorial notes of what was mended in it."""

    text: str
    first: int
    last: int
    notes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Draft:
    """What the draft holds, in the order the YAML writes it."""

    fields: dict[str, Any]
    paragraphs: int = 0
    notes: list[dict[str, Any]] = field(default_factory=list)

    def rename(self, document_id: str) -> None:
        """Another id, and the source file's name with it."""
        self.fields["id"] = document_id
        self.fields["source"]["file"] = f"sources/{document_id}.txt"


def draft_yaml(draft: Draft, source: str) -> str:
    """The draft as a YAML file, its first lines saying where it came from and what to do next."""
    header = (f"# Drafted by `python -m generator new document` from {source}.\n"
              "# Finish it: `python -m generator check` lists what is left to do, each at its line\n"
              "# (every paragraph's stance and themes, the authors' names and roles, the attribution...).\n")
    return header + yaml.safe_dump(draft.fields, sort_keys=False, allow_unicode=True, width=100)


def blocks_of(text: str) -> list[Block]:
    """The text's paragraphs: runs of lines between blank lines, a run split again where a line
    starts a numbered paragraph or a bullet. Bullets after a numbered paragraph's first line stay
    in it, as a Markdown list."""
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        previous = blocks[-1] if blocks and blocks[-1].last == number - 1 else None
        if not line:
            continue
        if previous is not None and _BULLET.match(line) and _NUMBERED.match(previous.text):
            previous.text += "\n- " + _BULLET.match(line).group(1)  # type: ignore[union-attr]
        elif previous is not None and not _NUMBERED.match(line) and not _BULLET.match(line):
            previous.text += ("\n" if "\n- " in previous.text else " ") + line
        else:
            blocks.append(Block(line, number, number))
            continue
        previous.last = number
    return blocks


def draft_document(text: str, council: str, kind: str) -> Draft:
    """The draft of a document of `council` of this `kind`, whose extracted text is `text`,
    named by its date and kind, its text to be saved as sources/<its id>.txt."""
    blocks = blocks_of(text)
    excluded: list[dict[str, str]] = []
    found_date, date_index = _first_date(blocks)
    letterhead: list[Block] = blocks[:date_index] if date_index is not None and date_index <= 4 else []
    if letterhead:
        excluded.append(_lines(letterhead[0].first, letterhead[-1].last, "letterhead (recorded in issuer)"))
    body = blocks[len(letterhead):]
    head: dict[str, Any] = {}
    if date_index is not None and body and body[0] is blocks[date_index]:
        excluded.append(_lines(body[0].first, body[0].last, "date of the letter (recorded in date)"))
        body = body[1:]
    salutation_at = next((i for i, b in enumerate(body[:4]) if b.text.startswith("Dear ")), None)
    if salutation_at is not None:
        if salutation_at > 0:
            recipient = body[:salutation_at]
            head["recipient"] = {"name": recipient[0].text, "address": [b.text for b in recipient[1:]]}
            excluded.append(_lines(recipient[0].first, recipient[-1].last, "recipient and address (recorded in recipient)"))
        head["salutation"] = body[salutation_at].text
        excluded.append(_lines(body[salutation_at].first, body[salutation_at].last, "salutation"))
        body = body[salutation_at + 1:]
    title = kind.replace("-", " ").capitalize()
    if body and _is_heading(body[0].text):
        title = body[0].text
        excluded.append(_lines(body[0].first, body[0].last, "title (recorded in title)"))
        body = body[1:]
    ending = next((i for i, b in enumerate(body) if _VALEDICTION.match(b.text)), None)
    if ending is not None:
        signed = body[ending:]
        head["valediction"] = _VALEDICTION.match(signed[0].text).group(0)  # type: ignore[union-attr]
        if len(signed) > 1:
            head["signature"] = signed[1].text
        excluded.append(_lines(signed[0].first, signed[-1].last, "valediction and signature"))
        body = body[:ending]
    notes: list[dict[str, Any]] = []
    sections = _sections(_mended(body, notes))
    document_date = found_date.isoformat() if found_date else ""
    issued_by = "Ofsted" if "ofsted" in text.lower() else ""
    signed_by = _ROLE.match(head.get("signature", ""))
    author = {"name": signed_by.group(1), "role": signed_by.group(2)} if signed_by else {"name": head.get("signature", "")}
    document_id = f"{document_date}-{kind}" if found_date else kind
    fields: dict[str, Any] = {
        "id": document_id,
        "council": council,
        "kind": kind,
        "title": title,
        "date": document_date,
        "issuer": {"body": issued_by, **({"letterhead": " ".join(b.text for b in letterhead)} if letterhead else {})},
        "authors": [author],
        **{key: head[key] for key in ("recipient", "salutation", "valediction", "signature") if key in head},
        "source": {"file": f"sources/{document_id}.txt", "published": "Ofsted website" if "www.ofsted.gov.uk" in text else "",
                   **({"excluded_lines": excluded} if excluded else {})},
        "attribution": f"Source: {issued_by}, {title}, {long_date(found_date)}." if issued_by and found_date else "",
        "judgements": [],
        "sections": sections,
    }
    if notes:
        fields["editorial_notes"] = notes
    return Draft(fields, sum(len(s["paragraphs"]) for s in sections), notes)


def _first_date(blocks: list[Block]) -> tuple[date | None, int | None]:
    for index, block in enumerate(blocks[:12]):
        match = _DATE.search(block.text)
        if match:
            return datetime.strptime(" ".join(match.groups()), "%d %B %Y").date(), (index if match.group(0) == block.text else None)
    return None, None


def _lines(first: int, last: int, reason: str) -> dict[str, str]:
    return {"lines": f"{first}-{last}", "reason": reason}


def _is_heading(text: str) -> bool:
    """A short line that is not a sentence: no full stop at its end, a capital first, not a
    numbered paragraph or a bullet."""
    return (len(text) <= HEADING_LENGTH and not re.search(r"[.!?;,]$", text) and text[:1].isupper()
            and not re.search(r":\s\S", text) and not _NUMBERED.match(text) and not _BULLET.match(text))


def _mended(blocks: list[Block], notes: list[dict[str, Any]]) -> list[Block]:
    """The blocks with paragraphs split by a page break joined, and `**` taken out, each with a note."""
    mended: list[Block] = []
    for block in blocks:
        if "**" in block.text:
            cleaned = " ".join(block.text.replace("**", " ").split())
            note = {"id": f"n{len(notes) + 1}", "kind": "artefact", "note": f"`**` in the extracted text taken out (source line {block.first}).",
                    "original": block.text, "replacement": cleaned}
            notes.append(note)
            block = Block(cleaned, block.first, block.last, [note])
        previous = mended[-1] if mended else None
        if previous is not None and _continues(previous.text, block.text):
            note = {"id": f"n{len(notes) + 1}", "kind": "page-break",
                    "note": f"The paragraph continues after a page break; the two parts are joined. (source line {block.first})"}
            notes.append(note)
            mended[-1] = Block(f"{previous.text} {block.text}", previous.first, block.last, [*previous.notes, *block.notes, note])
            continue
        mended.append(block)
    return mended


def _continues(before: str, after: str) -> bool:
    """Whether `after` is the rest of the paragraph `before`, split by a page break: `before` ends
    mid-sentence and `after` starts in lower case."""
    return not _ENDS_A_SENTENCE.search(before) and not _is_heading(before) and after[:1].islower()


def _sections(blocks: list[Block]) -> list[dict[str, Any]]:
    """Sections from the headings (a heading is followed by text, not by another heading), each
    with its paragraphs; the notes of each block name its paragraph."""
    sections: list[dict[str, Any]] = [{"id": "introduction", "paragraphs": []}]
    used: set[str] = {"introduction"}
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if _is_heading(block.text) and following is not None and not _is_heading(following.text):
            sections.append({"id": _unique(_slug(block.text), used), "heading": block.text, "paragraphs": []})
            continue
        paragraph = _paragraph(block, sections[-1])
        sections[-1]["paragraphs"].append(paragraph)
        for note in block.notes:
            note["paragraph"] = paragraph["id"]
    return [s for s in sections if s["paragraphs"] or s.get("heading")]


def _paragraph(block: Block, section: dict[str, Any]) -> dict[str, Any]:
    numbered = _NUMBERED.match(block.text)
    bullet = _BULLET.match(block.text)
    if numbered:
        entry: dict[str, Any] = {"id": numbered.group(1), "numbered": True, "text": numbered.group(2)}
    else:
        entry = {"id": f"{section['id'][:20].rstrip('-')}-{len(section['paragraphs']) + 1}", "text": bullet.group(1) if bullet else block.text}
        if bullet:
            entry["style"] = "bullet"
    return {**entry, "stance": "", "themes": []}


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:6]) or "section"


def _unique(slug: str, used: set[str]) -> str:
    name, number = slug, 2
    while name in used:
        name, number = f"{slug}-{number}", number + 1
    used.add(name)
    return name
