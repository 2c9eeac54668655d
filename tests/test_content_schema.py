"""The JSON Schemas of the content files (generator/content_schema.py): in step with the model,
accepting every bundled file, refusing each broken fixture whose fault a schema can express."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.content_schema import schema_text, schemas
from generator.errors import ContentInvalid
from generator.validate import load_corpus

from .conftest import FIXTURES, PROJECT
from .test_validate import CASES

SCHEMAS = PROJECT / "schemas"


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors' tools read it (YAML 1.2 core schema, as yaml-language-server does):
    only true/false are booleans and dates stay text ("yes" and 2011-05-01 are strings)."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def validator_for(path: Path) -> Draft202012Validator:
    """The schema an editor's settings give this file (.vscode/settings.json)."""
    if path.parent.name == "documents":
        name = "document.schema.json"
    elif path.name == "council.yaml":
        name = "council.schema.json"
    else:
        name = path.name.replace(".yaml", ".schema.json")
    return Draft202012Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def schema_errors(path: Path) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator_for(path).iter_errors(data)]


def content_files(content: Path) -> list[Path]:
    return sorted([*content.glob("*.yaml"), *content.glob("councils/*/council.yaml"), *content.glob("councils/*/documents/*.yaml")])


def test_the_schemas_are_those_the_model_gives(corpus):
    """schemas/ is what `python -m generator schema` writes from the model and the registries."""
    written = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.json")}
    assert written == {name: schema_text(schema) for name, schema in schemas(corpus.registries)}


@pytest.mark.parametrize("path", content_files(PROJECT / "content") + content_files(FIXTURES / "content"), ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_bundled_file_is_valid_against_its_schema(path):
    assert schema_errors(path) == []


# The broken fixtures of test_validate.py whose fault a schema can say: keys, types, the form of
# a date and the lists of themes, kinds, scales, stances and statuses. The others are beyond it
# (YAML syntax, duplicate keys, anchors and tags are the YAML reader's to refuse; real dates,
# grades on their scale, links between files and what text says are the validator's).
EXPRESSIBLE = {
    "unknown field, with a suggestion", "missing field", "wrong type", "list where text belongs",
    "date in another form", "unknown theme", "unknown kind", "unknown scale", "stance not in the list",
    "follow-up of a strength, from the same document, with a bad status",
    "inferred field that is not one of the entry's", "table_prints without a table, and a value it cannot take",
}


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in EXPRESSIBLE], ids=lambda c: c[0])
def test_the_schema_refuses_what_it_can_express(tree, case):
    name, file, old, new, _ = case
    assert schema_errors(tree.root / file) == []
    tree.replace(file, old, new)
    with pytest.raises(ContentInvalid):
        load_corpus(tree.content, tree.root)
    assert schema_errors(tree.root / file), f"the schema accepts: {name}"


def test_each_expressible_case_is_a_broken_fixture():
    assert EXPRESSIBLE <= {c[0] for c in CASES}


def test_editors_get_the_schemas_by_file_name():
    """VS Code's YAML extension (and Codespaces) maps each content file to its schema."""
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    assert set(mapped) == {f"./schemas/{p.name}" for p in SCHEMAS.glob("*.json")}
    assert mapped["./schemas/document.schema.json"] == ["content/councils/*/documents/*.yaml"]
