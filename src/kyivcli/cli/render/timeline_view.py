"""Text timeline: a bar per day (or per group of days on narrow terminals), phases as spans, labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

BLOCKS = " ▁▂▃▄▅▆▇█"


def lines(data: dict[str, Any], title: str, width: int, height: int = 6) -> list[str]:
    days = data["days"]
    if not days:
        return [title, "(no dated events)"]
    margin = 4
    cols = max(10, width - margin - 1)
    per_col = -(-len(days) // cols)  # ceil: days per column
    repeat = max(1, min(3, cols // len(days))) if per_col == 1 else 1  # wide terminals: wider bars
    buckets = [days[i:i + per_col] for i in range(0, len(days), per_col)]
    buckets = [b for b in buckets for _ in range(repeat)]
    counts = [sum(d["events"] for d in b) for b in buckets]
    peak = max(counts) or 1
    out = [f"{title} — events per {'day' if per_col == 1 else f'{per_col} days'}, "
           f"{data['start']} … {data['end']}"[:width]]
    for row in range(height, 0, -1):
        cells = []
        for c in counts:
            level = c / peak * height
            cells.append(BLOCKS[8] if level >= row else BLOCKS[max(0, round((level - row + 1) * 8))] if level > row - 1
                          else " ")
        label = f"{peak:>3} " if row == height else "    "
        out.append(label + "".join(cells).rstrip())
    out.append("    " + "─" * len(buckets))
    out.append("    " + _axis(buckets, len(buckets)))
    start = dt.date.fromisoformat(data["start"])
    for ph in data["phases"]:
        a = (dt.date.fromisoformat(ph["start"]) - start).days // per_col * repeat
        b = (dt.date.fromisoformat(ph["end"]) - start).days // per_col * repeat + repeat - 1
        a, b = max(a, 0), min(b, len(buckets) - 1)
        if b < 0 or a >= len(buckets):
            continue
        span = max(b - a + 1, 2)
        bar = "├" + "─" * (span - 2) + "┤" if span >= 2 else "│"
        name = f" {ph['number']} {ph['title']}"
        out.append(" " * (4 + a) + bar + name)
    if data["busiest"]:
        out.append("busiest: " + " · ".join(
            f"{b['date']} ({b['events']}{', ' + b['label'] if b['label'] else ''})" for b in data["busiest"]))
    return [ln[:width] if not ln.startswith("busiest") else ln for ln in out]


def _axis(buckets: list[list[dict[str, Any]]], n: int) -> str:
    """Month names where months begin, then the first day if it still fits."""
    axis = [" "] * n
    tags: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, b in enumerate(buckets):
        for x in b:
            d = dt.date.fromisoformat(x["date"])
            if d.day == 1 and x["date"] not in seen:
                seen.add(x["date"])
                tags.append((i, d.strftime("%b")))
    tags.append((0, dt.date.fromisoformat(buckets[0][0]["date"]).strftime("%d %b")))
    for i, tag in tags:
        if i + len(tag) <= n and all(c == " " for c in axis[max(0, i - 1):i + len(tag) + 1]):
            axis[i:i + len(tag)] = list(tag)
    return "".join(axis).rstrip()
