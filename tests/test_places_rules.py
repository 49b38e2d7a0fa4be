"""Typed place rules are data (resources/places.json): each carries examples, checked here; a broken rule
fails when the resource loads."""

from __future__ import annotations

import pytest

import kyivcli
from kyivcli.extract.places.typed import HANDLERS, RuleError, check_rule
from kyivcli.resources import resource

RULES = resource("places")["typed"]
EXAMPLES = [(i, ex) for i, r in enumerate(RULES) for ex in r.get("examples", [])]  # {text, name, kind} or {text, absent}


def test_every_rule_has_a_known_handler_and_examples():
    for i, r in enumerate(RULES):
        assert r["handler"] in HANDLERS, i
        assert r.get("examples"), f"rule {i} ({r['kind']}) has no examples"


@pytest.mark.parametrize(("i", "ex"), EXAMPLES, ids=[f"{i}:{ex['text'][:30]}" for i, ex in EXAMPLES])
def test_rule_examples(i, ex):
    a = kyivcli.parse_text(f"# T\n\n{ex['text']}.\n", name="t.md")
    got = {p.name: p.kind for p in a.places}
    if "absent" in ex:  # an example of what the rule must not read as a place
        assert ex["absent"] not in got, (RULES[i]["re"], got)
    else:
        assert got.get(ex["name"]) == ex["kind"], (RULES[i]["re"], got)


@pytest.mark.parametrize(("spec", "message"), [
    ({"kind": "hill", "handler": "nonsense", "re": "(?P<name>{NAME}) Hill", "needs": ["hill"]}, "unknown handler"),
    ({"kind": "hill", "handler": "name", "re": "(?P<name>x*)", "needs": ["hill"]}, "empty string"),
    ({"kind": "hill", "handler": "keep_type", "re": "(?P<name>{NAME}) Hill", "needs": ["hill"]}, "group named 'type'"),
    ({"kind": "hill", "handler": "name", "re": "(?P<name>{NAME}", "needs": ["hill"]}, "bad pattern"),
    ({"kind": "hill", "handler": "name", "re": "(?P<name>{NAME}) Hill", "needs": []}, "needs"),
])
def test_a_broken_rule_fails_at_load_with_a_clear_error(spec, message):
    with pytest.raises(RuleError, match=message) as e:
        check_rule(7, spec)
    assert "rule 7" in str(e.value) and "\n" not in str(e.value)


def test_the_loader_checks_the_rules(monkeypatch):
    from kyivcli.extract.places import geoparse

    bad = dict(resource("places"))
    bad["typed"] = [*bad["typed"], {"kind": "x", "handler": "frobnicate", "re": "(?P<name>{NAME})", "needs": ["x"]}]
    monkeypatch.setattr(geoparse, "resource", lambda name: bad if name == "places" else resource(name))
    monkeypatch.setattr(geoparse, "derived", lambda name, build, *code, **kw: build())  # not the machine's cache
    geoparse._data.cache_clear()
    try:
        with pytest.raises(RuleError, match="frobnicate"):
            geoparse._data()
    finally:
        geoparse._data.cache_clear()
