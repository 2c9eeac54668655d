"""Render page specs to HTML with Jinja (autoescaped, strict) and safe Markdown."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import urls
from .dates import long_date
from .edit_links import EditLinks
from .index import Quotation
from .model import Council, Document, FollowUpStatus, GlossaryTerm, Grade, Label, Paragraph, Stance, Theme
from .content_security_policy import content_security_policy
from .pages import Edition, PageSpec
from .paragraph_html import ParagraphHtml, QuotationHtml
from .paragraph_labels import ParagraphLabels
from .safe_markdown import plain_text
from .template_output import PageEnvironment


@dataclass(frozen=True)
class RenderedPage:
    path: str  # output file relative to the site folder
    html: str


class Renderer:
    def __init__(self, templates: Path, site_name: str, directory_urls: bool, policy: str,
                 glossary: tuple[GlossaryTerm, ...] = (), report_mistakes: str | None = None,
                 edit_links: EditLinks | None = None) -> None:
        self.directory_urls = directory_urls
        self.site_name = site_name
        self.report_mistakes = report_mistakes
        self.edit_links = edit_links
        self.policy = policy  # the Content-Security-Policy every page declares
        self.paragraphs = ParagraphHtml(glossary, directory_urls)
        self.quotations = QuotationHtml(self._quotation, directory_urls)
        self.env = env = PageEnvironment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates are read once, not checked on every use: a change to them makes a new renderer
        )
        self.env.filters.update(
            long_date=long_date, grade_text=grade_text, label_class=label_class, excerpt=excerpt,
            link=link_filter, html=html_filter, document_path=urls.document, council_path=urls.council,
            theme_path=urls.theme, scale_path=urls.scale, paragraph_anchor=urls.paragraph_anchor, report_href=urls.report_mistake,
            paragraph_label=ParagraphLabels(),
        )
        self.env.globals.update(urls=urls, site_pages=urls.SITE_PAGES)
        snippets = Snippets(env)
        self.env.filters.update(stance_badge=snippets.stance_badge, theme_link=snippets.theme_link, status_badge=snippets.status_badge)

    @classmethod
    def for_edition(cls, templates: Path, edition: Edition, glossary: tuple[GlossaryTerm, ...] = ()) -> "Renderer":
        """The renderer of one edition of the site, declaring the policy that edition needs."""
        policy = content_security_policy(edition.live_reload)
        return cls(templates, edition.site_name, edition.directory_urls, policy, glossary, edition.report_mistakes, edition.edit_links)

    def anew(self, glossary: tuple[GlossaryTerm, ...] = ()) -> "Renderer":
        """A renderer for another build of the same templates and edition (the preview, after an
        edit): fresh paragraph and quotation caches, the compiled templates kept."""
        renewed = copy.copy(self)
        renewed.paragraphs = ParagraphHtml(glossary, self.directory_urls)
        renewed.quotations = QuotationHtml(renewed._quotation, self.directory_urls)
        return renewed

    def render(self, page: PageSpec, variables: Mapping[str, Any] | None = None) -> RenderedPage:
        """The page's HTML; `variables` are its context already made (the preview's), if given."""
        template = self.env.get_template(page.template)

        links: dict[str, str] = {}  # a page links to the same few places again and again (themes, the glossary)

        def link(to: str) -> str:
            found = links.get(to)
            if found is None:
                found = links[to] = urls.relative(page.path, to, self.directory_urls)
            return found

        def quote(found: Iterable[Quotation], councils: Mapping[str, Council] | None = None) -> Markup:
            """Paragraphs quoted on a theme page (each made once per build), and where they come from."""
            return Markup(self.quotations.of(found, councils, page.path, link))

        html = template.render(
            page=page, link=link, paragraph=self._paragraph_in(urls.root_prefix(page.path)), quote=quote,
            site_name=self.site_name, content_security_policy=self.policy, report_mistakes=self.report_mistakes, edit_links=self.edit_links,
            **(dict(page.context.items()) if variables is None else variables),
        )
        return RenderedPage(urls.output_file(page.path), html)

    def _paragraph_in(self, root: str) -> Callable[[Document, Paragraph], Markup]:
        """A paragraph's HTML on a page whose way up to the site root is `root`."""

        def paragraph(document: Document, p: Paragraph) -> Markup:
            """A paragraph's Markdown as HTML (rendered once per build), glossary terms marked."""
            return Markup(self.paragraphs.of(document, p, root))

        return paragraph

    def compile_templates(self) -> None:
        """Compile every template now: workers forked after this inherit them compiled instead of
        each compiling its own."""
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)

    @cached_property
    def _quotation_macro(self) -> jinja2.runtime.Macro:
        return self.env.get_template("partials/quotation.html").module.quotation

    def _quotation(self, q: Quotation, council_name: str | None, link: Callable[[str], str], root: str) -> str:
        macro = self._quotation_macro
        text = Markup(self.paragraphs.of(q.document, q.paragraph, root))
        return str(macro(q, council_name, link, text))  # plain text: Markup.replace would escape


class Snippets:
    """Small pieces of pages that depend on their arguments alone, made once for each distinct
    set of arguments and reused on every page: a paragraph's stance badge and theme links, and
    what became of a weakness, which templates write as `p.stance|stance_badge(link)`,
    `theme|theme_link(link)` and `w.status|status_badge` (a filter costs a template a quarter of
    what a call does, an eighth of what a macro's does).

    A page of a document shows them on nearly every paragraph; calling their macros each time
    was a sixth of the time taken to render every page. Each snippet is a macro of its own
    template, taken from the template's module made without any page's context, so its output
    cannot depend on anything but its arguments (text, hence cheap to compare). The arguments are
    few (a stance and a link, a theme and a link, one of four statuses), so the kept pieces stay few."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.kept: dict[tuple[str, ...], Markup] = {}

    def stance_badge(self, stance: Stance, link: Callable[[str], str]) -> Markup:
        """The paragraph's stance (model.Stance) as a badge linking to its meaning in the glossary."""
        return self._made("partials/stances.html", "stance", stance.value, link(urls.stance_meaning(stance.value)))

    def status_badge(self, status: FollowUpStatus) -> Markup:
        """What later documents say became of a weakness (model.FollowUpStatus), in words."""
        return self._made("partials/grade.html", "status", status.value)

    def theme_link(self, theme: Theme, link: Callable[[str], str]) -> Markup:
        """The theme as a link to what every council's documents say on it."""
        return self._made("partials/theme_link.html", "theme_link", theme.name, theme.definition, link(urls.theme(theme)))

    def _made(self, template: str, macro: str, *args: str) -> Markup:
        key = (macro, *args)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = Markup(getattr(self.env.get_template(template).module, macro)(*args))
        return found


# Filters that reach the page's own functions: a filter costs the template a tenth of a call.

@jinja2.pass_context
def link_filter(context: jinja2.runtime.Context, to: str) -> str:
    """`path|link`: the page's link to a site path."""
    return context["link"](to)


@jinja2.pass_context
def html_filter(context: jinja2.runtime.Context, p: Paragraph, document: Document) -> Markup:
    """`p|html(document)`: the paragraph's HTML on this page."""
    return context["paragraph"](document, p)


def grade_text(grade: Grade) -> str:
    """What was printed, in words: 'grade 3 on the APA 4-point scale (4 = outstanding)'."""
    scale = grade.scale.short_name
    if grade.printed_grade is not None and grade.printed_word:
        return f"printed as grade {grade.printed_grade} ({grade.printed_word}) on the {scale}"
    if grade.printed_grade is not None:
        return f"printed as grade {grade.printed_grade} on the {scale}"
    return f"printed as the word “{grade.printed_word}”, no grade number, on the {scale}"


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_TURN = re.compile(r"\b(however|but|although|though|despite|not yet|remains?|still)\b", re.IGNORECASE)


def excerpt(paragraph: Paragraph) -> str:
    """A paragraph quoted by its opening sentence, for summaries that link to the whole of it; a
    mixed finding also by the first later sentence that turns against it ("However, ...", "...
    but ..."), so that it does not read as praise. Words left out are marked "…"."""
    sentences = _SENTENCE_END.split(plain_text(paragraph.text))
    chosen = [0]
    if paragraph.stance is Stance.MIXED and not _TURN.search(sentences[0]):
        turn = next((i for i, sentence in enumerate(sentences[1:], 1) if _TURN.search(sentence)), None)
        chosen += [turn] if turn is not None else []
    parts = []
    for index in chosen:
        if index > 1:
            parts.append("…")
        parts.append(sentences[index])
    if chosen[-1] < len(sentences) - 1:
        parts.append("…")
    return " ".join(parts)


def label_class(label: Label) -> str:
    return "label-" + label.value.replace(" ", "-")
