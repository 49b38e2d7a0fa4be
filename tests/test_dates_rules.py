"""Rules as data: every pattern's examples hold, and a malformed resource fails when it loads."""

import copy

import pytest

from kyivcli.extract.dates.matcher import ResourceError, compile_rules
from kyivcli.extract.dates.tagger import HANDLERS, run_example
from kyivcli.resources import resource

EXAMPLES = [(p["name"], ex) for p in resource("dates")["patterns"] for ex in p["examples"]]


@pytest.mark.parametrize("name,ex", EXAMPLES, ids=[f"{n}: {e['text'][:30]}" for n, e in EXAMPLES])
def test_rule_example(name, ex):
    got = run_example(name, ex["text"], ex["ref"])
    assert ex["value"] in [v for _, v in got], got


def test_every_rule_has_examples_and_a_known_handler():
    for p in resource("dates")["patterns"]:
        assert p["examples"], p["name"]
        assert p["kind"] in HANDLERS, p["name"]


def _broken(**change):
    data = copy.deepcopy(resource("dates"))
    data["patterns"][0].update(change)
    return data


def test_unknown_handler_fails_at_load():
    with pytest.raises(ResourceError, match="unknown handler 'no_such'"):
        compile_rules(_broken(kind="no_such"))


def test_empty_match_fails_at_load():
    with pytest.raises(ResourceError, match="empty string"):
        compile_rules(_broken(re="(?:\\d+)?"))


def test_missing_examples_fail_at_load():
    with pytest.raises(ResourceError, match="examples"):
        compile_rules(_broken(examples=[]))


def test_unknown_macro_fails_at_load():
    with pytest.raises(ResourceError, match="unknown macro"):
        compile_rules(_broken(re="{NOPE} x"))
