"""Render: the same plain rows as a Rich table, JSON, JSON Lines or CSV.

Every format is a small module exposing `render(rows, columns, out)`; `emit` picks one.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, TextIO

FORMATS = ("table", "tsv", "json", "jsonl", "csv", "geojson")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: str = "left"  # left | right | center
    style: str | None = None
    max_width: int | None = None
    no_wrap: bool = False
    ratio: int | None = None  # share of spare width (for the long text column)


def emit(data: Any, fmt: str, columns: list[Column] | None = None, title: str | None = None,
         out: TextIO | None = None, keys: list[str] | None = None) -> None:
    """Write `data` (a list of row dicts, or any JSON value for json) in format `fmt`; `keys` name the
    CSV header when there are no rows."""
    out = out or sys.stdout
    if fmt == "json":
        from kyivcli.cli.render import json_format

        json_format.render(data, out)
    elif fmt == "jsonl":
        from kyivcli.cli.render import jsonl_format

        jsonl_format.render(data, out)
    elif fmt == "csv":
        from kyivcli.cli.render import csv_format

        csv_format.render(data, keys or [], out)
    elif fmt == "tsv":
        from kyivcli.cli.render import tsv_format

        tsv_format.render(data, columns or [], out)
    elif fmt == "geojson":
        from kyivcli.cli.render import geojson_format

        geojson_format.render(data, out)
    else:
        from kyivcli.cli.render import table

        table.render(data, columns or [], title, out)
