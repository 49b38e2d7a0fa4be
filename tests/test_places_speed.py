"""Typed-rule and person patterns go through the machine-wide regex cache (kyivcli.rx; its own tests
check what comes back from the file)."""

from __future__ import annotations

import re

from kyivcli import rx
from kyivcli.extract.places import typed


def test_typed_patterns_share_the_regex_cache():
    pattern = r"(?P<w>[A-Z]\w+) River"
    got = typed.cached_compile(pattern)
    assert got is rx.compile(pattern)
    assert got.search("the Irpin River").group("w") == "Irpin" == re.search(pattern, "the Irpin River").group("w")
