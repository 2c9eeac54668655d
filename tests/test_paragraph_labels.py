"""Paragraphs named as readers find them (generator/paragraph_labels.py), on the bundled documents."""

from __future__ import annotations

import pytest

from generator.paragraph_labels import ParagraphLabels, paragraph_label, paragraph_labels


@pytest.mark.parametrize(("document", "paragraph", "label"), [
    ("2012-01-25-safeguarding-and-looked-after-children-inspection", "22", "paragraph 22"),
    ("2012-01-25-safeguarding-and-looked-after-children-inspection", "19g", "Within six months, point 1 (after paragraph 19)"),
    ("2012-01-25-safeguarding-and-looked-after-children-inspection", "61a", "Within three months, point 1 (after paragraph 61)"),
    ("2012-01-25-safeguarding-and-looked-after-children-inspection", "fm-3", "opening paragraph 3"),
    ("2008-12-17-annual-performance-assessment", "weaknesses-being-healthy-2", "Being healthy, important weaknesses and areas for development, point 2"),
    ("2008-12-17-annual-performance-assessment", "strengths-capacity-1", "Capacity to improve including the management of children's services, major strengths, point 1"),
    ("2008-12-17-annual-performance-assessment", "grades-2", "opening paragraph 4"),
    ("2008-12-17-annual-performance-assessment", "closing-1", "paragraph 1 after “Overall effectiveness of children's services”"),
    ("2011-03-10-unannounced-inspection", "afd-5", "Areas for development, point 5"),
    ("2018-03-05-monitoring-visit", "findings-3", "Findings and evaluation of progress, paragraph 3"),
])
def test_a_paragraph_is_named_by_its_number_or_its_place(corpus, document, paragraph, label):
    assert paragraph_label(corpus.document(document), paragraph) == label


def test_every_label_of_a_document_is_its_own(corpus):
    """No two paragraphs of a document share a name, so each link says where it leads."""
    for document in corpus.documents:
        labels = [label for _, label in paragraph_labels(document)]
        assert len(labels) == len(set(labels)) == sum(1 for _ in document.paragraphs()), document.id


def _renamed(sections, old, new):
    from dataclasses import replace

    return tuple(replace(s, heading=new if s.heading == old else s.heading, sections=_renamed(s.sections, old, new))
                 for s in sections)


def test_the_labels_kept_follow_the_document_object(corpus):
    """The preview makes a new document after an edit: its labels are worked out again."""
    from dataclasses import replace

    labels = ParagraphLabels()
    document = corpus.document("2011-03-10-unannounced-inspection")
    assert labels(document, "afd-1") == "Areas for development, point 1"
    edited = replace(document, sections=_renamed(document.sections, "Areas for development", "Priorities"))
    assert labels(edited, "afd-1") == "Priorities, point 1"
    assert labels(document, "afd-1") == "Areas for development, point 1"
    with pytest.raises(LookupError):
        paragraph_label(document, "no-such-paragraph")
