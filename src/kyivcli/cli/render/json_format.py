"""JSON: UTF-8, stable key order, nothing else on stdout.

A long list is written item by item (each item's text indented as it stands inside the list), so a long
article's output is never one string in memory; the text is the same as `json.dumps(data, indent=2)`
(JSON strings hold no raw newline, so indenting every line of an item is exact)."""

from __future__ import annotations

import json
from typing import Any, TextIO


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


WHOLE = 256  # a list this short is written in one piece (each piece costs an encoder's set-up)


def render(data: Any, out: TextIO) -> None:
    if not isinstance(data, list) or len(data) <= WHOLE:
        out.write(dumps(data) + "\n")
        return
    out.write("[\n")
    last = len(data) - 1
    for i, item in enumerate(data):
        out.write("  " + dumps(item).replace("\n", "\n  ") + (",\n" if i < last else "\n"))
    out.write("]\n")
