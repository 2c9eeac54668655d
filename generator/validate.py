"""Turn the content folder into a checked Corpus, or report every error found in it at once."""

from __future__ import annotations

from pathlib import Path

from .documents import DocumentReader
from .errors import ContentInvalid, Location, relative_path
from .fields import FieldReader
from .index import Corpus
from .load import load_yaml_file
from .registries import read_registries


def load_corpus(content: Path, root: Path | None = None) -> Corpus:
    """Read and check everything under `content`; raise ContentInvalid listing every problem."""
    root = root or content.parent
    r = FieldReader()
    shown_content = relative_path(content, root)
    if not content.is_dir():
        r.error(Location(shown_content, 1, 1), "content folder not found")
        raise ContentInvalid(r.errors)
    registries = read_registries(content, shown_content, r)
    reader = DocumentReader(r, registries)
    councils, documents = [], []
    first_use: dict[str, str] = {}  # document id -> the council folder it was first read in
    council_dirs = sorted(p for p in (content / "councils").glob("*") if p.is_dir())
    council_ids = {p.name for p in council_dirs}
    for council_dir in council_dirs:
        council = _read_council(council_dir, root, reader, r)
        if council is not None:
            councils.append(council)
        for path in sorted((council_dir / "documents").glob("*")):
            if path.stem in first_use:
                r.error(Location(relative_path(path, root), 1, 1), (
                    f"document id '{path.stem}' is also used in council '{first_use[path.stem]}': "
                    "ids are unique across councils, since references name documents by id alone"))
            first_use.setdefault(path.stem, council_dir.name)
            document = _read_document(path, council_dir, council_ids, root, reader, r)
            if document is not None:
                documents.append(document)
    corpus = Corpus(registries=registries, councils=tuple(councils), documents=tuple(documents))
    _check_links(reader, corpus, r)
    if r.errors:
        raise ContentInvalid(r.errors)
    return corpus


def _read_council(council_dir: Path, root: Path, reader: DocumentReader, r: FieldReader):
    path = council_dir / "council.yaml"
    shown = relative_path(path, root)
    if not path.is_file():
        r.error(Location(shown, 1, 1), "missing council file")
        return None
    loaded = load_yaml_file(path, shown)
    r.errors.extend(loaded.errors)
    m = r.mapping(loaded.root, "a council file", Location(shown, 1, 1)) if not loaded.errors else None
    return reader.council(m, council_dir.name) if m else None


def _read_document(path: Path, council_dir: Path, council_ids: set[str], root: Path, reader: DocumentReader, r: FieldReader):
    shown = relative_path(path, root)
    if path.suffix != ".yaml":
        r.error(Location(shown, 1, 1), "documents are YAML files ending in .yaml")
        return None
    loaded = load_yaml_file(path, shown)
    r.errors.extend(loaded.errors)
    if loaded.errors:
        return None
    m = r.mapping(loaded.root, "a document file", Location(shown, 1, 1))
    document = reader.document(m, path.stem, council_ids, council_dir, root) if m else None
    if document is not None and document.council != council_dir.name:
        r.error(m.get("council").location, f"document belongs to council '{document.council}' but lies in the folder of '{council_dir.name}'")
    return document


def _check_links(reader: DocumentReader, corpus: Corpus, r: FieldReader) -> None:
    for link in reader.pending:
        target = corpus.document(link.document)
        if link.document not in reader.declared_documents:
            r.error(link.location, f"unknown document '{link.document}': not transcribed and not among any council's referenced_documents")
        elif link.paragraph is not None:
            if target is None and corpus.referenced_document(link.document) is not None:
                r.error(link.location, f"'{link.document}' is not transcribed, so a paragraph of it cannot be referenced")
            elif target is not None and target.paragraph(link.paragraph) is None:
                r.error(link.location, f"document '{link.document}' has no paragraph '{link.paragraph}'")
        if link.later_than is not None:
            if target is None:
                r.error(link.location, f"a follow-up reports from a transcribed document; '{link.document}' is not one")
            elif target.date <= link.later_than:
                r.error(link.location, f"a follow-up reports from a later document; '{link.document}' is dated {target.date.isoformat()}, not after {link.later_than.isoformat()}")
    known = {d.id for d in corpus.documents}
    for council in corpus.councils:
        for referenced in council.referenced_documents:
            if referenced.id in known:
                r.error(Location(f"content/councils/{council.id}/council.yaml", 1, 1), f"referenced document '{referenced.id}' has the id of a transcribed document")
