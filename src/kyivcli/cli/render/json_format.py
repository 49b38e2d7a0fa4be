"""JSON: UTF-8, stable key order, nothing else on stdout."""

from __future__ import annotations

import json
from typing import Any, TextIO


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(data: Any, out: TextIO) -> None:
    out.write(dumps(data) + "\n")
