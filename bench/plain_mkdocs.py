"""Plain MkDocs 1.6 for comparison: the same text as Markdown, the default theme, search on.

MkDocs is installed into the benchmark's own virtual environment in the user's cache folder, so
its version does not depend on the project's. Each document becomes
docs/councils/<council>/<document>.md: the title as `#`, sections as `##` (nested ones deeper),
paragraphs as text. MkDocs makes its own navigation from the files, as it does by default.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import yaml

REQUIREMENT = "mkdocs>=1.6,<2"
CONFIG = """site_name: Plain MkDocs benchmark
docs_dir: docs
site_dir: site
theme:
  name: mkdocs
plugins:
  - search
"""


def environment() -> Path:
    """The benchmark's virtual environment with MkDocs 1.6, made on first use; returns its Python."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evidence-bench"
    folder = cache / "mkdocs-1.6-venv"
    python = folder / "bin" / "python"
    if not (python.exists() and subprocess.run([python, "-c", "import mkdocs"], capture_output=True).returncode == 0):
        print(f"installing {REQUIREMENT} into {folder} ...", file=sys.stderr, flush=True)
        venv.create(folder, with_pip=True, clear=True)
        pip = subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", REQUIREMENT],
                             capture_output=True, text=True)
        if pip.returncode != 0:
            sys.exit(f"could not install {REQUIREMENT} into {folder}:\n{pip.stdout}{pip.stderr}")
    return python


def version(python: Path) -> str:
    return subprocess.run([python, "-c", "import mkdocs; print(mkdocs.__version__)"],
                          capture_output=True, text=True, check=True).stdout.strip()


def make_project(content: Path, root: Path) -> None:
    """mkdocs.yml and docs/ in `root`, from the documents of a content folder."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Plain MkDocs benchmark\n", encoding="utf-8")
    for path in sorted(content.glob("councils/*/documents/*.yaml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        page = docs / "councils" / path.parent.parent.name / f"{document['id']}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("\n\n".join([f"# {document['title']}", *_blocks(document["sections"], 2)]) + "\n",
                        encoding="utf-8")


def _blocks(sections: list[dict], level: int) -> list[str]:
    blocks = []
    for section in sections:
        if section.get("heading"):
            blocks.append(f"{'#' * min(level, 6)} {section['heading']}")
        blocks += [paragraph["text"] for paragraph in section.get("paragraphs", [])]
        blocks += _blocks(section.get("sections", []), level + 1)
    return blocks


def command(python: Path) -> list[str]:
    return [str(python), "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"]
