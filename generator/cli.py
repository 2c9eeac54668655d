"""Command line: `python -m generator check` validates all content and exits 0 or 1; `schema`
writes the JSON Schemas of the content files; `bundle` builds the offline site."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import Abort

from .bundle import build_bundle
from .content_schema import schema_text, schemas
from .diff_report import as_markdown, as_text
from .new_content import CannotMake, NewFiles, new_council, new_document
from .revisions import RevisionError, content_at
from .semantic_diff import differences
from .errors import ContentInvalid
from .validate import load_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every content file and report every problem as path:line:column")
    check.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    check.add_argument("--format", choices=("plain", "github"), default="plain", help="github prints CI annotations")
    schema = commands.add_parser("schema", help="write the JSON Schema of every kind of content file into schemas/ (editors' YAML support reads them)")
    schema.add_argument("--content", type=Path, default=Path("content"), help="the content folder, whose registries give the enums (default: content)")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="where to write them (default: schemas)")
    schema.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file in --out differs from what would be written")
    diff = commands.add_parser("diff", help="what changed in meaning between two versions of the content: documents, judgements, paragraphs, themes, follow-ups, notes")
    diff.add_argument("base", help="the git revision to compare from (a branch, a tag, a commit)")
    diff.add_argument("head", nargs="?", help="the git revision to compare to (default: the content as it is in the working tree)")
    diff.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown for a pull-request comment")
    new = commands.add_parser("new", help="start a council, or draft a document from its PDF or extracted text")
    things = new.add_subparsers(dest="thing", required=True)
    council = things.add_parser("council", help="make content/councils/<id>/ with its council.yaml")
    council.add_argument("id", help="the council's id: lower-case letters, digits and hyphens (its folder's name)")
    council.add_argument("--name", default="", help="its full name, as printed")
    council.add_argument("--short-name", default="", help="its name in running text")
    council.add_argument("--region", default="", help="its region of England")
    document = things.add_parser("document", help="save a document's text under sources/ and draft its YAML under documents/")
    document.add_argument("--council", required=True, help="the council's id (make it first with `new council`)")
    document.add_argument("--kind", required=True, help="the document kind's id (see content/document-kinds.yaml)")
    document.add_argument("--source", required=True, type=Path, help="the published PDF, or its text already extracted (.txt)")
    for command in (council, document):
        command.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    bundle = commands.add_parser("bundle", help="build the offline site as dist/<name>-offline-<content date>.zip")
    bundle.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration (default: mkdocs.yml)")
    bundle.add_argument("--dist", type=Path, default=Path("dist"), help="where to write the zip (default: dist)")
    args = parser.parse_args(argv)
    if args.command == "bundle":
        return _bundle(args.config, args.dist)
    if args.command == "schema":
        return _schema(args.content, args.out, args.check)
    if args.command == "diff":
        return _diff(args.base, args.head, args.format)
    if args.command == "new":
        try:
            made = new_council(args.content, args.id, args.name, args.short_name, args.region) if args.thing == "council" \
                else new_document(args.content, args.council, args.kind, args.source)
        except CannotMake as refused:
            print(f"Nothing was written: {refused}", file=sys.stderr)
            return 1
        return _report_new(made, args.content)
    return _check(args.content, args.format)


def _bundle(config: Path, dist: Path) -> int:
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        target = build_bundle(config, dist)
    except Abort as failure:
        print(f"The bundle was not built: {failure}", file=sys.stderr)
        return 1
    print(f"Offline bundle: {target} ({target.stat().st_size // 1024} KiB). Unzip it and open index.html.")
    return 0


def _diff(base: str, head: str | None, output_format: str) -> int:
    repository = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="evidence-diff-") as scratch:
        corpora = []
        for revision, folder in ((base, "base"), (head, "head")):
            name = revision or "the working tree"
            try:
                if revision is None:
                    corpora.append(load_corpus(repository / "content", repository))
                else:
                    corpora.append(load_corpus(content_at(revision, repository, "content", Path(scratch) / folder), Path(scratch) / folder))
            except RevisionError as failure:
                print(f"Cannot compare: {failure}", file=sys.stderr)
                return 2
            except ContentInvalid as invalid:
                for error in invalid.errors:
                    print(error, file=sys.stderr)
                print(f"Cannot compare: the content of {name} is invalid (above).", file=sys.stderr)
                return 1
        changes = differences(*corpora)
    report = as_markdown if output_format == "markdown" else as_text
    print(report(changes, base, head or "working tree"), end="")
    return 0


def _report_new(made: NewFiles, content: Path) -> int:
    """What was made, then what is left to do in it: the checker's errors in those files."""
    for path in made.paths:
        print(f"Made {path}")
    try:
        load_corpus(content, Path.cwd())
    except ContentInvalid as invalid:
        mine = [e for e in invalid.errors if e.location.path in made.paths]
        if mine:
            print(f"{len(mine)} thing{'s' if len(mine) != 1 else ''} left to do, each at its line (python -m generator check lists them again):")
            for error in mine:
                print(f"  {error}")
        others = len(invalid.errors) - len(mine)
        if others:
            print(f"(and {others} problem{'s' if others != 1 else ''} elsewhere in the content: python -m generator check)")
        return 0
    print("Nothing left to do: the content is valid.")
    return 0


def _schema(content: Path, out: Path, check_only: bool) -> int:
    try:
        corpus = load_corpus(content, Path.cwd())
    except ContentInvalid as invalid:
        for error in invalid.errors:
            print(error, file=sys.stderr)
        print("The schemas take their themes, kinds and scales from valid content: fix these first.", file=sys.stderr)
        return 1
    stale = []
    for name, schema in schemas(corpus.registries):
        path, text = out / name, schema_text(schema)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(str(path))
        if not check_only:
            out.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check_only and stale:
        print(f"Out of date (run python -m generator schema): {', '.join(stale)}", file=sys.stderr)
        return 1
    print(f"{'Checked' if check_only else 'Wrote'} the schemas in {out}/: {len(stale) if not check_only else 0} changed.")
    return 0


def _check(content: Path, output_format: str) -> int:
    try:
        corpus = load_corpus(content, Path.cwd())
    except ContentInvalid as invalid:
        _print_notes(invalid.notes, output_format)
        for error in invalid.errors:
            print(error.as_github_annotation() if output_format == "github" else error, file=sys.stderr)
        print(f"{len(invalid.errors)} content error{'s' if len(invalid.errors) != 1 else ''} found.", file=sys.stderr)
        return 1
    _print_notes(corpus.notes, output_format)
    paragraphs = sum(1 for d in corpus.documents for _ in d.paragraphs())
    judgements = sum(len(d.judgements) for d in corpus.documents)
    print(f"Content is valid: {len(corpus.councils)} council(s), {len(corpus.documents)} documents, {paragraphs} paragraphs, {judgements} judgements.")
    return 0


def _print_notes(notes, output_format: str) -> None:
    """Files skipped on purpose: told, never errors."""
    for note in notes:
        print(note.as_github_annotation("notice") if output_format == "github" else f"{note.location}: note: {note.message}", file=sys.stderr)
