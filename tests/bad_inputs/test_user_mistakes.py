"""User mistakes give one stderr line and a documented exit code, never a traceback."""

from __future__ import annotations

import pytest


def _one_line_error(r, code):
    assert r.code == code, (r.code, r.err)
    assert r.err.startswith("kyivcli: error:"), r.err
    assert r.err.count("\n") == 1, r.err
    assert "Traceback" not in r.err
    assert r.out == ""


def test_nonexistent(cli):
    _one_line_error(cli("sections", "/nonexistent/x.md"), 2)


def test_directory(cli, tmp_path):
    _one_line_error(cli("sections", str(tmp_path)), 2)


def test_binary(cli, write):
    path = write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "x.png")
    _one_line_error(cli("sections", path), 1)


def test_latin1(cli, write):
    path = write("# Kiev\n\nCaf\xe9 on 3 May.\n".encode("latin-1"))
    r = cli("sections", path)
    _one_line_error(r, 1)
    assert "UTF-8" in r.err


def test_empty_file_warns_and_gives_empty_json(cli, write):
    r = cli("sections", write(""), "--json")
    assert r.code == 0 and r.json() == []
    assert "empty" in r.err


def test_broken_yaml_is_a_warning(cli, write):
    r = cli("sections", write("---\ntitle: [unclosed\n---\n# Body\n\ntext\n"), "--json")
    assert r.code == 0
    assert r.json()[0]["title"] == "Body" and r.json()[0]["line"] == 4
    assert "malformed YAML" in r.err and r.err.count("\n") == 1


@pytest.mark.parametrize("text,expect", [
    ("# Only body\n", "no frontmatter"),
    ("---\ntitle: x\n# never closed\n", "never closed"),
])
def test_frontmatter_warnings(cli, write, text, expect):
    r = cli("info", write(text), "--json")
    assert r.code == 0
    assert any(expect in w for w in r.json()["warnings"])


def test_yaml_values_of_other_types_are_json_safe(cli, write):
    r = cli("info", write("---\ntitle: T\npubDate: 2021-05-03\nauthor: [a, b]\ndescription: {x: 1}\n---\nx\n"), "--json")
    data = r.json()
    assert data["pubDate"] == "2021-05-03" and data["author"] == ["a", "b"]


def test_bom_and_crlf_keep_lines(cli, write):
    path = write("\ufeff---\r\ntitle: T\r\n---\r\n# A\r\n\r\n## B\r\ntext\r\n".encode())
    tree = cli("sections", path, "--json").json()
    assert tree[0]["line"] == 4 and tree[0]["children"][0]["line"] == 6
