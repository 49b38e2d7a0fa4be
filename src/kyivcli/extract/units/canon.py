"""Turn mentions into units: merge short forms into the full unit they name, attach abbreviations,
link parents, and work out each unit's side from the text."""

from __future__ import annotations

import re

from kyivcli.extract.units.model import Unit, UnitMention
from kyivcli.extract.units.recognize import find_mentions, grammar
from kyivcli.parse.model import Document, Sentence

_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s*(?:and|or|as well as)\s+)(?:the\s+)?$")


def _title(echelon: str) -> str:
    return " ".join(w.capitalize() for w in echelon.split())


def _formal_name(m: UnitMention) -> str:
    if m.tier == "service" or m.short:
        return m.text
    if m.number is not None:
        return " ".join([m.number, *m.qualifiers, _title(m.echelon or "")])
    text = m.text
    side_words = [w for w in grammar().demonyms if text.startswith(w + " ")]
    return text[len(max(side_words, key=len)) + 1:] if side_words else text


def _key(m: UnitMention) -> tuple:
    if m.tier == "service":
        return ("service", m.service, m.country)
    if m.number is not None:
        return ("numbered", m.number, m.echelon)
    return ("named", (m.proper or m.text).lower(), m.echelon)


def _merge_target(m: UnitMention, units: list[Unit], parts: dict[int, UnitMention]) -> Unit | None:
    """The unique unit a shorter form names: same number (and echelon, if given), qualifiers a subset."""
    cands = []
    for u in units:
        full = parts[id(u)]
        if full.number != m.number or full.tier != "formation":
            continue
        if m.echelon and full.echelon != m.echelon:
            continue
        if set(m.qualifiers) <= set(full.qualifiers) and (m.echelon or set(m.qualifiers)):
            cands.append(u)
    return cands[0] if len(cands) == 1 else None


def build_units(doc: Document) -> tuple[list[Unit], list[UnitMention]]:
    """All units of the document (in order of first mention) and every mention attached to one."""
    mentions: list[UnitMention] = []
    for s in doc.sentences:
        mentions.extend(find_mentions(s))
    units: list[Unit] = []
    by_key: dict[tuple, Unit] = {}
    parts: dict[int, UnitMention] = {}  # unit id → its richest mention (defines the name)

    # full forms, richest first, so "41st Army" finds "41st Combined Arms Army" wherever it is
    full = sorted((m for m in mentions if not m.short), key=lambda m: -len(m.qualifiers))
    pending: list[UnitMention] = []
    for m in full:
        k = _key(m)
        if k in by_key and (m.tier == "service" or set(m.qualifiers) == set(parts[id(by_key[k])].qualifiers)):
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
    _abbreviations(doc, mentions, units)
    mentions = sorted((m for m in mentions if m.unit is not None), key=lambda m: (m.sentence.index, m.start))
    for m in mentions:
        u = m.unit
        assert u is not None
        u.mentions.append(m)
        if m.text != u.name and m.text not in u.aliases:
            u.aliases.append(m.text)
        if m.parent_mention is not None and m.parent_mention.unit is not None and u.parent is None:
            u.parent = m.parent_mention.unit.name
    _sides(units, mentions)
    units = [u for u in units if u.mentions]
    units.sort(key=lambda u: (u.mentions[0].sentence.index, u.mentions[0].start))
    return units, mentions


def _abbreviations(doc: Document, mentions: list[UnitMention], units: list[Unit]) -> None:
    """'Eastern Military District (EMD)': later 'EMD' mentions name that unit."""
    defined = {m.abbreviation: m.unit for m in mentions if m.abbreviation and m.unit}
    if not defined:
        return
    pat = re.compile(r"\b(" + "|".join(map(re.escape, defined)) + r")\b")
    taken = {(m.sentence.index, m.start) for m in mentions}
    for s in doc.sentences:
        for hit in pat.finditer(s.text):
            if (s.index, hit.start()) in taken:
                continue
            unit = defined[hit.group(1)]
            mentions.append(UnitMention(hit.group(1), s, hit.start(), hit.end(), unit.tier, unit=unit))


def _sides(units: list[Unit], mentions: list[UnitMention]) -> None:
    votes: dict[int, dict[str, int]] = {}
    for m in mentions:
        side = m.side or (m.country if m.tier == "service" else None)
        if side and m.unit is not None:
            votes.setdefault(id(m.unit), {}).setdefault(side, 0)
            votes[id(m.unit)][side] += 1
    for u in units:
        v = votes.get(id(u))
        if v:
            best = sorted(v.items(), key=lambda kv: -kv[1])
            if len(best) == 1 or best[0][1] > best[1][1]:
                u.side = best[0][0]
    # units listed together ("the 79th Brigade, 3rd Spetsnaz Regiment, and the 3rd …") fight together
    by_sentence: dict[int, list[UnitMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    for _ in range(2):
        for ms in by_sentence.values():
            for group in _coordinated(ms):
                sides = {m.unit.side for m in group if m.unit and m.unit.side != "unknown"}
                if len(sides) == 1:
                    side = sides.pop()
                    for m in group:
                        if m.unit and m.unit.side == "unknown":
                            m.unit.side = side
    names = {u.name: u for u in units}
    for u in units:
        if u.side == "unknown" and u.parent and names.get(u.parent) and names[u.parent].side != "unknown":
            u.side = names[u.parent].side


def _coordinated(ms: list[UnitMention]) -> list[list[UnitMention]]:
    groups: list[list[UnitMention]] = []
    for m in sorted(ms, key=lambda m: m.start):
        if groups and _joined(groups[-1][-1], m):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [g for g in groups if len(g) > 1]


def _joined(a: UnitMention, b: UnitMention) -> bool:
    s: Sentence = a.sentence
    return a.end == b.end or bool(_GLUE.match(s.text[a.end:b.start]))
