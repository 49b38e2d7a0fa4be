"""Distances: great-circle between two (lat, lon) points, and spelling similarity between two names."""

from __future__ import annotations

import math
from functools import lru_cache


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
    return 200.0 * _lcs(a, b) / (len(a) + len(b))


def _lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence, bit-parallel (Allison-Dix, Hyyrö): a bit per character of
    `a`, one big-integer step per character of `b`, instead of a table of len(a) × len(b) cells."""
    where, full = _masks(a)
    v = full
    for ch in b:
        u = v & where.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()  # each 0 bit left is a character of `a` in the subsequence


@lru_cache(maxsize=1024)
def _masks(a: str) -> tuple[dict[str, int], int]:
    """For each character of `a`, the bits of the places it holds; and the mask of all its bits (one name is
    compared with hundreds of spellings: built once)."""
    where: dict[str, int] = {}
    for i, ch in enumerate(a):
        where[ch] = where.get(ch, 0) | (1 << i)
    return where, (1 << len(a)) - 1
