"""The search files under assets/search/: a paragraph-level inverted index split into small
scripts, so no file grows with the corpus and the search page loads only what a query needs.

    documents.js            the document table (link, title, council, kind, date, paragraph count),
                            council and kind names, the stop words and the digits of the postings
    terms/<shard>.js        every indexed word whose first two characters are the shard's key
                            (one character for one-letter words): [word, postings, word, ...]
    themes/<theme id>.js    the postings of the paragraphs tagged with the theme
    text/<number>.js        one document's paragraphs: [where, anchor, plain text] in document order,
                            where being the paragraph's label with its heading ("Overview, paragraph 1")

Every file is a script that calls `EvidenceSearch.loaded(its path under assets/search/, data)`
(search.js defines it): scripts load from file:// where fetch() cannot, and the page's CSP allows
them as files of the site. Paragraphs are numbered across the corpus, documents oldest first
(`Corpus.documents_by_date`) and paragraphs in document order; a document's paragraphs are the
numbers from the sum of the paragraph counts before it. Postings are those numbers, ascending, as gaps (the first number
itself, then each number minus the one before minus one), each written in base 45 with the
low digits first: a digit from MORE means another digit follows, one from FINAL ends the number.

templates/assets/search.js splits text into words, names shards and decodes postings the same
way; tests/test_search_index.py runs both on the same strings.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from . import urls
from .index import Corpus
from .model import Document
from .paragraph_labels import placed_labels
from .safe_markdown import plain_text

# lunr's English stop words (lunr.stopWordFilter, as MkDocs ships lunr.js): too common to find
# anything. All but "after": "looked after" is how the documents name children in care, so
# "looked after" and "looked-after" must find both words, not any "looked".
STOP_WORDS = frozenset((
    "a able about across all almost also am among an and any are as at be because been but by can "
    "cannot could dear did do does either else ever every for from get got had has have he her hers him his "
    "how however i if in into is it its just least let like likely may me might most must my neither no nor "
    "not of off often on only or other our own rather said say says she should since so some than that the "
    "their them then there these they this tis to too twas us wants was we were what when where which while "
    "who whom why will with would yet you your"
).split())

# Printable ASCII characters that need no escape in a JSON string: from "#", leaving out "\".
_DIGITS = "".join(chr(code) for code in range(0x23, 0x7F) if chr(code) != "\\")
BASE = 45
FINAL, MORE = _DIGITS[:BASE], _DIGITS[BASE:2 * BASE]  # "#" to "O", and "P" to "}"

# Runs of anything but Unicode letters and numbers: Python's \w less "_" is exactly the categories
# L* and N* (tests check every code point), as the search page's /[^\p{L}\p{N}]+/u.
_NOT_A_WORD = re.compile(r"[\W_]+")
# In UTF-8, each ASCII character is one byte that no other character's bytes use.
_ASCII_SEPARATORS = bytes(code if chr(code).isalnum() else 0x20 for code in range(128)) + bytes(range(128, 256))
_PLAIN_KEY = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The indexed words of a text, in order: NFC, lower case, split on anything but letters and
    numbers, stop words dropped."""
    return [word for word in _split(text) if word not in STOP_WORDS]


def word_set(text: str) -> set[str]:
    """The indexed words of a text, each once."""
    return set(_split(text)).difference(STOP_WORDS)


def _split(text: str) -> list[str]:
    """Every word of a text, stop words too: NFC, lower case, split on anything but letters and numbers."""
    lowered = unicodedata.normalize("NFC", text).lower()
    # Nearly every separator is ASCII: made spaces byte by byte, they split the text several times
    # as fast as the pattern does; the pattern splits only what is left with other characters.
    spaced = lowered.encode("utf-8").translate(_ASCII_SEPARATORS).decode("utf-8")
    split = spaced.split()
    if spaced.isascii():
        return split
    return [part for word in split for part in (_NOT_A_WORD.split(word) if not word.isascii() else (word,)) if part]


def shard_key(word: str) -> str:
    """The shard a word is filed in: its first two characters (code points), or its only one."""
    return word[:2]


def shard_file(key: str) -> str:
    """The shard's file name, safe on every file system: the key itself when it is a-z and 0-9,
    otherwise "u" and its code points in hex joined by "-" (at least three characters, so never
    the same as a plain key of one or two, even where file names ignore case)."""
    if _PLAIN_KEY.fullmatch(key):
        return f"terms/{key}.js"
    return "terms/u" + "-".join(f"{ord(character):x}" for character in key) + ".js"


def _encode_number(number: int) -> str:
    digits = []
    while number >= BASE:
        number, low = divmod(number, BASE)
        digits.append(MORE[low])
    digits.append(FINAL[number])
    return "".join(digits)


# Each gap's digits, for every gap whose number (the gap less one) has one or two digits.
_BY_GAP = ("", *(_encode_number(n) for n in range(BASE * BASE)))


def encode_postings(numbers: Sequence[int]) -> str:
    """Ascending paragraph numbers as gaps in base 45."""
    if not numbers:
        return ""
    # The first gap is the first number itself, often large; the others are mostly small.
    gaps = list(map(int.__sub__, numbers[1:], numbers))
    first = _encode_number(numbers[0])
    if not gaps or max(gaps) < len(_BY_GAP):  # most postings: every later gap looked up
        return first + "".join(map(_BY_GAP.__getitem__, gaps))
    return first + "".join(_BY_GAP[gap] if gap < len(_BY_GAP) else _encode_number(gap - 1) for gap in gaps)


def search_files(corpus: Corpus, directory_urls: bool) -> Iterator[tuple[str, str]]:
    """(path relative to the site, script) for every search file. Links in the document table are
    relative to the site root."""
    return SearchIndex().files(corpus, directory_urls)


@dataclass(frozen=True)
class _Place:
    """Where a document's paragraphs are in the index."""

    document: Document
    number: int  # the document's: its text file is text/<number>.js
    first: int  # its first paragraph's
    count: int  # how many paragraphs it has


class SearchIndex:
    """Makes the search files, reading each document once and handing its text file on at once,
    so that what is held is the postings (four bytes a posting), never the text. Kept from edit
    to edit (the preview), it reads again only the documents an edit changed (and the text of
    those whose number moved): a kept document's postings are renumbered where its paragraphs
    moved rather than read again, and only the shards whose words' postings changed are made."""

    def __init__(self) -> None:
        self.places: dict[str, _Place] = {}  # document id -> its place, in numbering order
        self.postings: dict[str, array] = {}  # word -> the numbers of the paragraphs holding it, ascending
        self.themes: dict[str, array] = {}  # theme id -> the numbers of the paragraphs tagged with it
        self.theme_ids: tuple[str, ...] = ()  # every theme of the registries: each has a file
        self.paragraphs = 0  # how many are numbered

    def files(self, corpus: Corpus, directory_urls: bool) -> Iterator[tuple[str, str]]:
        """The search files that may differ from the previous call's (every file on the first):
        the text files of the documents read or renumbered, the shards of the words and the
        files of the themes whose postings changed, and the document table. `paths()` names
        them all."""
        renumbering = _Renumbering(self.paragraphs)
        found = _Found()
        places: dict[str, _Place] = {}
        first = 0
        for number, document in enumerate(corpus.documents_by_date):
            was = self.places.get(document.id)
            if was is not None and was.document is document:
                renumbering.move(was.first, was.count, first)
                if was.number != number:
                    yield _text_file(number, paragraph_texts(document))
                count = was.count
            else:
                texts = paragraph_texts(document)
                yield _text_file(number, texts)
                found.add(document, texts, first)
                count = len(texts)
            places[document.id] = _Place(document, number, first, count)
            first += count
        self.places, self.paragraphs = places, first
        theme_ids = tuple(theme.id for theme in corpus.registries.themes)
        changed = _update(self.postings, renumbering, found.words)
        themes_changed = _update(self.themes, renumbering, found.themes)
        if theme_ids != self.theme_ids:  # the first call (the preview's registries never change in an update)
            themes_changed, self.theme_ids = set(theme_ids), theme_ids
        yield self._table(corpus, directory_urls)
        yield from self._shards({shard_key(word) for word in changed})
        for theme in self.theme_ids:
            if theme in themes_changed:
                yield _script(_theme_name(theme), encode_postings(self.themes.get(theme, _NONE_FOUND)))

    def paths(self) -> set[str]:
        """Every search file of the corpus of the last call, whichever call made it."""
        names = {_text_name(number) for number in range(len(self.places))} | {"documents.js"}
        names |= {shard_file(shard_key(word)) for word in self.postings}
        names |= {_theme_name(theme) for theme in self.theme_ids}
        return {urls.search_folder() + name for name in names}

    def _table(self, corpus: Corpus, directory_urls: bool) -> tuple[str, str]:
        councils = {c.id: number for number, c in enumerate(corpus.councils)}
        kinds = {k.id: number for number, k in enumerate(corpus.registries.kinds)}
        table = [[urls.document(d) + ("" if directory_urls else "index.html"), d.title, councils[d.council],
                  kinds[d.kind.id], d.date.isoformat(), self.places[d.id].count]
                 for d in corpus.documents_by_date]
        return _script("documents.js", {
            "digits": [FINAL, MORE], "stopWords": sorted(STOP_WORDS), "documents": table,
            "councils": [[c.id, c.short_name] for c in corpus.councils],
            "kinds": [[k.id, k.short_name] for k in corpus.registries.kinds],
        })

    def _shards(self, keys: set[str]) -> Iterator[tuple[str, str]]:
        """The files of these shards, each made and handed on before the next: its words in order,
        each followed by its postings. A shard left with no word has no file."""
        by_shard: dict[str, list[str]] = defaultdict(list)
        for word in self.postings:
            if (key := shard_key(word)) in keys:
                by_shard[key].append(word)
        for key in sorted(by_shard):
            entries = [item for word in sorted(by_shard[key]) for item in (word, encode_postings(self.postings[word]))]
            yield _script(shard_file(key), entries)


def paragraph_texts(document: Document) -> list[list[str]]:
    """A document's text file: [where it is, anchor, plain text] for each paragraph, in document
    order; where it is is its label with its section's heading (paragraph_labels.py)."""
    where = dict(placed_labels(document))
    return [[where[p.id], urls.paragraph_anchor(p.id), plain_text(p.text)] for p in document.paragraphs()]


def _numbers() -> array:
    return array("I")


_NONE_FOUND = _numbers()  # never added to: the postings of a key nothing holds
_NOWHERE = 0xFFFFFFFF  # the new number of a paragraph whose document was edited or removed


class _Found:
    """The postings of the documents read in one call, by word and by theme."""

    def __init__(self) -> None:
        self.words: dict[str, array] = defaultdict(_numbers)
        self.themes: dict[str, array] = defaultdict(_numbers)

    def add(self, document: Document, texts: list[list[str]], first: int) -> None:
        """Documents are added in numbering order, so each key's numbers come ascending."""
        words, themes = self.words, self.themes
        for number, (paragraph, (_, _, text)) in enumerate(zip(document.paragraphs(), texts, strict=True), first):
            for word in word_set(text):
                words[word].append(number)
            for theme in paragraph.themes:
                themes[theme].append(number)


class _Renumbering:
    """From the previous call's paragraph numbers to this call's: kept documents' paragraphs
    move with their documents, and those of documents edited or removed have no new number."""

    def __init__(self, before: int) -> None:
        self.before = before
        self.new = array("I", [_NOWHERE]) * before
        self.in_place: list[tuple[int, int]] = []  # ranges of numbers that stay what they were

    def move(self, first: int, count: int, to: int) -> None:
        self.new[first:first + count] = array("I", range(to, to + count))
        if first == to:
            self.in_place.append((first, first + count))

    @cached_property
    def changed(self) -> list[tuple[int, int]]:
        """The ranges of numbers that move or go: all but those in place, adjacent ones joined."""
        ranges, start = [], 0
        for low, high in sorted(self.in_place):
            if low > start:
                ranges.append((start, low))
            start = high
        if start < self.before:
            ranges.append((start, self.before))
        return ranges

    def touches(self, numbers: array) -> bool:
        return any((at := bisect_left(numbers, low)) < len(numbers) and numbers[at] < high for low, high in self.changed)

    def apply(self, numbers: array) -> array:
        """The numbers renumbered. Those in place are kept as they are, in one piece between the
        ranges that changed; only the few in a changed range are looked up and put back in order."""
        kept, moved, start, looked_up = array("I"), [], 0, 0
        for low, high in self.changed:
            at, end = bisect_left(numbers, low, start), bisect_left(numbers, high, start)
            kept += numbers[start:at]
            moved += (new for new in map(self.new.__getitem__, numbers[at:end]) if new != _NOWHERE)
            looked_up += end - at
            start = end
        if not looked_up:
            return numbers
        kept += numbers[start:]
        return _merged(kept, array("I", sorted(moved)))


def _update(postings: dict[str, array], renumbering: _Renumbering, found: Mapping[str, array]) -> set[str]:
    """Bring `postings` up to date: its numbers renumbered and those found added; the keys whose
    postings changed. Only keys found, or with numbers in a range that moved or went, are
    looked at beyond a binary search."""
    changed = set()
    for key in {key for key, numbers in postings.items() if renumbering.touches(numbers)} | found.keys():
        before = postings.get(key, _NONE_FOUND)
        after = _merged(renumbering.apply(before), found.get(key, _NONE_FOUND))
        if after != before:
            changed.add(key)
        if after:
            postings[key] = after
        else:
            postings.pop(key, None)
    return changed


SMALL_MERGE = 32  # fewer added numbers than this are put in place one by one, each by a binary search


def _merged(kept: array, added: array) -> array:
    """Two ascending arrays of numbers as one, ascending."""
    if not added or not kept:
        return added or kept
    if kept[-1] < added[0]:
        return kept + added
    if len(added) >= SMALL_MERGE:
        return array("I", sorted(kept + added))
    merged = array("I", kept)
    for number in added:
        merged.insert(bisect_left(merged, number), number)
    return merged


def _text_name(number: int) -> str:
    return f"text/{number}.js"


def _theme_name(theme: str) -> str:
    return f"themes/{theme}.js"


def _text_file(number: int, texts: list[list[str]]) -> tuple[str, str]:
    return _script(_text_name(number), texts)


def _script(name: str, data: object) -> tuple[str, str]:
    """The file at assets/search/<name>, registering its data under that name."""
    call = json.dumps(name) + "," + json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return urls.search_folder() + name, f"EvidenceSearch.loaded({call});\n"
