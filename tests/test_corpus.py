"""The corpus index: kyivcli index, queries across articles with --db, several inputs in one process, the
pure per-article extraction in a process pool, and a database that survives Ctrl-C."""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jsonschema
import pytest

from kyivcli.contract import schema
from kyivcli.corpus import Corpus, extract_rows, index_paths
from kyivcli.load import bundled_path

SEED = bundled_path()

IRPIN = """---
title: Battle of Irpin
---
# Battle of Irpin

On 27 February 2022, Russian forces attacked Irpin near Kyiv. The 72nd Mechanized Brigade held the bridge.

## Retreat

On 28 March 2022, Ukrainian troops retook Irpin, and the Russians left Bucha on 30 March 2022.
"""

BUCHA = """---
title: Bucha
---
# Bucha

The town of Bucha lies west of Kiev. On 3 March 2022, the 72nd Mechanized Brigade fought near Hostomel.
"""


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    (d / "more").mkdir(parents=True)
    shutil.copy(SEED, d / "kyiv.md")
    (d / "irpin.md").write_text(IRPIN, encoding="utf-8")
    (d / "more" / "bucha.md").write_text(BUCHA, encoding="utf-8")
    (d / "notes.txt").write_text("not an article", encoding="utf-8")
    return d


@pytest.fixture
def db(corpus_dir: Path, tmp_path: Path) -> str:
    path = str(tmp_path / "w.db")
    summary = index_paths([str(corpus_dir)], path, jobs=1)
    assert summary.indexed == 3 and not summary.failed
    return path


def test_index_is_incremental(cli, corpus_dir, tmp_path):
    db = str(tmp_path / "w.db")
    r = cli("index", str(corpus_dir), "--db", db, "--json", "-j", "2")
    assert r.code == 0, r.err
    first = r.json()
    jsonschema.validate(first, schema("index"))
    assert (first["indexed"], first["skipped"], first["failed"]) == (3, 0, [])
    assert "indexed 3" in r.err
    again = cli("index", str(corpus_dir), "--db", db, "--json").json()
    assert (again["indexed"], again["skipped"]) == (0, 3)
    os.utime(corpus_dir / "kyiv.md", ns=(1, 1))  # touched: re-indexed, like make
    touched = cli("index", str(corpus_dir), "--db", db, "--json").json()
    assert (touched["indexed"], touched["skipped"]) == (1, 2)
    (corpus_dir / "irpin.md").write_text(IRPIN.replace("held the bridge", "held the old bridge"), encoding="utf-8")
    third = cli("index", str(corpus_dir), "--db", db, "--json").json()
    assert (third["indexed"], third["skipped"]) == (1, 2)
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        hits = c.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'old'").fetchone()[0]
        assert hits == 1  # the replaced article's sentences, indexed once
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []


def test_globs_stdin_and_a_failing_file(cli, corpus_dir, tmp_path):
    (corpus_dir / "broken.md").write_bytes(b"\x00\x01binary")
    db = str(tmp_path / "w.db")
    listing = f"{corpus_dir / 'irpin.md'}\n{corpus_dir / 'broken.md'}\n".encode()
    r = cli("index", "-", str(corpus_dir / "more" / "*.md"), str(tmp_path / "missing.md"), "--db", db, "--json",
            stdin=listing)
    assert r.code == 1
    out = r.json()
    assert out["indexed"] == 2
    failed = {Path(f["article"]).name: f["reason"] for f in out["failed"]}
    assert set(failed) == {"broken.md", "missing.md"} and "binary" in failed["broken.md"]
    assert all("\n" not in reason for reason in failed.values())
    assert "broken.md" in r.err and "missing.md: no such file or directory" in r.err


def test_search_across_articles(cli, db):
    r = cli("search", "--db", db, "--town", "kiev", "--json")  # any stored spelling, any case
    assert r.code == 0, r.err
    rows = r.json()
    jsonschema.validate(rows, schema("corpus-search"))
    articles = {Path(h["article"]).name for h in rows}
    assert {"kyiv.md", "irpin.md", "bucha.md"} <= articles
    assert all(isinstance(h["line"], int) and h["match"] for h in rows)
    dated = cli("search", "--db", db, "--town", "Irpin", "--from", "2022-03-20", "--json").json()
    assert dated and all(h["date"] >= "2022-03-20" for h in dated)
    assert {Path(h["article"]).name for h in dated} == {"kyiv.md", "irpin.md"}
    words = cli("search", "--db", db, "bridge", "--json").json()
    assert any(Path(h["article"]).name == "irpin.md" for h in words)
    assert all("bridge" in h["sentence"].lower() for h in words)
    assert cli("search", "--db", db, "--unit", "72nd", "--json").json()
    none = cli("search", "--db", db, "--town", "Paris", "--json")
    assert none.code == 1


COMMANDS = [("events", []), ("dates", []), ("units", []), ("places", ["--dates"]), ("search", ["--town", "Bucha", "-C", "1"]),
            ("track", ["72nd"])]


@pytest.mark.parametrize("command,args", COMMANDS, ids=[" ".join([c, *a]) for c, a in COMMANDS])
def test_db_output_validates(cli, db, command, args):
    r = cli(command, *args, "--db", db, "--json")
    assert r.code == 0, r.err
    rows = r.json()
    assert rows and all("article" in row for row in rows)
    jsonschema.validate(rows, schema(f"corpus-{command}"))


@pytest.mark.parametrize("command", ["timeline", "map"])
def test_db_timeline_and_map_keep_their_shape(cli, db, command):
    r = cli(command, "--db", db, "--json")
    assert r.code == 0, r.err
    jsonschema.validate(r.json(), schema(command))
    assert cli(command, "--db", db).out.strip()


def test_corpus_schemas_are_the_usual_ones_plus_article():
    for command in ("events", "units", "places", "search", "track", "dates"):
        base, wide = schema(command), copy.deepcopy(schema(f"corpus-{command}"))
        props = wide["items"]["properties"]  # type: ignore[index]
        assert props.pop("article")["type"] == "string"
        assert set(props) >= set(base["items"]["properties"])  # type: ignore[index]
        assert "article" in wide["items"]["required"]  # type: ignore[index]


def test_db_rows_equal_the_single_article_rows(cli, db, corpus_dir):
    one = cli("events", str(corpus_dir / "kyiv.md"), "--all", "--json").json()
    many = [r for r in cli("events", "--db", db, "--all", "--json").json() if r["article"].endswith("kyiv.md")]
    assert [{k: v for k, v in r.items() if k != "article"} for r in many] == one
    units = [r for r in cli("units", "--db", db, "--json").json() if r["article"].endswith("kyiv.md")]
    assert [{k: v for k, v in r.items() if k != "article"} for r in units] == \
        cli("units", str(corpus_dir / "kyiv.md"), "--json").json()
    places = [r for r in cli("places", "--db", db, "--dates", "--json").json() if r["article"].endswith("kyiv.md")]
    assert [{k: v for k, v in r.items() if k != "article"} for r in places] == \
        cli("places", str(corpus_dir / "kyiv.md"), "--dates", "--json").json()
    for query in ("ridge", "Russian troops", '"the city"', "of", "KYIV", "ANTÓNIO"):  # words match inside words, as in one article
        hits = [r for r in cli("search", "--db", db, query, "--json").json() if r["article"].endswith("kyiv.md")]
        assert [{k: v for k, v in r.items() if k != "article"} for r in hits] == \
            cli("search", str(corpus_dir / "kyiv.md"), query, "--json").json(), query
    hits = [r for r in cli("search", "--db", db, "--town", "Gostomel", "--json").json() if r["article"].endswith("kyiv.md")]
    assert [{k: v for k, v in r.items() if k != "article"} for r in hits] == \
        cli("search", str(corpus_dir / "kyiv.md"), "--town", "Gostomel", "--json").json()


def test_places_and_units_are_shared_across_articles(db):
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT p.name, count(DISTINCT ap.article_id) FROM places p JOIN article_places ap "
                         "ON ap.place_id = p.id WHERE p.name IN ('Irpin', 'Bucha') GROUP BY p.id").fetchall()
        assert dict(rows) == {"Irpin": 2, "Bucha": 3}
        n = c.execute("SELECT count(DISTINCT article_id) FROM unit_mentions m JOIN units u ON u.id = m.unit_id "
                      "WHERE u.name = '72nd Mechanized Brigade'").fetchone()[0]
        assert n == 3  # the seed article names it too
        sides = c.execute("SELECT side FROM units WHERE name = ?", ("72nd Mechanized Brigade",)).fetchall()
        assert len(sides) == len(set(sides))  # one row per name and side
        for view in ("event_places", "event_units", "unit_paths", "place_totals"):
            assert c.execute(f"SELECT count(*) FROM {view}").fetchone()[0] > 0, view


def test_several_inputs_without_a_database(cli, corpus_dir):
    a, b = str(corpus_dir / "irpin.md"), str(corpus_dir / "more" / "bucha.md")
    r = cli("events", a, b, "--format", "jsonl")
    assert r.code == 0, r.err
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert {row["article"] for row in rows} == {a, b}
    jsonschema.validate(rows, schema("corpus-events"))
    for command in ("units", "places", "dates"):
        rows = cli(command, a, b, "--json").json()
        assert {row["article"] for row in rows} == {a, b}, command
        jsonschema.validate(rows, schema(f"corpus-{command}"))
    hits = cli("search", a, b, "--town", "Bucha", "--json").json()
    assert {h["article"] for h in hits} == {a, b}
    assert cli("search", a, b, "--unit", "72nd", "--json").json()
    assert "article" in cli("events", a, b).out  # the table gains a column
    # one input: the single-article output, unchanged
    assert "article" not in cli("events", a, "--json").json()[0]


def test_extraction_in_a_process_pool_equals_serial(corpus_dir):
    texts = [(p.read_text(encoding="utf-8"), p.name) for p in sorted(corpus_dir.rglob("*.md"))]
    serial = [extract_rows(t, n) for t, n in texts]
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = list(pool.map(extract_rows, *zip(*texts, strict=True)))
    assert parallel == serial
    assert json.loads(json.dumps(serial)) == serial  # plain data all the way down


def test_tables_are_the_rows_as_tuples_in_column_order():
    from kyivcli.corpus.rows import COLUMNS, TABLES, extract_tables

    text = bundled_path().read_text(encoding="utf-8")
    tables, rows = extract_tables(text, "kyiv.md"), extract_rows(text, "kyiv.md")
    assert tuple(COLUMNS) == TABLES == tuple(tables) == tuple(rows)
    for t, cols in COLUMNS.items():
        assert [tuple(r) for r in rows[t]] == [cols] * len(rows[t])
        assert [tuple(r.values()) for r in rows[t]] == tables[t]
    assert rows["places"] and rows["dates"] and rows["events"] and rows["unit_mentions"]


def test_corpus_api(db):
    with Corpus(db) as c:
        assert len(c.articles()) == 3
        assert [u["unit"] for u in c.track("72nd")] == ["72nd Mechanized Brigade"] * len(c.track("72nd"))
        assert c.map(around="Irpin", radius_km=30).points


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_midway_leaves_a_consistent_database(tmp_path, jobs):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(10):
        shutil.copy(SEED, src / f"a{i:02}.md")
    db = tmp_path / "w.db"
    proc = subprocess.Popen([sys.executable, "-m", "kyivcli", "index", str(src), "--db", str(db), "-j", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    if c.execute("SELECT count(*) FROM articles").fetchone()[0] >= 2:
                        break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("index did not stop after SIGINT")
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        done = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert 2 <= done < 10
        # every article is whole: its sentences all there
        rows = c.execute("SELECT a.sentences, count(s.id) FROM articles a LEFT JOIN sentences s "
                         "ON s.article_id = a.id GROUP BY a.id").fetchall()
        assert all(want == got for want, got in rows)
    # the next run picks up where it stopped
    summary = index_paths([str(src)], db, jobs=1)
    assert summary.skipped == done and summary.indexed == 10 - done


def test_bad_databases_are_one_line_errors(cli, tmp_path, write):
    article = write(IRPIN)
    junk = write("not a database at all " * 100, "junk.db")
    r = cli("index", article, "--db", junk)
    assert r.code == 1 and r.err.startswith("kyivcli: error:") and "Traceback" not in r.err
    r = cli("index", article, "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert r.code == 1 and r.err.startswith("kyivcli: error:")
    r = cli("events", "--db", str(tmp_path / "missing.db"))
    assert r.code == 2 and "no such corpus database" in r.err
    r = cli("search", "--db", junk, "--town", "Kyiv")
    assert r.code == 1 and r.err.startswith("kyivcli: error:")
    r = cli("events", article, "--db", junk)
    assert r.code == 2 and "not both" in r.err


def test_town_matching_forgives_typos_and_case(db):
    with Corpus(db) as c:
        for spelling in ("Hostomel", "HOSTOMEL", "Gostomel", "Hostomell"):
            assert {h["article"] for h in c.search(town=spelling)}, spelling


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_several_inputs_stream_each_article_as_it_is_ready(monkeypatch, fmt):
    import io

    from kyivcli.cli import corpus as cli_corpus
    from kyivcli.cli.options import OutputFormat

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)

    def chunks():
        yield [{"n": 1, "article": "a.md"}]
        assert '"a.md"' in out.getvalue()  # the first article is out before the second is read
        yield [{"n": 2, "article": "b.md"}, {"n": 3, "article": "b.md"}]

    assert cli_corpus._write(chunks(), OutputFormat(fmt), [], "") == 3
    text = out.getvalue()
    rows = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    assert [r["n"] for r in rows] == [1, 2, 3]
    if fmt == "json":
        assert text == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"  # byte for byte what json prints



def test_a_worker_that_dies_fails_its_articles_and_the_rest_go_on(tmp_path):
    import multiprocessing

    from kyivcli.corpus.indexer import Input, _results

    todo = []
    for i in range(12):  # enough that the dead worker had work in hand
        p = tmp_path / f"a{i}.md"
        p.write_text(IRPIN, encoding="utf-8")
        todo.append((Input(p.name, p, p.stat().st_size), "sha"))
    seen, died = [], []
    for n, (item, _, rows, reason, _) in enumerate(_results(todo, 2)):
        seen.append(item.name)
        if rows is None:
            died.append(reason)
        if n == 0:
            victim = multiprocessing.active_children()[0]
            os.kill(victim.pid, signal.SIGKILL)
    assert sorted(seen) == sorted(i.name for i, _ in todo)  # every article answered once
    assert all("worker process died" in r for r in died)
    assert 1 <= len(died) <= 2  # only what the dead worker had in hand
