"""The search files: words, stop words, shard names and postings, checked against a plain scan of
the bundled corpus, and the search page's JavaScript (in Chromium) against the Python."""

from __future__ import annotations

import json
import random
from array import array
import re
import unicodedata
from importlib import resources

import pytest
from playwright.sync_api import expect

from generator import search_index
from generator.paragraph_labels import placed_labels
from generator.safe_markdown import plain_text
from generator.search_index import (
    _NOWHERE, BASE, FINAL, MORE, STOP_WORDS, SearchIndex, _merged, _Renumbering, encode_postings, search_files, shard_file, shard_key, words,
)

SAMPLES = [
    "The Supervision of children’s plans, 2018–19; x_y",
    "Café, cafe\u0301, naïve, ΟΔΟΣ ΟΔΟΣ, straße, İstanbul, ǅemal, Ⅻ, ٣٤, 𝐀b, 𝟙𝟚",
    "हिन्दी 中文字 한국어 ﬁnance e-mail don’t 12th 3½",
    "supervise supervised supervision supervisor",
    "to be or not to be",
]


def loaded(script: str) -> tuple[str, object]:
    """The name and data a search file registers."""
    match = re.fullmatch(r"EvidenceSearch\.loaded\((.*)\);\n", script, re.S)
    assert match, script[:80]
    name, data = json.loads(f"[{match.group(1)}]")
    return name, data


def decode(postings: str) -> list[int]:
    """Paragraph numbers from postings, read independently of the encoder."""
    numbers, previous, value, scale = [], -1, 0, 1
    for digit in postings:
        if digit in MORE:
            value += MORE.index(digit) * scale
            scale *= BASE
        else:
            previous += value + FINAL.index(digit) * scale + 1
            numbers.append(previous)
            value, scale = 0, 1
    return numbers


@pytest.fixture(scope="module")
def files(corpus) -> dict[str, object]:
    """Every search file of the bundled corpus (directory URLs off): path under assets/search/ -> data."""
    found = {}
    for path, script in search_files(corpus, directory_urls=False):
        assert path.startswith("assets/search/")
        name, data = loaded(script)
        assert path == "assets/search/" + name, "each file registers under its own name"
        found[name] = data
    return found


@pytest.fixture(scope="module")
def paragraphs(corpus) -> list[tuple[int, object, str]]:
    """(document number, paragraph, plain text) for every paragraph, numbered as the index numbers them."""
    return [(number, p, plain_text(p.text)) for number, d in enumerate(corpus.documents_by_date) for p in d.paragraphs()]


def test_words_are_lower_case_runs_of_letters_and_numbers_without_stop_words():
    assert words(SAMPLES[0]) == ["supervision", "children", "s", "plans", "2018", "19", "x", "y"]
    assert words("to be or not to be") == []
    assert words("cafe\u0301 CAFÉ") == ["café", "café"], "decomposed and composed accents are the same word"


def test_python_splits_exactly_where_unicode_letters_and_numbers_end():
    """\\w less "_" is the Unicode categories L* and N* in this Python, as /[^\\p{L}\\p{N}]+/u in JavaScript;
    ASCII text, split another way, splits the same."""
    splitting = search_index._NOT_A_WORD
    for code in range(0x110000):
        character = chr(code)
        assert bool(splitting.fullmatch(character)) == (unicodedata.category(character)[0] not in "LN"), hex(code)
    every_ascii = "".join(f"z{chr(code)}{chr(code)}9" for code in range(128))
    assert words(every_ascii) == [w for w in splitting.split(every_ascii.lower()) if w and w not in STOP_WORDS]
    assert words(every_ascii + "é") == words(every_ascii)[:-1] + [words(every_ascii)[-1] + "é"]


def test_words_split_as_the_pattern_splits_text_of_any_characters():
    """words() splits ASCII separators apart from the others: the same words as the pattern alone."""
    rng = random.Random(3)
    pieces = [*"abcXYZ019 _-.,’'–é\u00a0\u2028\u0301\x1f", "ﬁ", "İ", "ǅ", "\u0660", "日本", "\U0001d7d8"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        lowered = unicodedata.normalize("NFC", text).lower()
        expected = [w for w in search_index._NOT_A_WORD.split(lowered) if w and w not in STOP_WORDS]
        assert words(text) == expected, repr(text)
        assert search_index.word_set(text) == set(expected), repr(text)


def test_the_stop_words_are_lunrs_but_after():
    """All of lunr's but "after", which "looked after" needs."""
    lunr = (resources.files("mkdocs.contrib.search") / "templates" / "search" / "lunr.js").read_text(encoding="utf-8")
    listed = re.search(r"lunr\.stopWordFilter = lunr\.generateStopWordFilter\(\[(.*?)\]\)", lunr, re.S)
    assert listed
    assert STOP_WORDS == set(re.findall(r"'([a-z]+)'", listed.group(1))) - {"after"}


@pytest.mark.parametrize("word, key, file", [
    ("supervision", "su", "terms/su.js"),
    ("a", "a", "terms/a.js"),
    ("12th", "12", "terms/12.js"),
    ("café", "ca", "terms/ca.js"),
    ("élan", "él", "terms/ue9-6c.js"),
    ("ⅻ", "ⅻ", "terms/u217b.js"),
    ("𝐀b", "𝐀b", "terms/u1d400-62.js"),
])
def test_shard_keys_and_file_names(word, key, file):
    assert shard_key(word) == key and shard_file(key) == file


def test_shard_file_names_differ_even_where_case_is_ignored():
    keys = {shard_key(w) for w in words(" ".join(SAMPLES))} | {"u", "ue", "u0", "e9", "ü"}
    names = [shard_file(key).lower() for key in keys]
    assert len(set(names)) == len(keys)
    assert all(re.fullmatch(r"terms/[a-z0-9-]+\.js", name) for name in names)


def test_postings_round_trip():
    generator = random.Random(8)
    numbers = sorted(set(generator.sample(range(200_000), 3000)) | {0, 1, 2, BASE, BASE * BASE, 199_999})
    assert decode(encode_postings(numbers)) == numbers
    assert decode(encode_postings([0])) == [0] and encode_postings([]) == ""
    assert decode(encode_postings([5, 5 + BASE ** 3 + 1])) == [5, 5 + BASE ** 3 + 1], "a gap of four digits"


def test_each_shard_holds_its_words_and_every_word_is_in_one_shard(files, paragraphs):
    shards = {name: data for name, data in files.items() if name.startswith("terms/")}
    indexed = []
    for name, entries in shards.items():
        shard_words = entries[0::2]
        assert shard_words == sorted(shard_words)
        assert all(shard_file(shard_key(word)) == name for word in shard_words)
        indexed += shard_words
    assert sorted(indexed) == sorted({w for _, _, text in paragraphs for w in words(text)})


def test_postings_are_exactly_the_paragraphs_holding_each_word(files, paragraphs):
    expected: dict[str, list[int]] = {}
    for number, (_, _, text) in enumerate(paragraphs):
        for word in sorted(set(words(text))):
            expected.setdefault(word, []).append(number)
    found = {}
    for name, entries in files.items():
        if name.startswith("terms/"):
            found.update({word: decode(postings) for word, postings in zip(entries[0::2], entries[1::2], strict=True)})
    assert found == expected


@pytest.mark.parametrize("query", ["supervis", "permanence plan", "assess", "s", "ch", "2016", "qqq", "the"])
def test_prefix_search_over_the_shards_finds_what_a_scan_finds(files, paragraphs, query):
    """Every query word is required and finds the indexed words it begins (a one-character word
    only itself), as search.js does."""
    def finds(word: str, term: str) -> bool:
        return term == word or (len(word) > 1 and term.startswith(word))

    def from_index(word: str) -> set[int]:
        entries = files.get(shard_file(shard_key(word)), [])
        return {n for term, postings in zip(entries[0::2], entries[1::2], strict=True) if finds(word, term) for n in decode(postings)}

    required = set(words(query))
    by_index = set.intersection(*map(from_index, required)) if required else set()
    by_scan = {n for n, (_, _, text) in enumerate(paragraphs) if required and all(
        any(finds(word, term) for term in words(text)) for word in required)}
    assert by_index == by_scan
    assert bool(by_scan) == (query not in ("qqq", "the")), "a stop word finds nothing, other queries something"


def test_themes_hold_their_paragraphs(files, corpus, paragraphs):
    for theme in corpus.registries.themes:
        expected = [n for n, (_, p, _) in enumerate(paragraphs) if theme.id in p.themes]
        assert decode(files[f"themes/{theme.id}.js"]) == expected


def test_the_document_table_and_the_text_files(files, corpus, paragraphs):
    table = files["documents.js"]
    assert table["stopWords"] == sorted(STOP_WORDS) and table["digits"] == [FINAL, MORE]
    assert [c[0] for c in table["councils"]] == [c.id for c in corpus.councils]
    for number, (row, document) in enumerate(zip(table["documents"], corpus.documents_by_date, strict=True)):
        url, title, council, kind, date, count = row
        assert url == f"councils/{document.council}/{document.id}/index.html", "directory URLs off: pages end in index.html"
        assert (title, date) == (document.title, document.date.isoformat())
        assert table["councils"][council][0] == document.council and table["kinds"][kind][0] == document.kind.id
        where = dict(placed_labels(document))
        text = [(where[p.id], f"p{p.id}", plain) for n, p, plain in paragraphs if n == number]
        assert [tuple(entry) for entry in files[f"text/{number}.js"]] == text and count == len(text)
    with_directory_urls = dict(loaded(script) for path, script in search_files(corpus, directory_urls=True) if path.endswith("/documents.js"))
    assert with_directory_urls["documents.js"]["documents"][0][0].endswith("/"), "directory URLs on: pages end in /"


def test_a_kept_index_names_every_file_and_makes_again_only_what_may_have_changed(corpus):
    index = SearchIndex()
    made = [path for path, _ in index.files(corpus, directory_urls=False)]
    assert len(made) == len(set(made)) and index.paths() == set(made)
    again = [path for path, _ in index.files(corpus, directory_urls=False)]
    assert again == [path for path in made if path.endswith("/documents.js")]
    assert index.paths() == set(made)


def test_the_search_pages_javascript_agrees_with_the_python(browser, built_site):
    """Words (every assigned code point, lower-cased and normalised), shard files and postings, in Chromium."""
    every_character = " ".join(f"a{chr(c)}b" for c in range(0x110000) if unicodedata.category(chr(c))[0] in "LNMPSZ")
    every_ascii = "".join(f"z{chr(code)}{chr(code)}9" for code in range(128))
    texts = [*SAMPLES, every_ascii, "ΟΔΟΣ", "ὈΔΥΣΣΕΎΣ", "İ i̇", every_character]
    generator = random.Random(36)
    postings = [sorted(generator.sample(range(150_000), size)) for size in (1, 40, 4000)]
    page = browser.new_page()
    try:
        page.goto((built_site / "search" / "index.html").as_uri())
        expect(page.locator("#search-status")).to_have_text("Type words to search every paragraph.")
        in_js = page.evaluate("""([texts, postings]) => ({
            words: texts.map(t => EvidenceSearch.words(t)),
            files: texts.slice(0, -1).map(t => EvidenceSearch.words(t).map(w => EvidenceSearch.shardFile(w))),
            decoded: postings.map(p => EvidenceSearch.decode(p)),
        })""", [texts, [encode_postings(p) for p in postings]])
    finally:
        page.close()
    assert in_js["words"] == [words(t) for t in texts]
    assert in_js["files"] == [[shard_file(shard_key(w)) for w in words(t)] for t in texts[:-1]]
    assert in_js["decoded"] == postings


def test_renumbering_keeps_what_stays_in_place_and_moves_the_rest_in_order():
    """apply() looks up only the numbers in changed ranges: the same as mapping every number."""
    generator = random.Random(8)
    for _ in range(300):
        counts = [generator.randrange(0, 6) for _ in range(generator.randrange(1, 12))]
        renumbering, first, to = _Renumbering(sum(counts)), 0, 0
        order = list(range(len(counts)))
        if generator.random() < 0.5:
            generator.shuffle(order)  # documents moved (a date edited)
        starts = [sum(counts[:i]) for i in range(len(counts))]
        for index in order:
            if generator.random() < 0.8:  # kept; the others were edited or removed
                renumbering.move(starts[index], counts[index], to)
                to += counts[index]
        numbers = array("I", sorted(generator.sample(range(sum(counts)), generator.randrange(0, sum(counts) + 1))))
        expected = sorted(n for n in (renumbering.new[m] for m in numbers) if n != _NOWHERE)
        assert list(renumbering.apply(numbers)) == expected
        added = sorted(set(range(to + 5)) - set(expected))[:generator.randrange(0, 40)]
        assert list(_merged(array("I", expected), array("I", added))) == sorted(expected + added)
