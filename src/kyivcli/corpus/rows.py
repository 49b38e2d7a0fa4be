"""The per-article extraction as a pure function: markdown text in, plain rows out.

`extract_rows(text, name)` uses only the public library API (`kyivcli.parse_text` and the Article's
records through `kyivcli.record`), touches no file, database or global state, and returns plain
dicts of str/int/float/None (lists and nested values as JSON text), so it runs the same in a process
pool, a Dask bag or a Spark `mapPartitions`, and its output can go to SQLite, Parquet or JSON Lines.
"""

from __future__ import annotations

import json
from typing import Any

Row = dict[str, Any]
TABLES = ("article", "sections", "sentences", "dates", "units", "unit_mentions", "unit_path", "places",
          "place_names", "place_mentions", "events")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_quote = json.encoder.encode_basestring  # what the encoder above writes a str as (the C one where there is one)
if json.encoder.c_make_encoder is not None:  # the encoder's own C loop, made once, not once a value
    _chunks = json.encoder.c_make_encoder(None, _ENCODER.default, _quote, None, ":", ",", False, False, True)

    def _encode(value: object) -> str:
        return "".join(_chunks(value, 0))
else:  # pragma: no cover - Pythons without the C accelerator
    _encode = _ENCODER.encode


def _js(value: list[Any] | tuple[Any, ...] | dict[str, Any]) -> str:
    """Lists and dicts as JSON text, as `_ENCODER.encode` writes them (most are short lists of names)."""
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        try:
            return "[" + ",".join(map(_quote, value)) + "]"
        except TypeError:  # not all strings
            pass
    return _encode(value)


def place_key(geonameid: int | None, name: str, kind: str, country: str | None) -> str:
    """The identity of a place across articles: its GeoNames id, else name + kind + country."""
    return f"gn:{geonameid}" if geonameid is not None else f"nk:{name.casefold()}|{kind}|{country or ''}"


def unit_key(name: str, side: str) -> str:
    """The identity of a unit across articles: canonical name and side."""
    return f"{name.casefold()}|{side}"


_GAZETTEERS: dict[str, Any] = {}


def _gazetteer() -> Any:
    """One read-only GeoNames connection per process and cache file: a warm SQLite page cache halves the
    geoparser's lookups on the second and later articles (the answers are the same)."""
    import os

    from kyivcli.extract.places.gazetteer import Gazetteer, default_path

    key = f"{os.getpid()}:{default_path()}"  # a connection never crosses a fork
    if key not in _GAZETTEERS:
        _GAZETTEERS[key] = Gazetteer.open()
    return _GAZETTEERS[key]


# each table's columns, in the order of its tuples (`extract_tables`) and of its dicts' keys (`extract_rows`)
COLUMNS: dict[str, tuple[str, ...]] = {
    "article": ("name", "title", "chars", "sections", "sentences", "meta", "warnings"),
    "sections": ("number", "title", "level", "line", "slug", "parent"),
    "sentences": ("idx", "line", "section", "section_title", "kind", "text", "day", "days", "places", "units"),
    "dates": ("line", "sentence_idx", "start", "end", "text", "type", "value", "mod", "anchor", "section", "where_",
              "rule", "record"),
    "units": ("key", "name", "side", "echelon", "tier", "parent", "aliases", "mentions", "first_date", "last_date",
              "record"),
    "unit_mentions": ("unit_key", "line", "sentence_idx", "start", "end", "text"),
    "unit_path": ("unit_key", "date", "place", "lat", "lon", "line", "sentence"),
    "places": ("key", "name", "kind", "country", "admin1", "lat", "lon", "geonameid", "aliases", "variants",
               "mentions", "record"),
    "place_names": ("place_key", "norm", "name"),
    "place_mentions": ("place_key", "line", "sentence_idx", "start", "end", "text"),
    "events": ("date", "start", "end", "precision", "line", "sentence_idx", "section", "section_title", "sentence",
               "places", "units"),
}
Tables = dict[str, list[tuple[Any, ...]]]


def extract_rows(text: str, name: str) -> dict[str, list[Row]]:
    """Every row the index stores for one article, by table (see TABLES), each a dict of its COLUMNS.
    Pure: same text, same rows."""
    tables = extract_tables(text, name)
    return {t: [dict(zip(cols, r, strict=True)) for r in tables[t]] for t, cols in COLUMNS.items()}


def extract_tables(text: str, name: str) -> Tables:
    """`extract_rows` with each row a tuple in its table's COLUMNS order: what the indexer writes (a tuple
    of ten values takes a fifth of the memory of the dict, which matters for a long article)."""
    import kyivcli
    from kyivcli.contract import record
    from kyivcli.extract.places.gazetteer import normalize

    art = kyivcli.parse_text(text, name=name)
    art.__dict__["gazetteer"] = _gazetteer()  # Article.gazetteer is a cached_property: give it the shared one
    doc = art.document
    out: Tables = {t: [] for t in TABLES}
    out["article"].append((name, doc.title, len(text), len(doc.sections), len(doc.sentences), _js(doc.source.meta),
                           _js(list(doc.warnings))))
    for sec in doc.sections:
        parent = sec.number.rsplit(".", 1)[0] if "." in sec.number else ("0" if sec.number != "0" else None)
        out["sections"].append((sec.number, sec.title, sec.level, sec.line, sec.slug, parent))

    days = art._sentence_days  # noqa: SLF001 - the same per-sentence facts search uses
    place_names = art._place_names  # noqa: SLF001
    unit_names = art._unit_names  # noqa: SLF001
    add = out["sentences"].append
    for s in doc.sentences:  # most sentences name no day, place or unit: "[]" without a call
        i = s.index
        ds, ps, us = days.get(i), place_names.get(i), unit_names.get(i)
        add((i, s.block.line_at(s.start), s.section, s.section_title, s.where, s.text, ds[0] if ds else None,
             _js(ds) if ds else "[]", _js(ps) if ps else "[]", _js(us) if us else "[]"))
    del days, place_names, unit_names  # (the article keeps them while a later layer needs them)
    add = out["dates"].append
    for d in art.dates:
        add((d.line, d.sentence_index, d.start, d.end, d.text, d.type, d.value, d.mod, d.anchor, d.section, d.where,
             d.rule, _js(record(d))))
    add = out["events"].append
    for e in art.events(include_all=True):
        points = e.date.split("/")  # e.start, e.end
        add((e.date, points[0], points[-1], e.precision, e.line, e.sentence_index, e.section, e.section_title,
             e.sentence, _js(e.places) if e.places else "[]", _js(e.units) if e.units else "[]"))
    # each layer goes once its rows are made: a long article's peak is its rows plus what is still needed
    forget = art.__dict__.pop  # (the Article's layers are cached properties: gone, they would be made again)
    for layer in ("dates", "_raw_dates"):
        forget(layer, None)
    art._events.clear()  # noqa: SLF001
    seen: set[str] = set()
    add_mention, add_step = out["unit_mentions"].append, out["unit_path"].append
    for u in art.units:
        key = unit_key(u.name, u.side)
        if key in seen:  # two units of one article never share a row
            key = f"{key}|{len(seen)}"
        seen.add(key)
        out["units"].append((key, u.name, u.side, u.echelon, u.tier, u.parent, _js(u.aliases), len(u.mentions),
                             u.first_date, u.last_date, _js(record(u))))
        for m in u.mentions:
            add_mention((key, m.line, m.sentence_index, m.start, m.end, m.text))
        for step in u.path:
            add_step((key, step.date, step.place, step.lat, step.lon, step.line, step.sentence))
    for layer in ("units", "_raw_units", "_unit_names", "_sentence_days"):
        forget(layer, None)
    seen.clear()
    add_name, add_mention = out["place_names"].append, out["place_mentions"].append
    for p in art.places:
        key = place_key(p.geonameid, p.name, p.kind, p.country)
        if key in seen:  # two places of one article on one GeoNames id (a facility and its town): by name
            key = place_key(None, p.name, p.kind, p.country)
        seen.add(key)
        out["places"].append((key, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.geonameid, _js(p.aliases),
                              _js(p.variants), len(p.mentions), _js(record(p))))
        for form in (p.name, *p.aliases, *p.variants):  # every spelling `search --town` should find it by
            norm = normalize(form)
            if norm:
                add_name((key, norm, form))
        for m in p.mentions:
            add_mention((key, m.line, m.sentence_index, m.start, m.end, m.text))
    return out
