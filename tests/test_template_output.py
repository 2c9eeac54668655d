"""Templates write values out escaped exactly as MarkupSafe would, without a Markup object for each."""

import random

import jinja2
import pytest
from markupsafe import Markup, escape

from generator.template_output import PageEnvironment, escaped_text


def test_text_is_escaped_exactly_as_markupsafe_escapes_it():
    alphabet = "&<>'\"a é“”\x85\u2028#;"
    rng = random.Random(8)
    samples = ["", "plain", "&amp; is already an entity", *("".join(rng.choices(alphabet, k=rng.randint(1, 30))) for _ in range(2000))]
    for text in samples:
        assert escaped_text(text) == str(escape(text)), text


def test_markup_is_written_as_it_is_and_other_values_as_markupsafe_writes_them():
    markup = Markup("<em>kept</em>")
    assert escaped_text(markup) is markup

    class Html:
        def __html__(self):
            return "<b>own html</b>"

    assert escaped_text(Html()) == "<b>own html</b>"
    assert escaped_text(3) == "3"
    assert escaped_text(None) == "None"


def test_a_page_template_escapes_text_keeps_markup_and_refuses_an_undefined_value():
    env = PageEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    assert "environment.escaped_text(" in env.compile("{{ text }}", raw=True)  # not Jinja's own escape
    template = env.from_string("{{ text }}|{{ safe }}|{{ number }}{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}|{{ m(text) }}")
    html = template.render(text="<script>alert('x')</script>", safe=Markup("<b>b</b>"), number=7)
    assert html == ("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;|<b>b</b>|7|"
                    "<i>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</i>")
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
