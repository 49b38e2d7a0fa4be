"""A temporal expression found in the text, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kyivcli.parse.model import Sentence

SENTENCE_CAP = 300


def capped(text: str, cap: int = SENTENCE_CAP) -> str:
    """A row's sentence, cut to `cap` characters with a marker: output stays bounded when a
    "sentence" is a whole hostile paragraph (the full text is a `search` away)."""
    return text if len(text) <= cap else text[: cap - 1].rstrip() + "…"


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
    evidence: dict[str, Any] | None = None
    span: str | None = None  # both ends of a written span ("1991–1992") carry its value ("1991/1992")  # where kyivcli inferred an unwritten year: why and from what

    @property
    def line(self) -> int:
        return self.sentence.line_of(self.start)

    @property
    def day_value(self) -> str | None:
        """The calendar day or day range this mention pins down, if any."""
        from kyivcli.extract.dates.values import day_part

        return day_part(self.value) if self.type in ("DATE", "TIME") else None

    def to_dict(self) -> dict[str, Any]:
        sec = self.sentence.section
        return {
            "text": self.text, "type": self.type, "value": self.value, "mod": self.mod, "anchor": self.anchor,
            "line": self.line, "section": sec.number, "section_title": sec.title, "where": self.sentence.where,
            "sentence": capped(self.sentence.text), **({"evidence": self.evidence} if self.evidence else {}),
            **({"span": self.span} if self.span else {}),
        }
