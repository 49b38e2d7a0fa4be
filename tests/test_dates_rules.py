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


def test_a_first_class_that_leaves_out_a_start_fails_at_load():
    with pytest.raises(ResourceError, match="'first'"):
        compile_rules(_broken(re="(?:the|a) night", first="(?i:[t])"))


def test_every_first_class_is_what_its_pattern_can_start_with():
    """The classes in the resource are the ones derived from the patterns (so none is wider than
    needed either)."""
    from kyivcli.extract.dates.firsts import char_class, first_atoms
    from kyivcli.extract.dates.matcher import _build_macros, _expand

    data = resource("dates")
    macros = _build_macros(data)
    for p in data["patterns"]:
        atoms, nullable = first_atoms(_expand(p["re"], macros))
        assert not nullable and p.get("first") == char_class(atoms), p["name"]


def test_first_classes_keep_every_match():
    """A pattern tried only before its 'first' class finds what it finds tried at every word boundary,
    on text that starts words with every letter, digit and sign, and on every example."""
    import re
    import string

    from kyivcli.extract.dates.matcher import _build_macros, _expand, rules

    data = resource("dates")
    macros = _build_macros(data)
    words = [c + w for c in string.ascii_letters + string.digits + "ſK_(-'" for w in ("", "arch", "1", "ay")]
    texts = [" ".join(words), "-".join(words)] + [ex["text"] for _, ex in EXAMPLES]
    for p, rule in zip(data["patterns"], rules(), strict=True):
        body = _expand(p["re"], macros)
        plain = re.compile(body if body.startswith("\\b") else "\\b" + body)
        assert plain.pattern != rule.source, rule.name
        for t in texts:
            assert [m.span() for m in rule.regex.finditer(t)] == [m.span() for m in plain.finditer(t)], rule.name


def test_ascii_twins_match_alike_on_plain_text():
    """A plain (ASCII) text is matched with the patterns' re.ASCII twins: they find the same spans and
    groups as the patterns on the examples and on text with every ASCII character; a text with a Unicode
    space of the ASCII range (\\x1c-\\x1f) or beyond ASCII is not plain; a pattern naming a cased letter
    beyond ASCII has no twin."""
    import re
    import string

    from kyivcli.extract.dates.matcher import _ascii_twin, features, plain, rules

    texts = [ex["text"] for _, ex in EXAMPLES if plain(ex["text"])]
    texts += [" ".join(string.printable[i:i + 5] for i in range(0, 100, 5)) + " March 3, 1944 at 5 p.m."]
    for rule in rules():
        rx, twin = rule.regexes
        assert twin.flags & re.ASCII, rule.name
        for t in texts:
            assert ([(m.span(), m.groups()) for m in rx.finditer(t)]
                    == [(m.span(), m.groups()) for m in twin.finditer(t)]), rule.name
    for name, test in features().items():
        for t in texts:
            assert test(t, t.lower(), True) == test(t, t.lower(), False), name
    assert plain("In March 1944.") and not plain("In March\x1d1944.") and not plain("In March 1944 – 1945.")
    assert not _ascii_twin(re.compile("(?i)ſ")).flags & re.ASCII
    assert not _ascii_twin(re.compile("(?i)[×-÷]")).flags & re.ASCII  # (a range of uncased ends holds 'Ø')
    assert not _ascii_twin(re.compile("(?i)\\u017f")).flags & re.ASCII
    assert _ascii_twin(re.compile("(?i)s[–—-]")).flags & re.ASCII


def test_ascii_blindness_read_off_the_source_agrees_with_the_parser():
    from re import _parser

    from kyivcli.extract.dates.matcher import _ascii_blind, _ascii_blind_source, rules

    sources = [r.regex.pattern for r in rules()] + ["(?i)ſ", "[×-÷]", "[–—-]x", "\\u017f", "(?i)a\\x41", "[-–]"]
    for src in sources:
        fast = _ascii_blind_source(src)
        assert fast is None or fast == _ascii_blind(_parser.parse(src, 0).data), src
    assert all(_ascii_blind_source(r.regex.pattern) is not None for r in rules())  # no pattern parsed at start


def test_one_character_classes_are_searched_as_characters():
    import re

    from kyivcli.extract.dates.matcher import _ascii_members

    assert _ascii_members(re.compile(r"\d")) == tuple("0123456789")
    assert _ascii_members(re.compile(r"[\]x]")) == ("]", "x")
    assert _ascii_members(re.compile(r"\dx")) is None and _ascii_members(re.compile("[a]|b")) is None
    assert _ascii_members(re.compile(r"\w")) is None  # (too many characters to look for one by one)
