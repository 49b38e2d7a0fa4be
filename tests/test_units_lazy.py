"""The unit grammar compiles a rule's pattern on first use; a strict load compiles and checks them all."""

from __future__ import annotations

import pytest

import kyivcli
from kyivcli.extract.units.recognize import GrammarError, find_mentions, grammar, load_grammar
from kyivcli.resources import resource


def test_shipped_grammar_compiles_strictly():
    g = load_grammar(resource("units"))  # strict: every pattern compiled and checked
    assert all(r._rx is not None for r in g.rules)


def test_lazy_grammar_compiles_only_triggered_rules():
    g = load_grammar(resource("units"), strict=False)
    assert all(r._rx is None for r in g.rules)
    named = next(r for r in g.rules if r.name == "named")
    assert named.rx.search("the Wagner Group moved") is not None and named._rx is not None
    assert sum(r._rx is not None for r in g.rules) == 1


def test_bad_pattern_is_reported_on_first_use():
    d = dict(resource("units"))
    d["rules"] = [dict(d["rules"][0], pattern=r"(?:\bArmy)?")]
    g = load_grammar(d, strict=False)
    with pytest.raises(GrammarError, match="empty string"):
        g.rules[0].rx  # noqa: B018


def test_trigger_words_with_punctuation_and_possessives():
    doc = kyivcli.parse_text("The (Wagner Group) and the Kwantung Army's men, with \"Task Force 20,\" moved.\n").document
    names = {m.text for s in doc.sentences for m in find_mentions(s)}
    assert {"Wagner Group", "Kwantung Army", "Task Force 20"} <= names
    assert grammar() is grammar()


def test_rules_of_a_document_are_each_sentences_own():
    """`active_rules` scans the texts joined: no word, number or test reaches from one text into the next."""
    from kyivcli.extract.units.recognize import _active_rules, active_rules

    g = grammar()
    texts = ["It was the 21st", "Guards took the town (briefly).", "No unit here.", "Line one\nArmy two",
             "The Sandinistas and the 3rd Shock Army’s men.", "Ничего", "5th", "Corps"]
    names = [[r.name for r in rules] for rules in active_rules(texts, g)]
    assert names == [[r.name for r in _active_rules(t, g)] for t in texts]
    assert "implied_echelon" not in names[0]  # '21st' and the next text's 'Guards' are not '21st Guards'
    assert names[2] == []
