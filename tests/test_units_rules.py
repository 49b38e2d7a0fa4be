"""The unit grammar is data: every rule's examples hold, and a malformed rule fails when the resource loads."""

from __future__ import annotations

import copy

import pytest

import kyivcli
from kyivcli.extract.units.recognize import HANDLERS, GrammarError, grammar, load_grammar
from kyivcli.resources import resource

RULES = resource("units")["rules"]


def _units(text: str) -> dict:
    return {u.name: u for u in kyivcli.parse_text(text, name="t.md").units}


@pytest.mark.parametrize("rule", RULES, ids=[r["name"] for r in RULES])
def test_rule_examples(rule):
    assert rule["examples"], f"{rule['name']} has no examples"
    for ex in rule["examples"]:
        got = _units(ex["text"])
        for name in ex["units"]:
            assert name in got, f"{rule['name']}: {ex['text']!r} gave {sorted(got)}, wanted {name!r}"
        if not ex["units"]:
            assert not got, f"{rule['name']}: {ex['text']!r} should give no unit, gave {sorted(got)}"
        for name, side in ex.get("sides", {}).items():
            assert got[name].side == side, f"{rule['name']}: {name} side {got[name].side!r}, wanted {side!r}"
            assert got[name].side_evidence and got[name].side_evidence.rule


def test_every_rule_names_a_known_handler():
    assert {r["handler"] for r in RULES} <= set(HANDLERS)
    assert len(grammar().rules) == len(RULES)


def _broken(**change) -> dict:
    d = copy.deepcopy(resource("units"))
    d["rules"][0].update(change)
    return d


def test_unknown_handler_fails_at_load():
    with pytest.raises(GrammarError, match="unknown handler"):
        load_grammar(_broken(handler="no_such_handler"))


def test_pattern_matching_empty_string_fails_at_load():
    with pytest.raises(GrammarError, match="empty string"):
        load_grammar(_broken(pattern=r"(?:\bArmy)?"))


def test_rule_without_examples_fails_at_load():
    with pytest.raises(GrammarError, match="no examples"):
        load_grammar(_broken(examples=[]))


def test_unknown_macro_and_trigger_fail_at_load():
    with pytest.raises(GrammarError, match="unknown macro"):
        load_grammar(_broken(pattern=r"\b{NOPE}\b"))
    with pytest.raises(GrammarError, match="unknown trigger"):
        load_grammar(_broken(triggers=["NOPE"]))
