"""Human view of search hits: section, line, date, the sentence with matches highlighted."""

from __future__ import annotations

from typing import Any, TextIO

from kyivcli.render.console import console


def render(hits: list[Any], resolved: dict[str, list[str]], out: TextIO) -> None:
    from rich.text import Text

    con = console(out)
    for key, names in resolved.items():
        con.print(Text(f"{key}: {', '.join(names)}", style="dim"))
    for h in hits:
        s = h.sentence
        head = Text()
        head.append(f"{s.line:>4}", style="cyan")
        head.append(f"  {h.date or '':<23}", style="green")
        head.append(f" §{s.section.number} {s.section.title}", style="dim")
        con.print(head)
        for ctx in h.before:
            con.print(Text(f"      {ctx}", style="dim"))
        body = Text("      " + s.text)
        for a, b in h.match:
            body.stylize("bold reverse", a + 6, b + 6)
        con.print(body)
        for ctx in h.after:
            con.print(Text(f"      {ctx}", style="dim"))
    con.print(Text(f"{len(hits)} sentence{'s' if len(hits) != 1 else ''}", style="dim"))
