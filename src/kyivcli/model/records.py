"""What is extracted from an article, as frozen plain data.

Records link to the document by position (`line`, `sentence_index`, section `number`), never by
object, so `repr` stays short and `dataclasses.asdict` never meets a cycle. `kyivcli.record(obj)`
turns any of them into the dict the CLI prints as JSON (kyivcli.contract).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """Why an inference was made: the rule, the words that triggered it and where they are."""

    rule: str
    words: str = ""
    line: int | None = None
    context: str | None = None  # places: the admin context that chose the namesake ("Brovary Raion")
    distance_km: float | None = None  # places: distance to the article's centre
    candidates: int | None = None  # places: how many GeoNames namesakes were weighed


@dataclass(frozen=True)
class Mention:
    """One occurrence of a unit or place in the text."""

    text: str  # as written
    line: int
    sentence_index: int
    start: int  # offsets in the sentence
    end: int


@dataclass(frozen=True, repr=False)  # its own short __repr__ below
class Date:
    """A temporal expression and its TIMEX3 value."""

    text: str  # the expression as written
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # 2022-02-25, 2022-03, 2022-03-22/2022-03-24, 2022-02-24T08:00, P2D, BC0480
    mod: str | None  # early | mid | late | approx | more_than | less_than
    anchor: str  # explicit | relative
    line: int
    sentence_index: int
    start: int
    end: int
    section: str
    section_title: str
    where: str  # paragraph | heading | caption
    sentence: str
    rule: str = ""
    evidence: Evidence | None = None
    span: str | None = None  # one half of a span written as two expressions: the whole ("1991/1992")

    def __repr__(self) -> str:
        return f"Date({self.text!r} = {self.value}, line {self.line})"


@dataclass(frozen=True)
class PathStep:
    """A unit reported at a place on a date: one point of its path."""

    date: str
    place: str
    lat: float | None
    lon: float | None
    line: int
    sentence: str


@dataclass(frozen=True, repr=False)  # its own short __repr__ below
class Unit:
    """A military unit or armed service, with every mention folded in."""

    name: str
    aliases: tuple[str, ...]
    side: str
    side_evidence: Evidence | None
    echelon: str | None
    tier: str  # formation | service
    parent: str | None
    mentions: tuple[Mention, ...]
    first_date: str | None = None
    last_date: str | None = None
    places: tuple[str, ...] = ()  # places named in the same sentences
    path: tuple[PathStep, ...] = ()  # dated places, in time order

    @property
    def lines(self) -> list[int]:
        return [m.line for m in self.mentions]

    def __repr__(self) -> str:
        return f"Unit({self.name!r}, side={self.side}, {len(self.mentions)} mentions)"


@dataclass(frozen=True, repr=False)  # its own short __repr__ below
class Place:
    """A place, resolved in GeoNames where possible, with every mention folded in."""

    name: str
    aliases: tuple[str, ...]  # forms in the text
    variants: tuple[str, ...]  # GeoNames alternate names a reader may type
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    mentions: tuple[Mention, ...]
    confidence: float | None = None
    evidence: Evidence | None = None

    @property
    def lines(self) -> list[int]:
        return [m.line for m in self.mentions]

    def __repr__(self) -> str:
        where = f"{self.lat:.3f},{self.lon:.3f}" if self.lat is not None and self.lon is not None else "no point"
        return f"Place({self.name!r}, {self.kind}, {self.country}, {where}, {len(self.mentions)} mentions)"


@dataclass(frozen=True, repr=False)  # its own short __repr__ below
class Event:
    """A sentence and the calendar day, range, month or year it is about."""

    date: str  # 2022-03-05, 2022-03-22/2022-03-24; with include_all also 2022-03, 2022; BC: -0490
    precision: str  # day | range | month | year | other
    line: int
    sentence_index: int
    section: str
    section_title: str
    sentence: str
    places: tuple[str, ...] = ()
    units: tuple[str, ...] = ()

    @property
    def start(self) -> str:
        return self.date.split("/")[0]

    @property
    def end(self) -> str:
        return self.date.split("/")[-1]

    def __repr__(self) -> str:
        return f"Event({self.date}, line {self.line}, {self.sentence[:40]!r})"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, repr=False)  # its own short __repr__ below
class Hit:
    """A sentence that matched a search, with what matched and its context."""

    date: str | None
    line: int
    sentence_index: int
    section: str
    section_title: str
    sentence: str
    places: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    match: tuple[Span, ...] = ()
    context_before: tuple[str, ...] = ()
    context_after: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Hit(line {self.line}, {self.sentence[:40]!r})"


@dataclass(frozen=True)
class Day:
    date: str
    events: int
    label: str | None = None


@dataclass(frozen=True)
class Phase:
    title: str
    number: str
    line: int
    start: str
    end: str


@dataclass(frozen=True, repr=False)  # its own short __repr__ below
class Timeline:
    """Events per day from the first to the last dated event, phases from dated headings."""

    start: str | None
    end: str | None
    days: tuple[Day, ...]
    phases: tuple[Phase, ...]
    busiest: tuple[Day, ...]
    grain: str = "day"  # day | year (when the events are dated to years, e.g. BC history)

    def __repr__(self) -> str:
        return f"Timeline({self.start} … {self.end}, {len(self.days)} {self.grain}s)"


@dataclass(frozen=True, repr=False)  # its own short __repr__ below
class MapView:
    """The places to draw (with coordinates) and those left off the map."""

    centre: tuple[float, float] | None
    points: tuple[Place, ...]
    off_map: tuple[Place, ...]
    around: str | None = None  # the place the view is centred on, when one was asked for

    def __repr__(self) -> str:
        return f"MapView({len(self.points)} points, {len(self.off_map)} off the map)"
