"""Benchmark corpora: the bundled councils copied under new ids, so N councils of real documents.

A copy keeps every document word for word and gives the council, its documents and its
referenced documents new ids (ids are corpus-wide), so the copies cross-link among themselves
exactly as the original does.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DOCUMENTS_PER_COUNCIL = len(list((PROJECT / "content" / "councils").glob("*/documents/*.yaml")))


def environment() -> dict[str, str]:
    """This process's environment with the project importable, for the commands run in a corpus
    folder (which an editable install would also give)."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))}


def councils_for(documents: int) -> int:
    """How many copies of the bundled councils make at least `documents` documents."""
    return max(1, -(-documents // DOCUMENTS_PER_COUNCIL))


def make_project(root: Path, councils: int) -> int:
    """A project folder (mkdocs.yml, templates/, content/) with `councils` copies of every bundled
    council; returns the number of documents."""
    for name in ("templates", "mkdocs.yml"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return make_content(root / "content", councils)


def make_content(content: Path, councils: int) -> int:
    """The content folder alone: the registries and `councils` copies of every bundled council."""
    content.mkdir(parents=True)
    for registry in (PROJECT / "content").glob("*.yaml"):
        shutil.copy(registry, content / registry.name)
    for original in sorted((PROJECT / "content" / "councils").iterdir()):
        ids = [p.stem for p in (original / "documents").glob("*.yaml")]
        ids += re.findall(r"^  - id: (\S+)$", (original / "council.yaml").read_text(encoding="utf-8"), flags=re.M)
        for copy in range(councils):
            council_id = original.name if copy == 0 else f"{original.name}-copy-{copy}"
            target = content / "councils" / council_id
            shutil.copytree(original, target)
            if copy:
                _rename(target, original.name, council_id, ids, copy)
    return len(document_files(content))


def document_files(content: Path) -> list[Path]:
    """Every document YAML file of a content folder, in a stable order."""
    return sorted(content.glob("councils/*/documents/*.yaml"))


def _rename(folder: Path, council: str, new_council: str, ids: list[str], copy: int) -> None:
    """Give a copied council its own id and its documents their own ids (ids are corpus-wide)."""
    id_pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")\b")
    for path in [folder / "council.yaml", *(folder / "documents").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"^(id|council): {re.escape(council)}$", rf"\1: {new_council}", text, flags=re.M)
        text = id_pattern.sub(lambda m: f"{m.group(1)}-c{copy}", text)
        path.write_text(text, encoding="utf-8")
        if path.parent.name == "documents":
            path.rename(path.with_name(f"{path.stem}-c{copy}.yaml"))
    for source in (folder / "sources").glob("*.txt"):
        source.rename(source.with_name(f"{source.stem}-c{copy}.txt"))
