"""The public library API: what a notebook user or the corpus indexer calls, without the CLI."""

from __future__ import annotations

import pytest

import kyivcli

WAR = """---
title: Battle of Example (1944)
---
# Battle of Example

On 3 March 1944 the 5th Guards Tank Army attacked Kharkiv. The next day the 5th Guards Tank Army
took Kharkiv.

## Aftermath

On 10 March 1944 the 5th Guards Tank Army reached Kyiv.
"""


def test_open_bundled_and_counts():
    art = kyivcli.open()
    assert art.title == "Kyiv offensive (2022)"
    assert len(art.events()) > 50 and art.units and art.places and art.dates
    assert art.units is art.units  # cached: built once


def test_parse_text_gives_typed_records():
    art = kyivcli.parse_text(WAR, name="war.md")
    assert art.name == "war.md"
    assert [s.title for s in art.document.sections] == ["Battle of Example", "Aftermath"]
    assert all(isinstance(d, kyivcli.Date) for d in art.dates)
    unit = art.units[0]
    assert isinstance(unit, kyivcli.Unit) and unit.name == "5th Guards Tank Army"
    assert unit.lines == [6, 6, 11] and unit.first_date == "1944-03-03" and unit.last_date == "1944-03-10"
    assert all(isinstance(m, kyivcli.Mention) for m in unit.mentions)


def test_events_filters():
    art = kyivcli.parse_text(WAR)
    assert [e.date for e in art.events()] == ["1944-03-03", "1944-03-04", "1944-03-10"]
    assert [e.date for e in art.events(start="1944-03-04")] == ["1944-03-04", "1944-03-10"]
    assert [e.date for e in art.events(end="1944-03-03")] == ["1944-03-03"]
    assert [e.date for e in art.events(section="aftermath")] == ["1944-03-10"]
    assert all(isinstance(e, kyivcli.Event) and e.sentence for e in art.events())


def test_search_and_match():
    art = kyivcli.open()
    hits = art.search(town="Gostomel", start="2022-03-01")
    assert hits and all(isinstance(h, kyivcli.Hit) for h in hits)
    assert all(h.date >= "2022-03-01" for h in hits if h.date)
    assert all(h.match and "hostomel" in h.match[0].text.lower() for h in hits)  # what matched the town
    assert [u.name for u in art.match_units("79th")] == ["79th Air Assault Brigade"]
    assert {p.name for p in art.match_places("Kiev")} >= {"Kyiv"}


def test_track_gives_dated_places():
    (unit,) = kyivcli.open().track("79th")
    assert unit.path and all(isinstance(p, kyivcli.PathStep) for p in unit.path)
    assert unit.path[0].place == "Hostomel" and unit.path[0].date == "2022-02-25" and unit.path[0].line == 56
    assert [p.date for p in unit.path] == sorted(p.date for p in unit.path)


def test_timeline_and_map():
    art = kyivcli.open()
    t = art.timeline()
    assert t.start == "2022-02-24" and t.days[0].date == t.start and t.busiest
    m = art.map(around="Bucha", radius_km=20)
    assert m.around == "Bucha" and m.points and all(p.lat is not None for p in m.points)


@pytest.mark.parametrize("call,error", [
    (lambda a: a.events(section="no such section"), kyivcli.SectionNotFound),
    (lambda a: a.find_section("at"), kyivcli.AmbiguousSection),
    (lambda a: a.events(start="March"), kyivcli.QueryError),
    (lambda a: a.search(town="Atlantis"), kyivcli.NoMatch),
    (lambda a: a.search(unit="999th"), kyivcli.NoMatch),
    (lambda a: a.search("x", sort="sideways"), kyivcli.QueryError),
    (lambda a: a.map(around="Atlantis"), kyivcli.NoMatch),
    (lambda a: a.track("999th"), kyivcli.NoMatch),
])
def test_library_errors_are_typed_and_name_no_flags(call, error):
    with pytest.raises(error) as e:
        call(kyivcli.open())
    assert "--" not in str(e.value) and "kyivcli " not in str(e.value)


def test_unreadable_input_errors(tmp_path):
    with pytest.raises(kyivcli.InputNotFound):
        kyivcli.open(tmp_path / "missing.md")
    (tmp_path / "bin.md").write_bytes(b"\x00\x01binary")
    with pytest.raises(kyivcli.InputError):
        kyivcli.open(tmp_path / "bin.md")


def test_public_surface_is_declared():
    for name in kyivcli.__all__:
        assert hasattr(kyivcli, name), name


def test_all_matches_the_lazy_table():
    from kyivcli import _WHERE

    assert sorted(kyivcli.__all__) == sorted([*_WHERE, "__version__"])


BC = """---
title: Greco-Persian Wars
---
# Greco-Persian Wars

The Ionian Revolt began in 499 BC. In 490 BC the Persians landed at Marathon and were defeated.
In 480 BC Xerxes invaded Greece. In 479 BC the Greeks won at Plataea.
"""


def test_bc_history_has_events_a_year_timeline_and_bc_bounds(cli, write):
    art = kyivcli.parse_text(BC)
    assert [e.date for e in art.events(include_all=True)] == ["-0499", "-0490", "-0480", "-0479"]
    assert [e.precision for e in art.events(include_all=True)] == ["year"] * 4
    assert [e.date for e in art.events(start="490BC", end="-0480", include_all=True)] == ["-0490", "-0480"]
    t = art.timeline()
    assert t.grain == "year" and t.start == "-0499" and t.end == "-0479" and len(t.days) == 21
    out = cli("timeline", write(BC), "--width", "80").out
    assert "499 BC" in out and "events per year" in out


def test_extraction_collects_less_often_and_gives_the_callers_setting_back():
    import gc

    from kyivcli.extract.collect import EVERY, fewer_collections

    old = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == EVERY
        with fewer_collections():  # nested: unchanged
            assert gc.get_threshold()[0] == EVERY
        assert gc.get_threshold()[0] == EVERY
    assert gc.get_threshold() == old
