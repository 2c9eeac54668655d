"""The content check shared among forked processes finds exactly what one process finds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.corpus import make_content
from generator import validate
from generator.errors import ContentInvalid
from generator.validate import ReadingMemo, load_corpus

COUNCILS = ("dudley", "dudley-copy-1", "dudley-copy-2", "dudley-copy-3")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Four copies of the bundled council: 20 real documents that cross-link within each copy."""
    make_content(tmp_path / "content", len(COUNCILS))
    return tmp_path


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """Every check forks, however small its corpus, and shares out each council on its own;
    records how many processes each check shared the reading among."""
    monkeypatch.setattr(validate, "PARALLEL_FROM", 1)
    monkeypatch.setattr(validate, "CHUNK", 1)
    shared: list[int] = []
    read_forked = validate._read_forked

    def recorded(reads, chunks, workers, meanwhile):
        shared.append(workers)
        return read_forked(reads, chunks, workers, meanwhile)

    monkeypatch.setattr(validate, "_read_forked", recorded)
    return shared


def test_the_work_given_for_meanwhile_is_done_once_in_this_process_while_workers_read(project, forks):
    done: list[int] = []
    shared = load_corpus(project / "content", project, workers=2, meanwhile=lambda: done.append(os.getpid()))
    assert done == [os.getpid()] and forks == [2]
    assert shared == load_corpus(project / "content", project)


@pytest.mark.parametrize("workers", [2, 3])
def test_a_valid_corpus_read_in_several_processes_is_the_one_process_corpus(project, forks, workers):
    alone = load_corpus(project / "content", project)
    shared = load_corpus(project / "content", project, workers=workers)
    assert forks == [workers]
    assert shared.registries == alone.registries
    assert shared.councils == alone.councils
    assert shared.documents == alone.documents  # every field, paragraphs, notes, judgements and sources included
    assert [p for d in shared.documents for p in d.paragraphs()] == [p for d in alone.documents for p in d.paragraphs()]
    assert shared.notes == alone.notes
    assert len(shared.documents) == 20
    assert shared.summed_ahead is not None and alone.summed_ahead is None  # the workers added up the facts
    assert _facts(shared) == _facts(alone)


def _facts(corpus):
    """Every count and record the corpus works out from its documents, in their order."""
    summed = corpus._summed
    return list(summed.stances.items()), list(summed.pairs.items()), summed.judgements, corpus.judgement_records


def test_the_preview_works_out_facts_itself_and_sums_of_other_documents_are_not_used(project, forks):
    memo = ReadingMemo()
    preview = load_corpus(project / "content", project, memo, workers=2)
    assert forks == [2] and preview.summed_ahead is None
    assert _facts(preview) == _facts(load_corpus(project / "content", project))
    shared = load_corpus(project / "content", project, workers=2)
    parts = (shared.summed_ahead,)
    assert validate._summed_ahead(parts, list(shared.documents)) is not None
    assert validate._summed_ahead(parts, list(preview.documents)) is None  # equal documents, but not these objects
    assert validate._summed_ahead(parts, list(shared.documents[:-1])) is None
    assert validate._summed_ahead((*parts, None), list(shared.documents)) is None  # a chunk read with errors


def _replace(project: Path, relative: str, old: str, new: str) -> None:
    path = project / "content" / "councils" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _break_every_council(project: Path, unparsable: bool) -> None:
    councils = project / "content" / "councils"
    _replace(project, "dudley-copy-1/council.yaml", "region: West Midlands", "regin: West Midlands")
    _replace(project, "dudley-copy-1/documents/2018-03-05-monitoring-visit-c1.yaml", "themes: [leadership]", "themes: [leadrship]")
    (councils / "dudley-copy-1" / "documents" / ".DS_Store").write_text("junk")
    _replace(project, "dudley-copy-2/documents/2018-03-05-monitoring-visit-c2.yaml", "date: 2018-03-05", "date: 2018-02-30")
    (councils / "dudley-copy-2" / "sources" / "2009-01-21-committee-report-c2.txt").unlink()
    _replace(project, "dudley-copy-3/documents/2008-12-17-annual-performance-assessment-c3.yaml",
             "document: 2012-01-25-safeguarding-and-looked-after-children-inspection-c3",
             "document: 2012-01-25-safeguarding-and-looked-after-children-inspection-c9")
    shutil.copy(councils / "dudley" / "documents" / "2009-01-21-committee-report.yaml", councils / "dudley-copy-3" / "documents")
    (councils / "dudley-copy-3" / "documents" / "notes.txt").write_text("not a document")
    if unparsable:  # an unreadable file: unknown documents are no longer reported anywhere
        (councils / "dudley-copy-2" / "documents" / "2011-03-10-unannounced-inspection-c2.yaml").write_text("id: [\n")


def _invalid(project: Path, workers: int) -> ContentInvalid:
    with pytest.raises(ContentInvalid) as caught:
        load_corpus(project / "content", project, workers=workers)
    return caught.value


@pytest.mark.parametrize("unparsable", [False, True])
def test_invalid_content_read_in_several_processes_gives_the_one_process_errors(project, forks, unparsable):
    _break_every_council(project, unparsable)
    alone = _invalid(project, 1)
    shared = _invalid(project, 2)
    assert forks == [2]
    assert [str(e) for e in shared.errors] == [str(e) for e in alone.errors]
    assert shared.notes == alone.notes
    assert {str(e.location).split("/")[2] for e in alone.errors} == set(COUNCILS[1:])
    assert any("unknown document '2012-01-25-safeguarding-and-looked-after-children-inspection-c9'" in str(e) for e in alone.errors) != unparsable


def test_an_exception_in_a_worker_is_raised_by_the_check(project, forks, monkeypatch):
    parent, read_document = os.getpid(), validate._read_document

    def failing(*args):
        if os.getpid() != parent:
            raise RuntimeError("failed in a worker")
        return read_document(*args)

    monkeypatch.setattr(validate, "_read_document", failing)
    with pytest.raises(RuntimeError, match="failed in a worker"):
        load_corpus(project / "content", project, workers=2)


def test_a_small_corpus_is_read_in_one_process(project, monkeypatch):
    monkeypatch.setattr(validate, "_read_forked", lambda reads, chunks, workers, meanwhile: pytest.fail("forked for 20 documents"))
    assert len(load_corpus(project / "content", project, workers=2).documents) == 20


def test_readings_made_ahead_are_kept_by_a_memo_but_not_counted_as_reused(project, forks):
    memo = ReadingMemo()
    first = load_corpus(project / "content", project, memo, workers=2)
    assert (forks, memo.reused, len(memo.files)) == ([2], 0, 24)
    again = load_corpus(project / "content", project, memo, workers=2)
    assert (forks, memo.reused) == ([2], 24)  # nothing to read: no fork
    assert again.documents == first.documents
