"""The JSON contract: every command's --json validates against its shipped schema, record() works on
every record type, records print short and serialise without cycles."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyivcli
from kyivcli.contract import schema

COMMANDS = [
    ("info", []), ("sections", []), ("show", ["1.1"]), ("dates", []), ("events", ["--all"]), ("units", []),
    ("places", ["--dates"]), ("places", []), ("search", ["--town", "Bucha", "-C", "1"]), ("timeline", []),
    ("map", []), ("track", ["79th"]), ("gazetteer", []),
]


@pytest.mark.parametrize("command,args", COMMANDS, ids=[" ".join([c, *a]) for c, a in COMMANDS])
def test_json_output_validates_against_its_schema(cli, command, args):
    r = cli(command, *args, "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data, "an empty output would validate trivially"
    jsonschema.validate(data, schema(command))


def test_schema_rejects_a_renamed_key():
    row = kyivcli.record(kyivcli.open().events()[0])
    row["text"] = row.pop("sentence")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([row], schema("events"))


def test_record_works_on_every_record_type():
    art = kyivcli.open()
    records = [art.dates[0], art.units[0], art.places[0], art.events()[0], art.search("Bucha")[0],
               art.timeline(), art.map(), art.document, art.document.sections[0], art.timeline().days[0],
               art.timeline().phases[0]]
    for r in records:
        d = kyivcli.record(r)
        assert isinstance(d, dict) and d
        json.dumps(d)  # plain JSON all the way down
    with pytest.raises(TypeError):
        kyivcli.record("not a record")  # type: ignore[arg-type]


def test_reprs_are_short_and_asdict_has_no_cycles():
    art = kyivcli.open()
    for r in [art.places[0], art.units[0], art.dates[0], art.events()[0], art.document,
              art.document.sentences[10], art.document.sections[0], art.map()]:
        assert len(repr(r)) < 500, type(r).__name__
    for r in [art.places[0], art.units[0], art.dates[0], art.document.sentences[10], art.document.sections[0]]:
        assert dataclasses.asdict(r)
    with pytest.raises(dataclasses.FrozenInstanceError):
        art.units[0].side = "x"  # type: ignore[misc]


def test_same_names_across_commands(cli):
    """'text' is the matched expression, 'sentence' the sentence, in every command that has them."""
    date = cli("dates", "--json").json()[3]
    event = cli("events", "--json").json()[0]
    hit = cli("search", "Bucha", "--json").json()[0]
    assert date["text"] in date["sentence"]
    assert "text" not in event and "text" not in hit
    assert event["sentence"] and hit["sentence"] and hit["match"][0]["text"].lower() == "bucha"


def test_date_rows_carry_a_capped_sentence():
    long = "On 3 March 2022 the brigade attacked " + "and attacked again " * 40 + "the town."
    row = kyivcli.record(kyivcli.parse_text(long).dates[0])
    assert len(row["sentence"]) == 300 and row["sentence"].endswith("…")


def test_json_schema_version_is_reported(cli):
    assert cli("info", "--json").json()["schema_version"] == kyivcli.SCHEMA_VERSION
    assert kyivcli.SCHEMA_VERSION in cli("--version").out


def test_corpus_schemas_are_the_single_article_schemas_plus_article():
    for name in ("dates", "events", "places", "search", "track", "units"):
        one, many = schema(name)["items"], schema(f"corpus-{name}")["items"]
        assert {k: v for k, v in many["properties"].items() if k != "article"} == one["properties"], name
        assert "article" in many["properties"]


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


@given(_JSON_VALUES)
def test_json_written_item_by_item_is_the_same_text(value):
    import io

    from kyivcli.cli.render import json_format
    from kyivcli.cli.render.json_format import dumps, render

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(json_format, "WHOLE", 0)  # every list item by item
        render(value, out)
    assert out.getvalue() == dumps(value) + "\n"
    assert json.loads(out.getvalue()) == value
