"""The campaign in time: events per day, phases from dated headings, busiest days with a label."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from kyivcli.model.records import Day, Phase, Timeline

if TYPE_CHECKING:
    from kyivcli.article import Article


def _day(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def timeline(art: Article, busiest: int = 3) -> Timeline:
    """Per-day series from the first to the last dated event, phases, and the busiest days."""
    per_day: Counter[str] = Counter()
    day_sentences: dict[str, list[int]] = {}
    for e in art.events():
        if _day(e.start) is None:
            continue
        per_day[e.start] += 1
        day_sentences.setdefault(e.start, []).append(e.sentence_index)
    phases = []
    for m in art.dates:
        if m.where == "heading" and m.value and "/" in m.value and m.type == "DATE":
            start, end = m.value.split("/")
            if _day(start) and _day(end):
                sec = art.document.section(m.section)
                phases.append(Phase(sec.title, sec.number, sec.line, start, end))
    if not per_day:
        return _by_year(art, busiest, tuple(phases))
    first = min(d for d in map(_day, per_day) if d)
    last = max(d for d in map(_day, per_day) if d)
    labels = _labels(art, day_sentences)
    days = []
    d = first
    while d <= last:
        key = d.isoformat()
        days.append(Day(key, per_day.get(key, 0), labels.get(key)))
        d += dt.timedelta(days=1)
    top = sorted((x for x in days if x.events), key=lambda x: (-x.events, x.date))[:busiest]
    return Timeline(first.isoformat(), last.isoformat(), tuple(days), tuple(phases), tuple(top))


def _labels(art: Article, day_sentences: dict[str, list[int]]) -> dict[str, str]:
    """A day's label: the place named most in its sentences (countries aside), else the unit."""
    places: dict[int, list[str]] = {}
    for p in art.places:
        if p.kind in ("city", "town", "village", "place"):
            for m in p.mentions:
                places.setdefault(m.sentence_index, []).append(p.name)
    units: dict[int, list[str]] = {}
    for u in art.units:
        for m in u.mentions:
            units.setdefault(m.sentence_index, []).append(u.name)
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


def year_of(date: str) -> int | None:
    """The year of an event date: '1944-03-05' → 1944, '-0490' (490 BC) → -490."""
    import re

    m = re.match(r"^(-?)(\d{4})", date)
    return (-1 if m.group(1) else 1) * int(m.group(2)) if m else None


def year_key(year: int) -> str:
    """A year as event dates write it: 1944 → '1944', -490 → '-0490' (490 BC)."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _by_year(art: Article, busiest: int, phases: tuple[Phase, ...]) -> Timeline:
    """History dated to years (an ancient war, a long war told by year): events per year."""
    per_year: Counter[int] = Counter()
    year_sentences: dict[str, list[int]] = {}
    for e in art.events(include_all=True):
        y = year_of(e.start)
        if y is None:
            continue
        per_year[y] += 1
        year_sentences.setdefault(year_key(y), []).append(e.sentence_index)
    if not per_year:
        return Timeline(None, None, (), phases, (), "year")
    labels = _labels(art, year_sentences)
    first, last = min(per_year), max(per_year)
    years = [y for y in range(first, last + 1) if y != 0]  # there is no year 0 between 1 BC and AD 1
    days = tuple(Day(year_key(y), per_year.get(y, 0), labels.get(year_key(y))) for y in years)
    top = sorted((x for x in days if x.events), key=lambda x: (-x.events, year_of(x.date) or 0))[:busiest]
    return Timeline(year_key(first), year_key(last), days, phases, tuple(top), "year")
