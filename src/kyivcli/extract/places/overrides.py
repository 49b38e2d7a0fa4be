"""User corrections: a CSV of places that are added to, or override, the gazetteer for one run.

    name,lat,lon,kind,country
    Kryacky,50.52,30.11,village,UA
    Lukyanovka,,,village,
    Bermuda Hundred,37.33,-77.27,town,US

`name` is required; `lat`/`lon` (decimal degrees, both or neither), `kind` and `country` (ISO code or a
country name) are optional. A name without coordinates is still a place; the gazetteer supplies its
point when it knows the name (in `country`, when given). Mentions of the name in the article are
found as written (whole words, case-sensitive) and win over any other reading of those words.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("name", "lat", "lon", "kind", "country")


@dataclass(frozen=True)
class PlaceOverride:
    name: str
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    country: str | None = None


def _number(text: str, what: str, lo: float, hi: float, where: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        v = float(text)
    except ValueError:
        raise ValueError(f"{where}: {what} {text!r} is not a number") from None
    if not math.isfinite(v) or not lo <= v <= hi:
        raise ValueError(f"{where}: {what} {text!r} is outside {lo:g}..{hi:g}")
    return v


def parse_places_csv(text: str, source: str = "places file") -> list[PlaceOverride]:
    """The rows of a places CSV; ValueError (one line, with the line number) on anything malformed."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ValueError(f"{source}: empty; expected a header 'name,lat,lon,kind,country'")
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in COLUMNS]
    if "name" not in header or unknown or len(set(header)) != len(header):
        what = f"unknown column {unknown[0]!r}" if unknown else "no 'name' column" if "name" not in header \
            else "a column repeated"
        raise ValueError(f"{source}: bad header ({what}); expected 'name,lat,lon,kind,country' (lat/lon/kind/country optional)")
    out: list[PlaceOverride] = []
    line = 1
    for line, row in enumerate(rows[1:], 2):
        where = f"{source} row {line}"
        if len(row) > len(header):
            raise ValueError(f"{where}: {len(row)} fields for {len(header)} columns")
        cell = dict(zip(header, (c.strip() for c in row), strict=False))
        name = " ".join(cell.get("name", "").split())
        if not name:
            raise ValueError(f"{where}: the name is empty")
        lat = _number(cell.get("lat", ""), "lat", -90, 90, where)
        lon = _number(cell.get("lon", ""), "lon", -180, 180, where)
        if (lat is None) != (lon is None):
            raise ValueError(f"{where}: give both lat and lon, or neither")
        out.append(PlaceOverride(name, lat, lon, cell.get("kind") or None, cell.get("country") or None))
    return out


def load_places_file(path: str | Path) -> list[PlaceOverride]:
    """Read a places CSV (header name,lat,lon,kind,country). ValueError with a one-line message when the file
    cannot be read or is malformed."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{p}: not UTF-8 text") from None
    except OSError as e:
        raise ValueError(f"{p}: cannot read ({e.strerror or e})") from None
    return parse_places_csv(text, str(p))
