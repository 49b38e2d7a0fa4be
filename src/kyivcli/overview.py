"""What `kyivcli` with no command prints: a short overview and the commands to try."""

from __future__ import annotations


def overview_text() -> str:
    from kyivcli.outline import info
    from kyivcli.pipeline import open_document

    data = info(open_document(None))
    c = data["counts"]
    return (
        f"kyivcli — {data['title']} (bundled article)\n"
        f"  {c['sections']} sections, {c['paragraphs']} paragraphs, {c['sentences']} sentences, "
        f"{c['words']} words\n\n"
        "Try:\n"
        "  kyivcli info                 title, counts, warnings\n"
        "  kyivcli sections             the section tree\n"
        "  kyivcli show 1.2             one section\n"
        "  kyivcli --help               every command\n"
    )
