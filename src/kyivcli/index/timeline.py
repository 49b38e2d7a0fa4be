"""The campaign in time: events per day, phases from dated headings, busiest days with a label."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any


def _day(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def timeline(a: Any, busiest: int = 3) -> dict[str, Any]:
    """Per-day series from the first to the last dated event, phases, and the busiest days."""
    events = a.events()
    per_day: Counter[str] = Counter()
    day_sentences: dict[str, list[int]] = {}
    for e in events:
        d = _day(e.start)
        if d is None:
            continue
        per_day[e.start] += 1
        day_sentences.setdefault(e.start, []).append(e.sentence.index)
    phases = []
    for m in a.dates:
        if m.sentence.where == "heading" and m.value and "/" in m.value and m.day_value:
            start, end = m.value.split("/")
            if _day(start) and _day(end):
                sec = m.sentence.section
                phases.append({"title": sec.title, "number": sec.number, "line": sec.line, "start": start, "end": end})
    if not per_day:
        return {"start": None, "end": None, "days": [], "phases": phases, "busiest": []}
    first = min(_day(d) for d in per_day)
    last = max(_day(d) for d in per_day)
    assert first is not None and last is not None
    labels = _labels(a, day_sentences)
    days = []
    d = first
    while d <= last:
        key = d.isoformat()
        days.append({"date": key, "events": per_day.get(key, 0), "label": labels.get(key)})
        d += dt.timedelta(days=1)
    top = sorted((x for x in days if x["events"]), key=lambda x: (-x["events"], x["date"]))[:busiest]
    return {"start": first.isoformat(), "end": last.isoformat(), "days": days, "phases": phases,
            "busiest": [{"date": x["date"], "events": x["events"], "label": x["label"]} for x in top]}


def _labels(a: Any, day_sentences: dict[str, list[int]]) -> dict[str, str]:
    """A day's label: the place named most in its sentences (countries aside), else the unit."""
    places: dict[int, list[str]] = {}
    for m in a.place_mentions:
        if m.place is not None and m.place.kind in ("city", "town", "village", "place"):
            places.setdefault(m.sentence.index, []).append(m.name)
    units: dict[int, list[str]] = {}
    for m in a.unit_mentions:
        units.setdefault(m.sentence.index, []).append(m.name)
    totals = {k: Counter(n for names in source.values() for n in names) for k, source in
              (("places", places), ("units", units))}
    out = {}
    for day, idx in day_sentences.items():
        for key, source in (("places", places), ("units", units)):
            c = Counter(n for i in idx for n in source.get(i, []))
            if c:
                # the name most particular to this day: often here, rarely elsewhere
                out[day] = max(c, key=lambda n: (c[n] / totals[key][n] ** 0.5, c[n], n))
                break
    return out
