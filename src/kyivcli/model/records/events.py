"""Event-table rows and search hits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyivcli.model.records.common import sealed

if TYPE_CHECKING:
    from kyivcli.model.records.common import Span


@sealed
@dataclass(frozen=True, slots=True, repr=False)  # its own short __repr__ below
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


@sealed
@dataclass(frozen=True, slots=True, repr=False)  # its own short __repr__ below
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
