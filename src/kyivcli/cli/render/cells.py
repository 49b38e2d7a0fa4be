"""How one value reads inside a table cell or a CSV field."""

from __future__ import annotations

from typing import Any


def joined(v: list[Any], sep: str) -> str:
    """A list as text: dicts by their name, everything else as is."""
    return sep.join(str(x.get("name", x)) if isinstance(x, dict) else str(x) for x in v)
