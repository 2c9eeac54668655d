"""The Python floor: the least any Python generator of this site must do, in one process.

Parse every document YAML (libyaml), render every paragraph's Markdown (markdown-it-py), render
one page per document from one Jinja template (title, section headings, paragraphs) and write it
to <site>/councils/<council>/<document>/index.html. No validation, no cross-links, no other pages.

    python bench/floor.py CONTENT_DIR SITE_DIR
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markdown_it import MarkdownIt

PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
{% for heading, paragraphs in sections %}<section>{% if heading %}<h2>{{ heading }}</h2>{% endif %}
{% for html in paragraphs %}<div class="paragraph">{{ html | safe }}</div>
{% endfor %}</section>
{% endfor %}</main></body></html>
""")


def sections(items: list[dict[str, Any]], markdown: MarkdownIt) -> Iterator[tuple[str, list[str]]]:
    """Each section, nested ones in document order, as its heading and its paragraphs' HTML."""
    for section in items:
        yield section.get("heading", ""), [markdown.render(p["text"]) for p in section.get("paragraphs", [])]
        yield from sections(section.get("sections", []), markdown)


def build(content: Path, site: Path) -> int:
    markdown = MarkdownIt("commonmark", {"html": False})
    documents = sorted(content.glob("councils/*/documents/*.yaml"))
    for path in documents:
        with path.open(encoding="utf-8") as file:
            document = yaml.load(file, Loader=yaml.CSafeLoader)
        page = site / "councils" / path.parent.parent.name / document["id"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        html = PAGE.render(title=document["title"], sections=list(sections(document["sections"], markdown)))
        page.write_text(html, encoding="utf-8")
    return len(documents)


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
