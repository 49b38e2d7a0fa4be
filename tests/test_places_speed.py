"""Compiled typed-rule patterns are kept in the cache folder and read back by the next process."""

from __future__ import annotations

import re

from kyivcli.extract.places import typed


def test_a_pattern_read_back_from_the_cache_matches_as_re_compile_does(monkeypatch, tmp_path):
    monkeypatch.setenv("KYIVCLI_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(typed, "_code", None)
    pattern = rf"(?P<name>{typed.NAME})[–—-](?P<name2>{typed.NAME})\s+(?P<type>[Hh]ighway|[Rr]oad)\b"
    first = typed.cached_compile(pattern)
    typed.save_compiled()
    assert list(tmp_path.glob("re-code-*.marshal"))
    monkeypatch.setattr(typed, "_code", None)  # as a new process would
    again = typed.cached_compile(pattern)
    text = "They took the Kyiv–Zhytomyr highway and the Irpin-Bucha Road."
    expected = [(m.span(), m.groupdict()) for m in re.compile(pattern).finditer(text)]
    assert [(m.span(), m.groupdict()) for m in first.finditer(text)] == expected
    assert [(m.span(), m.groupdict()) for m in again.finditer(text)] == expected
    assert again.groupindex == re.compile(pattern).groupindex


def test_a_damaged_cache_file_means_compiling_afresh(monkeypatch, tmp_path):
    monkeypatch.setenv("KYIVCLI_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(typed, "_code", None)
    typed._code_file().write_bytes(b"not marshal data")
    assert typed.cached_compile(r"(?P<w>[A-Z]\w+) River").search("the Irpin River").group("w") == "Irpin"
