"""Plain paragraphs get markdown-it's tokens without running its parser, and glossary terms are
found without a lookbehind in the pattern; both must give exactly what the parser and the old
pattern give."""

import random
import re

import pytest
from markdown_it.common.utils import MD_TRIM_CHARS

from generator import safe_markdown
from generator.paragraph_html import ParagraphHtml
from generator.safe_markdown import (TermMarker, _may_be_syntax, _may_be_syntax_anywhere, _parser, _plain_paragraphs, _unjoined_matches,
                                     plain_text, render_block)

SYNTAX = list("\\`*_[]()<>&#=~-+!:.)|") + ["1.", "10)", "&amp;", "A&E", "![", "](", "**", "    ", "  \n",
                                             "& ", "&1", "&;", "&#", "&#38;", "&#x26;", "&Amp;", "&amp", "&a1;", "&A;", "é&"]
WHITE = [" ", " ", "  ", "\n", "\n", "\n\n", "\n \n", "\t", "\r", "\r\n", "\u00a0", "\u2028", "\x0b", "\x00"]
WORDS = ["care", "plan", "Children", "xLA", "LAs", "LA", "LADO", "16+", "GCSEs", "Ofsted", "NHS",
         "Me2", "£5", "’s", "é", "2011", "1", "s", "#3", "~", "!", ":", ".",
         "1.", "2)", "-", "+", ">", "#", "=", "===", "---", "~~~"]  # syntax only at the start of a line


def plain_texts(count: int, seed: int) -> list[str]:
    """Lines of words, with one or more line ends between them and sometimes before and after."""
    rng = random.Random(seed)
    breaks = ["", "\n", "\n", "\n", "\n\n", "\n\n\n"]
    texts = []
    for _ in range(count):
        lines = [" ".join(rng.choices(WORDS, k=rng.randint(1, 6))) for _ in range(rng.randint(1, 5))]
        texts.append(rng.choice(breaks) + "".join(line + rng.choice(breaks[1:]) for line in lines)[:-1])
    return texts


def random_texts(count: int, seed: int) -> list[str]:
    """Words, spaces and line ends with a little of everything else: many texts are nearly plain."""
    rng = random.Random(seed)
    pieces = [*WORDS * 4, *[" "] * 30, *["\n"] * 6, "\n\n", *SYNTAX, *WHITE]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(count)]


@pytest.fixture(scope="module")
def terms(corpus) -> dict[str, tuple[str, str]]:
    return ParagraphHtml(corpus.registries.glossary, True).terms


@pytest.fixture(scope="module")
def texts(corpus) -> list[str]:
    paragraphs = [p.text for d in corpus.documents_by_date for p in d.paragraphs()]
    ampersands = [t.replace(" ", ampersand, 1) for t, ampersand in zip(plain_texts(600, seed=3), [" & ", "&", " &1 ", " &; ", "&&", " &#", " &a", "&E ", " &amp;"] * 100)]
    return paragraphs + plain_texts(2500, seed=1) + random_texts(2000, seed=2) + ampersands


def outputs(texts: list[str], terms: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(render_block(t), render_block(t, TermMarker(terms)), plain_text(t)) for t in texts]


def test_the_fast_path_gives_what_the_parser_gives(texts, terms, monkeypatch):
    taken = [t for t in texts if not _may_be_syntax(t)]  # the fast paths of the HTML and the plain text
    parser = _parser()
    for text in taken:
        assert _plain_paragraphs(text) == (parser.parse(text) if text.strip("\n") else None), repr(text)
    fast = outputs(taken, terms)
    monkeypatch.setattr(safe_markdown, "_may_be_syntax", lambda text: True)  # every text parsed
    assert outputs(taken, terms) == fast
    assert len(taken) > 1000  # the comparison covers many texts, not a handful


def test_the_one_line_ascii_test_for_syntax_agrees_with_the_general_one(texts):
    rng = random.Random(3)
    one_line = [text.replace("\n", " ") for text in texts] + ["".join(rng.choices(SYNTAX + WORDS + [" "] * 10, k=rng.randint(1, 12))) for _ in range(5000)]
    one_line += [chr(code) + " a" for code in range(128)] + ["a" + chr(code) for code in range(128)]
    ascii_lines = [text for text in one_line if text.isascii() and text.isprintable()]
    assert len(ascii_lines) > 4000
    for text in ascii_lines:
        assert _may_be_syntax(text) == _may_be_syntax_anywhere(text), repr(text)


def test_the_fast_path_is_taken_for_plain_paragraphs(corpus):
    text = "The LA’s plan: 16+ services!\nA second line, #2 ~ (of 3).\n\n\nAnother paragraph.\n"
    assert _plain_paragraphs(text) == _parser().parse(text)
    paragraphs = [p.text for d in corpus.documents_by_date for p in d.paragraphs()]
    assert sum(_plain_paragraphs(t) is not None for t in paragraphs) > 0.9 * len(paragraphs)


@pytest.mark.parametrize("text", [
    "", "\n", "a\\b", "a `b`", "a *b*", "a_b", "[a]", "a <b", "a &amp; b", "- a", "+ a", "* a", "> a", "# a",
    "a\n=", "~~~", "1. a", "10) a", " a", "a ", "a  \nb", "a\n \nb", "a\tb", "a\rb", "a\u00a0b", "a\u2028b",
    "a\x00b",
])
def test_the_fast_path_declines_anything_that_could_be_syntax(text):
    assert _plain_paragraphs(text) is None


def test_the_fast_path_declines_every_white_space_but_spaces_and_line_ends():
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()} | set(MD_TRIM_CHARS) | {"\ufeff"}
    for space in spaces - {" ", "\n"}:
        assert _plain_paragraphs(f"a{space}b") is None, hex(ord(space))


def test_the_parser_has_the_rules_the_fast_path_was_checked_against():
    """A rule turned on (tables, strikethrough, linkify, typographer) could read plain text as
    syntax: the fast path's checks would have to be looked at again."""
    assert _parser().get_active_rules() == {
        "core": ["normalize", "block", "inline", "text_join"],
        "block": ["code", "fence", "blockquote", "hr", "list", "reference", "html_block", "heading",
                  "lheading", "paragraph"],
        "inline": ["text", "newline", "escape", "backticks", "emphasis", "link", "autolink", "html_inline",
                   "entity"],
        "inline2": ["balance_pairs", "emphasis", "fragments_join"],
    }
    assert not _parser().options["typographer"] and not _parser().options["breaks"]


@pytest.mark.parametrize("text", ["foo\nbar", "*foo*\nbar", "foo  \nbar", "foo\\\nbar"])
def test_the_words_either_side_of_a_line_break_stay_apart_in_the_search_text(text):
    assert plain_text(text) == "foo bar"


def test_terms_are_found_as_the_lookbehind_found_them():
    terms = ["Looked After Children", "Children", "LA", "LADO", "A&E", "16+", "Me2"]
    marker = TermMarker({t: ("#", t) for t in terms})
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    old = re.compile(rf"(?<![\w&+])({alternatives})(s?)(?![\w&+])")
    rng = random.Random(7)
    pieces = [*terms, "Looked", "After", "Childrens", "LAs", " ", " ", "x", "&", "+", "_", "é", "1", "s", "-"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        found = [(m.span(), m.groups()) for m in _unjoined_matches(marker.pattern, text)]
        assert found == [(m.span(), m.groups()) for m in old.finditer(text)], repr(text)


def test_a_term_inside_a_term_refused_for_what_precedes_it_is_still_marked():
    marker = TermMarker({"Looked After Children": ("#lac", "in care"), "Children": ("#c", "young people")})
    assert '<abbr title="young people">Children</abbr>' in render_block("xLooked After Children", marker)
