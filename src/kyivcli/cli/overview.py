"""What `kyivcli` with no command prints: the bundled article at a glance and the commands to try."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kyivcli.article import Article


def overview_text(art: Article) -> str:
    doc = art.document
    events = art.events()
    span = f"{events[0].start} … {events[-1].end}" if events else "no dated events"
    top_places = Counter({p.name: len(p.mentions) for p in art.places if p.kind != "country"}).most_common(5)
    top_units = Counter({u.name: len(u.mentions) for u in art.units}).most_common(4)
    return (
        f"kyivcli — {doc.title} (bundled article)\n"
        f"  {span}: {len(events)} dated events in {len(doc.sentences)} sentences, {len(doc.sections)} sections\n"
        f"  places: {', '.join(f'{n} ({k})' for n, k in top_places)}\n"
        f"  units:  {', '.join(f'{n} ({k})' for n, k in top_units)}\n\n"
        "Try:\n"
        "  kyivcli events --from 2022-03-16      the event table\n"
        "  kyivcli search --town Gostomel        sentences about a town, any spelling\n"
        "  kyivcli search --unit 79th            sentences about a unit\n"
        "  kyivcli track 79th                    where a unit was, day by day\n"
        "  kyivcli timeline                      the campaign on one screen\n"
        "  kyivcli map                           the places, drawn\n"
        "  kyivcli sections                      the section tree\n"
        "  kyivcli --help                        every command\n"
    )
