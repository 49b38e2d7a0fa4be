"""A terminal map: markers sized by mentions, labels that do not overlap, a scale bar, a north arrow."""

from __future__ import annotations

import math
import textwrap
from typing import Any

from kyivcli.extract.places.distance import km

MARKERS = ("·", "•", "●")


def lines(points: list[Any], off: list[Any], title: str, width: int, height: int | None = None) -> list[str]:
    if not points:
        return [title, "(no places with coordinates)"]
    height = height or max(12, min(40, width * 2 // 5))
    lat0 = sum(p.lat for p in points) / len(points)
    kx = math.cos(math.radians(lat0))
    xs = [p.lon * kx for p in points]
    ys = [p.lat for p in points]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    spanx = max(maxx - minx, 1e-6)
    spany = max(maxy - miny, 1e-6)
    # terminal cells are about twice as tall as wide: one row covers two columns' worth of distance
    scale = max(spanx / (width - 12), spany * 2 / (height - 2))
    grid = [[" "] * width for _ in range(height)]

    def cell(p: Any) -> tuple[int, int]:
        x = int(round((p.lon * kx - minx) / scale)) + 1
        y = int(round((maxy - p.lat) * 2 / scale)) + 1
        return min(max(y, 0), height - 1), min(max(x, 0), width - 1)

    ordered = sorted(points, key=lambda p: (-len(p.mentions), p.name))
    for p in reversed(ordered):  # the most-mentioned marker is drawn last, on top
        r, c = cell(p)
        n = len(p.mentions)
        grid[r][c] = MARKERS[0 if n < 2 else 1 if n < 5 else 2]
    for rank, p in enumerate(ordered):  # labels: most-mentioned first, only where they fit
        r, c = cell(p)
        label = p.name
        # the three main places may cover single-mention dots; others only empty cells
        free = (" ", MARKERS[0]) if rank < 3 else (" ",)
        for row in (r, r - 1, r + 1) if rank < 3 else (r,):
            if not 0 <= row < height:
                continue
            placed = False
            for start in (c + 2, c - len(label) - 1):
                end = start + len(label)
                if start >= 0 and end <= width and all(
                        ch in free for ch in grid[row][max(start - 1, 0):min(end + 1, width)]):
                    grid[row][start:end] = list(label)
                    placed = True
                    break
            if placed:
                break
    out = [title]
    out += ["".join(row).rstrip() for row in grid]
    # scale bar: a round distance that fits in about a fifth of the width
    cols = max(4, width // 5)
    left, right = min(points, key=lambda p: p.lon), max(points, key=lambda p: p.lon)
    per_col = km((lat0, left.lon), (lat0, right.lon)) / max((right.lon - left.lon) * kx / scale, 1e-6)
    dist = _nice(per_col * cols)
    bar = max(2, int(round(dist / per_col))) if per_col > 0 else cols
    out.append(f"N↑   ├{'─' * (bar - 2)}┤ {dist:g} km    markers: · 1  • 2–4  ● 5+ mentions"[:width])
    if off:
        names = ", ".join(p.name for p in sorted(off, key=lambda p: -len(p.mentions)))
        out.extend(textwrap.wrap("off the map: " + names, width, subsequent_indent="  ", break_on_hyphens=False))
    return [ln[:width] for ln in out]


def _nice(x: float) -> float:
    if x <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(x))
    for m in (5, 2, 1):
        if m * exp <= x:
            return m * exp
    return exp
