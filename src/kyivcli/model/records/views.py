"""The timeline and the map: derived views over the other records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyivcli.model.records.common import sealed

if TYPE_CHECKING:
    from kyivcli.model.records.places import Place


@sealed
@dataclass(frozen=True, slots=True)
class Day:
    date: str
    events: int
    label: str | None = None


@sealed
@dataclass(frozen=True, slots=True)
class Phase:
    title: str
    number: str
    line: int
    start: str
    end: str


@sealed
@dataclass(frozen=True, slots=True, repr=False)  # its own short __repr__ below
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


@sealed
@dataclass(frozen=True, slots=True, repr=False)  # its own short __repr__ below
class MapView:
    """The places to draw (with coordinates) and those left off the map."""

    centre: tuple[float, float] | None
    points: tuple[Place, ...]
    off_map: tuple[Place, ...]
    around: str | None = None  # the place the view is centred on, when one was asked for

    def __repr__(self) -> str:
        return f"MapView({len(self.points)} points, {len(self.off_map)} off the map)"
