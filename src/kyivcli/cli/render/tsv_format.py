"""Plain tab-separated rows with a header, for a table whose reader is a pipe (as `gh` prints): one row
per line, numbers exactly as in JSON, lists joined with ', ', tabs and newlines inside cells folded."""

from __future__ import annotations

from typing import Any, TextIO

from kyivcli.cli.render.cells import joined


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        v = joined(v, ", ")
    elif isinstance(v, bool):
        v = "true" if v else "false"
    return " ".join(str(v).split()) if isinstance(v, str) else repr(v) if isinstance(v, float) else str(v)


def render(rows: list[dict[str, Any]], columns: list[Any], out: TextIO) -> None:
    keys = [c.key for c in columns] or (list(rows[0]) if rows else [])
    out.write("\t".join(keys) + "\n")
    for row in rows:
        out.write("\t".join(_cell(row.get(k)) for k in keys) + "\n")
