"""Places on a plane: which to draw (the main cluster, or around a named place)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kyivcli.errors import NoMatch, QueryError
from kyivcli.extract.places.distance import km
from kyivcli.model.records import MapView

if TYPE_CHECKING:
    from kyivcli.article import Article

_AREAS = ("country", "continent", "region", "ocean", "sea")


def map_view(art: Article, around: str | None = None, radius_km: float | None = None) -> MapView:
    """Points to draw and those left off. Default: the main cluster (within 3× the median distance
    from the median point), so one far-away mention does not shrink everything else to a dot."""
    if radius_km is not None and radius_km <= 0:
        raise QueryError(f"radius must be more than 0 km (got {radius_km:g})")
    pts = [p for p in art.places if p.lat is not None and p.lon is not None and p.kind not in _AREAS]
    c = None
    if around is not None:
        found = [p for p in art.match_places(around) if p.lat is not None and p.lon is not None]
        if not found:
            raise NoMatch(f"no place with coordinates matches '{around}'")
        c = found[0]
        assert c.lat is not None and c.lon is not None
        centre = (c.lat, c.lon)
        limit = radius_km or 50.0
    elif not pts:
        return MapView(None, (), ())
    else:
        lats = sorted(p.lat for p in pts if p.lat is not None)
        lons = sorted(p.lon for p in pts if p.lon is not None)
        centre = (lats[len(lats) // 2], lons[len(lons) // 2])
        dists = sorted(km(centre, (p.lat, p.lon)) for p in pts)  # type: ignore[arg-type]
        limit = radius_km or max(3 * dists[len(dists) // 2], 10.0)
    keep = tuple(p for p in pts if km(centre, (p.lat, p.lon)) <= limit)  # type: ignore[arg-type]
    off = tuple(p for p in pts if p not in keep)
    return MapView(centre, keep, off, c.name if c is not None else None)
