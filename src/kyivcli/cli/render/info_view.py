"""Human view of `info`."""

from __future__ import annotations

from typing import Any, TextIO

from kyivcli.cli.render.console import console


def render(data: dict[str, Any], out: TextIO) -> None:
    from rich.markup import escape
    from rich.table import Table

    con = console(out)
    con.print(f"[bold]{escape(str(data['title']))}[/bold]  [dim]{escape(str(data['file']))}[/dim]")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    for key in ("shortDescription", "description", "author", "pubDate"):
        if key in data:
            grid.add_row(key, escape(str(data[key])))
    for key, value in data["counts"].items():
        grid.add_row(key, str(value))
    con.print(grid)
    for w in data["warnings"]:
        con.print(f"[yellow]warning:[/yellow] {escape(w)}")
