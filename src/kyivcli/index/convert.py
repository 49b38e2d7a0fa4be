"""The extractors' working objects turned into the public records of kyivcli.model.

Extractors keep links between their objects while they work (a mention to its unit, its sentence);
records link by position only, so they print short and serialise without cycles.

An article's records are built by the thousand, so the batch functions (`date_records`, …) import their
record class once and build each frozen record with `_maker` (its fields stored through their slots, not set by
one `object.__setattr__` each).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from kyivcli.model.document import Document, Sentence
from kyivcli.model.records.common import Evidence, Mention

if TYPE_CHECKING:
    from kyivcli.extract.dates.model import DateMention
    from kyivcli.extract.places.geoparse import PlaceItem
    from kyivcli.extract.units.model import Unit as RawUnit
    from kyivcli.index.events import Event as RawEvent
    from kyivcli.model.records import Date, Event, PathStep, Place, Unit

_R = TypeVar("_R")
_MAKERS: dict[type, Callable[..., object]] = {}


def _maker(cls: type[_R]) -> Callable[..., _R]:
    """`cls(*values)` for a frozen record class, every field given in order, minus the generated
    __init__'s `object.__setattr__` per field: a function (written, as dataclasses writes __init__, from
    the field names) that stores each field through its slot (or, for a class without slots, in the
    instance's __dict__). Same instance, about half the cost."""
    make = _MAKERS.get(cls)
    if make is None and hasattr(cls, "__post_init__"):
        make = _MAKERS[cls] = cls  # an __init__ that does more than store the fields: keep it
    if make is None:
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        assert all(n.isidentifier() for n in names)
        scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
        if "__slots__" in vars(cls):
            scope.update((f"set_{n}", vars(cls)[n].__set__) for n in names)
            body = "".join(f"    set_{n}(obj, {n})\n" for n in names)
        else:
            body = "    d = obj.__dict__\n" + "".join(f"    d[{n!r}] = {n}\n" for n in names)
        src = f"def make({', '.join(names)}):\n    obj = new(cls)\n{body}    return obj\n"
        exec(src, scope)  # noqa: S102 - code made here from a dataclass's field names
        make = _MAKERS[cls] = scope["make"]
    return make  # type: ignore[return-value]


def evidence(raw: object) -> Evidence | None:
    """An extractor's evidence (a dict or an Evidence) as a record."""
    if raw is None or isinstance(raw, Evidence):
        return raw
    if not isinstance(raw, dict):
        return Evidence(rule=str(raw))
    make = _maker(Evidence)
    line = raw.get("line")
    if "year" in raw:  # a date whose year was inferred: why, and the mention that set it
        years = raw.get("years")
        return make(str(raw["year"]), str(raw.get("text") or ""), int(line) if isinstance(line, int) else None,
                    str(raw.get("rule") or "") or (f"years {years}" if years else None), None, None)
    dist = raw.get("distance_km", raw.get("km_from_centre"))
    context = raw.get("context") or raw.get("admin")
    n = raw.get("candidates")
    return make(str(raw.get("rule", "")), str(raw.get("words") or raw.get("text") or ""),
                int(line) if isinstance(line, int) else None, str(context) if context else None,
                round(float(dist), 1) if isinstance(dist, (int, float)) else None,
                n if isinstance(n, int) else None)


def _mentions(ms: Iterable[object]) -> tuple[Mention, ...]:
    """Mention records; each file line read from the sentence's block (what `m.line` gives)."""
    make = _maker(Mention)
    out = []
    for m in ms:
        s = m.sentence  # type: ignore[attr-defined]
        start = m.start  # type: ignore[attr-defined]
        out.append(make(m.text, s.block.line_at(s.start + start), s.index, start, m.end))  # type: ignore[attr-defined]
    return tuple(out)


def date_records(mentions: Iterable[DateMention]) -> tuple[Date, ...]:
    from kyivcli.model.records.dates import Date

    make = _maker(Date)
    out = []
    for m in mentions:
        s = m.sentence
        ev = m.evidence
        out.append(make(m.text, m.type, m.value, m.mod, m.anchor, s.block.line_at(s.start + m.start), s.index,
                        m.start, m.end, s.section, s.section_title, s.where, s.text, m.rule,
                        None if ev is None else evidence(ev), m.span))
    return tuple(out)


def place_records(items: Iterable[PlaceItem]) -> tuple[Place, ...]:
    from kyivcli.model.records.places import Place

    make = _maker(Place)
    out = []
    for p in items:
        conf = getattr(p, "confidence", None)
        out.append(make(p.name, tuple(p.aliases), tuple(p.variants), p.kind, p.country, p.admin1, p.lat, p.lon,
                        p.geonameid, _mentions(p.mentions),
                        round(float(conf), 2) if isinstance(conf, (int, float)) else None,
                        evidence(getattr(p, "evidence", None))))
    return tuple(out)


def unit_records(units: Iterable[RawUnit], days: dict[int, list[str]], places: dict[int, list[str]],
                 coords: dict[str, tuple[float | None, float | None]], doc: Document) -> tuple[Unit, ...]:
    from kyivcli.index.summary import span
    from kyivcli.model.records.units import Unit

    make = _maker(Unit)
    sentences = doc.sentences
    out = []
    for u in units:
        idx = [m.sentence.index for m in u.mentions]
        first, last = span(idx, days)
        near: list[str] = []
        for i in idx:
            near.extend(p for p in places.get(i, ()) if p not in near)
        out.append(make(u.name, tuple(u.aliases), u.side, evidence(getattr(u, "side_evidence", None)), u.echelon,
                        u.tier, u.parent, _mentions(u.mentions), first, last, tuple(near),
                        _path(u, days, places, coords, sentences)))
    return tuple(out)


def _path(u: RawUnit, days: dict[int, list[str]], places: dict[int, list[str]],
          coords: dict[str, tuple[float | None, float | None]], sentences: list[Sentence]) -> tuple[PathStep, ...]:
    """Where a unit is reported on which day: each sentence naming it, with each place named there
    (areas such as countries aside: a unit is not 'at' Russia), in time order. A sentence without a
    day of its own takes the last day given earlier in its paragraph (the narrative's day)."""
    from kyivcli.model.records.units import PathStep

    steps: list[PathStep] = []
    seen: set[tuple[int, str]] = set()
    for m in u.mentions:
        s = m.sentence
        names = places.get(s.index)
        if not names:  # most sentences naming a unit name no place: no day to look for
            continue
        day = _narrative_day(s.index, sentences, days)
        if day is None:
            continue
        for name in names:
            if (s.index, name) in seen or name not in coords:
                continue
            seen.add((s.index, name))
            lat, lon = coords[name]
            steps.append(PathStep(day, name, lat, lon, s.line, s.text))
    steps.sort(key=lambda p: (p.date, p.line))
    return tuple(steps)


def _narrative_day(index: int, sentences: list[Sentence], days: dict[int, list[str]]) -> str | None:
    """The sentence's first day, else the last day of the nearest earlier sentence in its paragraph."""
    if days.get(index):
        return days[index][0]
    block = sentences[index].block
    i = index - 1
    while i >= 0 and sentences[i].block is block:
        if days.get(i):
            return days[i][-1]
        i -= 1
    return None


def event_records(events: Iterable[RawEvent], places: dict[int, list[str]],
                  units: dict[int, list[str]]) -> list[Event]:
    from kyivcli.model.records.events import Event

    make = _maker(Event)
    out = []
    empty = ()
    for e in events:
        s = e.sentence
        i = s.index
        out.append(make(e.date, e.precision, s.block.line_at(s.start), i, s.section, s.section_title, s.text,
                        tuple(places.get(i, empty)), tuple(units.get(i, empty))))
    return out
