"""Recognise conversion debris (e.g. JavaScript's "[object Object]") and blank it out in place.

Blanking keeps every offset and line number of the body intact, so positions stay right.
"""

from __future__ import annotations

import re
from functools import cache

from kyivcli.resources import resource


@cache
def _inline() -> re.Pattern[str]:
    return re.compile("|".join(resource("text")["debris_inline"]))


def blank_debris(body: str, first_line: int) -> tuple[str, list[str]]:
    """Replace debris markers with spaces; return the cleaned body and warnings naming the lines."""
    pat = _inline()
    hits = list(pat.finditer(body))
    if not hits:
        return body, []
    lines: list[int] = []
    line, pos = first_line, 0
    for m in hits:  # hits are in order: count newlines incrementally, not from the start each time
        line += body.count("\n", pos, m.start())
        pos = m.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    cleaned = pat.sub(lambda m: " " * len(m.group(0)), body)
    markers = sorted({m.group(0) for m in hits})
    span = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}–{lines[-1]}"
    return cleaned, [f"conversion debris: {len(hits)} × {', '.join(markers)} removed ({span})"]


def debris_meta(meta: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    """Drop frontmatter values that are debris ('undefined', '/undefined', …)."""
    bad = set(resource("text")["debris_values"])
    keep = {k: v for k, v in meta.items() if not (isinstance(v, str) and v.strip() in bad)}
    warnings = [f"conversion debris: frontmatter field '{k}' is {meta[k]!r}; ignored"
                for k in meta if k not in keep]
    return keep, warnings
