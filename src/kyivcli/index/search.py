"""Search sentences by text, town, unit, dates and section; every filter narrows (AND)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kyivcli.errors import EXIT_USAGE, KyivError
from kyivcli.index.events import in_range
from kyivcli.parse.model import Sentence


@dataclass
class Hit:
    sentence: Sentence
    date: str | None
    places: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    match: list[tuple[int, int]] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        s = self.sentence
        out = {"date": self.date, "line": s.line, "section": s.section.number, "section_title": s.section.title,
               "text": s.text, "places": self.places, "units": self.units,
               "match": [{"start": a, "end": b, "text": s.text[a:b]} for a, b in self.match]}
        if self.before or self.after:
            out["context_before"], out["context_after"] = self.before, self.after
        return out


def _norm(s: str) -> str:
    from kyivcli.extract.places.gazetteer import normalize

    return normalize(s)


def match_places(a: Any, query: str) -> list[Any]:
    """Places a user means by `query`: any spelling GeoNames knows, any form in the text, or a near miss."""
    q = _norm(query)
    if not q:
        raise KyivError("--town needs a place name", EXIT_USAGE)
    places = a.places
    ids = {p.geonameid for hits in a.gazetteer.lookup([query]).values() for p in hits}
    exact = [p for p in places if (p.geonameid is not None and p.geonameid in ids)
             or q in {_norm(f) for f in [p.name, *p.aliases, *p.variants]}]
    if exact:
        return exact
    from rapidfuzz import fuzz, process

    forms = [(_norm(f), p) for p in places for f in [p.name, *p.aliases, *p.variants]]
    best = process.extract(q, [f for f, _ in forms], scorer=fuzz.ratio, limit=5, score_cutoff=80)
    chosen: list[Any] = []
    for _, score, i in best:
        if forms[i][1] not in chosen and score >= best[0][1] - 0.01:
            chosen.append(forms[i][1])
    return chosen


_NUM = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")


def match_units(a: Any, query: str) -> list[Any]:
    """Units a user means: '79th', '79th brigade', 'air assault' (all air assault units), 'Wagner'."""
    words = _norm(query).split()
    if not words:
        raise KyivError("--unit needs a unit name or number", EXIT_USAGE)
    out = []
    for u in a.units:
        forms = [_norm(f) for f in [u.name, *u.aliases]]
        tokens = {t for f in forms for t in f.split()}
        ok = True
        for w in words:
            m = _NUM.match(w)
            if m:
                ok = ok and any(re.fullmatch(rf"{m.group(1)}(?:st|nd|rd|th)?", t) for t in tokens)
            else:
                stem = w[:-1] if w.endswith("s") and len(w) > 3 else w
                ok = ok and any(t == w or t == stem or t.startswith(stem) for t in tokens)
        if ok:
            out.append(u)
    return out


def search(a: Any, query: str | None = None, town: str | None = None, unit: str | None = None,
           lo: str | None = None, hi: str | None = None, section: set[int] | None = None,
           context: int = 0, sort: str = "position") -> tuple[list[Hit], dict[str, list[str]]]:
    """Matching sentences and what the town/unit filters resolved to (for the user to see)."""
    from kyivcli.index.summary import names_by_sentence, sentence_days

    resolved: dict[str, list[str]] = {}
    sentences = [s for s in a.doc.sentences if s.where != "heading"]
    keep = {s.index for s in sentences}
    if section is not None:
        keep &= section
    if town is not None:
        places = match_places(a, town)
        resolved["town"] = [p.name for p in places]
        keep &= {m.sentence.index for p in places for m in p.mentions}
    if unit is not None:
        units = match_units(a, unit)
        resolved["unit"] = [u.name for u in units]
        keep &= {m.sentence.index for u in units for m in u.mentions}
    days = sentence_days(a)
    if lo or hi:
        keep &= {i for i, ds in days.items() if any(in_range(d.split("/")[0], d.split("/")[-1], lo, hi) for d in ds)}
    pattern = _query_pattern(query) if query else None
    place_names = names_by_sentence(a.place_mentions)
    unit_names = names_by_sentence(a.unit_mentions)
    hits = []
    for pos, s in enumerate(sentences):
        if s.index not in keep:
            continue
        spans = [m.span() for m in pattern.finditer(s.text)] if pattern else []
        if pattern and not spans:
            continue
        date = (days.get(s.index) or [None])[0]
        hit = Hit(s, date, place_names.get(s.index, []), unit_names.get(s.index, []), spans)
        if context:
            hit.before = [x.text for x in sentences[max(pos - context, 0):pos]]
            hit.after = [x.text for x in sentences[pos + 1: pos + 1 + context]]
        hits.append(hit)
    if sort == "date":
        hits.sort(key=lambda h: (h.date is None, h.date or "", h.sentence.index))
    return hits, resolved


def _query_pattern(query: str) -> Any:
    """Case-insensitive words (all must occur) or a quoted phrase, as one alternation for highlighting."""
    q = query.strip()
    if len(q) >= 2 and q[0] == q[-1] == '"':
        return re.compile(re.escape(q[1:-1]), re.IGNORECASE)
    words = q.split()
    if len(words) <= 1:
        return re.compile(re.escape(q), re.IGNORECASE)
    look = "".join(f"(?=.*{re.escape(w)})" for w in words)
    return _AllWords(re.compile(look, re.IGNORECASE | re.DOTALL),
                     re.compile("|".join(map(re.escape, words)), re.IGNORECASE))


class _AllWords:
    """Matches a sentence holding every word; yields each word's spans for highlighting."""

    def __init__(self, all_rx: re.Pattern[str], each_rx: re.Pattern[str]) -> None:
        self.all_rx, self.each_rx = all_rx, each_rx

    def finditer(self, text: str) -> Any:
        return self.each_rx.finditer(text) if self.all_rx.match(text) else iter(())
