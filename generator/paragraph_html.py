"""Each paragraph's Markdown rendered to HTML once per build, and reused on every page that shows
it: its document, the council page, the briefing, the theme pages; and each paragraph's quotation
(theme pages) made once and reused the same way.

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
from collections.abc import Callable, Iterable, Mapping

from . import urls
from .index import Quotation
from .model import Council, Document, GlossaryTerm, Paragraph
from .safe_markdown import TermMarker, render_block

ROOT = "\x00root\x00"  # no content can hold it: content with control characters is refused
DOCUMENTS_KEPT = 64
QUOTATIONS_KEPT = 2048  # far more than one council's theme pages quote


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


# Renders a quotation (with its council's name, or None) whose links come from `link` and whose
# paragraph links from the root prefix given.
RenderQuotation = Callable[[Quotation, "str | None", Callable[[str], str], str], str]


class QuotationHtml:
    """Each quotation rendered once, with links written from the site root after a ROOT mark.

    That is the page's own link wherever the page and the link's target lie in different top
    folders (a theme page quoting a document): a relative link only shortens between pages that
    share leading folders. A quotation used on a page where that does not hold is rendered for
    that page instead."""

    def __init__(self, render: RenderQuotation, directory_urls: bool) -> None:
        self.render = render
        self.directory_urls = directory_urls
        self.kept: OrderedDict[tuple[str, str, bool], tuple[str, frozenset[str]]] = OrderedDict()

    def of(self, quotations: Iterable[Quotation], councils: Mapping[str, Council] | None, page_path: str,
           link: Callable[[str], str]) -> str:
        """The quotations' HTML, one after the other, on the page at `page_path`, whose links `link`
        makes; each after its council's name when `councils` is given."""
        root, top = urls.root_prefix(page_path), page_path.split("/", 1)[0]
        parts = []
        for quotation in quotations:
            council_name = councils[quotation.document.council].short_name if councils is not None else None
            html, tops = self._kept(quotation, council_name)
            if not page_path.endswith("/") or top in tops or "" in tops:
                html = self.render(quotation, council_name, link, root)
            parts.append(html)
        return "".join(parts).replace(ROOT, root)

    def _kept(self, quotation: Quotation, council_name: str | None) -> tuple[str, frozenset[str]]:
        """The quotation's HTML with ROOT marks, and the top folders its links go into ("" for home)."""
        key = (quotation.document.id, quotation.paragraph.id, council_name is not None)
        found = self.kept.get(key)
        if found is not None:
            self.kept.move_to_end(key)
            return found
        tops: set[str] = set()

        def from_root(to: str) -> str:
            path = to.partition("#")[0]
            tops.add(path.split("/", 1)[0] if path else "")
            return ROOT + urls.relative(urls.home(), to, self.directory_urls)

        found = self.render(quotation, council_name, from_root, ROOT), frozenset(tops)
        self.kept[key] = found
        if len(self.kept) > QUOTATIONS_KEPT:
            self.kept.popitem(last=False)
        return found
