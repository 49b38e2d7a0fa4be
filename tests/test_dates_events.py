"""The event table across eras: BC years, year/month grain, bounds and numeric order."""

import pytest

import kyivcli
from kyivcli.index.events import in_range, parse_bound, precision_of, sort_key, to_event_date

BC_ARTICLE = """# The Greek wars

## First invasion

In 492 BC a Persian fleet sailed along the coast. The Battle of Karvos was fought in 490 BC.

## Second invasion

The Battle of the Pass was fought in 480 BC. The Battle of Elis followed in 479 BC.
The war had begun with the revolt of 499 BC.
"""


def test_bc_events_exist_in_order():
    a = kyivcli.parse_text(BC_ARTICLE, name="bc.md")
    events = a.events(include_all=True)
    dates = [e.date for e in events]
    assert dates == ["-0499", "-0492", "-0490", "-0480", "-0479"]
    assert {e.precision for e in events} == {"year"}
    assert a.events() == []  # no day-level rows without include_all


def test_bounds_accept_bc_forms():
    assert parse_bound("-0490") == "-0490"
    assert parse_bound("490BC") == "-0490"
    assert parse_bound("490 BC") == "-0490"
    assert parse_bound("2022") == "2022"
    assert parse_bound("2022-03") == "2022-03"
    assert parse_bound("2022-02-28") == "2022-02-28"
    assert parse_bound(None) is None


@pytest.mark.parametrize("bad", ["2022-13-45", "2022-02-30", "22", "March", "2022-3", "0BC", ""])
def test_bad_bounds(bad):
    with pytest.raises(ValueError) as e:
        parse_bound(bad)
    assert "--from" not in str(e.value) and "bad date" in str(e.value)


def test_in_range_across_eras():
    assert in_range("-0490", "-0490", "-0490", "-0480")
    assert not in_range("-0499", "-0499", "-0490", None)
    assert in_range("-0480", "-0479", parse_bound("490BC"), "0001")
    assert in_range("2022-03-16", "2022-03-16", "2022-03", "2022")
    assert not in_range("2022-04-01", "2022-04-01", None, "2022-03")
    assert in_range("BC0480", "BC0480", "-0481", None)


def test_sort_key_and_values():
    assert sort_key("-0490") < sort_key("-0480") < sort_key("0001") < sort_key("2022-02-24")
    assert to_event_date("BC0490") == "-0490"
    assert to_event_date("BC0499/BC0493") == "-0499/-0493"
    assert to_event_date("2022-03-01T08:00") == "2022-03-01"
    assert to_event_date("PAST_REF") is None
    assert precision_of("-0490") == "year" and precision_of("2022-03") == "month"
    assert precision_of("2022-03-01") == "day" and precision_of("-0490/-0479") == "range"


def test_month_grain_with_all():
    a = kyivcli.parse_text("# War of 1812\n\nThe army marched in June 1812. On 7 September 1812 it fought.\n", name="w.md")
    rows = [(e.date, e.precision) for e in a.events(include_all=True)]
    assert rows == [("1812-06", "month"), ("1812-09-07", "day")]


def test_cli_lists_bc_battles_in_order(tmp_path):
    import json
    import subprocess
    import sys

    path = tmp_path / "greek.md"
    path.write_text("---\nsubject: The Greek wars\n---\n" + BC_ARTICLE, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kyivcli", "events", str(path), "--all", "--json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(run.stdout)
    rows = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    assert [r["date"] for r in rows] == ["-0499", "-0492", "-0490", "-0480", "-0479"]
    run = subprocess.run([sys.executable, "-m", "kyivcli", "events", str(path), "--all", "--json",
                          "--from", "490BC", "--to", "-0480"], capture_output=True, text=True, check=True)
    data = json.loads(run.stdout)
    rows = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    assert [r["date"] for r in rows] == ["-0490", "-0480"]
