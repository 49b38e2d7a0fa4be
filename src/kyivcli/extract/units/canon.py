"""Turn mentions into units: merge short forms into the full unit they name, attach abbreviations,
link parents, then let sides.py work out each unit's side from the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from kyivcli.extract.units.model import Unit, UnitMention
from kyivcli.extract.units.recognize import active_rules, find_mentions, grammar, link_parents
from kyivcli.extract.units.sides import attribute_sides
from kyivcli.model.document import Document, Sentence


def _formal_name(m: UnitMention) -> str:
    if m.tier == "service" or m.short:
        return m.text
    return m.formal or m.text


def _key(m: UnitMention) -> tuple:
    if m.tier == "service":
        return ("service", m.service, m.country)
    if m.number is not None:
        return ("numbered", m.number, _style(m), m.echelon)
    return ("named", (m.formal or m.text).lower(), m.echelon)


def _style(m: UnitMention) -> str:
    """How the number is written: 'II Corps' and 'Second Corps' may be different units ('Longstreet's First
    Corps' and the Union 'I Corps'), so Roman numerals only join Roman numerals ('6th Army' = 'Sixth Army')."""
    w = (m.formal or m.text).split()
    first = w[1] if w and w[0] == "New" and len(w) > 1 else (w[0] if w else "")
    return "roman" if first.isupper() and not first[:1].isdigit() else "number"


def _word_side(m: UnitMention) -> str | None:
    """A side the words of the name give ('4th Panzer Army': Germany)."""
    g = grammar()
    return m.side or next((g.name_country[w] for w in (m.formal or m.text).split() if g.name_country.get(w)), None)


def _side_clash(m: UnitMention, full: UnitMention) -> bool:
    a, b = _word_side(m), _word_side(full)
    return bool(a and b and a != b)


def _merge_target(m: UnitMention, units: list[Unit], parts: dict[int, UnitMention]) -> Unit | None:
    """The unique unit a shorter form names: same number (and echelon, if given), qualifiers a subset."""
    cands = []
    for u in units:
        full = parts[id(u)]
        if full.number != m.number or full.tier != "formation" or _side_clash(m, full) or _style(m) != _style(full):
            continue
        if m.echelon and full.echelon != m.echelon and not m.implied:
            continue
        if set(m.qualifiers) <= set(full.qualifiers) and (m.echelon or set(m.qualifiers)):
            cands.append(u)
    return cands[0] if len(cands) == 1 else None


def build_units(doc: Document) -> tuple[list[Unit], list[UnitMention]]:
    """All units of the document (in order of first mention) and every mention attached to one."""
    mentions: list[UnitMention] = []
    sentences = doc.sentences
    for s, rules in zip(sentences, active_rules([s.text for s in sentences], grammar()), strict=True):
        if rules:  # a sentence no rule needs holds no mention
            mentions.extend(find_mentions(s, rules))
    units: list[Unit] = []
    by_key: dict[tuple, Unit] = {}
    parts: dict[int, UnitMention] = {}  # unit id → its richest mention (defines the name)

    # full forms, richest first, so "41st Army" finds "41st Combined Arms Army" wherever it is
    full = sorted((m for m in mentions if not m.short and not m.implied), key=lambda m: -len(m.qualifiers))
    pending: list[UnitMention] = []
    for m in full:
        k = _key(m)
        if k in by_key and (m.tier == "service" or set(m.qualifiers) == set(parts[id(by_key[k])].qualifiers)) \
                and not _side_clash(m, parts[id(by_key[k])]):
            m.unit = by_key[k]
            continue
        if m.number is not None and m.tier == "formation":
            target = _merge_target(m, units, parts)
            if target is not None:
                m.unit = target
                continue
            if k in by_key:
                pending.append(m)
                continue
        u = Unit(_formal_name(m), m.tier, m.echelon or ("service" if m.tier == "service" else None))
        units.append(u)
        by_key.setdefault(k, u)
        parts[id(u)] = m
        m.unit = u
    for m in pending:  # same number and echelon, qualifiers neither equal nor a subset: its own unit
        u = Unit(_formal_name(m), m.tier, m.echelon)
        units.append(u)
        parts[id(u)] = m
        m.unit = u
    for m in mentions:
        if m.short:
            m.unit = _merge_target(m, units, parts)
        elif m.implied:  # '3rd Marine Commando' joins '3rd Marine Commando Division'; else a unit of its own
            m.unit = _merge_target(m, units, parts)
            if m.unit is None:
                k = _key(m)
                if k not in by_key:
                    u = Unit(_formal_name(m), m.tier, m.echelon)
                    units.append(u)
                    by_key[k] = u
                    parts[id(u)] = m
                m.unit = by_key[k]
    _bare_services(units, parts, mentions)
    _abbreviations(sentences, mentions)
    _owned_services(mentions, units, parts)
    if _repeated_names(sentences, mentions, units, parts):  # new mentions may name parents ('wing of the FLN')
        by_sentence: dict[int, list[UnitMention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence.index, []).append(m)
        for ms in by_sentence.values():
            ms = [m for m in ms if m.rule != "abbreviation"]  # '(ALN)' right after its name
            if len(ms) > 1 and any(m.rule == "repeated" for m in ms):
                ms.sort(key=lambda m: m.start)
                link_parents(ms[0].sentence.text, ms)
    mentions = sorted((m for m in mentions if m.unit is not None), key=lambda m: (m.sentence.index, m.start))
    for m in mentions:
        u = m.unit
        assert u is not None
        u.mentions.append(m)
        if m.text != u.name and m.text not in u.aliases:
            u.aliases.append(m.text)
        if m.parent_mention is not None and m.parent_mention.unit is not None and u.parent is None \
                and m.parent_mention.unit is not u:
            u.parent = m.parent_mention.unit.name
    units = [u for u in units if u.mentions]
    units.sort(key=lambda u: (u.mentions[0].sentence.index, u.mentions[0].start))
    attribute_sides(doc, units, mentions)
    return units, mentions


def _bare_services(units: list[Unit], parts: dict[int, UnitMention], mentions: list[UnitMention]) -> None:
    """'Marines' with no country joins the one service of that kind that has one ('United States Marines')."""
    for u in units:
        m = parts[id(u)]
        if m.tier != "service" or m.country is not None:
            continue
        same = [v for v in units if v is not u and parts[id(v)].tier == "service"
                and parts[id(v)].service == m.service and parts[id(v)].country is not None]
        if len(same) == 1:
            for x in mentions:
                if x.unit is u:
                    x.unit = same[0]


# rules that need a cue to see a name ('FLN maquisards', 'the elite X'); once seen, the bare name is the unit
_CUED = frozenset({"fighters", "elite", "apposition", "faction"})


def _repeated_names(sentences: list[Sentence], mentions: list[UnitMention], units: list[Unit],
                    parts: dict[int, UnitMention]) -> bool:
    """A name a cue showed to be a unit ('FLN maquisards') names it wherever it stands ('the FLN')."""
    names = {parts[id(u)].formal: u for u in units if parts[id(u)].rule in _CUED and parts[id(u)].formal}
    if not names:
        return False
    # built from this document's names: compiled the ordinary way, never kept in the machine-wide cache
    pat = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(names, key=lambda w: (-len(w), w)))) + r")(?![\w-])")
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m.sentence.index, []).append((m.start, m.end))
    for s in _holding(sentences, names):
        for hit in pat.finditer(s.text):
            if any(a < hit.end() and hit.start() < b for a, b in spans.get(s.index, ())):
                continue
            u = names[hit.group(1)]
            mentions.append(UnitMention(hit.group(1), s, hit.start(), hit.end(), u.tier, unit=u, formal=hit.group(1),
                                        rule="repeated"))
    return True


def _holding(sentences: list[Sentence], keys: Iterable[str]) -> list[Sentence]:
    """The sentences whose text holds one of `keys`, in order: each key looked for in all texts at once
    (joined by newlines; a key with a newline of its own is looked for text by text)."""
    texts = [s.text for s in sentences]
    joined = "\n".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    found: set[int] = set()
    for k in keys:
        if "\n" in k or not k:
            found.update(i for i, t in enumerate(texts) if k in t)
            continue
        p = joined.find(k)
        while p >= 0:
            found.add(bisect_right(starts, p) - 1)
            p = joined.find(k, p + 1)
    return [sentences[i] for i in sorted(found)]


def _abbreviations(sentences: list[Sentence], mentions: list[UnitMention]) -> None:
    """'Eastern Military District (EMD)': later 'EMD' mentions name that unit."""
    defined = {m.abbreviation: m.unit for m in mentions if m.abbreviation and m.unit}
    if not defined:
        return
    pat = re.compile(r"\b(" + "|".join(map(re.escape, defined)) + r")\b")
    taken = [(m.sentence.index, m.start, m.end) for m in mentions]
    spans: dict[int, list[tuple[int, int]]] = {}
    for i, a, b in taken:
        spans.setdefault(i, []).append((a, b))
    for s in _holding(sentences, defined):
        for hit in pat.finditer(s.text):
            if any(a <= hit.start() < b for a, b in spans.get(s.index, ())):
                continue
            unit = defined[hit.group(1)]
            mentions.append(UnitMention(hit.group(1), s, hit.start(), hit.end(), unit.tier, unit=unit,
                                        rule="abbreviation"))


def _owned_services(mentions: list[UnitMention], units: list[Unit], parts: dict[int, UnitMention]) -> None:
    """'ARVN Special Forces': a service named right after a unit's abbreviation, with no country of its own, is
    that unit's own (a unit of its own, the abbreviated unit its parent)."""
    at: dict[tuple[int, int], UnitMention] = {(m.sentence.index, m.start): m for m in mentions if m.tier == "service"}
    made: dict[str, Unit] = {}
    for ab in [m for m in mentions if m.rule == "abbreviation" and m.unit is not None]:
        x = at.get((ab.sentence.index, ab.end + 1))
        if x is None or ab.sentence.text[ab.end] != " " or x.country or x.side or x.unit is ab.unit:
            continue
        name = f"{ab.text} {x.text}"
        if name not in made:
            made[name] = Unit(name, "formation", x.echelon or "service")
            units.append(made[name])
            parts[id(made[name])] = x
        x.unit, x.text, x.start, x.tier, x.parent_mention = made[name], name, ab.start, "formation", ab


__all__ = ["build_units", "grammar"]
