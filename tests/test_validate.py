"""Every validation rule, one broken file each: the exact file:line:column and message."""

from __future__ import annotations

import pytest

from generator.errors import ContentInvalid
from generator.validate import load_corpus

from .conftest import COUNCIL, DOCUMENT


def errors_of(tree) -> list[str]:
    with pytest.raises(ContentInvalid) as caught:
        load_corpus(tree.content, tree.root)
    return [str(e) for e in caught.value.errors]


def test_fixture_is_valid(tree):
    corpus = load_corpus(tree.content, tree.root)
    (document,) = corpus.documents
    assert [p.id for p in document.paragraphs()] == ["1", "2"]
    assert document.judgements[0].grade.value.label.value == "adequate"


D = DOCUMENT
CASES = [
    # (file, old text, new text, expected errors)
    ("syntax error", D, "title: Testshire inspection", "title: [Testshire", [
        f"{D}:5:5: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"]),
    ("duplicate key", D, "title: Testshire inspection\n", "title: Testshire inspection\ntitle: Again\n", [
        f"{D}:5:1: duplicate key 'title' (first given at line 4); YAML would silently keep only the last one"]),
    ("unknown field, with a suggestion", D, "grade_scale: ofsted-2009", "grade_scael: ofsted-2009", [
        f"{D}:9:1: unknown field 'grade_scael' in a document; did you mean 'grade_scale'? (allowed: attribution, authors, contact_officer, copied_to, council, date, editorial_notes, fieldwork, follow_ups, grade_scale, headline, id, issuer, judgements, kind, period, recipient, references, salutation, sections, signature, source, title, valediction)",
        f"{D}:24:5: a judgement has no grade scale: give 'scale' or the document's 'grade_scale'"]),
    ("missing field", D, "    area: Overall effectiveness\n", "", [
        f"{D}:24:5: missing required field 'area' in a judgement"]),
    ("wrong type", D, "        numbered: true\n        stance: strength", "        numbered: yes\n        stance: strength", [
        f"{D}:36:19: 'numbered' must be true or false, not 'yes'"]),
    ("list where text belongs", D, "title: Testshire inspection", "title: [Testshire]", [
        f"{D}:4:8: 'title' must be text, not a list"]),
    ("not a real date", D, "date: 2011-05-01", "date: 2011-02-30", [
        f"{D}:5:7: 'date' is not a real date: '2011-02-30'"]),
    ("date in another form", D, "date: 2011-05-01", "date: 1 May 2011", [
        f"{D}:5:7: 'date' must be a date written YYYY-MM-DD, not '1 May 2011'"]),
    ("fieldwork after the letter", D, "fieldwork: {from: 2011-04-01, to: 2011-04-10}", "fieldwork: {from: 2011-04-01, to: 2011-05-10}", [
        f"{D}:6:35: fieldwork ends (2011-05-10) after the document's date (2011-05-01)"]),
    ("fieldwork ends before it starts", D, "fieldwork: {from: 2011-04-01, to: 2011-04-10}", "fieldwork: {from: 2011-04-11, to: 2011-04-10}", [
        f"{D}:6:35: 'fieldwork' ends (2011-04-10) before it starts (2011-04-11)"]),
    ("grade not on the scale", D, "    grade: 3\n", "    grade: 5\n", [
        f"{D}:27:12: grade 5 is not on the scale 'ofsted-2009' (its grades are 1, 2, 3, 4)"]),
    ("word disagrees with the grade", D, "    word: adequate", "    word: good", [
        f"{D}:28:11: 'good' disagrees with grade 3: on the scale 'ofsted-2009' grade 3 is 'adequate' and 'good' is grade 2"]),
    ("unknown theme", D, "themes: [leadership]", "themes: [leadrship]", [
        f"{D}:38:18: unknown theme 'leadrship'; did you mean 'leadership'? (see themes.yaml)"]),
    ("unknown kind", D, "kind: safeguarding-and-looked-after-children-inspection", "kind: inspection", [
        f"{D}:3:7: unknown document kind 'inspection' (see document-kinds.yaml: adoption-inspection, annual-performance-assessment, committee-report, fostering-inspection, monitoring-visit, private-fostering-inspection, safeguarding-and-looked-after-children-inspection, single-inspection, unannounced-inspection)"]),
    ("unknown scale", D, "grade_scale: ofsted-2009", "grade_scale: ofsted-2099", [
        f"{D}:9:14: unknown grade scale 'ofsted-2099'; did you mean 'ofsted-2009'? (see grade-scales.yaml: apa-2005, ofsted-2009, regulated-services-2008, sif-2013)"]),
    ("unknown council", D, "council: testshire", "council: testshir", [
        f"{D}:2:10: document belongs to council 'testshir' but lies in the folder of 'testshire'",
        f"{D}:2:10: unknown council 'testshir' (known: testshire)"]),
    ("unknown referenced document", D, "    document: 2016-04-single-inspection", "    document: 2016-05-single-inspection", [
        f"{D}:50:15: unknown document '2016-05-single-inspection': not transcribed and not among any council's referenced_documents"]),
    ("unknown referenced paragraph", D, "    document: 2016-04-single-inspection", "    document: 2011-05-01-inspection\n    paragraph: \"9\"", [
        f"{D}:51:16: document '2011-05-01-inspection' has no paragraph '9'"]),
    ("duplicate paragraph id", D, "      - id: \"2\"", "      - id: \"1\"", [
        f"{D}:21:16: editorial note names paragraph '2', which is not in this document",
        f"{D}:41:13: duplicate paragraph id '1' (first at line 35)"]),
    ("anchor and alias", D, "title: Testshire inspection\n", "title: &t Testshire inspection\nsalutation: *t\n", [
        f"{D}:4:8: YAML anchor '&t' is not allowed: content is plain data, write the value out",
        f"{D}:5:13: YAML alias '*t' is not allowed: content is plain data, write the value out"]),
    ("custom tag", D, "title: Testshire inspection", "title: !!python/name:os.system Testshire", [
        f"{D}:4:8: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed: content is plain data"]),
    ("raw HTML in text", D, "          Supervision is regular", "          Supervision is <script>alert(1)</script> regular", [
        f"{D}:46:26: raw HTML is not allowed in content text (it would be shown as text): write Markdown",
        f"{D}:46:42: raw HTML is not allowed in content text (it would be shown as text): write Markdown"]),
    ("unsafe link", D, "          Supervision is regular", "          Supervision is [regular](javascript:alert(1))", [
        f"{D}:46:36: link target 'javascript:alert(1)': 'javascript:' links are not allowed: use https, http, mailto or a path on this site"]),
    ("stance not in the list", D, "        stance: strength", "        stance: positive", [
        f"{D}:37:17: 'stance' must be one of strength, area-for-development, recommendation, context, mixed, not 'positive'"]),
    ("note quoting text the source does not have", D, "    note: A note.", "    note: A note.\n    original: Supervison\n    replacement: Supervision", [
        f"{D}:23:15: 'original' does not occur in the source text sources/2011-05-01-inspection.txt: it must quote the source exactly"]),
    ("missing source file", D, "  file: sources/2011-05-01-inspection.txt", "  file: sources/missing.txt", [
        f"{D}:13:9: source file 'sources/missing.txt' not found next to the council's files"]),
    ("excluded lines outside the source", D, '{lines: "1-1", reason: letterhead}', '{lines: "1-99", reason: letterhead}', [
        f"{D}:16:15: 'lines' must be FIRST-LAST within the source's 10 lines, not '1-99'"]),
    ("section naming a judgement that is not there", D, "    judgement: overall\n", "    judgement: overal\n", [
        f"{D}:33:16: section 'overall-effectiveness' names judgement 'overal', which is not in this document's judgements"]),
    ("id that does not match the file name", D, "id: 2011-05-01-inspection", "id: 2011-05-02-inspection", [
        f"{D}:1:5: document id '2011-05-02-inspection' must match its file name '2011-05-01-inspection.yaml'"]),
    ("word not on a referenced document's scale", COUNCIL, "word: inadequate", "word: poor", [
        f"{COUNCIL}:14:15: 'poor' is not a word of the scale 'sif-2013' (its words are outstanding, good, requires improvement to be good, inadequate)"]),
]


FOLLOW_UP = """follow_ups:
  - id: fu-2
    paragraph: "2"
    reports:
      - document: 2011-05-01-inspection
        paragraph: "1"
        status: adressed
        note: A note.
"""
CASES += [
    ("follow-up of a strength, from the same document, with a bad status", D, "references:\n", FOLLOW_UP.replace('paragraph: "2"', 'paragraph: "1"') + "references:\n", [
        f"{D}:49:16: a follow-up belongs to an area for development or a recommendation; paragraph '1' is strength",
        f"{D}:52:20: a follow-up reports from a later document; '2011-05-01-inspection' is dated 2011-05-01, not after 2011-05-01",
        f"{D}:53:17: 'status' must be one of addressed, partly-addressed, not-addressed, no-later-evidence, not 'adressed'"]),
]


CASES += [
    ("headline that names no paragraph of the document", D, "references:\n", 'headline: "9"\nreferences:\n', [
        f"{D}:47:11: 'headline' names paragraph '9', which is not in this document"]),
]


@pytest.mark.parametrize("file, old, new, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_content_is_reported_with_its_place(tree, file, old, new, expected):
    tree.replace(file, old, new)
    assert errors_of(tree) == expected


def test_every_error_is_reported_at_once(tree):
    tree.replace(D, "date: 2011-05-01", "date: 2011-13-01")
    tree.replace(D, "themes: [leadership]", "themes: [nope]")
    tree.replace(COUNCIL, "region: Nowhere", "regin: Nowhere")
    assert len(errors_of(tree)) == 4  # bad date, unknown theme, unknown field, missing region


def test_a_document_id_is_unique_across_councils(tree):
    other = tree.content / "councils" / "otherton"
    (other / "documents").mkdir(parents=True)
    (other / "sources").mkdir()
    council = (tree.root / COUNCIL).read_text().replace("id: testshire", "id: otherton").replace("  - id: 2016-04-single-inspection", "  - id: 2016-04-otherton")
    (other / "council.yaml").write_text(council)
    (other / "sources" / "2011-05-01-inspection.txt").write_text((tree.root / "content/councils/testshire/sources/2011-05-01-inspection.txt").read_text())
    (other / "documents" / "2011-05-01-inspection.yaml").write_text((tree.root / D).read_text().replace("council: testshire", "council: otherton"))
    assert errors_of(tree) == [
        "content/councils/testshire/documents/2011-05-01-inspection.yaml:1:1: document id '2011-05-01-inspection' is also used in council 'otherton': ids are unique across councils, since references name documents by id alone",
    ]


# -- every problem at once, and only real ones ---------------------------------------------------

REGISTRY_THEMES, REGISTRY_SCALES = "content/themes.yaml", "content/grade-scales.yaml"


def test_a_refused_key_does_not_hide_the_files_other_errors(tree):
    tree.replace(D, "title: Testshire inspection\n", "title: Testshire inspection\ntitle: Again\n")
    tree.replace(D, "stance: strength", "stance: strong")
    assert errors_of(tree) == [
        f"{D}:5:1: duplicate key 'title' (first given at line 4); YAML would silently keep only the last one",
        f"{D}:38:17: 'stance' must be one of strength, area-for-development, recommendation, context, mixed, not 'strong'",
    ]


def test_an_unreadable_council_file_invents_no_unknown_documents(tree):
    tree.replace(COUNCIL, "region: Nowhere", "region: [Nowhere")
    errors = errors_of(tree)
    assert len(errors) == 1 and errors[0].startswith(f"{COUNCIL}:") and "YAML syntax error" in errors[0]


def test_a_broken_theme_entry_is_one_error_not_one_per_use(tree):
    tree.replace(REGISTRY_THEMES, "  - id: leadership\n", "  - id: Leadership\n")
    assert errors_of(tree) == [
        f"{REGISTRY_THEMES}:100:9: 'id' must be an id of lower-case letters, digits and hyphens, not 'Leadership'",
    ]


def test_a_bad_label_on_a_scale_is_one_error_not_one_per_grade(tree):
    text = (tree.root / REGISTRY_SCALES).read_text(encoding="utf-8")
    line = text[:text.index("label: adequate", text.index("id: ofsted-2009"))].count("\n") + 1
    tree.replace(REGISTRY_SCALES, text[text.index("id: ofsted-2009"):].split("label: adequate", 1)[0] + "label: adequate",
                 text[text.index("id: ofsted-2009"):].split("label: adequate", 1)[0] + "label: adequat")
    (error,) = errors_of(tree)
    assert error.startswith(f"{REGISTRY_SCALES}:{line}:") and "'label' must be one of" in error


def test_an_unreadable_theme_registry_is_one_error(tree):
    tree.write(REGISTRY_THEMES, "themes: [\n")
    (error,) = errors_of(tree)
    assert error.startswith(f"{REGISTRY_THEMES}:") and "YAML syntax error" in error


def test_a_document_that_cannot_be_parsed_is_not_reported_again_where_it_is_referenced(tree):
    tree.replace(COUNCIL, "    title: Inspection of services for children, April 2016", "    title: Inspection of services for children, April 2016\n    judgements_: []")
    tree.write("content/councils/testshire/documents/2011-06-01-visit.yaml", "id: [\n")
    tree.replace(D, "    document: 2016-04-single-inspection", "    document: 2011-06-01-visit")
    errors = errors_of(tree)
    assert not [e for e in errors if "unknown document" in e], errors
    assert any(e.startswith("content/councils/testshire/documents/2011-06-01-visit.yaml:") for e in errors)


def later_document(tree, document_id: str, kind: str) -> None:
    """A copy of the fixture document, a month later, of another kind and without judgements."""
    fixture = (tree.root / D).read_text(encoding="utf-8")
    later = (fixture.replace("id: 2011-05-01-inspection", f"id: {document_id}")
             .replace("kind: safeguarding-and-looked-after-children-inspection", f"kind: {kind}")
             .replace("date: 2011-05-01", "date: 2011-06-01").replace("fieldwork: {from: 2011-04-01, to: 2011-04-10}\n", "")
             .replace("grade_scale: ofsted-2009\n", "").replace("    judgement: overall\n", ""))
    later = later[:later.index("judgements:")] + "judgements: []\n" + later[later.index("sections:"):]
    tree.write(f"content/councils/testshire/documents/{document_id}.yaml", later)
    assert load_corpus(tree.content, tree.root).document(document_id) is not None


def reported_from(tree, document_id: str, paragraph: str) -> list[str]:
    report = FOLLOW_UP.replace("document: 2011-05-01-inspection", f"document: {document_id}").replace("adressed", "addressed")
    tree.replace(D, "references:\n", report.replace('        paragraph: "1"', f'        paragraph: "{paragraph}"') + "references:\n")
    return errors_of(tree)


def test_a_councils_own_document_is_never_a_follow_ups_status_source(tree):
    """Only an inspection's words can say what became of a weakness: a later committee report
    of the council is the council's position, a reference, and a report from it is refused."""
    later_document(tree, "2011-06-01-committee-report", "committee-report")
    assert load_corpus(tree.content, tree.root).document("2011-06-01-committee-report").kind.by_the_council
    assert reported_from(tree, "2011-06-01-committee-report", "1") == [
        f"{D}:52:20: a follow-up's status rests on an inspection's words; '2011-06-01-committee-report' is the council's own committee report: record what it says as a reference (responds-to)"]


def test_a_follow_up_report_cites_a_paragraph_the_later_document_has(tree):
    later_document(tree, "2011-06-01-visit", "monitoring-visit")
    assert reported_from(tree, "2011-06-01-visit", "99") == [f"{D}:52:20: document '2011-06-01-visit' has no paragraph '99'"]


CASES += [
    ("inferred field that is not one of the entry's", COUNCIL, "    date: 2016-04\n", "    date: 2016-04\n    inferred: [title, grade]\n", [
        f"{COUNCIL}:10:23: 'inferred' lists fields of this entry (title, kind, date), not 'grade'"]),
    ("table_prints without a table, and a value it cannot take", D, "    judgement: overall\n", "    judgement: overall\n    table_prints: number\n", [
        f"{D}:34:19: 'table_prints' is grade or word (leave it out where the table prints both), not 'number'"]),
]


def test_a_printed_table_says_what_it_prints_only_where_there_is_one(tree):
    tree.replace(D, "    judgement: overall\n", "    judgement: overall\n    table_prints: word\n")
    assert errors_of(tree) == [f"{D}:34:19: 'table_prints' says what the grades table printed here gives: set 'show_judgements: true' too"]
