"""Regexes compiled once per machine: what comes back from the cache is the pattern asked for."""

from __future__ import annotations

import re

import pytest

from kyivcli import rx

PATTERNS = [
    (r"\b(?P<day>\d{1,2})\s+(?P<month>March|April)\b", 0),
    (r"(?i)the\s+(?:next|following)\s+day", 0),
    (r"[А-Яа-я]+ \d+", re.IGNORECASE),
    (r"(?<=\s)(?P<n>[IVX]+)(?=\s+Corps)", 0),
]
TEXTS = ["On 3 March and 14 April", "The next day, the Following Day", "ВС РФ 2 и Армия 3", " XXX Corps held"]


def _fresh_process(monkeypatch):
    monkeypatch.setattr(rx, "_memo", {})
    monkeypatch.setattr(rx, "_disk", None)
    monkeypatch.setattr(rx, "_added", 0)


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_cached_patterns_match_as_re_compile_does(pattern, flags, monkeypatch):
    _fresh_process(monkeypatch)
    first = rx.compile(pattern, flags)
    rx._save()
    _fresh_process(monkeypatch)
    again = rx.compile(pattern, flags)  # rebuilt from the file, not parsed
    assert rx._added == 0
    plain = re.compile(pattern, flags)
    for got in (first, again):
        assert got.pattern == plain.pattern and got.flags == plain.flags and got.groupindex == plain.groupindex
        for text in TEXTS:
            assert [m.groupdict() or m.group() for m in got.finditer(text)] == \
                   [m.groupdict() or m.group() for m in plain.finditer(text)]


def test_a_damaged_cache_falls_back_to_re_compile(monkeypatch):
    _fresh_process(monkeypatch)
    rx.compile(PATTERNS[0][0])
    rx._save()
    rx._path().write_bytes(b"\x00garbage")
    _fresh_process(monkeypatch)
    got = rx.compile(PATTERNS[0][0])
    assert got.search("On 3 March").group("day") == "3"


def test_a_tampered_entry_is_not_trusted(monkeypatch):
    _fresh_process(monkeypatch)
    rx.compile(r"abc")
    monkeypatch.setattr(rx, "_disk", {(r"abc", 0): (32, [1, 2, 3], 0, {}, (None,))})
    monkeypatch.setattr(rx, "_memo", {})
    assert rx.compile(r"abc").search("xabcx")  # invalid SRE code is refused; compiled the ordinary way


def test_save_writes_the_cache_now(monkeypatch):
    _fresh_process(monkeypatch)
    rx.compile(r"saved-now-(?P<n>\d+)")
    rx.save()  # what a pool worker, which runs no exit hook, calls before it returns
    assert rx._added == 0 and rx._path().exists()
    _fresh_process(monkeypatch)
    assert rx.compile(r"saved-now-(?P<n>\d+)").match("saved-now-7").group("n") == "7"
    assert rx._added == 0  # read back from the file, not compiled again
