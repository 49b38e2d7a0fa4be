"""Distances: great-circle between two (lat, lon) points, and spelling similarity between two names."""

from __future__ import annotations

import math


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def spelling_ratio(a: str, b: str) -> float:
    """rapidfuzz's fuzz.ratio (Indel similarity, 200 × LCS / total length) for two short names.

    The geoparser compares a handful of names per article; importing rapidfuzz for that costs more
    than the comparisons (~5 ms of a cold start). Search, which ranks many names, uses rapidfuzz."""
    if not a and not b:
        return 100.0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return 200.0 * prev[-1] / (len(a) + len(b))
