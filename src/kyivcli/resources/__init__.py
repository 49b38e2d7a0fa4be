"""Language resources (word lists, patterns) kept as JSON data beside the engines that use them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_DIR = Path(__file__).parent


@cache
def resource(name: str) -> dict:
    """Load resources/<name>.json once per process."""
    return json.loads((_DIR / f"{name}.json").read_text(encoding="utf-8"))
