"""Starting new content: a council's folder, or a document drafted from its published PDF (or its
text already extracted). Nothing existing is ever overwritten; what is written is a draft the
checker then reads, so that `python -m generator check` lists what is left to do."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .drafting import draft_document, draft_yaml
from .fields import ID_PATTERN
from .pdf_text import PdfUnreadable, pdf_text

MAX_SOURCE_BYTES = 50_000_000  # a source larger than this is not a letter or a report


class CannotMake(Exception):
    """Why nothing was written."""


@dataclass(frozen=True)
class NewFiles:
    paths: tuple[str, ...]  # as the checker names files: relative to the working folder


def new_council(content: Path, council_id: str, name: str, short_name: str, region: str) -> NewFiles:
    """content/councils/<id>/council.yaml (with documents/ and sources/), or why not."""
    if not ID_PATTERN.match(council_id):
        raise CannotMake(f"'{council_id}' is not an id: use lower-case letters, digits and hyphens, like 'north-yorkshire'")
    folder = content / "councils" / council_id
    if folder.exists():
        raise CannotMake(f"{folder} exists already")
    for sub in ("documents", "sources"):
        (folder / sub).mkdir(parents=True)
    council = {"id": council_id, "name": name, "short_name": short_name, "region": region, "description": "", "referenced_documents": []}
    path = folder / "council.yaml"
    path.write_text("# Made by `python -m generator new council`: fill in what `python -m generator check` lists.\n"
                    + yaml.safe_dump(council, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return NewFiles((_shown(path),))


def new_document(content: Path, council_id: str, kind: str, source: Path) -> NewFiles:
    """sources/<id>.txt and documents/<id>.yaml in the council's folder, or why not."""
    folder = content / "councils" / council_id
    if not ID_PATTERN.match(council_id) or not (folder / "council.yaml").is_file():
        raise CannotMake(f"no council '{council_id}' in {content}/councils: make it first with `python -m generator new council {council_id}`")
    if not ID_PATTERN.match(kind):
        raise CannotMake(f"'{kind}' is not a kind's id (see {content}/document-kinds.yaml)")
    text = _source_text(source)
    draft = draft_document(text, council_id, kind)
    document_id = draft.fields["id"]
    if any(path.parent.parent != folder for path in (content / "councils").glob(f"*/documents/{document_id}.yaml")):  # ids are unique across councils
        document_id = document_id.replace(f"-{kind}", f"-{council_id}-{kind}", 1) if kind in document_id else f"{council_id}-{document_id}"
        draft.rename(document_id)
    source_path, yaml_path = folder / "sources" / f"{document_id}.txt", folder / "documents" / f"{document_id}.yaml"
    for path in (source_path, yaml_path):
        if path.exists():
            raise CannotMake(f"{path} exists already")
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "documents").mkdir(exist_ok=True)
    source_path.write_text(text, encoding="utf-8")
    yaml_path.write_text(draft_yaml(draft, source.name), encoding="utf-8")
    return NewFiles((_shown(yaml_path), _shown(source_path)))


def _source_text(source: Path) -> str:
    """The source's text, or "!" and why it cannot be read."""
    if not source.is_file():
        raise CannotMake(f"{source}: no such file")
    if source.stat().st_size > MAX_SOURCE_BYTES:
        raise CannotMake(f"{source}: {source.stat().st_size:,} bytes is more than any letter or report ({MAX_SOURCE_BYTES:,} at most)")
    if source.suffix.lower() == ".pdf":
        try:
            return pdf_text(source)
        except PdfUnreadable as failure:
            raise CannotMake(f"{failure}")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CannotMake(f"{source}: not UTF-8 text; give the PDF, or the text saved as UTF-8")
    return re.sub(r"\r\n?", "\n", text)


def _shown(path: Path) -> str:
    """The path as the checker names it: relative to the working folder where it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
