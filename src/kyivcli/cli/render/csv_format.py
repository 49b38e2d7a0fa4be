"""CSV with a header row; list values are joined with '; ', nested values become JSON."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from kyivcli.cli.render.cells import joined


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return joined(v, "; ")
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def render(rows: list[dict[str, Any]], header: list[str], out: TextIO) -> None:
    """CSV with a header row always: the rows' keys, or `header` when there are none."""
    keys: list[str] = [] if rows else list(header)
    for row in rows:
        keys.extend(k for k in row if k not in keys)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([_cell(row.get(k)) for k in keys])
