"""Resolve matches to TIMEX3 values the way HeidelTime treats narratives.

A reference date walks through the document: explicit dates set it, relative expressions
("the next day", "that day", "two days later") are resolved against it. Partial dates take their
year from it; the starting year is inferred from the title and the first explicit years, not from
pubDate. Captions neither read nor move it (photo dates are not the story's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kyivcli.extract.dates.matcher import Found, Match, Twin, find, plain
from kyivcli.extract.dates.model import DateMention
from kyivcli.extract.dates.values import add_days, add_months, fmt, fmt_year, valid_day
from kyivcli.model.document import Document, Sentence
from kyivcli.resources import resource
from kyivcli.rx import compile as recompile

_NAME_RUN = recompile(r"\b[A-Z][\w-]+(?:\s+(?:of\s+)?[A-Z][\w-]+)*")
_MODIFIER_AFTER = recompile(r" (?!of\b|in\b|on\b|at\b|and\b|was\b|were\b|had\b|has\b)[a-z]")
_ANCHOR_NAME = recompile(r"\s+(?:the\s+)?([A-Z][\w-]+(?:\s+(?:of\s+)?[A-Z][\w-]+)*)")
_SINCE = recompile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)
_YEAR_IN_TITLE = recompile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")


@dataclass
class Ref:
    """The narrative reference. `year`/`month`/`day` walk with the story; `clock` is the last calendar
    day the story itself pinned down, which a weak year (an aside's bare year) does not reset; `why`
    says which mention set the reference (for the evidence a resolved value carries)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    first_day: tuple[int, int, int] | None = None
    weak: bool = False  # the year came from a bare year in mid-sentence, not from the story's own dates
    day_exact: bool = True  # False while the day is only the start of a heading's range
    clock: tuple[int, int, int] | None = None
    clock_section: int = -1
    why: dict[str, Any] = field(default_factory=dict)

    def set_day(self, y: int, m: int, d: int) -> None:
        self.year, self.month, self.day = y, m, d
        self.weak = False
        self.day_exact = True
        self.clock = (y, m, d)
        if self.first_day is None:
            self.first_day = (y, m, d)

    def set_month(self, y: int, m: int) -> None:
        if (y, m) != (self.year, self.month):
            self.day = None
        self.year, self.month = y, m
        self.weak = False

    def set_year(self, y: int) -> None:
        if y != self.year:
            self.year, self.month, self.day = y, None, None
        self.weak = False

    def set_weak_year(self, y: int) -> None:
        """A bare year in mid-sentence: the year-grain story moves, the day clock stays."""
        if y != self.year:
            self.year, self.month, self.day = y, None, None
            self.weak = True


@dataclass
class Resolved:
    type: str
    value: str | None
    mod: str | None = None
    anchor: str = "explicit"
    moves: Callable[[Ref], None] | None = None  # how this mention moves the reference
    day: tuple[int, int, int] | None = None  # the calendar day it names (a range: its first day)
    evidence: dict[str, Any] | None = None  # where an unwritten year came from


def _num(word: str | None, numbers: dict[str, object]) -> int | str:
    if not word:
        return 1
    w = " ".join(word.lower().split())
    if w.replace(".", "", 1).isdigit():
        return int(float(w))
    v = numbers.get(w, "X")
    return v if isinstance(v, int) else "X"


def _digits(s: str) -> int:
    return int(re.sub(r"\D", "", s))


class Resolver:
    def __init__(self, start_year: int | None) -> None:
        self.ref = Ref(year=start_year)
        data = resource("dates")
        self.months: dict[str, int] = data["months"]
        self.holidays: dict[str, str] = {" ".join(k.split()): v for k, v in data["holidays"].items()}
        self.numbers: dict[str, object] = data["numbers"]
        self.units: dict[str, str] = data["units"]
        self.modifiers: dict[str, str] = data["modifiers"]
        self.dmods: dict[str, str] = data["duration_modifiers"]
        self.parts: dict[str, str] = data["parts_of_day"]
        self.rel_days: dict[str, int] = {" ".join(k.split()): v for k, v in data["relative_days"].items()}
        self.rel_periods: dict[str, list] = data["relative_periods"]
        self.ref_words: dict[str, str] = data["reference_words"]
        self.sentence_day: tuple[int, int, int] | None = None
        self.later_year: tuple[int, int | None] | None = None  # (year, its month) written later in the sentence
        self.section_index: int = -1
        self.evidence: dict[str, Any] | None = None
        self.ordinals: dict[str, int] = data["ordinals"]
        self.in_heading = False
        self.anchors: dict[str, tuple[int, int | None, int | None]] = {}  # named events -> the date given them
        self._pending_anchors: list[tuple[str, tuple[int, int | None, int | None]]] = []
        self.scope: tuple[int, int, int] | None = None  # (first year, last year, heading level) of a dated heading
        self.last_year: int | None = None  # the year last written in the story, moved the reference or not
        self.last_year_why: dict[str, Any] = {}

    # -- helpers ---------------------------------------------------------------------------------
    def month(self, name: str | None, number: str | None = None) -> int | None:
        if number:
            return int(number)
        if not name:
            return None
        return self.months.get(name.rstrip("."))

    def infer_year(self, month: int | None) -> int | None:
        """Year of a date written without one. A year written later in the same sentence ("in April
        and June 1955") wins; else the reference, or the story's day clock when the reference year
        only came from an aside's bare year. Of that year and its neighbours, the one that puts the
        month nearest the reference month, so a story may cross New Year either way ("December …
        January" goes on to the next year, "March … from October to March" steps back)."""
        if self.later_year is not None:
            self.evidence = {"year": "written later in the sentence"}
            y, m = self.later_year
            return y - 1 if month and m and month > m else y  # "from October to March 1945"
        r = self.ref
        y, ref_month = r.year, r.month
        self.evidence = {"year": "reference", **r.why}
        if r.weak and r.clock and r.clock_section == self.section_index:
            y, ref_month = r.clock[0], r.clock[1]
            self.evidence = {"year": "day clock (the reference year came from an aside)", **r.why}
        if y is not None and month and ref_month:
            if ref_month - month > 6:
                y += 1
            elif month - ref_month > 6:
                y -= 1
        if y is not None and self.scope is not None and not self.scope[0] - 1 <= y <= self.scope[1] + 1:
            y = min(max(y, self.scope[0]), self.scope[1])  # (a year's margin: a section often opens with its eve)
            self.evidence = {"year": "the section heading's years", "years": list(self.scope[:2])}
        return y

    def mod(self, mt: Match) -> str | None:
        raw = mt.group("mod") or mt.group("modof")
        if not raw:
            return None
        key = " ".join(raw.lower().split())
        return self.modifiers.get(key) or self.modifiers.get(f"{key} of")

    def ref_day(self) -> tuple[int, int, int] | None:
        r = self.ref
        return (r.year, r.month, r.day) if r.year and r.month and r.day else None

    # -- kinds -----------------------------------------------------------------------------------
    def date(self, mt: Match) -> Resolved | None:
        m = self.month(mt.group("m1"), mt.group("mn"))
        if m is None or not 1 <= m <= 12:
            return None
        d = _digits(mt.group("d1")) if mt.group("d1") else None
        if mt.group("thatyear") and self.last_year is not None:
            y: int | None = self.last_year  # "August of that year": the year last written
            self.evidence = {"year": "the year last written", **self.last_year_why}
        else:
            y = int(mt.group("y1")) if mt.group("y1") else self.infer_year(m)
            r = self.ref
            if (not mt.group("y1") and y is not None and r.year is not None and r.month is not None
                    and self.later_year is None and (y, m) > (r.year, r.month)
                    and _SINCE.search(mt.m.string, max(0, mt.span[0] - 12), mt.span[0])):
                y -= 1  # "since February": a starting point lies before the reference
                self.evidence = {"year": "'since' looks back from the reference", **r.why}
        if y is None:
            return None
        if d is not None:
            if not valid_day(y, m, d):
                return None
            return Resolved("DATE", fmt(y, m, d), self.mod(mt), moves=lambda r: r.set_day(y, m, d), day=(y, m, d))
        return Resolved("DATE", fmt(y, m), self.mod(mt), moves=lambda r: r.set_month(y, m))

    def holiday(self, mt: Match) -> Resolved | None:
        """A feast on a fixed day ("Christmas 1963", "by Christmas"): that day of the year written or
        the year nearest the reference."""
        if _NAME_BEFORE.search(mt.m.string, max(0, mt.m.start() - 16), mt.m.start()):
            return None  # "Silent Christmas" (a song): part of a name
        m, d = (int(x) for x in self.holidays[" ".join(mt.group("hol").split())].split("-"))
        y = int(mt.group("y1")) if mt.group("y1") else self.infer_year(m)
        if y is None:
            return None
        return Resolved("DATE", fmt(y, m, d), moves=lambda r: r.set_day(y, m, d), day=(y, m, d))

    def range(self, mt: Match) -> Resolved | None:
        m2 = self.month(mt.group("m2"))
        m1 = self.month(mt.group("m1")) or m2
        d1, d2 = _digits(mt.group("d1")), _digits(mt.group("d2"))
        if m1 is None or m2 is None:
            return None
        y2 = int(mt.group("y2")) if mt.group("y2") else None
        y1 = int(mt.group("y1")) if mt.group("y1") else None
        if y2 is None:
            y2 = y1 if y1 is not None and m1 <= m2 else self.infer_year(m2)
        if y2 is None:
            return None
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
        if not (valid_day(y1, m1, d1) and valid_day(y2, m2, d2)) or (y1, m1, d1) >= (y2, m2, d2):
            return None
        return Resolved("DATE", f"{fmt(y1, m1, d1)}/{fmt(y2, m2, d2)}", moves=lambda r: r.set_day(y2, m2, d2),
                        day=(y1, m1, d1))

    def day_list(self, mt: Match) -> Resolved | None:
        """Days of one month listed ("December 18, 19, and 20", "18, 19 and 20 December"): one
        expression; its value spans the first to the last day listed."""
        m = self.month(mt.group("m1") or mt.group("m1b"))
        if m is None:
            return None
        days = [int(x) for x in re.findall(r"\d+", mt.group("days") or mt.group("days2"))]
        if len(days) < 2 or days != sorted(days):
            return None
        y = int(mt.group("y1")) if mt.group("y1") else self.infer_year(m)
        if y is None or not all(valid_day(y, m, d) for d in days):
            return None
        d1, d2 = days[0], days[-1]
        return Resolved("DATE", f"{fmt(y, m, d1)}/{fmt(y, m, d2)}", moves=lambda r: r.set_day(y, m, d2),
                        day=(y, m, d1))

    def part_of_date(self, mt: Match) -> Resolved | None:
        """"the evening of 8 August 2008", "the early morning hours of November 1, 1954": one expression,
        the day with its part."""
        m = self.month(mt.group("m1") or mt.group("m1b"))
        if m is None:
            return None
        d = _digits(mt.group("d1") or mt.group("d1b"))
        y = int(mt.group("y1")) if mt.group("y1") else self.infer_year(m)
        if y is None or not valid_day(y, m, d):
            return None
        code = self.parts.get(mt.group("part").lower(), "NI")
        mod = (mt.group("mod") or mt.group("mod2") or "").lower() or None
        return Resolved("TIME", f"{fmt(y, m, d)}T{code}", mod, moves=lambda r: r.set_day(y, m, d), day=(y, m, d))

    def ordinal_day(self, mt: Match) -> Resolved | None:
        """"Third day", "Day 3" as a heading: that day of the story, counted from its first day. In
        running text the count's origin is unknown ("the seventh day" of what?): no value."""
        raw = (mt.group("ord") or mt.group("ord2")).lower()
        n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else self.ordinals.get(raw)
        fd = self.ref.first_day
        if not n or not fd or not self.in_heading:
            return Resolved("DATE", None, anchor="relative")
        y, m, d = add_days(*fd, n - 1)
        return Resolved("DATE", fmt(y, m, d), anchor="relative", moves=lambda r: r.set_day(y, m, d), day=(y, m, d))

    def year(self, mt: Match) -> Resolved | None:
        raw = mt.group("y1") or mt.group("y2")
        if not raw:
            return None
        text, a, b = mt.m.string, mt.m.start(), mt.m.end()
        if mt.rule.name == "year" and ((_PLURAL_AFTER.match(text, b) and not _PREP_BEFORE.search(text, max(0, a - 12), a))
                                       or _NUMBERED_BEFORE.search(text, max(0, a - 14), a)):
            return None  # "1400 victims", "Resolution 1234"
        y = int(raw)
        era = (mt.group("era") or mt.group("era2") or "").replace(".", "").upper()
        if era in ("BC", "BCE"):
            y = -y
        mod = "approx" if mt.group("approx") else self.mod(mt)
        m = self.month(mt.group("m1"))
        if m:
            return Resolved("DATE", fmt(y, m), mod, moves=lambda r: r.set_month(y, m))
        return Resolved("DATE", fmt_year(y), mod, moves=lambda r: r.set_year(y))

    def era_context_year(self, mt: Match) -> Resolved | None:
        """A bare 2-3 digit number after a preposition is a year only where the story is BC."""
        if self.ref.year is None or self.ref.year > 0:
            return None
        y = -int(mt.group("y1"))
        return Resolved("DATE", fmt_year(y), moves=lambda r: r.set_year(y))

    def decade(self, mt: Match) -> Resolved | None:
        if (mt.group("era") or "").replace(".", "").upper() in ("BC", "BCE"):
            return Resolved("DATE", f"BC{int(mt.group('y1')) // 10:03d}X", self.mod(mt))  # the 470s BC: BC047X
        return Resolved("DATE", mt.group("y1")[:3] + "X", self.mod(mt))

    def century(self, mt: Match) -> Resolved | None:
        """"the 4th century BC" -> BC03, "the early 21st century" -> 20 (TIMEX: the hundreds digits)."""
        c = int(mt.group("c"))
        bc = (mt.group("era") or "").replace(".", "").upper() in ("BC", "BCE")
        return Resolved("DATE", f"BC{c - 1:02d}" if bc else f"{c - 1:02d}", self.mod(mt))

    def short_year(self, mt: Match) -> Resolved | None:
        """The second year of "2017-18", "1958-59": the century of the year before the dash."""
        text, a = mt.m.string, mt.m.start()
        first = int(text[a - 5:a - 1])
        y = first // 100 * 100 + int(mt.group("y2"))
        if y <= first:
            return None
        return Resolved("DATE", fmt_year(y), anchor="explicit")

    def set(self, mt: Match) -> Resolved | None:
        """"daily", "per month", "every week": a recurrence (TIMEX3 SET)."""
        word = mt.m.group(0).lower().split()[-1]
        unit = {"daily": "D", "nightly": "D", "weekly": "W", "monthly": "M", "annually": "Y", "yearly": "Y",
                "hourly": "TH"}.get(word) or self.units.get(word.rstrip("s"), "D")
        return Resolved("SET", f"PT1{unit[1]}" if unit.startswith("T") else f"P1{unit[-1]}", anchor="relative")

    def anaphoric(self, mt: Match) -> Resolved | None:
        """"this time", "that period": the month the story stands at (too vague for a day, so never an
        event of its own; a period's extent is unknown: no value)."""
        what = (mt.group("what") or mt.group("what2")).lower()
        if what in ("period", "era", "stage"):
            return Resolved("DATE", None, anchor="relative")
        r = self.ref
        if r.year is None:
            return Resolved("DATE", "PRESENT_REF", anchor="relative")
        value = fmt(r.year, r.month) if r.month else fmt_year(r.year)  # vague: no finer than a month
        return Resolved("DATE", value, anchor="relative")

    def unvalued(self, mt: Match) -> Resolved | None:
        """A temporal expression whose value the text does not give ("the dry season", "the first year of
        the war", "night attacks"): found, typed, not resolved."""
        if mt.group("part"):
            return Resolved("TIME", f"T{self.parts.get(mt.group('part').lower(), 'NI')}", anchor="relative")
        return Resolved("DATE", None, anchor="relative")

    def anniversary(self, mt: Match) -> Resolved | None:
        """"the sixth anniversary of the capital's fall": the date the story gave the named event, n years on."""
        raw = mt.group("ord").lower()
        n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else self.ordinals.get(raw)
        name = mt.group("name")
        if name and _MODIFIER_AFTER.match(mt.m.string, mt.m.end("name")):
            name = None  # "the anniversary of the Allied landing": an adjective, not the event
        point = self.anchor(name) if name else None
        if not n or point is None:
            return Resolved("DATE", None, anchor="relative")
        y, m, d = point
        self.evidence = {"anchor": name, "anchor_value": fmt(y, m, d) if m and d else fmt(y, m) if m else fmt_year(y)}
        return Resolved("DATE", fmt(y + n, m, d) if m and d else fmt(y + n, m) if m else fmt_year(y + n),
                        anchor="relative")

    def season(self, mt: Match) -> Resolved | None:
        code = resource("dates")["seasons"][mt.group("season").lower()]
        if mt.group("y1") or mt.group("ey"):
            y = int(mt.group("y1")) if mt.group("y1") else -int(mt.group("ey"))
            return Resolved("DATE", f"{fmt_year(y)}-{code}", self.mod(mt), moves=lambda r: r.set_year(y))
        y = self.ref.year
        return Resolved("DATE", f"{fmt_year(y)}-{code}" if y is not None else f"XXXX-{code}", self.mod(mt))

    def period_part(self, mt: Match) -> Resolved | None:
        unit = mt.group("unit").lower()
        r = self.ref
        if unit == "month" and r.year and r.month:
            return Resolved("DATE", fmt(r.year, r.month), self.mod(mt), "relative")
        if r.year is None:
            return None
        return Resolved("DATE", fmt_year(r.year), self.mod(mt), "relative")

    def _anchor_day(self) -> tuple[int, int, int] | None:
        """The day a clock time or a part of day belongs to: the sentence's own day, else the story's
        day, unless that is only the start of a heading's range ("Stalemate (11–15 March)" pins no day)."""
        if self.sentence_day:
            return self.sentence_day
        return self.ref_day() if self.ref.day_exact else None

    def time(self, mt: Match) -> Resolved | None:
        if mt.group("named"):
            h, mi = (12, 0) if mt.group("named").lower() == "noon" else (0, 0)
        else:
            h, mi = int(mt.group("h")), int(mt.group("mi") or 0)
        ampm = (mt.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if not mt.group("ampm") and not mt.group("named") and not mt.group("mi"):
            return None
        day = self._anchor_day()
        clock = f"T{h:02d}:{mi:02d}"
        return Resolved("TIME", (fmt(*day) if day else "") + clock, anchor="relative")

    def part_of_day(self, mt: Match) -> Resolved | None:
        part = " ".join(mt.group("part").lower().split()).replace("at ", "")
        code = self.parts.get(part, "NI")
        rel = (mt.group("rel") or "").lower()
        base = self.ref_day() if rel else self._anchor_day()
        if base and rel in ("next", "following"):
            base = add_days(*base, 1)
        elif base and rel == "previous":
            base = add_days(*base, -1)
        mod = (mt.group("mod") or "").lower() or None
        moves = (lambda r, b=base: r.set_day(*b)) if base and rel else None
        return Resolved("TIME", (fmt(*base) if base else "") + f"T{code}", mod, "relative", moves)

    def _shift(self, unit: str, n: int) -> Resolved | None:
        r = self.ref
        if unit in ("D", "W") and self.ref_day():
            y, m, d = add_days(*self.ref_day(), n * (7 if unit == "W" else 1))  # type: ignore[misc]
            return Resolved("DATE", fmt(y, m, d), anchor="relative", moves=lambda rr: rr.set_day(y, m, d))
        if unit == "M" and r.year and r.month:
            y, m = add_months(r.year, r.month, n)
            return Resolved("DATE", fmt(y, m), anchor="relative", moves=lambda rr: rr.set_month(y, m))
        if unit in ("Y", "D", "W", "M") and r.year is not None:
            if unit == "Y":
                y = r.year + n
                return Resolved("DATE", fmt_year(y), anchor="relative", moves=lambda rr: rr.set_year(y))
            return Resolved("DATE", fmt(r.year, r.month) if r.month else fmt_year(r.year), anchor="relative")
        return Resolved("DATE", None, anchor="relative")

    def relative_n(self, mt: Match) -> Resolved | None:
        n = "X" if mt.group("vague") is not None else _num(mt.group("num"), self.numbers)
        unit = self.units.get(mt.group("unit").lower().rstrip("s"), "D")
        direction = mt.group("dir").lower()
        back = direction in ("earlier", "before", "prior", "previously", "ago")
        if n == "X":
            return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF", anchor="relative")
        if unit in ("TH", "TM"):
            return None
        if unit[0].isdigit():  # a decade, a century, a fortnight
            n, unit = int(n) * int(unit[:-1]), unit[-1]
        k = -int(n) if back else int(n)
        if direction in ("after", "before"):
            anchored = self._from_named_event(mt, unit, k)
            if anchored is not None:
                return anchored
        return self._shift(unit, k)

    def _from_named_event(self, mt: Match, unit: str, k: int) -> Resolved | None:
        """"eight days after Fort Alder", "A year after Karvos": counted from the date the story gave
        the named event (a name in a sentence that carried one written date)."""
        nm = _ANCHOR_NAME.match(mt.m.string, mt.m.end())
        if not nm:
            return None
        run = nm.group(1)
        if _MODIFIER_AFTER.match(mt.m.string, nm.end()):
            return None  # "after French troops left": an adjective, not a named event
        point = self.anchor(run) or self.anchor(run.split()[-1])
        if point is None:
            return None
        y, m, d = point
        self.evidence = {"anchor": run, "anchor_value": fmt(y, m, d) if d and m else fmt(y, m) if m else fmt_year(y)}
        if unit in ("D", "W") and m and d and y > 0:
            y2, m2, d2 = add_days(y, m, d, k * (7 if unit == "W" else 1))
            return Resolved("DATE", fmt(y2, m2, d2), anchor="relative", day=(y2, m2, d2))
        if unit == "M" and m:
            y2, m2 = add_months(y, m, k)
            return Resolved("DATE", fmt(y2, m2), anchor="relative")
        if unit == "Y":
            return Resolved("DATE", fmt_year(y + k), anchor="relative")
        return None

    def register_anchors(self, text: str, point: tuple[int, int | None, int | None]) -> None:
        """Remember a sentence that carried one date; its names are read only when something asks."""
        self._pending_anchors.append((text, point))

    def anchor(self, name: str) -> tuple[int, int | None, int | None] | None:
        while self._pending_anchors:
            self._index_anchors(*self._pending_anchors.pop(0))
        return self.anchors.get(name)

    def _index_anchors(self, text: str, point: tuple[int, int | None, int | None]) -> None:
        for run in _NAME_RUN.findall(text):
            words = run.split()
            if words[0] in ("The", "A", "An", "On", "In", "By", "At", "After", "Before", "During"):
                words = words[1:]
            if not words:
                continue
            self.anchors.setdefault(" ".join(words), point)
            self.anchors.setdefault(words[-1], point)

    def first_day(self, mt: Match) -> Resolved | None:
        fd = self.ref.first_day
        return Resolved("DATE", fmt(*fd), anchor="relative") if fd else None

    def relative_day(self, mt: Match) -> Resolved | None:
        return self._shift("D", self.rel_days.get(" ".join(mt.m.group(0).lower().split()), 0))

    def relative_period(self, mt: Match) -> Resolved | None:
        unit, n = self.rel_periods[" ".join(mt.m.group(0).lower().split())]
        if unit in ("DE", "CE"):  # "the following decade", "the previous century"
            y = self.ref.year
            if y is None:
                return Resolved("DATE", None, anchor="relative")
            size = 10 if unit == "DE" else 100
            k = abs(y) // size + (-n if y < 0 else n)  # BC decades count down
            digits = 3 if unit == "DE" else 2
            core = f"{k:0{digits}d}" + ("X" if unit == "DE" else "")
            return Resolved("DATE", ("BC" if y < 0 else "") + core, anchor="relative")
        return self._shift(unit, n)

    def reference(self, mt: Match) -> Resolved | None:
        return Resolved("DATE", self.ref_words.get(mt.m.group(0).lower()), anchor="relative")

    def duration(self, mt: Match) -> Resolved | None:
        unit = self.units.get(mt.group("unit").lower().rstrip("s"), "D")
        dmod = self.dmods.get(" ".join((mt.group("dmod") or "").lower().split()))

        def p(n: int | str) -> str:
            if unit in ("TH", "TM"):
                return f"PT{n}{unit[1]}"
            if unit[0].isdigit() and n != "X":
                mult = int(unit[:-1])
                return f"P{int(n) * mult}{unit[-1]}"
            return f"P{n}{unit[-1]}"

        if mt.group("num2"):
            return Resolved("DURATION", f"{p(int(mt.group('num')))}/{p(int(mt.group('num2')))}", dmod)
        n = "X" if mt.group("vague") is not None else _num(mt.group("num"), self.numbers)
        return Resolved("DURATION", p(n), dmod)

    # -- driver ----------------------------------------------------------------------------------
    def resolve(self, mt: Match) -> Resolved | None:
        return HANDLERS[mt.rule.kind](self, mt)


# The resolver's handler registry: a pattern's "kind" in resources/dates.json names one of these, and
# the resource is checked against it when it loads (matcher.rules).
HANDLERS: dict[str, Callable[[Resolver, Match], Resolved | None]] = {
    name: getattr(Resolver, name)
    for name in ("date", "holiday", "range", "day_list", "part_of_date", "ordinal_day", "year", "era_context_year",
                 "decade", "century", "short_year", "set", "anaphoric", "unvalued", "anniversary", "season", "period_part", "time", "part_of_day", "relative_n", "first_day",
                 "relative_day", "relative_period", "reference", "duration")
}


def _parse_ref(ref: str) -> tuple[int, int | None, int | None]:
    bc = ref.startswith("BC")
    parts = [int(x) for x in (ref[2:] if bc else ref).split("-")]
    y = -parts[0] if bc else parts[0]
    return y, (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def run_example(rule_name: str, text: str, ref: str) -> list[tuple[str, str | None]]:
    """Tag `text` as one sentence with the narrative standing at `ref`; the (text, value) pairs the
    named rule produced. Used by the tests that run every rule's examples."""
    from kyivcli.model.document import Block, Section

    y, m, d = _parse_ref(ref)
    resolver = Resolver(y)
    if d is not None and m is not None:
        resolver.ref.set_day(y, m, d)
    elif m is not None:
        resolver.ref.set_month(y, m)
    where = "heading" if not text.rstrip().endswith((".", "!", "?")) else "paragraph"
    block = Block(where, text, 1)
    sentence = Sentence(text, block, 0, Section(1 if where == "heading" else 0, "t", 1))
    return [(dm.text, dm.value) for dm in tag_sentence(resolver, sentence) if dm.rule == rule_name]


def document_year(doc: Document, memo: Found | None = None) -> int | None:
    """The story's year: from the title, else the first explicit year in the text, else pubDate."""
    m = _YEAR_IN_TITLE.search(doc.title)
    if m:
        return int(m.group(1))
    for s in doc.sentences[:200]:
        if s.where == "caption":
            continue
        for mt in find(s.text, (), memo):
            y = mt.group("y1")
            if y and mt.rule.kind in ("date", "range", "year") and not mt.group("era"):
                return int(y)
    pub = str(doc.source.meta.get("pubDate") or doc.source.meta.get("date") or "")
    m = _YEAR_IN_TITLE.search(pub)
    return int(m.group(1)) if m else None


# A date at the head of its sentence frames what follows ("In 1975, ...", "By late May 1944", "At the
# start of 1975"); in mid-sentence, a bare year is often an aside.
_FRAME = Twin(recompile(r"\W*(?:(?:in|by|on|at|during|from|since|after|before|until|early|late|mid|the|start|end|"
                    r"beginning|middle|course|spring|summer|autumn|fall|winter|of|around|about|then|and|but|"
                    r"however|meanwhile|also|throughout|within|over|later|earlier)\W+)*", re.IGNORECASE))
# Contexts (just before a date) where the date does not move the narrative:
_NO_MOVE: dict[str, Twin] = {k: Twin(rx) for k, rx in {
    # the end of an extent: the story stays at its start ("lasted until February 1945")
    "extent end": recompile(r"\b(?:until|till|up to|through|lasting to|lasted to)\s+(?:about\s+|around\s+)?$"
                             r"|\b(?:until|till)\s+the\s+[a-z]+\s+of\s+[^,;.]{1,30}\s+(?:in|on)\s+$", re.IGNORECASE),
    # plans and deadlines look ahead ("a campaign planned for 1976", "to be held by 20 July 1956")
    "plan": recompile(r"\b(?:planned|scheduled|expected|slated|intended|due|to be held|deadline|would|will)\b"
                       r"[^,;.]*$",
                       re.IGNORECASE),
    # a comparison or a starting point looks back ("500 in May, against 3,000 in January 2017", "the first since 1990")
    "comparison": recompile(r"\b(?:as against|against|compared (?:to|with)|from a (?:high|low|peak) of|a peak of|"
                             r"than|since|versus)\b[^,;.]*$", re.IGNORECASE),
    # a past perfect looks back ("forces that had crossed the river in late 1916")
    "past perfect": recompile(r"\b(?:had|had been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ght|un|de|lt)\b[^,;.]*$",
                               re.IGNORECASE),
}.items()}
# only for bare years: an event or thing named with its year ("the Dachau Trials of 1946"), a reduced
# relative clause ("a publication declassified in 2005", "a skull found in 2004"), a parenthesis
_BARE_YEAR_ASIDE: dict[str, Twin] = {k: Twin(rx) for k, rx in {
    "named with its year": recompile(r"\b(?!(?:end|start|beginning|middle|close|rest|half|course|spring|summer|"
                                      r"autumn|fall|winter)\b)[A-Za-z]\w+\s+of\s+$"),
    "reduced relative clause": recompile(
        r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bhad )(?<!\bhas )(?<!\bhave )"
        r"\b(?:\w+ed|found|built|written|held|born|known|made|taken|drawn|signed|published|issued)"
        r"\s+(?:in|for|on|by|during|around)\s+$", re.IGNORECASE),
    "parenthesis": recompile(r"\(\s*$"),
}.items()}
_GLUE = recompile(r"(?:\s*(?:,|and|or|&|to|until|through|-|–|—|/)\s*)+")
# "1400 victims": a number before a plural noun counts things (unless a preposition makes it a year:
# "in 1956 demonstrations ...")
_PLURAL_AFTER = recompile(r" (?!(?:was|has|as|is|this|its|his|thus|us|whereas|unless|plus|towards|across|always|"
                           r"perhaps|besides|afterwards|saw|sees|marks|becomes|seems|ends|begins|starts|brings|"
                           r"proves|yes|less|series|news)\b)[a-z]+(?:ie|[^s\W])s\b")
_NUMBERED_BEFORE = recompile(r"\b(?:Resolution|Article|No\.|Number|Flight|Route|Highway|Chapter|Section|Directive|"
                              r"Order|Decree|Hill|Height|Room|Page|Paragraph|Platoon|Convoy)\s+$")
_NAME_BEFORE = recompile(r"\b(?!(?:On|By|At|Until|Till|Before|After|Since|During|Last|Next|This|That|The|Of|In|For|"
                          r"And|But|Or|Then|From)\b)[A-Z][a-z]+\s+$")
_PREP_BEFORE = recompile(r"\b(?:in|by|of|since|during|until|till|from|after|before|between|early|late|mid|"
                          r"around|about|circa|c\.)\s+$", re.IGNORECASE)


def _framing(text: str, start: int) -> bool:
    return start <= 48 and _FRAME.on(plain(text)).fullmatch(text, 0, start) is not None


def _aside(text: str, a: int, bare_year: bool) -> str | None:
    """Why the date at `a` does not move the narrative, or None. Looks at a bounded window only."""
    window = text[max(0, a - 60):a]
    is_plain = plain(window)
    for why, rx in _NO_MOVE.items():
        if rx.on(is_plain).search(window):
            return why
    if bare_year:
        for why, rx in _BARE_YEAR_ASIDE.items():
            if rx.on(is_plain).search(window):
                return why
    return None


def _written_year(mt: Match) -> int | None:
    y = mt.group("y1") or mt.group("y2") or mt.group("ey")
    if not y or mt.rule.kind not in ("date", "range", "year", "season"):
        return None
    era = (mt.group("era") or mt.group("era2") or "").replace(".", "").upper()
    return -int(y) if era in ("BC", "BCE") else int(y)


def _needs_year(mt: Match) -> bool:
    return mt.rule.kind in ("date", "range", "holiday") and not (mt.group("y1") or mt.group("y2"))


class Narrative:
    """Walks the sentences: decides which mentions move the reference and how strongly."""

    def __init__(self, resolver: Resolver, span_start: int | None) -> None:
        self.resolver = resolver
        self.span_start = span_start  # the story's first year, when the title or the lead says it

    def move(self, s: Sentence, mt: Match, r: Resolved) -> None:
        ref = self.resolver.ref
        a = mt.m.start()
        kind = mt.rule.kind
        heading = _heading_like(s)
        why = {"rule": mt.rule.name, "line": s.line_of(a), "text": s.text[slice(*mt.span)][:60]}
        if kind == "relative_period" and mt.m.group(0).lower().split()[-2:-1] in (["previous"], ["preceding"],
                                                                                   ["last"], ["year"]):
            return  # "the previous year", "last year", "the year before": a look back
        if kind == "relative_n" and (mt.group("dir") or "").lower() in ("earlier", "before", "prior", "previously",
                                                                        "ago"):
            return  # "a year earlier", "two days before": a look back
        bare_year = kind in ("year", "season") and not mt.group("m1")
        if not heading and not _framing(s.text, a):
            y = _written_year(mt)
            if (y is not None or kind in ("relative_period", "relative_n")) and _aside(s.text, a, bare_year):
                return
            if (y is not None and r.day is None and self.span_start is not None and y < self.span_start
                    and ref.year is not None and ref.year >= self.span_start):
                return  # a look back to before the story began
            if (y is not None and r.day is None and not bare_year and ref.day is not None and ref.month is not None
                    and ref.year is not None and (y, self.resolver.month(mt.group("m1")) or 0) < (ref.year, ref.month)):
                return  # "This followed the election in December 2015": a day-grain story does not step back
            if bare_year and y is not None:
                if ref.month is not None and ref.year is not None and y < ref.year:
                    return  # a day- or month-grain story does not step back for a bare year in passing
                ref.set_weak_year(y)
                ref.why = why
                return
        elif not heading and r.day is None:
            y = _written_year(mt)
            if (y is not None and self.span_start is not None and y < self.span_start
                    and ref.year is not None and ref.year >= self.span_start):
                return  # "In July 2021, ..." before a story that begins in 2022 (a full date would move it)
        if heading and kind == "range" and r.day:
            ref.set_day(*r.day)  # a heading's range scopes its section from its start
            ref.day_exact = False
        else:
            assert r.moves is not None
            r.moves(ref)
        if ref.clock and r.day:
            ref.clock_section = self.resolver.section_index
        ref.why = why


def _full_date_ends(mt: Match, r: Resolved) -> list[tuple[tuple[int, int], str]] | None:
    """The two ends of a day range whose ends are each a full date with its own month, as (span,
    value) pairs; None for a range that shares its month ("22–24 March", "April 6-7")."""
    if mt.rule.kind != "range" or not mt.group("m1") or not mt.group("m2") or not r.value or "/" not in r.value:
        return None
    first = [mt.m.span(g) for g in ("m1", "d1", "y1") if mt.group(g)]
    second = [mt.m.span(g) for g in ("m2", "d2", "y2") if mt.group(g)]
    v1, v2 = r.value.split("/")
    return [((min(x for x, _ in first), max(y for _, y in first)), v1),
            ((min(x for x, _ in second), max(y for _, y in second)), v2)]


def _peek_day(resolver: Resolver, mt: Match) -> tuple[int, int, int] | None:
    """The calendar day a date or day range match names, resolved without moving anything."""
    if mt.rule.kind not in ("date", "range") or not mt.group("d1"):
        return None
    saved = resolver.evidence
    r = resolver.date(mt) if mt.rule.kind == "date" else resolver.range(mt)
    resolver.evidence = saved
    return r.day if r else None


def _heading_like(s: Sentence) -> bool:
    """A heading, or a short line standing alone without end punctuation (plain-text articles write
    their headings so: "1916: Offensive", "The regent's era, 1920-1928")."""
    if s.where == "heading":
        return True
    if len(s.block.text) > 100:  # (checked first: a long paragraph is never copied per sentence)
        return False
    t = s.block.text.rstrip()
    return (s.block.kind == "paragraph" and len(t) <= 80 and s.start == 0 and len(s.text.rstrip()) == len(t)
            and not t.endswith((".", "!", "?", ":", ";", ",", '"', "”", "'")))


def _heading_level(s: Sentence) -> int:
    return s.section_level if s.where == "heading" else 1


def tag_sentence(resolver: Resolver, s: Sentence, narrative: Narrative | None = None,
                 memo: Found | None = None) -> list[DateMention]:
    heading_like: bool | None = None  # (worked out when asked: most sentences hold no date)
    if resolver.scope is not None:
        heading_like = s.where != "caption" and _heading_like(s)
        if heading_like and _heading_level(s) <= resolver.scope[2]:
            resolver.scope = None  # a heading at the same or a higher level ends a dated heading's scope
    bc_story = resolver.ref.year is not None and resolver.ref.year <= 0
    matches = find(s.text, () if bc_story else ("era_context_year",), memo)
    if not matches:
        return []
    if heading_like is None:
        heading_like = s.where != "caption" and _heading_like(s)
    narrative = narrative or Narrative(resolver, None)
    caption = s.where == "caption"
    resolver.in_heading = heading_like
    resolver.section_index = id(s.block)
    # a clock time or a part of day in the sentence is anchored to the sentence's own date
    resolver.sentence_day = None
    needs_day = any(mt.rule.kind in ("time", "part_of_day") for mt in matches)
    for mt in matches if needs_day else ():
        r = _peek_day(resolver, mt)
        if r is not None:
            resolver.sentence_day = r
            break
    # a year written later in the sentence, for dates coordinated with it ("in April and June 1925")
    later: list[tuple[int, int | None] | None] = [None] * len(matches)
    nxt: tuple[int, int | None] | None = None
    for i in range(len(matches) - 1, -1, -1):
        mt = matches[i]
        y = _written_year(mt)
        if i + 1 < len(matches):
            gap_start, gap_end = mt.m.end(), matches[i + 1].m.start()
            glued = gap_end - gap_start <= 12 and _GLUE.fullmatch(s.text, gap_start, gap_end) is not None
            if not glued:
                nxt = None
        later[i] = nxt if _needs_year(mt) else None
        if y is not None and mt.rule.kind in ("date", "range"):
            nxt = (y, resolver.month(mt.group("m1") or mt.group("m2"), mt.group("mn")))
        elif not _needs_year(mt):
            nxt = None
    out: list[DateMention] = []
    kept: list[Match] = []
    for i, mt in enumerate(matches):
        resolver.later_year = later[i]
        resolver.evidence = None
        day_of = None
        if mt.rule.kind == "part_of_day" and i + 1 < len(matches) and s.text.startswith(" of ", mt.span[1]):
            day_of = _peek_day(resolver, matches[i + 1])  # "the night of 13 February": that day's night
        saved_day = resolver.sentence_day
        if day_of is not None:
            resolver.sentence_day = day_of
        r = resolver.resolve(mt)
        resolver.sentence_day = saved_day
        resolver.later_year = None
        if r is None:
            continue
        a, b = mt.span
        ends = _full_date_ends(mt, r) if not resolver.in_heading else None
        if ends is not None:
            # "from August 28, 1945 to Oct 10, 1945", "July 1 to July 3": two written dates, two
            # expressions, each its own day; both carry the span (one row in the event table)
            for (ea, eb), value in ends:
                dm = DateMention(s.text[ea:eb], "DATE", value, None, r.anchor, s, ea, eb, mt.rule.name,
                                 evidence=resolver.evidence, span=r.value)
                out.append(dm)
                kept.append(mt)
        else:
            dm = DateMention(s.text[a:b], r.type, r.value, r.mod, r.anchor, s, a, b, mt.rule.name)
            if resolver.evidence is not None and r.type in ("DATE", "TIME") and r.value:
                dm.evidence = resolver.evidence
            out.append(dm)
            kept.append(mt)
        wy = _written_year(mt) if not caption else None
        if wy is not None:
            resolver.last_year = wy
            resolver.last_year_why = {"line": s.line_of(a), "text": dm.text[:60]}
        if r.moves and not caption:
            narrative.move(s, mt, r)
    resolver.sentence_day = None
    if not caption:
        written = {(_year_of(dm.value), dm.value) for dm, mt in zip(out, kept, strict=True)
                   if mt.rule.kind in ("date", "year", "part_of_date") and dm.value and "/" not in dm.value}
        if len(written) == 1:
            y, value = next(iter(written))
            if y is not None:
                parts = value.split("T")[0].lstrip("BC").split("-")
                mo = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                dd = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None
                resolver.register_anchors(s.text, (y, mo, dd))
    _link_spans(s.text, out)
    if heading_like:
        _scope_section(resolver, s, out)
    return out


def _scope_section(resolver: Resolver, s: Sentence, out: list[DateMention]) -> None:
    """A heading that names years ("1916: Offensive", "The regent's era, 1920-1928") bounds the years its section's
    undated days and months may take; a heading at the same or a higher level ends that scope."""
    level = _heading_level(s)
    lo: int | None = None
    hi: int | None = None
    for m in out:
        y = _year_of(m.value) if m.type == "DATE" and m.value and m.anchor == "explicit" else None
        if y is None:
            continue
        before = s.text[max(0, m.start - 12):m.start].lower().split()[-1:]
        if before in (["since"], ["after"], ["from"]) and len(out) == 1:
            lo, hi = y, 10**6  # "since 1950": open to the present
        elif before in (["until"], ["before"], ["to"]) and len(out) == 1:
            lo, hi = -(10**6), y
        else:
            lo, hi = min(y, lo if lo is not None else y), max(y, hi if hi is not None else y)
    if lo is not None and hi is not None:
        resolver.scope = (lo, hi, level)


def _year_of(value: str) -> int | None:
    m = re.match(r"^(BC)?(\d{4})", value)
    if not m:
        return None
    return -int(m.group(2)) if m.group(1) else int(m.group(2))


_SPAN_GLUE = recompile(r"\s*[–—-]\s*|\s+(?:to|until|till|through)\s+", re.IGNORECASE)
_COARSE = recompile(r"^(?:BC)?\d{4}(?:-\d{2})?$")


def _link_spans(text: str, out: list[DateMention]) -> None:
    """Two years or months joined as a span ("1991–1992", "264–241 BC", "from February to May 2022")
    stay two expressions, each with its own value, and both carry the span's value, so the event
    table shows the span as one row."""
    for x, y in zip(out, out[1:], strict=False):
        if (x.type == y.type == "DATE" and x.value and y.value and _COARSE.match(x.value) and _COARSE.match(y.value)
                and len(x.value) == len(y.value) and y.start - x.end <= 10
                and _SPAN_GLUE.fullmatch(text, x.end, y.start) and _order(x.value) < _order(y.value)):
            x.span = y.span = f"{x.value}/{y.value}"


def _order(value: str) -> tuple[int, int]:
    bc = value.startswith("BC")
    core = value[2:] if bc else value
    y = int(core[:4])
    return (-y if bc else y, int(core[5:7]) if len(core) > 4 else 0)


def story_start(doc: Document, memo: Found | None = None) -> int | None:
    """The story's first year when the article says it firmly: a year in the title, else the earliest
    year of the full dates (day, month and year) in the first paragraph that are no asides."""
    m = _YEAR_IN_TITLE.search(doc.title)
    if m:
        return int(m.group(1))
    first = next((s.block for s in doc.sentences if s.where == "paragraph"), None)
    years = []
    for s in doc.sentences[:12]:
        if s.block is not first:
            continue
        for mt in find(s.text, (), memo):
            if (mt.rule.kind == "date" and mt.group("d1") and mt.group("y1")
                    and not _aside(s.text, mt.m.start(), False)):
                years.append(int(mt.group("y1")))
    return min(years) if years else None


def tag_document(doc: Document) -> list[DateMention]:
    """Every temporal expression in the document's paragraphs, headings, lists and captions."""
    memo = Found([s.text for s in doc.sentences])  # the lead is matched for the story's year, then for its dates
    resolver = Resolver(document_year(doc, memo))
    narrative = Narrative(resolver, story_start(doc, memo))
    out: list[DateMention] = []
    for s in doc.sentences:
        out.extend(tag_sentence(resolver, s, narrative, memo))
    return out
