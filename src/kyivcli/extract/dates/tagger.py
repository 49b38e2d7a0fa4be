"""Resolve matches to TIMEX3 values the way HeidelTime treats narratives.

A reference date walks through the document: explicit dates set it, relative expressions
("the next day", "that day", "two days later") are resolved against it. Partial dates take their
year from it; the starting year is inferred from the title and the first explicit years, not from
pubDate. Captions neither read nor move it (photo dates are not the story's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kyivcli.extract.dates.matcher import Match, find
from kyivcli.extract.dates.model import DateMention
from kyivcli.extract.dates.values import add_days, add_months, fmt, fmt_year, valid_day
from kyivcli.parse.model import Document, Sentence
from kyivcli.resources import resource

_YEAR_IN_TITLE = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")


@dataclass
class Ref:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    first_day: tuple[int, int, int] | None = None

    def set_day(self, y: int, m: int, d: int) -> None:
        self.year, self.month, self.day = y, m, d
        if self.first_day is None:
            self.first_day = (y, m, d)

    def set_month(self, y: int, m: int) -> None:
        if (y, m) != (self.year, self.month):
            self.day = None
        self.year, self.month = y, m

    def set_year(self, y: int) -> None:
        if y != self.year:
            self.year, self.month, self.day = y, None, None


@dataclass
class Resolved:
    type: str
    value: str | None
    mod: str | None = None
    anchor: str = "explicit"
    moves: Callable[[Ref], None] | None = None  # how this mention moves the reference
    day: tuple[int, int, int] | None = None  # the calendar day it names (a range: its first day)


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

    # -- helpers ---------------------------------------------------------------------------------
    def month(self, name: str | None, number: str | None = None) -> int | None:
        if number:
            return int(number)
        if not name:
            return None
        return self.months.get(name.rstrip("."))

    def infer_year(self, month: int | None) -> int | None:
        """Year of a date written without one: the one that puts the month nearest the reference month,
        so a story may cross New Year either way ("December … January" goes on to the next year,
        "March … from October to March" steps back to the October before)."""
        y = self.ref.year
        if y is None or not month or not self.ref.month:
            return y
        if self.ref.month - month > 6:
            return y + 1
        if month - self.ref.month > 6:
            return y - 1
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
        y = int(mt.group("y1")) if mt.group("y1") else self.infer_year(m)
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

    def year(self, mt: Match) -> Resolved | None:
        raw = mt.group("y1") or mt.group("y2")
        if not raw:
            return None
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
        return Resolved("DATE", mt.group("y1")[:3] + "X", self.mod(mt))

    def season(self, mt: Match) -> Resolved | None:
        code = resource("dates")["seasons"][mt.group("season").lower()]
        y = int(mt.group("y1")) if mt.group("y1") else self.ref.year
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
        return self.sentence_day or self.ref_day()

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
        back = mt.group("dir").lower() in ("earlier", "before", "prior", "previously", "ago")
        if n == "X":
            return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF", anchor="relative")
        if unit in ("TH", "TM"):
            return None
        return self._shift(unit, -int(n) if back else int(n))

    def first_day(self, mt: Match) -> Resolved | None:
        fd = self.ref.first_day
        return Resolved("DATE", fmt(*fd), anchor="relative") if fd else None

    def relative_day(self, mt: Match) -> Resolved | None:
        return self._shift("D", self.rel_days.get(" ".join(mt.m.group(0).lower().split()), 0))

    def relative_period(self, mt: Match) -> Resolved | None:
        unit, n = self.rel_periods[" ".join(mt.m.group(0).lower().split())]
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
        handler = getattr(self, mt.rule.kind)
        return handler(mt)


def document_year(doc: Document) -> int | None:
    """The story's year: from the title, else the first explicit year in the text, else pubDate."""
    m = _YEAR_IN_TITLE.search(doc.title)
    if m:
        return int(m.group(1))
    for s in doc.sentences[:200]:
        if s.where == "caption":
            continue
        for mt in find(s.text):
            y = mt.group("y1")
            if y and mt.rule.kind in ("date", "range", "year") and not mt.group("era"):
                return int(y)
    pub = str(doc.source.meta.get("pubDate") or doc.source.meta.get("date") or "")
    m = _YEAR_IN_TITLE.search(pub)
    return int(m.group(1)) if m else None


def tag_sentence(resolver: Resolver, s: Sentence) -> list[DateMention]:
    matches = find(s.text)
    if not matches:
        return []
    caption = s.where == "caption"
    saved = (resolver.ref.year, resolver.ref.month, resolver.ref.day, resolver.ref.first_day)
    # a clock time or a part of day in the sentence is anchored to the sentence's own date
    resolver.sentence_day = None
    needs_day = any(mt.rule.kind in ("time", "part_of_day") for mt in matches)
    for mt in matches if needs_day else ():
        if mt.rule.kind == "date" and mt.group("d1"):
            r = resolver.date(mt)
            if r and r.day:
                resolver.sentence_day = r.day
                break
    out: list[DateMention] = []
    for mt in matches:
        r = resolver.resolve(mt)
        if r is None:
            continue
        a, b = mt.span
        anchor = r.anchor
        out.append(DateMention(s.text[a:b], r.type, r.value, r.mod, anchor, s, a, b, mt.rule.name))
        if r.moves and not caption:
            if s.where == "heading" and mt.rule.kind == "range" and r.day:
                resolver.ref.set_day(*r.day)  # a heading's range scopes its section from its start
            else:
                r.moves(resolver.ref)
    if caption:
        resolver.ref.year, resolver.ref.month, resolver.ref.day, resolver.ref.first_day = saved
    resolver.sentence_day = None
    return out


def tag_document(doc: Document) -> list[DateMention]:
    """Every temporal expression in the document's paragraphs, headings, lists and captions."""
    resolver = Resolver(document_year(doc))
    out: list[DateMention] = []
    for s in doc.sentences:
        out.extend(tag_sentence(resolver, s))
    return out
