"""A temporal expression found by the tagger, linked to its sentence while the tagger works
(kyivcli.model.Date is the record callers get)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kyivcli.extract.dates.values import day_part
from kyivcli.model.document import Sentence


@dataclass
class DateMention:
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3: 2022-02-25, 2022-03, 2022, 2022-03-22/2022-03-24, 2022-02-24T08:00, P2D
    mod: str | None  # early | mid | late | approx | more_than | less_than
    anchor: str  # explicit | relative
    sentence: Sentence
    start: int  # offset in sentence.text
    end: int
    rule: str = ""
    evidence: dict[str, Any] | None = None  # where an unwritten year was inferred: why and from what
    span: str | None = None  # both ends of a written span ("1991–1992") carry its value ("1991/1992")

    @property
    def line(self) -> int:
        return self.sentence.line_of(self.start)

    @property
    def day_value(self) -> str | None:
        """The calendar day or day range this mention pins down, if any."""
        return day_part(self.value) if self.type in ("DATE", "TIME") else None
