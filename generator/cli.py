"""Command line: `python -m generator check` validates all content and exits 0 or 1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentInvalid
from .validate import load_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every content file and report every problem as path:line:column")
    check.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    check.add_argument("--format", choices=("plain", "github"), default="plain", help="github prints CI annotations")
    args = parser.parse_args(argv)
    return _check(args.content, args.format)


def _check(content: Path, output_format: str) -> int:
    try:
        corpus = load_corpus(content, Path.cwd())
    except ContentInvalid as invalid:
        for error in invalid.errors:
            print(error.as_github_annotation() if output_format == "github" else error, file=sys.stderr)
        print(f"{len(invalid.errors)} content error{'s' if len(invalid.errors) != 1 else ''} found.", file=sys.stderr)
        return 1
    paragraphs = sum(1 for d in corpus.documents for _ in d.paragraphs())
    judgements = sum(len(d.judgements) for d in corpus.documents)
    print(f"Content is valid: {len(corpus.councils)} council(s), {len(corpus.documents)} documents, {paragraphs} paragraphs, {judgements} judgements.")
    return 0
