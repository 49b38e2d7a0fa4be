"""Combined search, timeline, map and the overview: their content, not just that they ran."""

from __future__ import annotations

import pytest


def test_search_town_and_month(cli):
    rows = cli("search", "--town", "Bucha", "--from", "2022-03-01", "--to", "2022-03-31", "--json").json()
    assert rows
    for r in rows:
        assert "Bucha" in r["sentence"] and r["date"].startswith("2022-03")


def test_search_text_and_unit_combine(cli):
    r = cli("search", "convoy", "--unit", "41st")
    assert r.code == 1 or all("convoy" in x["sentence"].lower() and "41st" in x["sentence"]
                              for x in cli("search", "convoy", "--unit", "41st", "--json").json())


def test_search_phrase_highlight_and_context(cli):
    rows = cli("search", '"pontoon bridge"', "--context", "1", "--json").json()
    assert len(rows) == 1
    hit = rows[0]
    assert hit["match"][0]["text"] == "pontoon bridge" and hit["line"] == 109
    assert hit["context_before"] and hit["context_after"]


def test_search_sort_by_date(cli):
    rows = cli("search", "--town", "Hostomel", "--sort", "date", "--json").json()
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)


def test_search_no_result_exit_1(cli):
    r = cli("search", "zeppelin")
    assert r.code == 1 and r.out == "" and "no sentence" in r.err


def test_search_needs_a_filter(cli):
    assert cli("search").code == 2


@pytest.mark.parametrize("width", ["80", "160"])
def test_timeline_content(cli, width):
    r = cli("timeline", "--width", width)
    assert r.code == 0
    lines = r.out.splitlines()
    assert all(len(line) <= int(width) for line in lines[:-1])
    assert "Stalemate (11–15 March)" in r.out and "1.3 Ukrainian counter offensive" in r.out
    assert "Mar" in r.out and "busiest:" in r.out


def test_timeline_json(cli):
    data = cli("timeline", "--json").json()
    assert data["start"] == "2022-02-24" and data["end"] >= "2022-04-04"
    assert {p["title"] for p in data["phases"]} == {"Stalemate (11–15 March)",
                                                    "Ukrainian counter offensive (16 March – 4 April)"}
    assert sum(d["events"] for d in data["days"]) > 60
    assert len(data["days"]) == len({d["date"] for d in data["days"]})


@pytest.mark.parametrize("width", ["80", "160"])
def test_map_content(cli, width):
    r = cli("map", "--width", width)
    assert r.code == 0
    assert any("Kyiv" in line and ("●" in line) for line in r.out.splitlines())
    assert "km" in r.out and "N↑" in r.out
    assert all(len(line) <= int(width) for line in r.out.splitlines()[1:-2])


def test_map_zoom_around_a_place(cli):
    r = cli("map", "--around", "Gostomel", "--radius", "15", "--json")
    names = {p["name"] for p in r.json()["points"]}
    assert "Hostomel" in names and "Vasylkiv" not in names


def test_overview(cli):
    r = cli()
    assert "2022-02-24" in r.out and "Kyiv (" in r.out and "kyivcli timeline" in r.out
