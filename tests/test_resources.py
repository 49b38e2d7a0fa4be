"""Resources are checked whole when they load; a pass is remembered per version of the data, so a
changed (or broken) resource is checked again at load, never first found broken by a sentence."""

from __future__ import annotations

import pytest

from kyivcli.resources import checked_once


def test_a_check_runs_once_per_version_of_the_data():
    calls = []
    data = {"rules": [1, 2]}
    checked_once("test-res", data, lambda: calls.append(1))
    checked_once("test-res", data, lambda: calls.append(1))
    assert calls == [1]
    checked_once("test-res", {"rules": [1, 2, 3]}, lambda: calls.append(2))
    assert calls == [1, 2]


def test_a_failing_check_is_not_remembered():
    def bad():
        raise ValueError("broken rule")

    for _ in range(2):
        with pytest.raises(ValueError, match="broken rule"):
            checked_once("test-bad", {"x": 1}, bad)


def test_a_broken_dates_pattern_fails_when_the_resource_loads(monkeypatch):
    from kyivcli.extract.dates import matcher
    from kyivcli.resources import resource

    data = dict(resource("dates"))
    data["patterns"] = [*data["patterns"], {"name": "empty", "kind": "year", "re": "x?",
                                            "examples": [{"text": "x", "ref": "2022-01-01", "value": None}]}]
    monkeypatch.setattr(matcher, "resource", lambda name: data)
    matcher.rules.cache_clear()
    try:
        with pytest.raises(matcher.ResourceError, match="empty string"):
            matcher.rules()
    finally:
        matcher.rules.cache_clear()


def _count_places(calls):
    def build():
        from kyivcli.resources import resource

        calls.append(1)
        return {"n": len(resource("places")["typed"]), "names": frozenset({"a", "b"})}
    return build


def test_derived_data_is_built_once_per_machine_and_again_when_its_code_changes(tmp_path, monkeypatch):
    from kyivcli.resources import derived

    monkeypatch.setenv("KYIVCLI_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    build = _count_places(calls)
    first = derived("places", build)
    assert derived("places", build) == first and calls == [1]  # the second comes from the cache folder
    assert len(list(tmp_path.glob("places-derived-*.bin"))) == 1

    def other_build():  # other bytecode: another key, built anew, the older file replaced
        calls.append(2)
        return {"n": 0}

    assert derived("places", other_build) == {"n": 0} and calls == [1, 2]
    assert len(list(tmp_path.glob("places-derived-*.bin"))) == 1
    next(tmp_path.glob("places-derived-*.bin")).write_bytes(b"\x00garbage")  # damaged: built again
    assert derived("places", other_build) == {"n": 0} and calls == [1, 2, 2]
