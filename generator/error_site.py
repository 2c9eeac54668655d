"""The stand-in site the `mkdocs serve` preview shows while the content is invalid.

One page, templates/error.html, lists every problem as path:line:column: message. It is written at
every page path of the last good build, so whichever page the editor has open reloads into it,
and at the home page and 404.html for pages that never existed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import urls
from .errors import ContentError
from .pages import Edition, PageSpec
from .pipeline import OutputFile, SiteBuild
from .render import Renderer

NOT_FOUND_PAGE = "404.html"  # what `mkdocs serve` answers for a path with no file


def error_site(templates: Path, edition: Edition, problems: list[ContentError], page_paths: Iterable[str]) -> tuple[OutputFile, ...]:
    """The error page at each of `page_paths` and the home page (links relative to each), plus 404.html."""
    renderer = Renderer.for_edition(templates, edition)
    title = problems_title(len(problems))
    files = [
        OutputFile(rendered.path, rendered.html)
        for rendered in (
            renderer.render(PageSpec(path, "error.html", title, {"problems": problems}))
            for path in sorted({urls.home(), *page_paths})
        )
    ]
    home = next(file for file in files if file.path == urls.output_file(urls.home()))
    files.append(OutputFile(NOT_FOUND_PAGE, home.content))
    return tuple(files)


def problems_title(count: int) -> str:
    if count == 1:
        return "The content has 1 problem; the site will reload when it is fixed"
    return f"The content has {count} problems; the site will reload when they are fixed"


def page_paths(site: SiteBuild) -> tuple[str, ...]:
    """The site paths of the pages a build wrote (each page is the file `<path>index.html`)."""
    page_file = urls.output_file(urls.home())
    return tuple(path.removesuffix(page_file) for path in site.paths if path.endswith(page_file))
