"""Questions asked of a corpus database, answered as the single-article commands answer them: each row is
the usual JSON record plus `article` (the file it came from, as it was given to the indexer)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyivcli.errors import InputError, InputNotFound, NoMatch, QueryError

Row = dict[str, Any]


@dataclass(frozen=True)
class _UnitName:
    """What unit matching reads of a unit: its name and the forms the texts use."""

    name: str
    aliases: tuple[str, ...]
    id: int
    side: str


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else []


class Corpus:
    """A corpus database opened for reading (`with Corpus("war.db") as db: db.search(town="Bakhmut")`)."""

    def __init__(self, path: str | Path) -> None:
        p = Path(path)
        if not p.is_file():
            raise InputNotFound(f"{path}: no such corpus database")
        try:
            self.conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchall()
        except sqlite3.DatabaseError as e:
            raise InputError(f"{path}: not a corpus database of this tool ({e})") from None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _q(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    # -- what is in it ----------------------------------------------------------------------------

    def articles(self) -> list[Row]:
        return [dict(r) for r in self._q("SELECT name AS article, title, bytes, sentences, sha256, indexed_at "
                                         "FROM articles ORDER BY name")]

    # -- rows ---------------------------------------------------------------------------------------

    def events(self, start: str | None = None, end: str | None = None, section: str | None = None,
               include_all: bool = False) -> list[Row]:
        """Events of every article in time order (ties: article, then position)."""
        from kyivcli.index.events import in_range, parse_bound

        lo, hi = parse_bound(start), parse_bound(end)
        sql = ("SELECT a.name AS article, e.* FROM events e JOIN articles a ON a.id = e.article_id "
               + ("" if include_all else "WHERE e.precision IN ('day', 'range') ")
               + "ORDER BY e.day_start, e.day_end, a.name, e.sentence_idx")
        out = []
        for r in self.conn.execute(sql):
            if not in_range(r["day_start"], r["day_end"], lo, hi) or not _in_section(r, section):
                continue
            out.append({"date": r["date"], "precision": r["precision"], "line": r["line"], "section": r["section"],
                        "section_title": r["section_title"], "sentence": r["sentence"],
                        "places": _loads(r["places"]), "units": _loads(r["units"]), "article": r["article"]})
        return out

    def dates(self) -> list[Row]:
        return [{**json.loads(r["record"]), "article": r["article"]} for r in self._q(
            "SELECT a.name AS article, d.record FROM dates d JOIN articles a ON a.id = d.article_id "
            "ORDER BY a.name, d.rowid")]

    def units(self) -> list[Row]:
        """Every article's units (one row per article and unit, as the units record prints it there)."""
        return [{**json.loads(r["record"]), "article": r["article"]} for r in self._q(
            "SELECT a.name AS article, au.record FROM article_units au JOIN articles a ON a.id = au.article_id "
            "ORDER BY a.name, au.rowid")]

    def places(self, with_dates: bool = False) -> list[Row]:
        """Every article's places (one row per article and place); `with_dates` adds first/last date."""
        spans: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        if with_dates:
            found: dict[tuple[int, int], list[str]] = {}
            for r in self._q("SELECT m.article_id, m.place_id, s.days FROM place_mentions m JOIN sentences s "
                             "ON s.article_id = m.article_id AND s.idx = m.sentence_idx"):
                found.setdefault((r[0], r[1]), []).extend(x for d in _loads(r[2]) for x in d.split("/"))
            spans = {k: (min(v), max(v)) if v else (None, None) for k, v in found.items()}
        out = []
        for r in self._q("SELECT a.name AS article, ap.article_id, ap.place_id, ap.record FROM article_places ap "
                         "JOIN articles a ON a.id = ap.article_id ORDER BY a.name, ap.rowid"):
            row = json.loads(r["record"])
            if with_dates:
                row["first_date"], row["last_date"] = spans.get((r["article_id"], r["place_id"]), (None, None))
            row["article"] = r["article"]
            out.append(row)
        return out

    # -- matching, forgiving as in one article -----------------------------------------------------

    def match_places(self, query: str) -> list[int]:
        """Ids of the places a reader means: any spelling stored (names, forms in the text, GeoNames variants),
        any spelling the gazetteer knows, case-insensitive, or a near miss."""
        from kyivcli.extract.places.gazetteer import normalize

        q = normalize(query)
        if not q:
            raise QueryError("a town query needs a place name")
        ids = {r[0] for r in self._q("SELECT place_id FROM place_names WHERE norm = ?", (q,))}
        try:
            from kyivcli.extract.places.gazetteer import Gazetteer

            gids = [p.geonameid for hits in Gazetteer.open().lookup([query]).values() for p in hits]
        except Exception:  # noqa: BLE001 - no gazetteer: the stored spellings still answer
            gids = []
        if gids:
            marks = ",".join("?" * len(gids))
            ids |= {r[0] for r in self._q(f"SELECT id FROM places WHERE geonameid IN ({marks})", gids)}
        if ids:
            return sorted(ids)
        from rapidfuzz import fuzz, process

        forms = self._q("SELECT DISTINCT norm FROM place_names")
        best = process.extract(q, [f[0] for f in forms], scorer=fuzz.ratio, limit=5, score_cutoff=80)
        keep = [forms[i][0] for _, score, i in best if score >= best[0][1] - 0.01]
        if not keep:
            return []
        marks = ",".join("?" * len(keep))
        return sorted({r[0] for r in self._q(f"SELECT place_id FROM place_names WHERE norm IN ({marks})", keep)})

    def match_units(self, query: str) -> list[_UnitName]:
        """Units a reader means ('79th', 'air assault'), matched on names and every article's aliases."""
        from kyivcli.index.search import match_units

        aliases: dict[int, set[str]] = {}
        for r in self._q("SELECT unit_id, aliases FROM article_units"):
            aliases.setdefault(r[0], set()).update(_loads(r[1]))
        units = [_UnitName(r["name"], tuple(sorted(aliases.get(r["id"], ()))), r["id"], r["side"])
                 for r in self._q("SELECT id, name, side FROM units ORDER BY id")]
        return match_units(units, query)  # type: ignore[arg-type]  # reads .name and .aliases only

    # -- search -------------------------------------------------------------------------------------

    def search(self, query: str | None = None, *, town: str | None = None, unit: str | None = None,
               start: str | None = None, end: str | None = None, section: str | None = None,
               context: int = 0, sort: str = "position") -> list[Row]:
        """Sentences of every article matching every filter given, as search hit records plus `article`."""
        from kyivcli.index.events import in_range, parse_bound
        from kyivcli.index.search import _query_pattern

        if sort not in ("position", "date"):
            raise QueryError(f"sort takes 'position' or 'date' (got '{sort}')")
        if context < 0:
            raise QueryError(f"context must be 0 or more (got {context})")
        lo, hi = parse_bound(start), parse_bound(end)
        keep: set[tuple[int, int]] | None = None
        town_ids: list[int] = []
        if town is not None:
            town_ids = self.match_places(town)
            if not town_ids:
                raise NoMatch(f"no place in the corpus matches '{town}'")
            keep = self._mentioned("place_mentions", "place_id", town_ids)
        if unit is not None:
            unit_ids = [u.id for u in self.match_units(unit)]
            if not unit_ids:
                raise NoMatch(f"no unit in the corpus matches '{unit}'")
            found = self._mentioned("unit_mentions", "unit_id", unit_ids)
            keep = found if keep is None else keep & found
        pattern = _query_pattern(query) if query else None
        rows = self._sentences(keep, _contains(query) if query else [])
        hits = []
        for r in rows:
            if r["kind"] == "heading" or not _in_section(r, section):
                continue
            days = _loads(r["days"])
            if (lo or hi) and not any(in_range(d.split("/")[0], d.split("/")[-1], lo, hi) for d in days):
                continue
            spans = [m.span() for m in pattern.finditer(r["text"])] if pattern else []
            if pattern and not spans:
                continue
            match = [{"start": a, "end": b, "text": r["text"][a:b]} for a, b in spans]
            if not match and town_ids:
                match = self._town_spans(r["article_id"], r["idx"], town_ids)
            hit: Row = {"date": days[0] if days else None, "line": r["line"], "section": r["section"],
                        "section_title": r["section_title"], "sentence": r["text"], "places": _loads(r["places"]),
                        "units": _loads(r["units"]), "match": match}
            if context:
                hit["context_before"], hit["context_after"] = self._context(r["article_id"], r["idx"], context)
                if not hit["context_before"] and not hit["context_after"]:
                    del hit["context_before"], hit["context_after"]
            hit["article"] = r["article"]
            hits.append((r["article"], r["idx"], hit))
        if sort == "date":
            hits.sort(key=lambda h: (h[2]["date"] is None, h[2]["date"] or "", h[0], h[1]))
        return [h for _, _, h in hits]

    def _mentioned(self, table: str, column: str, ids: list[int]) -> set[tuple[int, int]]:
        marks = ",".join("?" * len(ids))
        return {(r[0], r[1]) for r in self._q(
            f"SELECT article_id, sentence_idx FROM {table} WHERE {column} IN ({marks})", ids)}

    def _sentences(self, keep: set[tuple[int, int]] | None, contains: list[str]) -> Iterator[sqlite3.Row]:
        """Sentences in article and text order: those in `keep` (all when None) whose text holds every
        string of `contains` (lower case), a narrowing done in SQLite before the search's own pattern."""
        text = "".join(" AND instr(lower(s.text), ?) > 0" for _ in contains)
        cols = "SELECT a.name AS article, s.* FROM sentences s JOIN articles a ON a.id = s.article_id"
        if keep is None:
            yield from self.conn.execute(cols + " WHERE 1" + text + " ORDER BY a.name, s.idx", contains)
            return
        by_article: dict[int, list[int]] = {}
        for aid, idx in keep:
            by_article.setdefault(aid, []).append(idx)
        names = {r[0]: r[1] for r in self._q("SELECT id, name FROM articles")}
        for aid in sorted(by_article, key=lambda a: names.get(a, "")):
            idxs = sorted(by_article[aid])
            for i in range(0, len(idxs), 500):
                chunk = idxs[i:i + 500]
                marks = ",".join("?" * len(chunk))
                yield from self._q(cols + f" WHERE s.article_id = ? AND s.idx IN ({marks})" + text + " ORDER BY s.idx",
                                   [aid, *chunk, *contains])

    def _town_spans(self, aid: int, idx: int, ids: list[int]) -> list[Row]:
        marks = ",".join("?" * len(ids))
        return [{"start": r[0], "end": r[1], "text": r[2]} for r in self._q(
            f"SELECT start_char, end_char, text FROM place_mentions WHERE article_id = ? AND sentence_idx = ? "
            f"AND place_id IN ({marks}) ORDER BY start_char", [aid, idx, *ids])]

    def _context(self, aid: int, idx: int, n: int) -> tuple[list[str], list[str]]:
        before = [r[0] for r in self._q("SELECT text FROM sentences WHERE article_id = ? AND idx < ? AND "
                                        "kind != 'heading' ORDER BY idx DESC LIMIT ?", (aid, idx, n))]
        after = [r[0] for r in self._q("SELECT text FROM sentences WHERE article_id = ? AND idx > ? AND "
                                       "kind != 'heading' ORDER BY idx LIMIT ?", (aid, idx, n))]
        return before[::-1], after

    # -- a unit's path, the corpus on one timeline and one map --------------------------------------

    def track(self, unit: str) -> list[Row]:
        """The dated places of every unit matching `unit`, across articles, in time order."""
        found = self.match_units(unit)
        if not found:
            raise NoMatch(f"no unit in the corpus matches '{unit}'")
        from kyivcli.contract import capped

        names = {u.id: u for u in found}
        marks = ",".join("?" * len(names))
        rows = self._q(f"SELECT a.name AS article, p.* FROM unit_path p JOIN articles a ON a.id = p.article_id "
                       f"WHERE p.unit_id IN ({marks}) ORDER BY p.date, a.name, p.line", list(names))
        return [{"unit": names[r["unit_id"]].name, "side": names[r["unit_id"]].side, "date": r["date"],
                 "place": r["place"], "lat": r["lat"], "lon": r["lon"], "line": r["line"],
                 "sentence": capped(r["sentence"]), "article": r["article"]} for r in rows]

    def timeline(self, busiest: int = 3) -> Row:
        """Events per day across the corpus (a day's label: the town named most that day), busiest days.
        Phases come from single articles' dated headings, so the corpus timeline has none."""
        import datetime as dt

        per_day: Counter[str] = Counter()
        towns: dict[str, Counter[str]] = {}
        for r in self._q("SELECT day_start, places FROM events WHERE precision IN ('day', 'range')"):
            try:
                dt.date.fromisoformat(r[0])
            except ValueError:
                continue
            per_day[r[0]] += 1
            towns.setdefault(r[0], Counter()).update(_loads(r[1]))
        if not per_day:
            return {"start": None, "end": None, "grain": "day", "days": [], "phases": [], "busiest": []}
        first, last = dt.date.fromisoformat(min(per_day)), dt.date.fromisoformat(max(per_day))
        days = []
        d = first
        while d <= last:
            key = d.isoformat()
            label = towns[key].most_common(1)[0][0] if towns.get(key) else None
            days.append({"date": key, "events": per_day.get(key, 0), "label": label})
            d += dt.timedelta(days=1)
        top = sorted((x for x in days if x["events"]), key=lambda x: (-x["events"], x["date"]))[:busiest]
        return {"start": first.isoformat(), "end": last.isoformat(), "grain": "day", "days": days, "phases": [],
                "busiest": top}

    def corpus_places(self) -> dict[int, Any]:
        """One Place record per place across the corpus (by id), mentions from every article, most named first."""
        from kyivcli.model.records import Mention, Place

        mentions: dict[int, list[Mention]] = {}
        for r in self._q("SELECT place_id, text, line, sentence_idx, start_char, end_char FROM place_mentions"):
            mentions.setdefault(r[0], []).append(Mention(r[1], r[2], r[3], r[4], r[5]))
        variants: dict[int, list[str]] = {}
        for r in self._q("SELECT place_id, name FROM place_names"):
            variants.setdefault(r[0], []).append(r[1])
        out = {r["id"]: Place(r["name"], (), tuple(variants.get(r["id"], ())), r["kind"], r["country"], r["admin1"],
                              r["lat"], r["lon"], r["geonameid"], tuple(mentions.get(r["id"], ())))
               for r in self._q("SELECT * FROM places ORDER BY id")}
        return dict(sorted(out.items(), key=lambda kv: -len(kv[1].mentions)))

    def map(self, around: str | None = None, radius_km: float | None = None) -> Any:
        """A MapView of the corpus's places (the same view `map` draws for one article)."""
        from kyivcli.index.geo import map_view

        by_id = self.corpus_places()
        db = self

        class _View:  # what map_view reads of an article
            places = tuple(by_id.values())

            def match_places(self, query: str) -> list[Any]:
                return [by_id[i] for i in db.match_places(query) if i in by_id]

        return map_view(_View(), around, radius_km)  # type: ignore[arg-type]


def _in_section(r: sqlite3.Row, section: str | None) -> bool:
    """A row is in `section` (a number, or a title fragment, case-insensitive) or one of its subsections."""
    if section is None:
        return True
    number, title = str(r["section"] or ""), str(r["section_title"] or "")
    return number == section or number.startswith(section + ".") or section.casefold() in title.casefold()


def _contains(query: str) -> list[str]:
    """Lower-case strings every matching sentence holds (words, or the quoted phrase), for SQLite to narrow
    with before the search's own pattern decides. Only ASCII ones: SQLite's lower() folds ASCII alone, so
    they never drop a sentence the pattern (case-insensitive, matching inside words) would take."""
    q = query.strip()
    parts = [q[1:-1]] if len(q) >= 2 and q[0] == q[-1] == '"' else q.split()
    return [p.lower() for p in parts if p and p.isascii()]
