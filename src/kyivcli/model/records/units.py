"""A military unit and its dated path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyivcli.model.records.common import sealed

if TYPE_CHECKING:
    from kyivcli.model.records.common import Evidence, Mention


@sealed
@dataclass(frozen=True, slots=True)
class PathStep:
    """A unit reported at a place on a date: one point of its path."""

    date: str
    place: str
    lat: float | None
    lon: float | None
    line: int
    sentence: str


@sealed
@dataclass(frozen=True, slots=True, repr=False)  # its own short __repr__ below
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
