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


def extract_rows(text: str, name: str) -> dict[str, list[Row]]:
    """Every row the index stores for one article, by table (see TABLES). Pure: same text, same rows."""
    import kyivcli
    from kyivcli.contract import record
    from kyivcli.extract.places.gazetteer import normalize

    art = kyivcli.parse_text(text, name=name)
    art.__dict__["gazetteer"] = _gazetteer()  # Article.gazetteer is a cached_property: give it the shared one
    doc = art.document
    out: dict[str, list[Row]] = {t: [] for t in TABLES}
    out["article"].append({"name": name, "title": doc.title, "chars": len(text),
                           "sections": len(doc.sections), "sentences": len(doc.sentences),
                           "meta": _js(doc.source.meta), "warnings": _js(list(doc.warnings))})
    for sec in doc.sections:
        parent = sec.number.rsplit(".", 1)[0] if "." in sec.number else ("0" if sec.number != "0" else None)
        out["sections"].append({"number": sec.number, "title": sec.title, "level": sec.level, "line": sec.line,
                                "slug": sec.slug, "parent": parent})

    days = art._sentence_days  # noqa: SLF001 - the same per-sentence facts search uses
    place_names = art._place_names  # noqa: SLF001
    unit_names = art._unit_names  # noqa: SLF001
    add = out["sentences"].append
    for s in doc.sentences:  # most sentences name no day, place or unit: "[]" without a call
        i = s.index
        ds, ps, us = days.get(i), place_names.get(i), unit_names.get(i)
        add({"idx": i, "line": s.block.line_at(s.start), "section": s.section, "section_title": s.section_title,
                          "kind": s.where, "text": s.text, "day": ds[0] if ds else None,
                          "days": _js(ds) if ds else "[]", "places": _js(ps) if ps else "[]",
                          "units": _js(us) if us else "[]"})
    add = out["dates"].append
    for d in art.dates:
        add({"line": d.line, "sentence_idx": d.sentence_index, "start": d.start, "end": d.end, "text": d.text,
             "type": d.type, "value": d.value, "mod": d.mod, "anchor": d.anchor, "section": d.section,
             "where_": d.where, "rule": d.rule, "record": _js(record(d))})
    seen: set[str] = set()
    add_mention, add_step = out["unit_mentions"].append, out["unit_path"].append
    for u in art.units:
        key = unit_key(u.name, u.side)
        if key in seen:  # two units of one article never share a row
            key = f"{key}|{len(seen)}"
        seen.add(key)
        rec = record(u)
        out["units"].append({"key": key, "name": u.name, "side": u.side, "echelon": u.echelon, "tier": u.tier,
                             "parent": u.parent, "aliases": _js(u.aliases), "mentions": len(u.mentions),
                             "first_date": u.first_date, "last_date": u.last_date, "record": _js(rec)})
        for m in u.mentions:
            add_mention({"unit_key": key, "line": m.line, "sentence_idx": m.sentence_index, "start": m.start,
                         "end": m.end, "text": m.text})
        for step in u.path:
            add_step({"unit_key": key, "date": step.date, "place": step.place, "lat": step.lat, "lon": step.lon,
                      "line": step.line, "sentence": step.sentence})
    seen.clear()
    add_name, add_mention = out["place_names"].append, out["place_mentions"].append
    for p in art.places:
        key = place_key(p.geonameid, p.name, p.kind, p.country)
        if key in seen:  # two places of one article on one GeoNames id (a facility and its town): by name
            key = place_key(None, p.name, p.kind, p.country)
        seen.add(key)
        out["places"].append({"key": key, "name": p.name, "kind": p.kind, "country": p.country,
                              "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
                              "aliases": _js(p.aliases), "variants": _js(p.variants),
                              "mentions": len(p.mentions), "record": _js(record(p))})
        for form in (p.name, *p.aliases, *p.variants):  # every spelling `search --town` should find it by
            norm = normalize(form)
            if norm:
                add_name({"place_key": key, "norm": norm, "name": form})
        for m in p.mentions:
            add_mention({"place_key": key, "line": m.line, "sentence_idx": m.sentence_index, "start": m.start,
                         "end": m.end, "text": m.text})
    add = out["events"].append
    for e in art.events(include_all=True):
        points = e.date.split("/")  # e.start, e.end
        add({"date": e.date, "start": points[0], "end": points[-1], "precision": e.precision, "line": e.line,
             "sentence_idx": e.sentence_index, "section": e.section, "section_title": e.section_title,
             "sentence": e.sentence, "places": _js(e.places) if e.places else "[]",
             "units": _js(e.units) if e.units else "[]"})
    return out
