"""Turn the content folder into a checked Corpus, or report every error found in it at once.

The preview re-checks the content after every edit. It passes a ReadingMemo, which remembers what
reading each council and document file found; a file whose bytes (and whatever it reads: its
council's source files, the registries, the set of councils) are unchanged since is not read
again, and its errors, links and ids are replayed as they were, so a re-check costs the edited
files, not the corpus.

A build passes the number of processes that may share the reading (`workers`). Reading a file
depends only on the file, its council's source files, the registries and the set of councils (the
reader's other state is a cache of theme tuples, and the graded sections of the one document being
read), and all it adds to the check's running state (errors, pending links, document ids written,
whether a file was unreadable) is what a FileReading captures. So once the registries are read and
the council folders listed, the councils are gathered, whole and in order, into chunks of about
CHUNK document files (each council's source files are read in one place), shared out by
forked_work.py: forked workers read the chunks from the first on (they inherit the reader, so
nothing is pickled on the way in, and send their FileReadings back) while this process reads them
from the last back until the two meet, so each side does as much as its speed allows. The ordinary loop then goes through the files in their
usual order and replays those readings as it would replay the memo's, so the corpus, the errors
and their order are exactly what one process finds. Readings made ahead go into the memo as
readings of this check (not counted as reused; a build's memo ends with the call), and only when
the memo has nothing to replay: the preview, which keeps one, checks in one process. With one
council or fewer than PARALLEL_FROM document files, nothing is forked. A build's workers also add
up what the corpus works out from each document they read (document_facts.py), a chunk at a time,
so that this process only joins the chunks' sums instead of working them out alone after the check.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from .content_files import is_junk, junk_note, symlinks_under
from .document_facts import DocumentFacts, FactsMemo, SummedFacts
from .documents import DocumentReader, PendingLink
from .forked_work import share
from .file_keys import FileKey, file_key, folder_key
from .errors import ContentError, ContentInvalid, Location, relative_path
from .fields import FieldReader
from .index import Corpus
from .load import load_yaml_file
from .model import Council, Document
from .registries import REGISTRY_FILES, ReadRegistries, read_registries

# Document files from which a check with workers > 1 forks. A document takes ~12 ms to read and
# ~2 ms to pickle in a worker and unpickle here, and a fork ~10 ms: sharing pays from a handful of
# documents, but below ~50 (~0.6 s of reading) it saves a few tenths of a second at most, so small
# projects and the tests keep the simpler one-process check.
PARALLEL_FROM = 50
# Document files in each share of the reading (~0.25 s of it): small enough that little is left to
# wait for once this process and the workers meet, large enough that each costs little to send back.
CHUNK = 20


@dataclass(frozen=True)
class FileReading:
    """What reading one council or document file found."""

    key: FileKey
    result: Council | Document | None
    errors: tuple[ContentError, ...]
    pending: tuple[PendingLink, ...]
    declared: frozenset[str]  # document ids it writes, valid or not
    unreadable: bool


@dataclass
class ReadingMemo:
    """The previous check's readings, kept by the preview between its rebuilds."""

    registries_key: FileKey | None = None
    registries: ReadRegistries | None = None  # kept only when they were read without errors
    council_ids: frozenset[str] = frozenset()
    files: dict[Path, FileReading] = field(default_factory=dict)
    reused: int = 0  # files not read again by the latest check
    seen: set[Path] = field(default_factory=set)  # files the latest check read or reused
    facts: FactsMemo = field(default_factory=FactsMemo)  # what the corpus works out from each document

    def forget_unseen(self) -> None:
        """Drop the readings of files that are no longer in the content."""
        self.files = {path: reading for path, reading in self.files.items() if path in self.seen}


def load_corpus(content: Path, root: Path | None = None, memo: ReadingMemo | None = None, workers: int = 1,
                meanwhile: Callable[[], object] | None = None) -> Corpus:
    """Read and check everything under `content`; raise ContentInvalid listing every problem.
    With workers > 1 and a memo with nothing to replay, the council and document files are read by
    that many processes at once, this one doing `meanwhile` (work of the caller's) before its
    share; the caller passes 1 where processes cannot be forked."""
    root = root or content.parent
    kept = memo is not None  # the preview's: what is worked out from each document is kept too
    memo = memo if memo is not None else ReadingMemo()
    memo.reused, memo.seen = 0, set()
    r = FieldReader()
    notes: list[ContentError] = []
    shown_content = relative_path(content, root)
    if content.is_symlink() or not content.is_dir():
        r.error(Location(shown_content, 1, 1), "content folder not found (it must be a folder, not a link)")
        raise ContentInvalid(r.errors)
    r.errors.extend(symlinks_under(content, shown_content))
    reader = DocumentReader(r, _registries(content, shown_content, r, memo))
    councils, documents = [], []
    first_use: dict[str, str] = {}  # document id -> the council folder it was first read in
    council_dirs = _council_folders(content, root, r, notes)
    council_ids = {p.name for p in council_dirs}
    if frozenset(council_ids) != memo.council_ids:
        memo.files.clear()  # a document's council must exist: every document is read again
        memo.council_ids = frozenset(council_ids)
    reads = _Reads(reader, root, council_ids, add_up_facts=not kept)
    ahead = _read_ahead(reads, council_dirs, workers, meanwhile) if not memo.files else _NOTHING_AHEAD
    for council_dir in council_dirs:
        council = _remembered(memo, ahead.readings, reader, reads.council(council_dir))
        if council is not None:
            councils.append(council)
        sources_key = folder_key(council_dir / "sources")
        for path in _document_files(council_dir, root, r, notes):
            reader.declared_documents.add(path.stem)
            if path.stem in first_use:
                r.error(Location(relative_path(path, root), 1, 1), (
                    f"document id '{path.stem}' is also used in council '{first_use[path.stem]}': "
                    "ids are unique across councils, since references name documents by id alone"))
            first_use.setdefault(path.stem, council_dir.name)
            document = _remembered(memo, ahead.readings, reader, reads.document(path, council_dir, sources_key))
            if document is not None:
                documents.append(document)
    memo.forget_unseen()
    if not first_use and not r.errors:
        r.error(Location(f"{shown_content}/councils", 1, 1), "no documents: add a council folder with a council.yaml and documents/ (see docs/content-model.md)")
    corpus = Corpus(registries=reader.registries, councils=tuple(councils), documents=tuple(documents), root=root, notes=tuple(notes),
                    facts=memo.facts if kept else None, summed_ahead=_summed_ahead(ahead.facts, documents))
    memo.facts.retain(documents)
    _check_links(reader, corpus, r)
    if r.errors:
        raise ContentInvalid(r.errors, notes)
    return corpus


def _registries(content: Path, shown: str, r: FieldReader, memo: ReadingMemo) -> ReadRegistries:
    """The registries, read again only when one of their files changed or last had errors."""
    key = tuple(file_key(content / name) for name in REGISTRY_FILES)
    if memo.registries is not None and key == memo.registries_key:
        return memo.registries
    memo.files.clear()  # documents are read against the registries: every one is read again
    before = len(r.errors)
    read = read_registries(content, shown, r)
    memo.registries_key, memo.registries = key, read if len(r.errors) == before else None
    return read


class _FileRead(NamedTuple):
    """A council or document file, its key (taken before it is read) and how to read it."""

    path: Path
    key: FileKey
    read: Callable[[], Council | Document | None]


@dataclass(frozen=True)
class _Reads:
    """How each council and document file is keyed and read, the same in the ordinary loop and
    ahead of it (where forked workers use the reader they inherit)."""

    reader: DocumentReader
    root: Path
    council_ids: set[str]
    add_up_facts: bool  # whether workers add up what the corpus works out from each document (a build's check)

    def council(self, council_dir: Path) -> _FileRead:
        path = council_dir / "council.yaml"
        return _FileRead(path, (file_key(path),), lambda: _read_council(council_dir, self.root, self.reader, self.reader.r))

    def document(self, path: Path, council_dir: Path, sources_key: FileKey) -> _FileRead:
        return _FileRead(path, (file_key(path), sources_key),
                         lambda: _read_document(path, council_dir, self.council_ids, self.root, self.reader, self.reader.r))


def _remembered(memo: ReadingMemo, ahead: dict[Path, FileReading], reader: DocumentReader, file: _FileRead):
    """What reading the file finds, replayed into the reader: the memo's reading when the file has
    not changed since (counted as reused), else this check's reading ahead of the loop, else a
    reading made now."""
    memo.seen.add(file.path)
    reading = memo.files.get(file.path)
    if _fits(reading, file.key):
        memo.reused += 1
    else:
        reading = ahead.get(file.path)
        if not _fits(reading, file.key):
            reading = _read_apart(file.key, reader, file.read)
        memo.files[file.path] = reading
    reader.r.errors.extend(reading.errors)
    reader.pending.extend(reading.pending)
    reader.declared_documents |= reading.declared
    reader.unreadable_files |= reading.unreadable
    return reading.result


def _fits(reading: FileReading | None, key: FileKey) -> bool:
    """Whether the reading is of the file's present bytes (a file that cannot be keyed never fits)."""
    return reading is not None and reading.key == key and None not in key


def _read_apart(key: FileKey, reader: DocumentReader, read: Callable[[], Council | Document | None]) -> FileReading:
    """Run `read` with the reader's running lists set aside, to capture what this one file adds."""
    r = reader.r
    kept = r.errors, reader.pending, reader.declared_documents, reader.unreadable_files
    r.errors, reader.pending, reader.declared_documents, reader.unreadable_files = [], [], set(), False
    try:
        result = read()
        return FileReading(key, result, tuple(r.errors), tuple(reader.pending), frozenset(reader.declared_documents), reader.unreadable_files)
    finally:
        r.errors, reader.pending, reader.declared_documents, reader.unreadable_files = kept


_Council = tuple[Path, list[Path]]  # a council folder and its document files


class _Ahead(NamedTuple):
    """What the workers read ahead of the loop: each file's reading, and each chunk's documents'
    facts added up where they were read (for a build, when the chunk read without errors), in order."""

    readings: dict[Path, FileReading]
    facts: tuple[SummedFacts | None, ...]


_NOTHING_AHEAD = _Ahead({}, ())


def _read_ahead(reads: _Reads, council_dirs: list[Path], workers: int, meanwhile: Callable[[], object] | None) -> _Ahead:
    """Every council's files read by `workers` processes at once, whole councils to each, when
    there are enough of them to be worth a fork; otherwise nothing, and the loop reads them."""
    if workers < 2 or len(council_dirs) < 2:
        return _NOTHING_AHEAD
    # Listed here only to share them out: the loop lists them again and reports what is wrong.
    plan = [(folder, _document_files(folder, reads.root, FieldReader(), [])) for folder in council_dirs]
    if sum(len(paths) for _, paths in plan) < PARALLEL_FROM:
        return _NOTHING_AHEAD
    return _read_forked(reads, _chunks(plan), workers, meanwhile or _nothing)


def _chunks(plan: list[_Council]) -> list[list[_Council]]:
    """Whole councils in order, gathered into chunks of at least CHUNK document files."""
    chunks: list[list[_Council]] = [[]]
    for council in plan:
        if sum(len(paths) for _, paths in chunks[-1]) >= CHUNK:
            chunks.append([])
        chunks[-1].append(council)
    return chunks


def _nothing() -> None:
    return None


def _read_forked(reads: _Reads, chunks: list[list[_Council]], workers: int, meanwhile: Callable[[], object]) -> _Ahead:
    """The chunks read by `workers` processes, this one included (forked_work.py), which first does `meanwhile`."""
    _, results = share(chunks, lambda chunk: _read_councils(reads, chunk), workers, meanwhile)
    return _Ahead({path: reading for chunk in results for path, reading in chunk.readings.items()},
                  tuple(facts for chunk in results for facts in chunk.facts))


def _read_councils(reads: _Reads, councils: list[_Council]) -> _Ahead:
    """Each council file and document file of `councils`, read apart as the loop would read it;
    and, for a build, the facts of the documents read, added up here rather than by this process
    alone once the check is done (document_facts.py)."""
    readings: dict[Path, FileReading] = {}
    for folder, paths in councils:
        sources_key = folder_key(folder / "sources")
        files = chain([reads.council(folder)], (reads.document(path, folder, sources_key) for path in paths))
        readings.update((file.path, _read_apart(file.key, reads.reader, file.read)) for file in files)
    if not reads.add_up_facts or any(reading.errors for reading in readings.values()):
        return _Ahead(readings, (None,))
    documents = tuple(reading.result for reading in readings.values() if isinstance(reading.result, Document))
    return _Ahead(readings, (SummedFacts.of(documents, DocumentFacts.of),))


def _summed_ahead(parts: tuple[SummedFacts | None, ...], documents: list[Document]) -> SummedFacts | None:
    """The facts the workers added up, when every chunk added up its documents and together they
    are the corpus's documents (the very objects, in order): the corpus then adds up nothing."""
    if not parts or None in parts:
        return None
    summed = SummedFacts.combined(parts)
    if len(summed.documents) != len(documents) or any(a is not b for a, b in zip(summed.documents, documents)):
        return None
    return summed


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
    with os.scandir(folder) as scan:  # each entry knows its kind: no call per file
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        path = folder / entry.name
        if is_junk(entry.name):
            notes.append(junk_note(relative_path(path, root)))
        elif entry.is_symlink():
            continue  # reported with every other link under content/
        elif not entry.name.endswith(".yaml") or entry.name == ".yaml":
            r.error(Location(relative_path(path, root), 1, 1), "documents are YAML files ending in .yaml")
        elif not entry.is_file():
            r.error(Location(relative_path(path, root), 1, 1), "documents/ holds YAML files, not folders")
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
    paragraph_ids: dict[str, frozenset[str]] = {}  # of each linked document, gathered once

    def has_paragraph(document: Document, paragraph: str) -> bool:
        if document.id not in paragraph_ids:
            paragraph_ids[document.id] = frozenset(p.id for p in document.paragraphs())
        return paragraph in paragraph_ids[document.id]

    for link in reader.pending:
        target = corpus.document(link.document)
        if link.document not in reader.declared_documents:
            if not reader.unreadable_files:
                r.error(link.location, f"unknown document '{link.document}': not transcribed and not among any council's referenced_documents")
        elif link.paragraph is not None:
            if target is None and corpus.referenced_document(link.document) is not None:
                r.error(link.location, f"'{link.document}' is not transcribed, so a paragraph of it cannot be referenced")
            elif target is not None and not has_paragraph(target, link.paragraph):
                r.error(link.location, f"document '{link.document}' has no paragraph '{link.paragraph}'")
        if link.later_than is not None:
            if target is None and corpus.referenced_document(link.document) is not None:
                r.error(link.location, f"a follow-up reports from a transcribed document; '{link.document}' is not one")
            elif target is not None and target.date <= link.later_than:
                r.error(link.location, f"a follow-up reports from a later document; '{link.document}' is dated {target.date.isoformat()}, not after {link.later_than.isoformat()}")
            elif target is not None and target.kind.by_the_council:
                r.error(link.location, f"a follow-up's status rests on an inspection's words; '{link.document}' is the council's own {target.kind.short_name.lower()}: record what it says as a reference (responds-to)")
    known = {d.id for d in corpus.documents}
    for council in corpus.councils:
        for referenced in council.referenced_documents:
            if referenced.id in known:
                r.error(Location(f"content/councils/{council.id}/council.yaml", 1, 1), f"referenced document '{referenced.id}' has the id of a transcribed document")
