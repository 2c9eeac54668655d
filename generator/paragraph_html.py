"""Each paragraph's Markdown rendered to HTML once per build, and reused on every page that shows
it: its document, the council page, the briefing, the theme pages.

The first use of each glossary term in a document is marked with <abbr> and linked to its
glossary entry. Links are relative to the page, which differs from page to page, so the HTML is
kept with a ROOT mark where the path up to the site root goes, and each page puts its own in.
Documents are rendered whole, in reading order (so "first use" is the document's), and the most
recently used are kept: pages are made council by council, so a document's paragraphs are
rendered once and reused until its council's pages are done. (The theme hubs' few newest findings,
made in whichever process makes the site-wide pages, render those paragraphs once more there.)
"""

from __future__ import annotations

from collections import OrderedDict

from . import urls
from .model import Document, GlossaryTerm, Paragraph
from .safe_markdown import TermMarker, render_block

ROOT = "\x00root\x00"  # no content can hold it: content with control characters is refused
DOCUMENTS_KEPT = 64


class ParagraphHtml:
    def __init__(self, glossary: tuple[GlossaryTerm, ...], directory_urls: bool) -> None:
        self.terms = {
            term.term: (ROOT + urls.relative(urls.home(), urls.glossary_term(term.id), directory_urls), term.expansion)
            for term in glossary
        }
        self.documents: OrderedDict[str, dict[str, str]] = OrderedDict()
        self.rendered = 0  # paragraphs rendered, for the benchmark's "each paragraph once" check

    def of(self, document: Document, paragraph: Paragraph, root: str) -> str:
        """The paragraph's HTML, with links that work from a page whose root prefix is `root`."""
        return self._document(document)[paragraph.id].replace(ROOT, root)

    def _document(self, document: Document) -> dict[str, str]:
        found = self.documents.get(document.id)
        if found is not None:
            self.documents.move_to_end(document.id)
            return found
        marker = TermMarker(self.terms)
        found = {p.id: render_block(p.text, marker) for p in document.paragraphs()}
        self.rendered += len(found)
        self.documents[document.id] = found
        if len(self.documents) > DOCUMENTS_KEPT:
            self.documents.popitem(last=False)
        return found
