"""Downloads: every file the data page lists, described column by column by datapackage.json."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from xml.etree import ElementTree as ET

import pytest

from generator import export
from generator.export import FINDINGS, FORMULA_STARTS, JUDGEMENTS, Scope, findings_csv, findings_rows, judgements_csv
from generator.pipeline import DOWNLOADS
from generator.site_writer import SiteWriter, pieces
from generator.validate import load_corpus

from .conftest import FIXTURES, PROJECT
from .site_build import mkdocs_build


def rows(site, name):
    with (site / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_datapackage_describes_every_column_of_every_file(built_site):
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["path"] for r in package["resources"]}
    assert names == {"judgements.csv", "documents.csv", "documents.json", "findings.csv", "follow-ups.csv"}
    for resource in package["resources"]:
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert all(f.get("description") and f.get("type") for f in resource["schema"]["fields"])
        path = built_site / "data" / resource["path"]
        if resource["format"] == "csv":
            header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
            assert header == fields, resource["path"]
        else:
            records = json.loads(path.read_text(encoding="utf-8"))
            assert all(list(record) == fields for record in records)


def test_data_page_links_every_download(built_site):
    page = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    for name in ("judgements.csv", "documents.csv", "documents.json", "findings.csv", "follow-ups.csv", "datapackage.json"):
        assert f'href="{name}"' in page
    assert 'href="../feed.xml"' in page


def test_documents_include_those_known_only_from_references(built_site):
    documents = {row["id"]: row for row in rows(built_site, "documents.csv")}
    assert len(documents) == 10
    assert documents["2016-04-single-inspection"]["transcribed"] == "false"
    assert documents["2016-04-single-inspection"]["date"] == "2016-04"
    assert documents["2018-03-05-monitoring-visit"]["fieldwork_from"] == "2018-02-08"
    assert json.loads((built_site / "data" / "documents.json").read_text())[0]["id"] == "2008-private-fostering-inspection"


def test_findings_have_one_row_per_paragraph(built_site, corpus):
    findings = rows(built_site, "findings.csv")
    assert len(findings) == sum(1 for d in corpus.documents for _ in d.paragraphs())
    row = next(r for r in findings if r["document"] == "2018-03-05-monitoring-visit" and r["paragraph"] == "findings-3")
    assert row["stance"] == "area-for-development" and "supervision" in row["themes"].split(";")
    assert row["text"].startswith("Despite an overall improvement in management oversight")


def test_findings_rows_write_every_cell_as_csv_cell_writes_it(corpus):
    """findings_rows passes only the text through csv_cell: the other cells need nothing."""
    for d in corpus.documents:
        cells = ((d.council, d.id, d.date.isoformat(), p.id, ";".join(p.themes), p.stance.value, p.text) for p in d.paragraphs())
        assert findings_rows(d) == "".join(export._line(row) for row in cells)


def test_follow_ups_name_the_later_paragraph_and_status(built_site):
    follow_ups = rows(built_site, "follow-ups.csv")
    supervision = [(r["later_document"], r["later_paragraph"], r["status"]) for r in follow_ups
                   if r["document"] == "2011-03-10-unannounced-inspection" and r["paragraph"] == "afd-5"]
    assert ("2018-03-05-monitoring-visit", "findings-3", "not-addressed") in supervision
    reviews = [(r["later_paragraph"], r["status"]) for r in follow_ups if r["paragraph"] == "weaknesses-staying-safe-2"]
    assert reviews == [("88", "addressed")]
    assert {r["status"] for r in follow_ups} <= {"addressed", "partly-addressed", "not-addressed", "no-later-evidence"}


def test_atom_feed_lists_the_newest_documents(built_site, corpus, monkeypatch):
    feed = ET.parse(built_site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 5
    assert entries[0].find(f"{atom}link").get("href") == "councils/dudley/2018-03-05-monitoring-visit/"
    assert all(e.find(f"{atom}id").text.startswith("urn:uuid:") for e in entries)
    monkeypatch.setattr(export, "FEED_ENTRIES", 2)  # at most so many, the newest
    fewer = ET.fromstring(export.atom_feed(corpus, "Evidence", None).split("\n", 1)[1]).findall(f"{atom}entry")
    assert [e.find(f"{atom}link").get("href") for e in fewer] == [e.find(f"{atom}link").get("href") for e in entries[:2]]


def test_sitemap_lists_every_page_when_the_public_address_is_set(tmp_path):
    for folder in ("content", "templates"):
        shutil.copytree(PROJECT / folder, tmp_path / folder)
    config = tmp_path / "mkdocs.yml"
    config.write_text((PROJECT / "mkdocs.yml").read_text() + "site_url: https://evidence.example/\n")
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    locations = [e.text for e in ET.parse(tmp_path / "site" / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://evidence.example/councils/dudley/2018-03-05-monitoring-visit/" in locations
    assert len(locations) == len(list((tmp_path / "site").rglob("index.html")))
    pages = "".join(p.read_text() for p in (tmp_path / "site").rglob("*.html"))
    assert "evidence.example" not in pages, "pages never link to the site's own host"


def test_no_csv_cell_is_a_spreadsheet_formula_but_pages_show_the_text(tree, tmp_path):
    from generator.pages import Edition
    from generator.pipeline import check_content, write_site

    doc = "content/councils/testshire/documents/2011-05-01-inspection.yaml"
    tree.replace(doc, "area: Overall effectiveness", "area: \"+cmd|' /C calc'!A0\"")
    tree.replace(doc, "          Supervision is regular", "          =HYPERLINK(\"https://evil.example/\",\"x\") Supervision is regular")
    tree.replace(doc, "title: Testshire inspection", "title: \"@SUM(1+1)\"")
    site = tmp_path / "site"
    built = write_site(check_content(tree.content, tree.root), PROJECT / "templates", Edition("Test", directory_urls=True), site)
    files = {path: (site / path).read_text(encoding="utf-8") for path in built.paths}
    cells = [cell for name in ("judgements.csv", "documents.csv", "findings.csv", "follow-ups.csv")
             for row in csv.reader(files[f"data/{name}"].splitlines()) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'+cmd|' /C calc'!A0" in cells and "'@SUM(1+1)" in cells
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    page = files["councils/testshire/2011-05-01-inspection/index.html"]
    assert "=HYPERLINK(&#34;https://evil.example/&#34;,&#34;x&#34;) Supervision" in page or "=HYPERLINK(&quot;https://evil.example/&quot;,&quot;x&quot;) Supervision" in page
    assert "'=HYPERLINK" not in page and "@SUM(1+1)" in page
    package = json.loads(files["data/datapackage.json"])
    assert all("single quote" in r["description"] for r in package["resources"] if r["format"] == "csv")


def test_each_council_has_its_own_downloads_and_data_package(built_site):
    folder = built_site / "data" / "councils" / "dudley"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "childrens-services-inspection-evidence-dudley"
    names = [r["path"] for r in package["resources"]]
    assert names == ["judgements.csv", "documents.csv", "findings.csv", "follow-ups.csv"]
    for name in names:  # the national file's rows for that council, and nothing else
        own = rows(built_site, f"councils/dudley/{name}")
        assert own and own == [row for row in rows(built_site, name) if row["council"] == "dudley"], name
    national = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert "councils/<council id>/datapackage.json" in national["description"]
    council_page = (built_site / "councils" / "dudley" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../data/councils/dudley/judgements.csv"' in council_page


@pytest.fixture(scope="module")
def two_councils(tmp_path_factory):
    """The real content and the test council, whose documents' dates fall between Dudley's."""
    root = tmp_path_factory.mktemp("two-councils")
    shutil.copytree(PROJECT / "content", root / "content")
    shutil.copytree(FIXTURES / "content" / "councils" / "testshire", root / "content" / "councils" / "testshire")
    return load_corpus(root / "content", root)


def reference_csv(columns, rows) -> str:
    """The file as the csv module writes it (excel dialect), text cells that a spreadsheet would
    run as formulas neutralised."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerows([("'" + c if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c) for c in row] for row in rows)
    return text.getvalue()


@pytest.mark.parametrize("value", ["plain", "a, b", 'say "hi"', "line\nend", "carriage\rreturn", "\"", ",", "=SUM(A1)",
                                   "-3", "", None, 3, "Café 𝐀"])
def test_csv_cell_writes_a_cell_as_the_csv_module_does(value):
    assert ",".join(map(export.csv_cell, (value, "next"))) + "\r\n" == reference_csv(("a", "b"), [(value, "next")]).split("\r\n", 1)[1]


def test_findings_are_every_documents_rows_in_date_order_one_piece_a_document(two_councils):
    corpus = two_councils
    councils_in_order = [d.council for d in corpus.documents_by_date]
    assert councils_in_order != sorted(councils_in_order), "the national file is in date order, not council by council"
    for scope in (Scope(corpus), *(Scope(corpus, council) for council in corpus.councils)):
        documents = [d for d in corpus.documents_by_date if scope.council is None or d.council == scope.council.id]
        rows = [(d.council, d.id, d.date.isoformat(), p.id, ";".join(p.themes), p.stance.value, p.text)
                for d in documents for p in d.paragraphs()]
        pieces = list(findings_csv(scope))
        assert pieces[1:] == [findings_rows(d) for d in documents], "each document's rows are one piece, the same in every file"
        assert "".join(pieces) == reference_csv([c.name for c in FINDINGS.columns], rows)


def test_csv_rows_come_a_few_documents_at_a_time_and_join_to_the_whole_file(two_councils, monkeypatch):
    monkeypatch.setattr(export, "DOCUMENTS_PER_PIECE", 2)
    records = two_councils.judgement_records
    documents = len({r.document_id for r in records})
    pieces = list(judgements_csv(Scope(two_councils)))
    assert len(pieces) == 1 + (documents + 1) // 2 and documents > 4
    rows = [(r.council, r.document_id, r.date_text_iso, r.section, r.area, r.grade.printed_grade, r.grade.printed_word,
             r.grade.scale.id, r.grade.value.label.value) for r in records]
    assert "".join(pieces) == reference_csv([c.name for c in JUDGEMENTS.columns], rows)


def test_each_file_made_of_kept_pieces_is_the_file_made_whole(two_councils):
    """Every download, made of each document's pieces kept from a first making, is the same text
    as made with nothing kept; documents.json is the whole array as json.dumps writes it."""
    kept = {name: export.Pieces() for name in DOWNLOADS}
    for scope in (Scope(two_councils), *(Scope(two_councils, council) for council in two_councils.councils)):
        for name, make in DOWNLOADS.items():
            whole = "".join(pieces(make(scope)))
            assert whole == "".join(pieces(make(scope, pieces=kept[name]))) == "".join(pieces(make(scope, pieces=kept[name])))
        json_text = json.dumps(export.document_rows(scope), ensure_ascii=False, indent=2) + "\n"
        assert export.documents_json(scope) == json_text and json.loads(json_text)
    keys = export.piece_keys(two_councils)
    assert all(set(k.kept) <= keys for k in kept.values()) and set(kept["documents.csv"].kept) == keys


def test_a_file_written_in_pieces_is_the_file_written_whole(tmp_path):
    text = 'council,text\r\ndudley,"Café\r\n""quoted"""\r\n𝐀,\n'
    SiteWriter(tmp_path / "whole").write("data/file.csv", text)
    SiteWriter(tmp_path / "pieces").write("data/file.csv", iter([text[:9], "", text[9:20], text[20:]]))
    assert (tmp_path / "pieces" / "data" / "file.csv").read_bytes() == (tmp_path / "whole" / "data" / "file.csv").read_bytes() == text.encode()
    with pytest.raises(ValueError, match="outside the site folder"):
        SiteWriter(tmp_path / "pieces").write("../file.csv", iter([text]))


def test_a_file_is_written_whole_however_little_each_write_takes_and_over_an_older_one(tmp_path, monkeypatch):
    text = "é" * 5000 + "end\n"
    (tmp_path / "site" / "data").mkdir(parents=True)
    (tmp_path / "site" / "data" / "file.csv").write_text("an older and longer file " * 1000)
    write = os.write
    monkeypatch.setattr(os, "write", lambda descriptor, data: write(descriptor, bytes(data[:7])))
    writer = SiteWriter(tmp_path / "site")
    writer.write("data/file.csv", iter([text[:100], text[100:]]))
    writer.write("data/new/deeper/file.csv", text)
    assert (tmp_path / "site" / "data" / "file.csv").read_text(encoding="utf-8") == text
    assert (tmp_path / "site" / "data" / "new" / "deeper" / "file.csv").read_text(encoding="utf-8") == text
