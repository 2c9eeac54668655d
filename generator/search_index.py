"""The search files under assets/search/: a paragraph-level inverted index split into small
scripts, so no file grows with the corpus and the search page loads only what a query needs.

    documents.js            the document table (link, title, council, kind, date, paragraph count),
                            council and kind names, the stop words and the digits of the postings
    terms/<shard>.js        every indexed word whose first two characters are the shard's key
                            (one character for one-letter words): [word, postings, word, ...]
    themes/<theme id>.js    the postings of the paragraphs tagged with the theme
    text/<number>.js        one document's paragraphs: [id, anchor, plain text] in document order

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
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from . import urls
from .index import Corpus
from .model import Document
from .safe_markdown import plain_text

# lunr's English stop words (lunr.stopWordFilter, as MkDocs ships lunr.js): too common to find anything.
STOP_WORDS = frozenset((
    "a able about across after all almost also am among an and any are as at be because been but by can "
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
_ASCII_NOT_A_WORD = str.maketrans({chr(code): " " for code in range(128) if not chr(code).isalnum()})
_PLAIN_KEY = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The indexed words of a text, in order: NFC, lower case, split on anything but letters and
    numbers, stop words dropped."""
    lowered = unicodedata.normalize("NFC", text).lower()
    # Nearly all text is ASCII, which splits twice as fast with its separators made spaces.
    split = lowered.translate(_ASCII_NOT_A_WORD).split() if lowered.isascii() else _NOT_A_WORD.split(lowered)
    return [word for word in split if word and word not in STOP_WORDS]


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


_SMALL = tuple(_encode_number(n) for n in range(BASE * BASE))  # every number of one or two digits


def encode_postings(numbers: Sequence[int]) -> str:
    """Ascending paragraph numbers as gaps in base 45."""
    gaps = map(int.__sub__, numbers, [-1, *numbers])
    return "".join(_SMALL[gap - 1] if gap <= len(_SMALL) else _encode_number(gap - 1) for gap in gaps)


@dataclass(frozen=True)
class DocumentTerms:
    """What the search files hold of one document, made from it alone (so it can be kept per document)."""

    paragraphs: tuple[tuple[str, str, str], ...]  # (id, anchor, plain text) in document order
    terms: Mapping[str, tuple[int, ...]]  # each indexed word -> ordinals of the paragraphs holding it
    themes: Mapping[str, tuple[int, ...]]  # each theme -> ordinals of the paragraphs tagged with it


def document_terms(document: Document) -> DocumentTerms:
    paragraphs = []
    terms: dict[str, list[int]] = defaultdict(list)
    themes: dict[str, list[int]] = defaultdict(list)
    for ordinal, paragraph in enumerate(document.paragraphs()):
        text = plain_text(paragraph.text)
        paragraphs.append((paragraph.id, urls.paragraph_anchor(paragraph.id), text))
        for word in set(words(text)):
            terms[word].append(ordinal)
        for theme in paragraph.themes:
            themes[theme].append(ordinal)
    return DocumentTerms(tuple(paragraphs), _frozen(terms), _frozen(themes))


def _frozen(lists: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
    return {key: tuple(values) for key, values in lists.items()}


def search_files(corpus: Corpus, directory_urls: bool) -> Iterator[tuple[str, str]]:
    """(path relative to the site, script) for every search file. Links in the document table are
    relative to the site root."""
    return SearchIndex().files(corpus, directory_urls)


class SearchIndex:
    """Makes the search files, and keeps what it made so that after an edit (the preview) only
    edited documents are read again and only the shards holding their words are made again.
    While every document keeps its place and paragraph count, every paragraph keeps its number,
    so a word's postings change only if an edited document has (or had) the word."""

    def __init__(self) -> None:
        self.terms: dict[str, tuple[Document, DocumentTerms]] = {}  # document id -> document, its terms
        self.texts: dict[str, tuple[Document, int, tuple[str, str]]] = {}  # document id -> its text file
        self.layout: tuple[tuple[str, int], ...] = ()  # (document id, paragraph count), numbering order
        self.shards: dict[str, dict[str, str]] = {}  # shard key -> word -> encoded postings
        self.scripts: dict[str, tuple[str, str]] = {}  # shard key -> its file

    def files(self, corpus: Corpus, directory_urls: bool) -> Iterator[tuple[str, str]]:
        documents = corpus.documents_by_date
        edited = self._read(documents)
        layout = tuple((d.id, len(self.terms[d.id][1].paragraphs)) for d in documents)
        for number, document in enumerate(documents):
            yield self._text(number, document)
        yield self._table(corpus, directory_urls)
        if layout == self.layout:
            self._update_shards(documents, edited)
        else:
            self._make_shards(documents)
        self.layout = layout
        yield from self.scripts.values()
        yield from self._themes(corpus)

    def _read(self, documents: Sequence[Document]) -> set[str]:
        """Bring the kept terms up to date; the words whose paragraphs in an edited document changed."""
        edited: set[str] = set()
        present = {d.id for d in documents}
        for gone in self.terms.keys() - present:
            edited.update(self.terms.pop(gone)[1].terms)
            self.texts.pop(gone, None)
        for document in documents:
            kept = self.terms.get(document.id)
            if kept is None or kept[0] is not document:
                found = document_terms(document)
                edited.update(_changed_words(kept[1].terms if kept else {}, found.terms))
                self.terms[document.id] = document, found
        return edited

    def _text(self, number: int, document: Document) -> tuple[str, str]:
        kept = self.texts.get(document.id)
        if kept is None or kept[0] is not document or kept[1] != number:
            paragraphs = self.terms[document.id][1].paragraphs
            kept = self.texts[document.id] = document, number, _script(f"text/{number}.js", [list(p) for p in paragraphs])
        return kept[2]

    def _table(self, corpus: Corpus, directory_urls: bool) -> tuple[str, str]:
        councils = {c.id: number for number, c in enumerate(corpus.councils)}
        kinds = {k.id: number for number, k in enumerate(corpus.registries.kinds)}
        table = [[urls.document(d) + ("" if directory_urls else "index.html"), d.title, councils[d.council],
                  kinds[d.kind.id], d.date.isoformat(), len(self.terms[d.id][1].paragraphs)]
                 for d in corpus.documents_by_date]
        return _script("documents.js", {
            "digits": [FINAL, MORE], "stopWords": sorted(STOP_WORDS), "documents": table,
            "councils": [[c.id, c.short_name] for c in corpus.councils],
            "kinds": [[k.id, k.short_name] for k in corpus.registries.kinds],
        })

    def _make_shards(self, documents: Sequence[Document]) -> None:
        postings: dict[str, array] = defaultdict(lambda: array("l"))
        for first, document in self._firsts(documents):
            _add(postings, self.terms[document.id][1].terms, first)
        self.shards = defaultdict(dict)
        for word in sorted(postings):
            self.shards[shard_key(word)][word] = encode_postings(postings[word])
        self.scripts = {key: _shard_script(key, words) for key, words in self.shards.items()}

    def _update_shards(self, documents: Sequence[Document], edited: set[str]) -> None:
        postings: dict[str, array] = {word: array("l") for word in edited}
        for first, document in self._firsts(documents):
            terms = self.terms[document.id][1].terms
            for word in edited.intersection(terms):
                postings[word].extend(map(first.__add__, terms[word]))
        by_shard: dict[str, list[str]] = defaultdict(list)
        for word in edited:
            by_shard[shard_key(word)].append(word)
        for key, words_of_shard in by_shard.items():
            shard = self.shards.setdefault(key, {})
            for word in words_of_shard:
                if postings[word]:
                    shard[word] = encode_postings(postings[word])
                else:
                    shard.pop(word, None)
            if shard:
                self.scripts[key] = _shard_script(key, shard)
            else:
                del self.shards[key], self.scripts[key]

    def _firsts(self, documents: Sequence[Document]) -> Iterator[tuple[int, Document]]:
        """Each document with the number of its first paragraph."""
        first = 0
        for document in documents:
            yield first, document
            first += len(self.terms[document.id][1].paragraphs)

    def _themes(self, corpus: Corpus) -> Iterator[tuple[str, str]]:
        themes: dict[str, array] = {t.id: array("l") for t in corpus.registries.themes}
        for first, document in self._firsts(corpus.documents_by_date):
            _add(themes, self.terms[document.id][1].themes, first)
        for theme, numbers in themes.items():
            yield _script(f"themes/{theme}.js", encode_postings(numbers))


def _changed_words(before: Mapping[str, tuple[int, ...]], after: Mapping[str, tuple[int, ...]]) -> set[str]:
    """The words whose paragraphs in a document changed: only their postings can have."""
    return {word for word in before.keys() | after.keys() if before.get(word) != after.get(word)}


def _shard_script(key: str, postings: dict[str, str]) -> tuple[str, str]:
    """A shard's file: its words in order, each followed by its postings."""
    return _script(shard_file(key), [item for word in sorted(postings) for item in (word, postings[word])])


def _add(postings: Mapping[str, array], ordinals: Mapping[str, tuple[int, ...]], first: int) -> None:
    for key, found in ordinals.items():
        postings[key].extend(map(first.__add__, found))


def _script(name: str, data: object) -> tuple[str, str]:
    """The file at assets/search/<name>, registering its data under that name."""
    call = json.dumps(name) + "," + json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return urls.search_folder() + name, f"EvidenceSearch.loaded({call});\n"
