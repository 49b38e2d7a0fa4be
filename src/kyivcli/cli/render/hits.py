"""Human view of search hits: section, line, date, the sentence with matches highlighted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from kyivcli.cli.render.console import console
from kyivcli.model.records import Hit


def render(hits: Sequence[Hit], resolved: dict[str, list[str]], out: TextIO) -> None:
    from rich.text import Text

    con = console(out)
    for key, names in resolved.items():
        con.print(Text(f"{key}: {', '.join(names)}", style="dim"))
    for h in hits:
        head = Text()
        head.append(f"{h.line:>4}", style="cyan")
        head.append(f"  {h.date or '':<23}", style="green")
        head.append(f" §{h.section} {h.section_title}", style="dim")
        con.print(head)
        for ctx in h.context_before:
            con.print(Text(f"      {ctx}", style="dim"))
        body = Text("      " + h.sentence)
        for m in h.match:
            body.stylize("bold reverse", m.start + 6, m.end + 6)
        con.print(body)
        for ctx in h.context_after:
            con.print(Text(f"      {ctx}", style="dim"))
    con.print(Text(f"{len(hits)} sentence{'s' if len(hits) != 1 else ''}", style="dim"))
