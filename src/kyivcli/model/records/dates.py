"""A temporal expression and its TIMEX3 value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyivcli.model.records.common import sealed

if TYPE_CHECKING:
    from kyivcli.model.records.common import Evidence


@sealed
@dataclass(frozen=True, slots=True, repr=False)  # its own short __repr__ below
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
