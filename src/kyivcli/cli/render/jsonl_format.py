"""JSON Lines: one compact object per row."""

from __future__ import annotations

import json
from typing import Any, TextIO


def render(rows: list[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
