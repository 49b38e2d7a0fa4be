"""The event table: one row per (sentence, date) the sentence pins down.

Dates in the table are ISO-like with historian's year numbering for the years before the common
era: 490 BC is ``-0490`` (there is no year 0; ``-0001`` is 1 BC), a span is ``start/end``
(``-0490/-0479``). TIMEX values from the tagger (``BC0490``) are turned into that form here.
Ordering uses a numeric key, so 490 BC sorts before 480 BC and every BC year before AD 1.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kyivcli.errors import BadDate
from kyivcli.extract.dates.model import DateMention
from kyivcli.model.document import Sentence


@dataclass
class Event:
    """The extractor's working row (linked to its sentence); kyivcli.model.Event is what callers get."""

    date: str  # ISO day, or day range start/end; month or coarser only with include_all; BC years as -0490
    precision: str  # day | range | month | year | other
    sentence: Sentence
    places: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)

    @property
    def start(self) -> str:
        return self.date.split("/")[0]

    @property
    def end(self) -> str:
        return self.date.split("/")[-1]


_POINT = re.compile(r"^(-?)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TIMEX_POINT = re.compile(r"^(BC)?(\d{4})((?:-\d{2}){0,2})$")


@lru_cache(maxsize=4096)
def to_event_date(value: str) -> str | None:
    """A TIMEX value (``2022-02-24``, ``BC0490``, ``BC0499/BC0493``, ``2022-03T..``) as an event date
    (``2022-02-24``, ``-0490``, ``-0499/-0493``); None when it names no calendar point."""
    parts = []
    for p in value.split("/"):
        m = _TIMEX_POINT.match(p.split("T")[0])
        if not m:
            return None
        parts.append(("-" if m.group(1) else "") + m.group(2) + m.group(3))
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    return "/".join(parts)


@lru_cache(maxsize=4096)  # a few hundred distinct days an article, each sorted on many times
def sort_key(point: str) -> tuple[int, int, int]:
    """Numeric order of an event date point: (signed year, month, day); coarse points sort first."""
    m = _POINT.match(point)
    if not m:
        return (10**6, 0, 0)
    y = int(m.group(2))
    return (-y if m.group(1) else y, int(m.group(3) or 0), int(m.group(4) or 0))


@lru_cache(maxsize=4096)  # an article's events share a few hundred values
def precision_of(value: str) -> str:
    if "/" in value:
        return "range"
    m = _POINT.match(value.split("T")[0])
    if not m:
        return "other"
    return "day" if m.group(4) else "month" if m.group(3) else "year"


_BOUND = re.compile(r"^\s*(?:(-)?(\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?|(\d{1,4})\s*(BCE|BC|B\.C\.))\s*$", re.IGNORECASE)


def parse_bound(text: str | None) -> str | None:
    """A bound for the event table: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or a year before the
    common era as ``-0490``, ``490BC`` or ``490 BC``. Returns the canonical event-date form
    (``2022-03``, ``-0490``); raises BadDate (a ValueError) for anything else, including days that do
    not exist (``2022-02-30``)."""
    if text is None:
        return None
    m = _BOUND.match(text)
    bad = BadDate(f"bad date '{text}': expected YYYY, YYYY-MM, YYYY-MM-DD or a BC year like 490BC")
    if not m:
        raise bad
    if m.group(5):
        y = int(m.group(5))
        if y == 0:
            raise bad
        return f"-{y:04d}"
    neg, ys, mo, d = m.group(1), m.group(2), m.group(3), m.group(4)
    if not neg and len(ys) != 4:
        raise bad
    y = int(ys)
    if neg and y == 0:
        raise bad
    if mo is not None and not 1 <= int(mo) <= 12:
        raise bad
    if d is not None and not 1 <= int(d) <= calendar.monthrange(2000 if neg else y, int(mo))[1]:
        raise bad  # (BC days are checked against a leap year)
    out = f"{'-' if neg else ''}{y:04d}"
    if mo is not None:
        out += f"-{mo}"
        if d is not None:
            out += f"-{d}"
    return out


def _norm_point(p: str) -> str:
    """Accept event dates (``-0490``) and TIMEX points (``BC0490``) alike."""
    p = p.split("T")[0]
    return "-" + p[2:] if p.startswith("BC") else p


def _lower_key(p: str) -> tuple[int, int, int]:
    y, m, d = sort_key(p)
    return (y, m or 1, d or 1)


def _upper_key(p: str) -> tuple[int, int, int]:
    y, m, d = sort_key(p)
    return (y, m or 12, d or 31)


def _is_day(point: str) -> bool:
    return sort_key(point)[2] > 0


def in_range(start: str, end: str, lo: str | None, hi: str | None) -> bool:
    """Whole-span containment; a bound of coarser precision covers all of its days. Compares
    numerically, so BC bounds and dates work (``-0490`` is before ``-0480`` and before ``0001``)."""
    start, end = _norm_point(start), _norm_point(end)
    if lo and _lower_key(start) < _lower_key(_norm_point(lo)):
        return False
    return not (hi and _upper_key(end) > _upper_key(_norm_point(hi)))


def build_events(mentions: list[DateMention], include_all: bool = False) -> list[Event]:
    """Events in chronological order, stable by position for equal dates: one row per sentence and
    date. Day and day-range rows always; with ``include_all`` also month and year grain (BC years
    included) for sentences that pin down no day of their own."""
    seen: set[tuple[int, str]] = set()
    events: list[Event] = []
    for m in mentions:
        if m.type not in ("DATE", "TIME") or not m.value:
            continue
        s = m.sentence
        if s.where in ("heading", "caption"):
            continue
        value = m.day_value
        if m.span and value is not None and "/" in m.span:
            value = m.span  # one row for a span written as two dates
        if value is None:
            if not include_all or m.type != "DATE":
                continue
            value = to_event_date(m.span or m.value)
            if value is None:
                continue
        key = (s.index, value)
        if key in seen:
            continue
        seen.add(key)
        events.append(Event(value, precision_of(value), s))
    if include_all:  # coarse rows only for sentences that have no day of their own
        days = [_is_day(e.date.split("/")[0]) for e in events]
        dayful = {e.sentence.index for e, day in zip(events, days, strict=True) if day}
        events = [e for e, day in zip(events, days, strict=True) if day or e.sentence.index not in dayful]
    events.sort(key=_order)
    return events


def _order(e: Event) -> tuple[tuple[int, int, int], tuple[int, int, int], int]:
    """Time order of events (start, then end), then text order."""
    points = e.date.split("/")
    return (sort_key(points[0]), sort_key(points[-1]), e.sentence.index)
