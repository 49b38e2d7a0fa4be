"""Text timeline: a bar per day or year (or per group of them on narrow terminals), phases as spans,
labels; every line fits the width."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

BLOCKS = " ▁▂▃▄▅▆▇█"


def _year(key: str) -> int:
    return -int(key[1:5]) if key.startswith("-") else int(key[:4])


def _year_label(y: int) -> str:
    return f"{-y} BC" if y < 0 else str(y)


def lines(data: dict[str, Any], title: str, width: int, height: int = 6) -> list[str]:
    days = data["days"]
    if not days:
        return [title, "(no dated events)"]
    yearly = data.get("grain") == "year"
    unit = "year" if yearly else "day"
    margin = 4
    cols = max(10, width - margin - 1)
    per_col = -(-len(days) // cols)  # ceil: days per column
    repeat = max(1, min(3, cols // len(days))) if per_col == 1 else 1  # wide terminals: wider bars
    buckets = [days[i:i + per_col] for i in range(0, len(days), per_col)]
    buckets = [b for b in buckets for _ in range(repeat)]
    counts = [sum(d["events"] for d in b) for b in buckets]
    peak = max(counts) or 1
    span = (f"{_year_label(_year(data['start']))} … {_year_label(_year(data['end']))}" if yearly
            else f"{data['start']} … {data['end']}")
    out = textwrap.wrap(f"{title} — events per {unit if per_col == 1 else f'{per_col} {unit}s'}, {span}", width)
    for row in range(height, 0, -1):
        cells = []
        for c in counts:
            level = c / peak * height
            cells.append(BLOCKS[8] if level >= row else BLOCKS[max(0, round((level - row + 1) * 8))] if level > row - 1
                          else " ")
        label = f"{peak:>3} " if row == height else "    "
        out.append(label + "".join(cells).rstrip())
    out.append("    " + "─" * len(buckets))
    out.append("    " + (_year_axis(buckets, len(buckets)) if yearly else _axis(buckets, len(buckets))))
    if not yearly:
        start = dt.date.fromisoformat(data["start"])
        for ph in data["phases"]:
            a = (dt.date.fromisoformat(ph["start"]) - start).days // per_col * repeat
            b = (dt.date.fromisoformat(ph["end"]) - start).days // per_col * repeat + repeat - 1
            a, b = max(a, 0), min(b, len(buckets) - 1)
            if b < 0 or a >= len(buckets):
                continue
            n = max(b - a + 1, 2)
            bar = "├" + "─" * (n - 2) + "┤"
            out.append((" " * (4 + a) + bar + f" {ph['number']} {ph['title']}")[:width])
    if data["busiest"]:
        when = (lambda k: _year_label(_year(k))) if yearly else (lambda k: k)
        text = "busiest: " + " · ".join(
            f"{when(b['date'])} ({b['events']}{', ' + b['label'] if b['label'] else ''})" for b in data["busiest"])
        out.extend(textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False))
    return [ln[:width] for ln in out]


def _place_tags(axis: list[str], tags: list[tuple[int, str]]) -> str:
    n = len(axis)
    for i, tag in tags:
        if i + len(tag) <= n and all(c == " " for c in axis[max(0, i - 1):i + len(tag) + 1]):
            axis[i:i + len(tag)] = list(tag)
    return "".join(axis).rstrip()


def _axis(buckets: list[list[dict[str, Any]]], n: int) -> str:
    """Month names where months begin (years where years begin, when the span passes a year), then the
    first day if it still fits."""
    first = dt.date.fromisoformat(buckets[0][0]["date"])
    last = dt.date.fromisoformat(buckets[-1][-1]["date"])
    long_span = (last - first).days > 366
    tags: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, b in enumerate(buckets):
        for x in b:
            d = dt.date.fromisoformat(x["date"])
            starts = d.day == 1 and (d.month == 1 if long_span else True)
            if starts and x["date"] not in seen:
                seen.add(x["date"])
                tags.append((i, str(d.year) if long_span else d.strftime("%b")))
    tags.append((0, str(first.year) if long_span else first.strftime("%d %b")))
    return _place_tags([" "] * n, tags)


def _year_axis(buckets: list[list[dict[str, Any]]], n: int) -> str:
    """Years at round numbers: every year, decade or century, whichever leaves room between labels."""
    years = [_year(b[0]["date"]) for b in buckets]
    span = max(years) - min(years) + 1
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / s * 8 <= n), 1000)
    tags = [(i, _year_label(y)) for i, y in enumerate(years) if y % step == 0 and (i == 0 or years[i - 1] != y)]
    tags.insert(0, (0, _year_label(years[0])))
    return _place_tags([" "] * n, tags)
