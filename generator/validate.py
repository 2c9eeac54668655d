"""Turn the content folder into a checked Corpus, or report every error found in it at once."""

from __future__ import annotations

from pathlib import Path

from .content_files import is_junk, junk_note, symlinks_under
from .documents import DocumentReader
from .errors import ContentError, ContentInvalid, Location, relative_path
from .fields import FieldReader
from .index import Corpus
from .load import load_yaml_file
from .registries import read_registries


def load_corpus(content: Path, root: Path | None = None) -> Corpus:
    """Read and check everything under `content`; raise ContentInvalid listing every problem."""
    root = root or content.parent
    r = FieldReader()
    notes: list[ContentError] = []
    shown_content = relative_path(content, root)
    if content.is_symlink() or not content.is_dir():
        r.error(Location(shown_content, 1, 1), "content folder not found (it must be a folder, not a link)")
        raise ContentInvalid(r.errors)
    r.errors.extend(symlinks_under(content, shown_content))
    reader = DocumentReader(r, read_registries(content, shown_content, r))
    councils, documents = [], []
    first_use: dict[str, str] = {}  # document id -> the council folder it was first read in
    council_dirs = _council_folders(content, root, r, notes)
    council_ids = {p.name for p in council_dirs}
    for council_dir in council_dirs:
        council = _read_council(council_dir, root, reader, r)
        if council is not None:
            councils.append(council)
        for path in _document_files(council_dir, root, r, notes):
            reader.declared_documents.add(path.stem)
            if path.stem in first_use:
                r.error(Location(relative_path(path, root), 1, 1), (
                    f"document id '{path.stem}' is also used in council '{first_use[path.stem]}': "
                    "ids are unique across councils, since references name documents by id alone"))
            first_use.setdefault(path.stem, council_dir.name)
            document = _read_document(path, council_dir, council_ids, root, reader, r)
            if document is not None:
                documents.append(document)
    if not first_use and not r.errors:
        r.error(Location(f"{shown_content}/councils", 1, 1), "no documents: add a council folder with a council.yaml and documents/ (see docs/content-model.md)")
    corpus = Corpus(registries=reader.registries, councils=tuple(councils), documents=tuple(documents), notes=tuple(notes))
    _check_links(reader, corpus, r)
    if r.errors:
        raise ContentInvalid(r.errors, notes)
    return corpus


def _council_folders(content: Path, root: Path, r: FieldReader, notes: list[ContentError]) -> list[Path]:
    councils = content / "councils"
    if not councils.is_dir() or councils.is_symlink():
        r.error(Location(relative_path(councils, root), 1, 1), "no councils folder: the content needs content/councils/<council>/ (see docs/content-model.md)")
        return []
    folders = []
    for path in sorted(councils.iterdir()):
        if is_junk(path.name):
            notes.append(junk_note(relative_path(path, root)))
        elif path.is_symlink():
            continue  # reported with every other link under content/
        elif path.is_dir():
            folders.append(path)
        else:
            r.error(Location(relative_path(path, root), 1, 1), "councils/ holds one folder per council, not files")
    return folders


def _document_files(council_dir: Path, root: Path, r: FieldReader, notes: list[ContentError]) -> list[Path]:
    """The document files of a council; anything else in documents/ is an error or a note."""
    files = []
    folder = council_dir / "documents"
    if folder.is_symlink() or not folder.exists():
        return files  # a link is reported with every other link; a new council may have no documents yet
    if not folder.is_dir():
        r.error(Location(relative_path(folder, root), 1, 1), "documents must be a folder of YAML files")
        return files
    for path in sorted(folder.iterdir()):
        shown = relative_path(path, root)
        if is_junk(path.name):
            notes.append(junk_note(shown))
        elif path.is_symlink():
            continue  # reported with every other link under content/
        elif path.suffix != ".yaml":
            r.error(Location(shown, 1, 1), "documents are YAML files ending in .yaml")
        elif not path.is_file():
            r.error(Location(shown, 1, 1), "documents/ holds YAML files, not folders")
        else:
            files.append(path)
    return files


def _read_council(council_dir: Path, root: Path, reader: DocumentReader, r: FieldReader):
    path = council_dir / "council.yaml"
    shown = relative_path(path, root)
    if path.is_symlink():
        reader.unreadable_files = True
        return None  # reported with every other link under content/
    if not path.is_file():
        r.error(Location(shown, 1, 1), "missing council file")
        reader.unreadable_files = True
        return None
    loaded = load_yaml_file(path, shown)
    r.errors.extend(loaded.errors)
    if loaded.root is None:
        reader.unreadable_files = True
    m = r.mapping(loaded.root, "a council file", Location(shown, 1, 1)) if not _unreadable(loaded) else None
    return reader.council(m, council_dir.name) if m else None


def _read_document(path: Path, council_dir: Path, council_ids: set[str], root: Path, reader: DocumentReader, r: FieldReader):
    shown = relative_path(path, root)
    loaded = load_yaml_file(path, shown)
    r.errors.extend(loaded.errors)
    if _unreadable(loaded):
        reader.unreadable_files = True
        return None
    m = r.mapping(loaded.root, "a document file", Location(shown, 1, 1))
    document = reader.document(m, path.stem, council_ids, council_dir, root) if m else None
    if document is not None and document.council != council_dir.name:
        r.error(m.get("council").location, f"document belongs to council '{document.council}' but lies in the folder of '{council_dir.name}'")
    return document


def _unreadable(loaded) -> bool:
    """A file whose text could not be parsed at all (an empty file parses, and is reported as empty)."""
    return loaded.root is None and bool(loaded.errors)


def _check_links(reader: DocumentReader, corpus: Corpus, r: FieldReader) -> None:
    for link in reader.pending:
        target = corpus.document(link.document)
        if link.document not in reader.declared_documents:
            if not reader.unreadable_files:
                r.error(link.location, f"unknown document '{link.document}': not transcribed and not among any council's referenced_documents")
        elif link.paragraph is not None:
            if target is None and corpus.referenced_document(link.document) is not None:
                r.error(link.location, f"'{link.document}' is not transcribed, so a paragraph of it cannot be referenced")
            elif target is not None and target.paragraph(link.paragraph) is None:
                r.error(link.location, f"document '{link.document}' has no paragraph '{link.paragraph}'")
        if link.later_than is not None:
            if target is None and corpus.referenced_document(link.document) is not None:
                r.error(link.location, f"a follow-up reports from a transcribed document; '{link.document}' is not one")
            elif target is not None and target.date <= link.later_than:
                r.error(link.location, f"a follow-up reports from a later document; '{link.document}' is dated {target.date.isoformat()}, not after {link.later_than.isoformat()}")
    known = {d.id for d in corpus.documents}
    for council in corpus.councils:
        for referenced in council.referenced_documents:
            if referenced.id in known:
                r.error(Location(f"content/councils/{council.id}/council.yaml", 1, 1), f"referenced document '{referenced.id}' has the id of a transcribed document")
