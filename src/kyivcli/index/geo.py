"""Places on a plane: which to draw (the main cluster, or around a named place) and where."""

from __future__ import annotations

from typing import Any

from kyivcli.extract.places.distance import km


def map_points(places: list[Any], around: Any | None = None, radius_km: float | None = None) -> dict[str, Any]:
    """Points to draw and those left off. Default: the main cluster (within 3× the median distance
    from the median point), so one far-away mention does not shrink everything else to a dot."""
    pts = [p for p in places if p.lat is not None and p.lon is not None and p.kind != "country"]
    if not pts:
        return {"points": [], "off": [], "centre": None}
    if around is not None:
        centre = (around.lat, around.lon)
        limit = radius_km or 50.0
    else:
        lats = sorted(p.lat for p in pts)
        lons = sorted(p.lon for p in pts)
        centre = (lats[len(lats) // 2], lons[len(lons) // 2])
        dists = sorted(km(centre, (p.lat, p.lon)) for p in pts)
        limit = radius_km or max(3 * dists[len(dists) // 2], 10.0)
    keep = [p for p in pts if km(centre, (p.lat, p.lon)) <= limit]
    off = [p for p in pts if p not in keep]
    return {"points": keep, "off": off, "centre": centre}
