"""The JSON contract: the one place where records become the dicts the CLI prints as JSON.

`record(obj)` gives exactly the dict the CLI prints for that object; every command's output is a list
of these (or one of them). Key names are the same across commands: `text` is always the matched
expression as written, `sentence` the sentence it is in, `line` its 1-based line in the input file.
The shape of each command's output is published as a JSON Schema in `kyivcli/schemas/`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # records are matched by class name, so printing a section tree never builds them all
    from kyivcli.model.document import Document, Section
    from kyivcli.model.records import (
        Date,
        Day,
        Event,
        Evidence,
        Hit,
        MapView,
        PathStep,
        Phase,
        Place,
        Span,
        Timeline,
        Unit,
    )

SCHEMA_VERSION = "2.0"
SENTENCE_CAP = 300  # a date row carries its sentence once, capped; `search` has it whole
META_KEYS = ("shortDescription", "description", "author", "pubDate")

JSONValue: TypeAlias = "str | int | float | bool | None | list[JSONValue] | dict[str, JSONValue]"
Record: TypeAlias = "Date | Unit | Place | Event | Hit | Timeline | MapView | Section | Document | PathStep | Evidence"


def capped(text: str, limit: int = SENTENCE_CAP) -> str:
    """`text` cut to `limit` characters, with '…' marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _evidence(e: Evidence | None) -> dict[str, JSONValue] | None:
    if e is None:
        return None
    return {"rule": e.rule, "words": e.words, "line": e.line, "context": e.context, "distance_km": e.distance_km,
            "candidates": e.candidates}


def _date(d: Date) -> dict[str, JSONValue]:
    return {"text": d.text, "type": d.type, "value": d.value, "mod": d.mod, "anchor": d.anchor, "line": d.line,
            "section": d.section, "section_title": d.section_title, "where": d.where,
            "sentence": capped(d.sentence), "rule": d.rule, "evidence": _evidence(d.evidence), "span": d.span}


def _step(p: PathStep) -> dict[str, JSONValue]:
    return {"date": p.date, "place": p.place, "lat": p.lat, "lon": p.lon, "line": p.line,
            "sentence": capped(p.sentence)}


def _unit(u: Unit) -> dict[str, JSONValue]:
    return {"name": u.name, "aliases": list(u.aliases), "side": u.side, "side_evidence": _evidence(u.side_evidence),
            "echelon": u.echelon, "tier": u.tier, "parent": u.parent, "mentions": len(u.mentions),
            "lines": u.lines, "first_date": u.first_date, "last_date": u.last_date, "places": list(u.places),
            "path": [_step(p) for p in u.path]}


def _place(p: Place) -> dict[str, JSONValue]:
    return {"name": p.name, "aliases": list(p.aliases), "variants": list(p.variants), "kind": p.kind,
            "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
            "confidence": p.confidence, "evidence": _evidence(p.evidence), "mentions": len(p.mentions),
            "lines": p.lines}


def _event(e: Event) -> dict[str, JSONValue]:
    return {"date": e.date, "precision": e.precision, "line": e.line, "section": e.section,
            "section_title": e.section_title, "sentence": e.sentence, "places": list(e.places),
            "units": list(e.units)}


def _span(s: Span) -> dict[str, JSONValue]:
    return {"start": s.start, "end": s.end, "text": s.text}


def _hit(h: Hit) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {
        "date": h.date, "line": h.line, "section": h.section, "section_title": h.section_title,
        "sentence": h.sentence, "places": list(h.places), "units": list(h.units),
        "match": [_span(s) for s in h.match]}
    if h.context_before or h.context_after:
        out["context_before"], out["context_after"] = list(h.context_before), list(h.context_after)
    return out


def _day(d: Day) -> dict[str, JSONValue]:
    return {"date": d.date, "events": d.events, "label": d.label}


def _phase(p: Phase) -> dict[str, JSONValue]:
    return {"title": p.title, "number": p.number, "line": p.line, "start": p.start, "end": p.end}


def _timeline(t: Timeline) -> dict[str, JSONValue]:
    return {"start": t.start, "end": t.end, "grain": t.grain, "days": [_day(d) for d in t.days],
            "phases": [_phase(p) for p in t.phases], "busiest": [_day(d) for d in t.busiest]}


def _map(m: MapView) -> dict[str, JSONValue]:
    return {"centre": list(m.centre) if m.centre else None, "around": m.around, "points": [_place(p) for p in m.points],
            "off_map": [p.name for p in m.off_map]}


def section_record(sec: Section, depth: int | None = None) -> dict[str, JSONValue]:
    """A section and (down to `depth` levels, all when None) its subsections."""
    deeper = depth is None or depth > 1
    return {"title": sec.title, "level": sec.level, "number": sec.number, "slug": sec.slug, "line": sec.line,
            "words": sec.words, "paragraphs": sec.paragraphs, "images": sec.image_count,
            "children": [section_record(c, None if depth is None else depth - 1) for c in sec.children]
            if deeper else []}


def document_record(doc: Document) -> dict[str, JSONValue]:
    """What `info` prints as JSON: file, title, frontmatter fields, counts and warnings."""
    out: dict[str, JSONValue] = {"schema_version": SCHEMA_VERSION, "file": doc.source.name, "title": doc.title}
    for key in META_KEYS:
        if key in doc.source.meta:
            out[key] = doc.source.meta[key]  # type: ignore[assignment]  # frontmatter is JSON-safe (load._plain)
    out["counts"] = {"sections": len(doc.sections), "paragraphs": doc.lead.paragraphs,
                     "sentences": len(doc.sentences), "words": doc.lead.words, "images": doc.lead.image_count}
    out["warnings"] = list(doc.warnings)
    return out


_BY_TYPE: dict[str, Callable[..., dict[str, JSONValue] | None]] = {
    "Date": _date, "Unit": _unit, "Place": _place, "Event": _event, "Hit": _hit, "Timeline": _timeline,
    "MapView": _map, "Section": section_record, "Document": document_record, "PathStep": _step, "Span": _span,
    "Day": _day, "Phase": _phase, "Evidence": _evidence,
}
_MODULES = ("kyivcli.model.records.", "kyivcli.model.document")


_BY_CLASS: dict[type, Callable[..., dict[str, JSONValue] | None] | None] = {}  # filled on first use of each class


def record(obj: Record) -> dict[str, JSONValue]:
    """The dict the CLI prints as JSON for this record."""
    cls = type(obj)
    try:
        fn = _BY_CLASS[cls]
    except KeyError:
        fn = _BY_CLASS[cls] = _BY_TYPE.get(cls.__name__) if cls.__module__.startswith(_MODULES) else None
    if fn is None:
        raise TypeError(f"record() takes a record of kyivcli.model, not {type(obj).__name__}")
    out = fn(obj)
    assert out is not None
    return out


def schema(command: str) -> dict[str, JSONValue]:
    """The JSON Schema of a command's JSON output ('units', 'events', …), as shipped in kyivcli/schemas."""
    import json
    from importlib.resources import files

    try:
        text = files("kyivcli").joinpath("schemas", f"{command}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no schema for '{command}'") from None
    return json.loads(text)  # type: ignore[no-any-return]
