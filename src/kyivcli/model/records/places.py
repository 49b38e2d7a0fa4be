"""A place, resolved in GeoNames where possible."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyivcli.model.records.common import sealed

if TYPE_CHECKING:
    from kyivcli.model.records.common import Evidence, Mention


@sealed
@dataclass(frozen=True, slots=True, repr=False)  # its own short __repr__ below
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
