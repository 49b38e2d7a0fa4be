"""Loading, the section tree, debris, show, and the output contract on the seed article."""

from __future__ import annotations

import kyivcli
from conftest import SEED_LINES
from kyivcli.parse.sentences import split_sentences


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n["children"])


def test_sections_json_tree_shape(cli):
    r = cli("sections", "--json")
    assert r.code == 0
    tree = r.json()
    titles = [n["title"] for n in tree]
    assert titles[:3] == ["History", "Aftermath", "See also"]
    history = tree[0]
    advance = history["children"][0]
    assert advance["title"] == "Russian advance on Kyiv"
    assert advance["number"] == "1.1"
    assert len(advance["children"]) == 7
    assert advance["children"][3]["title"] == "Hostomel attacked"


def test_every_section_line_is_its_heading(cli):
    for node in _walk(cli("sections", "--json").json()):
        line = SEED_LINES[node["line"] - 1]
        assert line.startswith("#"), node
        assert node["title"].split()[0] in line


def test_references_debris_is_not_content(cli):
    tree = cli("sections", "--json").json()
    titles = [n["title"] for n in _walk(tree)]
    assert titles.count("References") == 1
    assert not any("object" in t for t in titles)
    refs = [n for n in tree if n["title"] == "References"][0]
    assert refs["words"] == 0


def test_info_reports_debris_warning(cli):
    r = cli("info", "--json")
    data = r.json()
    assert data["title"] == "Kyiv offensive (2022)"
    assert data["author"] == "Wikipedia"
    assert any("[object Object]" in w for w in data["warnings"])
    assert any("References" in w and "repeated" in w for w in data["warnings"])
    assert data["counts"]["sections"] == 15
    assert data["counts"]["images"] == 11


def test_depth_limits_tree(cli):
    tree = cli("sections", "--depth", "1", "--json").json()
    assert all(n["children"] == [] for n in tree)


def test_sentence_lines_point_at_their_text():
    doc = kyivcli.open().document
    assert len(doc.sentences) > 200
    for s in doc.sentences:
        probe = s.text.replace("*", "")[:12]
        assert probe in SEED_LINES[s.line - 1].replace("*", ""), (s.line, s.text)


def test_multiline_paragraph_lines(write):
    path = write("---\ntitle: T\n---\n# Head\n\nFirst line here.\nSecond *line* here. Third\nsentence here.\n")
    doc = kyivcli.open(path).document
    got = [(s.line, s.text) for s in doc.sentences]
    assert got == [(4, "Head"), (6, "First line here."), (7, "Second line here."), (7, "Third sentence here.")]
    third = doc.sentences[3]
    assert third.line_of(third.text.index("sentence")) == 8


def test_image_caption_and_following_text_share_a_paragraph():
    doc = kyivcli.open().document
    hostomel = [s for s in doc.sections if s.title == "Hostomel attacked"][0]
    assert hostomel.images[0].line == 55
    captions = [b for b in hostomel.blocks if b.kind == "caption"]
    assert captions[0].line == 55 and "04.03.2021" in captions[0].text
    first = [s for s in hostomel.sentences if s.where == "paragraph"][0]
    assert first.line == 56 and first.text.startswith("After securing")


def test_sentence_splitter_abbreviations():
    text = "At 8:00 a.m. local time troops moved. Gen. Smith and J. R. Doe met the U.S. envoy. Then quiet."
    assert [s for _, s in split_sentences(text)] == [
        "At 8:00 a.m. local time troops moved.",
        "Gen. Smith and J. R. Doe met the U.S. envoy.",
        "Then quiet.",
    ]


def test_show_by_number_slug_and_fragment(cli):
    for query in ("1.2", "stalemate-11-15-march", "STALEMATE"):
        r = cli("show", query, "--plain")
        assert r.code == 0
        assert r.out.startswith("1.2 Stalemate (11–15 March)")
        assert "Bucha, Hostomel, and Vorzel by 5 March" in r.out


def test_show_ambiguous_lists_candidates(cli):
    r = cli("show", "ukrainian")
    assert r.code == 2
    assert "1.1.5" in r.err and "1.3" in r.err
    assert r.err.count("\n") == 1


def test_show_rendered_markdown(cli):
    r = cli("show", "Bucha massacre")
    assert r.code == 0 and "458 civilian deaths" in r.out


def test_json_is_pure_and_utf8(cli):
    r = cli("sections", "--json")
    assert r.out.lstrip().startswith("[") and "\x1b[" not in r.out
    assert "–" in r.out  # en dash kept as UTF-8, not \u2013


def test_stdin_dash(cli):
    r = cli("sections", "-", "--json", stdin=b"# One\n\ntext\n\n## Two\n\nmore\n")
    tree = r.json()
    assert tree[0]["title"] == "One" and tree[0]["children"][0]["number"] == "1.1"
    assert tree[0]["children"][0]["line"] == 5


def test_human_tree_has_numbers(cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    r = cli("sections")
    assert "1.1.4 Hostomel attacked" in r.out
    assert "\x1b[" not in r.out


def test_no_command_prints_overview(cli):
    r = cli()
    assert r.code == 0
    assert "Kyiv offensive (2022)" in r.out and "kyivcli sections" in r.out


def test_usage_error_is_one_line_exit_2(cli):
    r = cli("sections", "--bogus")
    assert r.code == 2
    assert r.err.startswith("kyivcli: error:") and r.err.count("\n") == 1


def test_json_and_format_conflict(cli):
    r = cli("sections", "--depth", "x")
    assert r.code == 2
