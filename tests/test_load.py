"""The strict loader: plain text scalars with their places; what YAML would hide is refused."""

from __future__ import annotations

from generator.load import Mapping, Scalar, Sequence, load_yaml_text


def test_scalars_stay_text_with_their_place():
    loaded = load_yaml_text("answer: no\nwhen: 2008-12-17\nmode: 0755\nlist: [a, 'b']\n", "f.yaml")
    assert loaded.errors == ()
    root = loaded.root
    assert isinstance(root, Mapping)
    assert [root.get(k).value for k in ("answer", "when", "mode")] == ["no", "2008-12-17", "0755"]
    assert str(root.get("mode").location) == "f.yaml:3:7"
    items = root.get("list")
    assert isinstance(items, Sequence) and [i.value for i in items.items] == ["a", "b"]
    assert items.items[0].plain and not items.items[1].plain


def test_block_text_knows_where_each_line_is():
    loaded = load_yaml_text("text: |-\n  first line\n  second <b> line\n", "f.yaml")
    text = loaded.root.get("text")
    assert isinstance(text, Scalar)
    assert str(text.location_of(text.value.index("<b>"))) == "f.yaml:3:10"


def test_refusals_name_their_place():
    cases = {
        "a: 1\nb: 2\na: 3\n": "f.yaml:3:1: duplicate key 'a' (first given at line 1); YAML would silently keep only the last one",
        "a: &x 1\n": "f.yaml:1:4: YAML anchor '&x' is not allowed: content is plain data, write the value out",
        "base: {x: 1}\nb:\n  <<: {x: 1}\n": "f.yaml:3:3: YAML merge key '<<' is not allowed: content is plain data",
        "a: !!int 3\n": "f.yaml:1:4: YAML tag 'tag:yaml.org,2002:int' is not allowed: content is plain data",
        "a: 1\n---\nb: 2\n": "f.yaml:2:1: a content file holds one YAML document; remove the second '---'",
        "a: 'open\n": "f.yaml:2:1: YAML syntax error: while scanning a quoted scalar found unexpected end of stream",
    }
    for text, message in cases.items():
        assert [str(e) for e in load_yaml_text(text, "f.yaml").errors] == [message], text
