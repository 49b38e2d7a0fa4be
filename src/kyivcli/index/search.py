"""Search sentences by text, town, unit, dates and section; every filter narrows (AND)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from kyivcli.errors import NoMatch, QueryError
from kyivcli.index.events import in_range, parse_bound
from kyivcli.model.records import Hit, Place, Span, Unit

if TYPE_CHECKING:
    from kyivcli.article import Article


def _norm(s: str) -> str:
    from kyivcli.extract.places.gazetteer import normalize

    return normalize(s)


def match_places(art: Article, query: str) -> list[Place]:
    """Places a user means by `query`: any spelling GeoNames knows, any form in the text, or a near miss."""
    q = _norm(query)
    if not q:
        raise QueryError("a town query needs a place name")
    places = art.places
    ids = {p.geonameid for hits in art.gazetteer.lookup([query]).values() for p in hits}
    exact = [p for p in places if (p.geonameid is not None and p.geonameid in ids)
             or q in {_norm(f) for f in [p.name, *p.aliases, *p.variants]}]
    if exact:
        return exact
    from rapidfuzz import fuzz, process

    forms = [(_norm(f), p) for p in places for f in [p.name, *p.aliases, *p.variants]]
    best = process.extract(q, [f for f, _ in forms], scorer=fuzz.ratio, limit=5, score_cutoff=80)
    chosen: list[Place] = []
    for _, score, i in best:
        if forms[i][1] not in chosen and score >= best[0][1] - 0.01:
            chosen.append(forms[i][1])
    return chosen


_NUM = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")


def match_units(units: Iterable[Unit], query: str) -> list[Unit]:
    """Units a user means: '79th', '79th brigade', 'air assault' (all air assault units), 'Wagner'."""
    words = _norm(query).split()
    if not words:
        raise QueryError("a unit query needs a unit name or number")
    out = []
    for u in units:
        tokens = {t for f in [u.name, *u.aliases] for t in _norm(f).split()}
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


def search(art: Article, query: str | None = None, *, town: str | None = None, unit: str | None = None,
           start: str | None = None, end: str | None = None, section: str | None = None,
           context: int = 0, sort: str = "position") -> list[Hit]:
    """Matching sentences, in text order or by date."""
    if sort not in ("position", "date"):
        raise QueryError(f"sort takes 'position' or 'date' (got '{sort}')")
    if context < 0:
        raise QueryError(f"context must be 0 or more (got {context})")
    lo, hi = parse_bound(start), parse_bound(end)
    sentences = [s for s in art.document.sentences if s.where != "heading"]
    keep = {s.index for s in sentences}
    if section is not None:
        keep &= art.section_sentences(section)
    if town is not None:
        places = match_places(art, town)
        if not places:
            raise NoMatch(f"no place in the article matches '{town}'")
        keep &= {m.sentence_index for p in places for m in p.mentions}
    if unit is not None:
        units = match_units(art.units, unit)
        if not units:
            raise NoMatch(f"no unit in the article matches '{unit}'")
        keep &= {m.sentence_index for u in units for m in u.mentions}
    days = art._sentence_days
    if lo or hi:
        keep &= {i for i, ds in days.items() if any(in_range(d.split("/")[0], d.split("/")[-1], lo, hi) for d in ds)}
    pattern = _query_pattern(query) if query else None
    place_names = art._place_names
    unit_names = art._unit_names
    hits = []
    for pos, s in enumerate(sentences):
        if s.index not in keep:
            continue
        spans = [m.span() for m in pattern.finditer(s.text)] if pattern else []
        if pattern and not spans:
            continue
        date = (days.get(s.index) or [None])[0]
        before = tuple(x.text for x in sentences[max(pos - context, 0):pos]) if context else ()
        after = tuple(x.text for x in sentences[pos + 1: pos + 1 + context]) if context else ()
        hits.append(Hit(date, s.line, s.index, s.section, s.section_title, s.text,
                        tuple(place_names.get(s.index, [])), tuple(unit_names.get(s.index, [])),
                        tuple(Span(a, b, s.text[a:b]) for a, b in spans), before, after))
    if town is not None:
        hits = [_with_town_match(h, places) for h in hits]
    if sort == "date":
        hits.sort(key=lambda h: (h.date is None, h.date or "", h.sentence_index))
    return hits


def _with_town_match(h: Hit, places: Sequence[Place]) -> Hit:
    """Mark the words that named the town in this sentence, when no text query marked anything."""
    if h.match:
        return h
    spans = tuple(Span(m.start, m.end, m.text) for p in places for m in p.mentions
                  if m.sentence_index == h.sentence_index)
    if not spans:
        return h
    from dataclasses import replace

    return replace(h, match=tuple(sorted(spans, key=lambda s: s.start)))


class _AllWords:
    """Matches a sentence holding every word; yields each word's spans for highlighting."""

    def __init__(self, all_rx: re.Pattern[str], each_rx: re.Pattern[str]) -> None:
        self.all_rx, self.each_rx = all_rx, each_rx

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.each_rx.finditer(text) if self.all_rx.match(text) else iter(())


def _query_pattern(query: str) -> re.Pattern[str] | _AllWords:
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
