"""The extractors' working objects turned into the public records of kyivcli.model.

Extractors keep links between their objects while they work (a mention to its unit, its sentence);
records link by position only, so they print short and serialise without cycles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kyivcli.model.document import Document, Sentence

if TYPE_CHECKING:
    from kyivcli.extract.dates.model import DateMention
    from kyivcli.extract.places.geoparse import PlaceItem
    from kyivcli.extract.units.model import Unit as RawUnit
    from kyivcli.index.events import Event as RawEvent
    from kyivcli.model.records import Date, Event, Evidence, Mention, PathStep, Place, Unit


def evidence(raw: object) -> Evidence | None:
    """An extractor's evidence (a dict or an Evidence) as a record."""
    from kyivcli.model.records.common import Evidence

    if raw is None or isinstance(raw, Evidence):
        return raw
    if not isinstance(raw, dict):
        return Evidence(rule=str(raw))
    line = raw.get("line")
    if "year" in raw:  # a date whose year was inferred: why, and the mention that set it
        years = raw.get("years")
        return Evidence(rule=str(raw["year"]), words=str(raw.get("text") or ""),
                        line=int(line) if isinstance(line, int) else None,
                        context=str(raw.get("rule") or "") or (f"years {years}" if years else None))
    dist = raw.get("distance_km", raw.get("km_from_centre"))
    context = raw.get("context") or raw.get("admin")
    n = raw.get("candidates")
    return Evidence(rule=str(raw.get("rule", "")), words=str(raw.get("words") or raw.get("text") or ""),
                    line=int(line) if isinstance(line, int) else None,
                    context=str(context) if context else None,
                    distance_km=round(float(dist), 1) if isinstance(dist, (int, float)) else None,
                    candidates=n if isinstance(n, int) else None)


def mention(m: object) -> Mention:
    from kyivcli.model.records.common import Mention
    return _mention(Mention, m)


def _mention(cls: type[Mention], m: object) -> Mention:
    return cls(m.text, m.line, m.sentence.index, m.start, m.end)  # type: ignore[attr-defined]


def date_record(m: DateMention) -> Date:
    from kyivcli.model.records.dates import Date
    s = m.sentence
    return Date(m.text, m.type, m.value, m.mod, m.anchor, m.line, s.index, m.start, m.end, s.section,
                s.section_title, s.where, s.text, m.rule, evidence(getattr(m, "evidence", None)),
                getattr(m, "span", None))


def place_record(p: PlaceItem) -> Place:
    from kyivcli.model.records.common import Mention
    from kyivcli.model.records.places import Place
    conf = getattr(p, "confidence", None)
    return Place(p.name, tuple(p.aliases), tuple(p.variants), p.kind, p.country, p.admin1, p.lat, p.lon,
                 p.geonameid, tuple([_mention(Mention, m) for m in p.mentions]),
                 round(float(conf), 2) if isinstance(conf, (int, float)) else None,
                 evidence(getattr(p, "evidence", None)))


def unit_record(u: RawUnit, days: dict[int, list[str]], places: dict[int, list[str]],
                coords: dict[str, tuple[float | None, float | None]], doc: Document) -> Unit:
    from kyivcli.index.summary import span
    from kyivcli.model.records.common import Mention
    from kyivcli.model.records.units import Unit

    idx = [m.sentence.index for m in u.mentions]
    first, last = span(idx, days)
    near: list[str] = []
    for i in idx:
        near.extend(p for p in places.get(i, []) if p not in near)
    return Unit(u.name, tuple(u.aliases), u.side, evidence(getattr(u, "side_evidence", None)), u.echelon, u.tier,
                u.parent, tuple([_mention(Mention, m) for m in u.mentions]), first, last, tuple(near),
                path(u, days, places, coords, doc))


def path(u: RawUnit, days: dict[int, list[str]], places: dict[int, list[str]],
         coords: dict[str, tuple[float | None, float | None]], doc: Document) -> tuple[PathStep, ...]:
    """Where a unit is reported on which day: each sentence naming it, with each place named there
    (areas such as countries aside: a unit is not 'at' Russia), in time order. A sentence without a
    day of its own takes the last day given earlier in its paragraph (the narrative's day)."""
    from kyivcli.model.records.units import PathStep

    sentences = doc.sentences
    steps: list[PathStep] = []
    seen: set[tuple[int, str]] = set()
    for m in u.mentions:
        s = m.sentence
        day = _narrative_day(s.index, sentences, days)
        if day is None:
            continue
        for name in places.get(s.index, []):
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


def event_record(e: RawEvent, places: dict[int, list[str]], units: dict[int, list[str]]) -> Event:
    from kyivcli.model.records.events import Event
    s = e.sentence
    return Event(e.date, e.precision, s.line, s.index, s.section, s.section_title, s.text,
                 tuple(places.get(s.index, [])), tuple(units.get(s.index, [])))
