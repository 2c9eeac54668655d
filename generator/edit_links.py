"""Links from a document page to its YAML file on the repository host, for "Edit this document"
and, for each paragraph, "Suggest a correction" at the paragraph's line: `repo_url` and
`edit_uri` in mkdocs.yml, read as MkDocs reads them (edit_uri relative to repo_url, pointing at
docs_dir, which is content/: `edit_uri: edit/main/content/` on GitHub). Not set, or in the
offline bundle, pages have no such links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from . import urls
from .link_policy import link_problem
from .model import Document, Paragraph


@dataclass(frozen=True)
class EditLinks:
    edit_base: str  # repo_url joined with edit_uri: a content file's path is added to it
    view_base: str  # the same with "edit/" read as "blob/" (GitHub, GitLab), where #L<line> lands on the line

    @classmethod
    def of(cls, repo_url: str | None, edit_uri: str | None) -> "EditLinks | None":
        """The links of a site whose repository is given, else None (also for an address that is
        not http(s), which no page may link to)."""
        if not repo_url or not edit_uri:
            return None
        base = repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
        if link_problem(base) is not None or urlsplit(base).scheme.lower() not in ("http", "https"):
            return None
        return cls(base, base.replace("/edit/", "/blob/", 1))

    def document(self, document: Document) -> str:
        return self.edit_base + urls.content_file(document)

    def paragraph(self, document: Document, paragraph: Paragraph) -> str:
        return f"{self.view_base}{urls.content_file(document)}#L{paragraph.line}"
