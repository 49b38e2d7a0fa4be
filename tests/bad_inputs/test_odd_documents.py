"""Whatever markdown a researcher has: each odd input has a defined outcome, and --json stays JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyivcli.load import bundled_path


def ok_json(r):
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    return json.loads(r.out)


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"])
def test_empty_and_blank_give_empty_json(cli, write, text):
    path = write(text)
    for cmd in ("events", "dates", "units", "places", "sections"):
        assert ok_json(cli(cmd, path, "--json")) == []
    assert cli("info", path, "--json").code == 0


def test_dev_null(cli):
    r = cli("events", "/dev/null", "--json")
    assert ok_json(r) == [] and "empty" in r.err


def test_frontmatter_only(cli, write):
    r = cli("events", write("---\ntitle: Only a header\n---\n"), "--json")
    assert ok_json(r) == []


def test_printf_example_from_the_issue(cli):
    r = cli("events", "-", "--json", stdin=b"---\n: :\n---\n# T\nOn 3 May 2021 x.")
    rows = ok_json(r)
    assert len(rows) == 1 and rows[0]["date"] == "2021-05-03" and rows[0]["line"] == 5
    assert r.err.count("\n") == 1  # one warning about the YAML


def test_unreadable_file(cli, write, monkeypatch):
    path = write("# fine\n")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    r = cli("events", path)
    assert r.code == 1 and r.err.startswith("kyivcli: error:") and "permission" in r.err
    assert r.err.count("\n") == 1


def test_png_is_refused(cli, write):
    r = cli("events", write(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "some.png"))
    assert r.code == 1 and r.err.count("\n") == 1 and r.out == ""


def test_crlf_keeps_lines_for_mentions(cli, write):
    path = write(b"# A\r\n\r\nOn 3 May 2021 the 5th Guards Tank Brigade took Kyiv.\r\n")
    ev = ok_json(cli("events", path, "--json"))
    assert ev[0]["line"] == 3
    assert ok_json(cli("units", path, "--json"))[0]["lines"] == [3]


def test_huge_article_parses_with_right_lines(cli, write):
    seed = bundled_path().read_text(encoding="utf-8")
    body = seed.split("\n---\n", 1)[1]
    reps = (20 * 2**20) // len(body) + 1  # ~20 MB
    text = "---\ntitle: big\n---\n" + body * reps
    path = write(text, "big.md")
    tree = ok_json(cli("sections", path, "--json"))
    last = tree[-1]
    lines = text.split("\n")
    assert lines[last["line"] - 1].lstrip("#").strip() == last["title"]
    assert len(tree) >= 4 * reps


def test_ten_thousand_headings(cli, write):
    text = "".join(f"## Part {i}\n\nText {i}.\n\n" for i in range(10_000))
    tree = ok_json(cli("sections", write(text), "--json"))
    assert len(tree) == 10_000 and tree[-1]["number"] == "10000" and tree[-1]["line"] == 4 * 9_999 + 1


def test_deep_nesting_lists_and_quotes(cli, write):
    deep_list = "".join("  " * i + "- item on 3 May 2021\n" for i in range(200))
    deep_quote = ">" * 300 + " quoted on 4 May 2021\n"
    r = cli("dates", write(f"# T\n\n{deep_list}\n{deep_quote}"), "--json")
    rows = ok_json(r)
    lines = [row["line"] for row in rows]
    assert lines[:3] == [3, 4, 5]  # identical nested items each on their own line
    assert all(3 <= n <= 204 for n in lines) and lines == sorted(lines)


def test_html_blocks_and_tables(cli, write):
    text = ("# T\n\n<div>\n<p>On 3 May 2021 nothing.</p>\n</div>\n\n| a | b |\n|---|---|\n"
            "| On 5 May 2021 | 7th Brigade |\n")
    rows = ok_json(cli("dates", write(text), "--json"))
    assert [r["text"] for r in rows] == ["5 May 2021"]  # the HTML block is not prose, the table row is


def test_fenced_code_is_ignored(cli, write):
    text = "# T\n\n```\nOn 3 May 2021 the 5th Guards Tank Brigade entered Kyiv.\n```\n"
    path = write(text)
    assert ok_json(cli("events", path, "--json")) == []
    assert ok_json(cli("units", path, "--json")) == []
    assert ok_json(cli("places", path, "--json")) == []


def test_punctuation_headings(cli, write):
    r = cli("sections", write("# !!!\n\ntext\n\n## ...\n\nmore\n\n## Real\n\nx\n"), "--json")
    tree = ok_json(r)
    assert [n["title"] for n in tree] == ["Real"]
    assert "heading without words" in r.err


def test_cyrillic_text(cli, write):
    path = write("# Київ\n\n24 лютого 2022 року почався наступ. On 25 February 2022 Kyiv was shelled.\n")
    rows = ok_json(cli("dates", path, "--json"))
    assert ("25 February 2022", "2022-02-25") in [(r["text"], r["value"]) for r in rows]
    assert ok_json(cli("sections", path, "--json"))[0]["title"] == "Київ"


def test_impossible_dates(cli, write):
    rows = ok_json(cli("dates", write("# T\n\nOn 31 February 2021 and 32 March 2021 nothing.\n"), "--json"))
    assert not any(r["value"] and ("-02-31" in r["value"] or "-03-32" in r["value"]) for r in rows)


def test_relative_date_before_any_absolute(cli, write):
    rows = ok_json(cli("dates", write("# T\n\nThe next day they left. On 3 May 2021 they came back.\n"), "--json"))
    first = rows[0]
    assert first["text"] == "The next day"
    assert first["value"] in (None, "2021")  # no day to count from: at most the story's year
    assert rows[-1]["value"] == "2021-05-03"


def test_yaml_with_odd_types(cli, write):
    data = ok_json(cli("info", write("---\ntitle: [a, b]\npubDate: 2021-01-02\nauthor: {x: 1}\n---\n# T\n"), "--json"))
    assert data["pubDate"] == "2021-01-02" and data["author"] == {"x": 1}


def test_same_input_same_bytes(cli):
    for cmd in ("events", "units", "places", "dates"):
        assert cli(cmd, "--json").out == cli(cmd, "--json").out
