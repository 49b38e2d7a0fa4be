"""Per-entity summary rows: mentions, first and last date, and what co-occurs in the same sentences."""

from __future__ import annotations

from typing import Any


def sentence_days(a: Any) -> dict[int, list[str]]:
    """The calendar days or day ranges each sentence pins down, in text order, each once
    (captions aside: a photo's date is not the story's)."""
    out: dict[int, list[str]] = {}
    for m in a.dates:
        v = m.day_value
        if v and m.sentence.where != "caption" and v not in out.get(m.sentence.index, []):
            out.setdefault(m.sentence.index, []).append(v)
    return out


def names_by_sentence(mentions: list[Any]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for m in mentions:
        names = out.setdefault(m.sentence.index, [])
        if m.name not in names:
            names.append(m.name)
    return out


def _span(indexes: list[int], days: dict[int, list[str]]) -> tuple[str | None, str | None]:
    found = sorted(end for i in indexes for d in days.get(i, []) for end in d.split("/"))
    return (found[0], found[-1]) if found else (None, None)


def unit_rows(a: Any) -> list[dict[str, Any]]:
    days = sentence_days(a)
    places = names_by_sentence(getattr(a, "place_mentions", []))
    rows = []
    for u in a.units:
        idx = [m.sentence.index for m in u.mentions]
        first, last = _span(idx, days)
        near: list[str] = []
        for i in idx:
            near.extend(p for p in places.get(i, []) if p not in near)
        rows.append({**u.to_dict(), "first_date": first, "last_date": last, "places": near})
    return rows


def place_rows(a: Any, span: bool = True) -> list[dict[str, Any]]:
    """Place records; with `span`, each place's first and last date (which needs the date pass)."""
    if not span:
        return [p.to_dict() for p in a.places]
    days = sentence_days(a)
    rows = []
    for p in a.places:
        first, last = _span([m.sentence.index for m in p.mentions], days)
        rows.append({**p.to_dict(), "first_date": first, "last_date": last})
    return rows
