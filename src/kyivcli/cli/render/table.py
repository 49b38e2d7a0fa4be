"""Rich table of row dicts for a terminal."""

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
    for c in columns:
        table.add_column(c.header, justify=c.justify, style=c.style, max_width=c.max_width,  # type: ignore[arg-type]
                         no_wrap=c.no_wrap, overflow="ellipsis", ratio=c.ratio, min_width=4)
    for row in rows:
        table.add_row(*(escape(_text(row.get(c.key))) for c in columns))
    con = console(out)
    con.print(table)
    if not rows:
        con.print("[dim](no rows)[/dim]")
