"""The preview's kept facts add up to what a corpus counted whole finds, in the same order."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from bench.corpus import make_content
from generator.document_facts import FactsMemo, sum_facts
from generator.validate import load_corpus


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> tuple:
    """Three copies of the bundled council: 15 documents, in corpus order."""
    root: Path = tmp_path_factory.mktemp("facts")
    make_content(root / "content", 3)
    return load_corpus(root / "content", root).documents


def as_lists(summed):
    """Every count with its keys in order: ties among related themes follow the order first met."""
    return (list(summed.judgements), list(summed.stances.items()), list(summed.pairs.items()))


def test_kept_facts_add_up_as_the_whole_corpus_does(documents):
    memo = FactsMemo()
    assert as_lists(sum_facts(documents, memo)) == as_lists(sum_facts(documents, None))
    first = documents[0]
    edited = replace(first, all_paragraphs=first.all_paragraphs[1:])  # an edit: a new object, a paragraph fewer
    after = (edited, *documents[1:])
    assert as_lists(sum_facts(after, memo)) == as_lists(sum_facts(after, None))
    assert memo.of(edited) is not memo.of(first)


def test_councils_whose_documents_are_not_together_add_up_too(documents):
    shuffled = list(documents)
    random.Random(3).shuffle(shuffled)  # a council's documents in several runs
    memo = FactsMemo()
    for _ in range(2):  # worked out, then from what was kept
        assert as_lists(sum_facts(shuffled, memo)) == as_lists(sum_facts(shuffled, None))
