"""The text of a PDF, in the form drafting.py reads: paragraphs separated by a blank line, and a
blank line at each page's end (where a paragraph split by the page break is joined again, with a
note). pdfplumber gives each line with its place on the page; a gap between two lines taller
than half a line is a paragraph break.

pdfplumber was chosen over pypdf by measuring both on a letter printed to PDF by Chromium (the
tests make the same): both gave every word (a word-for-word ratio of 1.0) and, split by line gaps,
all 27 paragraphs; pdfplumber gives each line with its position directly and was faster (1.2 s
against 1.8 s), while pypdf's positions come from text matrices in a callback.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on damaged files are ours to sum up
PARAGRAPH_GAP = 0.5  # a gap between lines taller than this share of a line starts a paragraph


class PdfUnreadable(Exception):
    """A file that is not a PDF whose text can be read."""


def pdf_text(path: Path) -> str:
    try:
        with pdfplumber.open(path) as document:
            pages = [_page_text(page) for page in document.pages]
    # A damaged or hostile file fails deep in the parser with whatever its bytes provoke: every
    # such failure is the same answer to the editor (pdfminer's own errors derive from PSException).
    except (PdfminerException, MalformedPDFException, PSException, ValueError, KeyError, TypeError, IndexError, AttributeError,
            AssertionError, RecursionError, OverflowError, ZeroDivisionError, UnicodeError) as failure:
        raise PdfUnreadable(f"{path}: not a PDF whose text can be read ({type(failure).__name__}: {failure})") from None
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise PdfUnreadable(f"{path}: the PDF has no text (a scanned image needs OCR first)")
    return text + "\n"


def _page_text(page) -> str:
    paragraphs: list[list[str]] = []
    bottom = None
    for line in page.extract_text_lines():
        height = line["bottom"] - line["top"]
        if bottom is None or line["top"] - bottom > PARAGRAPH_GAP * height:
            paragraphs.append([])
        paragraphs[-1].append(line["text"].strip())
        bottom = line["bottom"]
    return "\n\n".join(" ".join(lines) for lines in paragraphs if lines)
