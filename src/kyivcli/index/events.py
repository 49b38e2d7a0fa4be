"""The event table: one row per (sentence, calendar day or day range) the sentence pins down."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kyivcli.errors import EXIT_USAGE, KyivError
from kyivcli.extract.dates.model import DateMention
from kyivcli.parse.model import Sentence


@dataclass
class Event:
    date: str  # ISO day, or day range start/end; month or coarser only with --all
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

    def to_dict(self) -> dict[str, Any]:
        s = self.sentence
        return {
            "date": self.date, "precision": self.precision, "line": s.line, "section": s.section.number,
            "section_title": s.section.title, "text": s.text, "places": self.places, "units": self.units,
        }


def precision_of(value: str) -> str:
    if "/" in value:
        return "range"
    core = value.split("T")[0]
    return {10: "day", 7: "month", 4: "year"}.get(len(core), "other")


def parse_bound(text: str | None, name: str) -> str | None:
    """Validate a --from/--to bound: YYYY, YYYY-MM or YYYY-MM-DD."""
    if text is None:
        return None
    import re

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise KyivError(f"{name} takes a date like 2022-03-16, 2022-03 or 2022 (got '{text}')", EXIT_USAGE)
    return text


def in_range(start: str, end: str, lo: str | None, hi: str | None) -> bool:
    """Whole-span containment; a bound of coarser precision covers all of its days."""
    if lo and start[: len(lo)] < lo:
        return False
    return not (hi and end[: len(hi)] > hi)


def build_events(mentions: list[DateMention], include_all: bool = False) -> list[Event]:
    """Events in chronological order, stable by position for equal dates."""
    seen: set[tuple[int, str]] = set()
    events: list[Event] = []
    for m in mentions:
        s = m.sentence
        if s.where in ("heading", "caption") or m.type not in ("DATE", "TIME") or not m.value:
            continue
        value = m.day_value
        if value is None:
            if not include_all or not m.value[:1].isdigit() or m.type != "DATE":
                continue
            value = m.value.split("T")[0]
        key = (s.index, value)
        if key in seen:
            continue
        seen.add(key)
        events.append(Event(value, precision_of(value), s))
    if include_all:  # coarse rows only for sentences that have no day of their own
        dayful = {e.sentence.index for e in events if e.precision in ("day", "range")}
        events = [e for e in events if e.precision in ("day", "range") or e.sentence.index not in dayful]
    events.sort(key=lambda e: (e.start, e.end, e.sentence.index))
    return events
