"""Unit mentions and canonical units, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kyivcli.extract.mention import Mention


@dataclass
class UnitMention(Mention):
    tier: str  # formation | service (text: as written, side word included)
    number: str | None = None  # "41st", "XXX"
    qualifiers: tuple[str, ...] = ()
    echelon: str | None = None  # singular, lower-case
    proper: str | None = None  # a proper name part: "Wagner", "Eastern"
    service: str | None = None  # canonical service kind, e.g. "air force"
    side: str | None = None  # from the text right at the mention
    country: str | None = None  # for services: whose ("of Ukraine", "Russian")
    short: bool = False  # "the 31st Guards": only counts if it names a full unit
    implied: bool = False  # echelon implied ("20th Maine", "424th Infantry"): joins a full unit if one fits
    formal: str | None = None  # the unit's name as this mention gives it (side words and commanders left out)
    rule: str | None = None  # the grammar rule that found it
    side_rule: str | None = None  # how `side` was read: modifier | possessive | name | service | self
    side_words: str | None = None  # the words that gave the side, if not the mention's text
    abbreviation: str | None = None  # defined right after it: "(EMD)"
    parent_mention: UnitMention | None = field(default=None, repr=False)  # "… of the 90th Guards Tank Division"
    unit: Unit | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else self.text


@dataclass
class Unit:
    name: str
    tier: str
    echelon: str | None
    side: str = "unknown"
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    mentions: list[UnitMention] = field(default_factory=list)
    side_evidence: dict[str, Any] | None = None  # {"rule", "line", "words"}: why `side` is what it is

    @property
    def lines(self) -> list[int]:
        return [m.line for m in self.mentions]

