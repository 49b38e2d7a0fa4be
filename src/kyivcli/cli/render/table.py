"""Rich table of row dicts for a terminal: text wraps, numbers and names are never cut."""

from __future__ import annotations

from typing import Any, TextIO

from kyivcli.cli.render import Column
from kyivcli.cli.render.cells import joined
from kyivcli.cli.render.console import console


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return joined(v, ", ")
    if isinstance(v, float):
        return f"{v:.4f}"
    return str(v)


def render(rows: list[dict[str, Any]], columns: list[Column], title: str | None, out: TextIO) -> None:
    from rich.markup import escape
    from rich.table import Table

    expand = any(c.ratio for c in columns)
    table = Table(title=title, header_style="bold", show_lines=False, expand=expand)
    cells = [[_text(row.get(c.key)) for c in columns] for row in rows]
    for i, c in enumerate(columns):
        numeric = all(isinstance(row.get(c.key), (int, float)) or row.get(c.key) is None for row in rows)
        widest = max((len(r[i]) for r in cells), default=0)
        if numeric or c.no_wrap:  # a number, date or id is shown whole or not at all
            table.add_column(c.header, justify=c.justify, style=c.style, no_wrap=True,  # type: ignore[arg-type]
                             min_width=max(widest, len(c.header)), overflow="fold")
        else:  # words wrap; a single long word folds rather than losing its end
            longest_word = max((len(w) for r in cells for w in r[i].split()), default=4)
            table.add_column(c.header, justify=c.justify, style=c.style,  # type: ignore[arg-type]
                             max_width=c.max_width, overflow="fold", ratio=c.ratio,
                             min_width=min(max(longest_word, 4), 20))
    for r in cells:
        table.add_row(*(escape(x) for x in r))
    con = console(out)
    con.print(table)
    if not rows:
        con.print("[dim](no rows)[/dim]")
