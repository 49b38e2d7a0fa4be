"""What `kyivcli` with no command prints: the bundled article at a glance and the commands to try."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kyivcli.article import Article


def overview_text(art: Article, path: str | None = None) -> str:
    """The overview; `path` is the article as the user named it (None: the bundled article)."""
    doc = art.document
    where = "bundled article" if path is None else path
    arg = "" if path is None else f" {_quoted(path)}"
    town = next((p.name for p in art.places if p.kind not in ("country", "continent", "region")), "Kyiv")
    formations = [u for u in art.units if u.tier == "formation"] or list(art.units)
    unit = max(formations, key=lambda u: len(u.mentions)).name if formations else "79th"
    hint = [
        (f"kyivcli events{arg}", "the event table"),
        (f"kyivcli search{arg} --town {_quoted(town)}", "sentences about a town, any spelling"),
        (f"kyivcli search{arg} --unit {_quoted(unit)}", "sentences about a unit"),
        (f"kyivcli track {_quoted(unit)}{arg}", "where a unit was, day by day"),
        (f"kyivcli timeline{arg}", "the campaign on one screen"),
        (f"kyivcli map{arg}", "the places, drawn"),
        (f"kyivcli sections{arg}", "the section tree"),
        ("kyivcli --help", "every command"),
    ] if path is not None else _BUNDLED_HINTS
    width = max(len(c) for c, _ in hint) + 2
    events = art.events()
    span = f"{events[0].start} … {events[-1].end}" if events else "no dated events"
    top_places = Counter({p.name: len(p.mentions) for p in art.places if p.kind != "country"}).most_common(5)
    top_units = Counter({u.name: len(u.mentions) for u in art.units}).most_common(4)
    return (
        f"kyivcli — {doc.title} ({where})\n"
        f"  {span}: {len(events)} dated events in {len(doc.sentences)} sentences, {len(doc.sections)} sections\n"
        f"  places: {', '.join(f'{n} ({k})' for n, k in top_places)}\n"
        f"  units:  {', '.join(f'{n} ({k})' for n, k in top_units)}\n\n"
        "Try:\n" + "".join(f"  {c:<{width}}{what}\n" for c, what in hint)
    )


_BUNDLED_HINTS = [
    ("kyivcli events --from 2022-03-16", "the event table"),
    ("kyivcli search --town Gostomel", "sentences about a town, any spelling"),
    ("kyivcli search --unit 79th", "sentences about a unit"),
    ("kyivcli track 79th", "where a unit was, day by day"),
    ("kyivcli timeline", "the campaign on one screen"),
    ("kyivcli map", "the places, drawn"),
    ("kyivcli sections", "the section tree"),
    ("kyivcli --help", "every command"),
]


def _quoted(s: str) -> str:
    import shlex

    return shlex.quote(s)
