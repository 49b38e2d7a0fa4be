"""GeoJSON FeatureCollection of place rows that have coordinates (geojson.io, QGIS)."""

from __future__ import annotations

import json
from typing import Any, TextIO


def render(rows: list[dict[str, Any]], out: TextIO) -> None:
    features = []
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                         "properties": props})
    out.write(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2) + "\n")
