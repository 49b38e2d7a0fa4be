"""Whose side a unit fought on, and the evidence for it (`Unit.side_evidence`: rule, line, words).

Rules, strongest first; each unit keeps the first that decides it:
  own words    modifier ('Ukrainian 4th...', 'Russian-backed'), possessive ("Russia's 35th..."), name (a side
               word in the name: 'Imperial Japanese Army'; colour factions where the text names two:
               'Red Army' / 'White Army'), service (vocabulary: 'Wehrmacht' → Germany; name words of one
               army: 'Panzer'), self (an armed group is its own side: 'FLN', 'OAS')
  service      words of one military tradition ('Guards Rifle', 'Army Group X') give that tradition's side
               among the article's belligerents
  parent       the unit it belongs to, or the units that belong to it, agree
  coordination listed with units or side phrases of one side ('the 36th ... and Russian special police forces')
  apposition   'the 4th Commandos, a Biafran unit'
  subject      the nearest side word, person or sided unit before it in its sentence, not past a clause
               break nor a sibling ('U.S. and ARVN'); a hostile word that governs it ('... ambushed the 6th',
               'routed by', 'defended by', 'recaptured ... from the') gives the other belligerent; with nothing
               before it, a target after a hostile word ('attacked the Union left')
  context      the nearest side word in the two sentences before it in its paragraph
  belligerents in a civil war a state's forces take the faction's name ('U.S. Army' → Union)
Every mention votes (sentence 2, paragraph 1). Belligerents are the two sides the lead and the sentences
around the units name most. `unknown` when none of these speaks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from kyivcli.extract.units.model import Unit, UnitMention
from kyivcli.extract.units.recognize import Grammar, grammar
from kyivcli.model.document import Document, Sentence
from kyivcli.rx import compile as recompile

# a capitalised word: '\b[A-Z][\w.'’-]*' written to start with its capital (and look back for the word
# boundary), so a search skips to the next capital rather than trying a boundary at every character
_CAP = recompile(r"[A-Z](?<!\w.)[\w.'’-]*")
_GLUE = recompile(r"^(?:\s+(?:mercenaries|troops|forces|soldiers|fighters|units|personnel|members|men))?"
                   r"\s*(?:,\s*(?:and\s+|or\s+)?|\s*(?:and|or|as well as|with|alongside|together with)\s+)"
                   r"(?:the\s+)?$")
_WORD = recompile(r"[a-z][a-z.]*")
# a country named as a place ('in Vietnam', 'across the Ukraine') says where, not who
_PLACE_PREP = recompile(r"\b(?:in|into|to|from|across|throughout|within|over|of|inside|outside|near|towards?|"
                         r"through|entered|invaded|invade|left|leaving|reached|occupied)\s+(?:the\s+)?$"
                         r"|\b(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|mainland)\s+$")
_BORN = recompile(r"(?:\s|-)born\b")  # 'German born Rolf Steiner': where a person comes from, not a side
_OWN_RANK = {"modifier": 3, "possessive": 3, "name": 2, "self": 2, "service": 1}


@dataclass
class _Anchor:
    start: int
    end: int
    side: str
    words: str


@cache
def _vocab() -> tuple[frozenset[str], re.Pattern[str]]:
    d = grammar().data
    heads = "|".join(sorted(d["side_phrase_heads"], key=lambda w: (-len(w), w)))
    phrase = recompile(rf"(?P<side>[A-Z](?<!\w.)[\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s+(?:[a-z][\w-]*\s+){{0,3}}?(?:{heads})\b")
    return frozenset(d["hostile_words"]), phrase


@cache
def _person_rx() -> re.Pattern[str]:
    titles = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in
                      sorted(grammar().data["person_titles"], key=lambda w: (-len(w), w)))
    # the space before the title is matched (a search skips from space to space), not looked behind for at
    # every character; a match ends in a name, so the space is never the end of the match before
    return recompile(rf" (?P<person>(?:{titles}) (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}}))")


def _persons(sentences: list[Sentence], g: Grammar) -> dict[str, tuple[str, str]]:
    """People the text introduces with a side ('Ukrainian President Volodymyr Zelenskyy'): surname →
    (side, the words). What they do later speaks for their side."""
    rx = _person_rx()
    text = "\n".join(s.text for s in sentences)
    out: dict[str, tuple[str, str]] = {}
    for m in rx.finditer(text):
        start = m.start("person")
        before = text[max(0, start - 40):start].split()
        side = None
        for k in (2, 1):
            if len(before) >= k:
                side = g.side_of(" ".join(before[-k:]))
                if side:
                    break
        if not side:
            continue
        surname = m.group("name").split()[-1].rstrip("'’s")
        if out.get(surname, (side,))[0] != side:
            out[surname] = ("", "")  # two sides: no evidence
        else:
            out[surname] = (side, " ".join([*before[-2:], m.group("person")]))
    return {k: v for k, v in out.items() if v[0]}


def _side_words(s: Sentence, g: Grammar, persons: dict[str, tuple[str, str]] | None = None) -> list[_Anchor]:
    """Every side word of the sentence ('Russian', 'United States', "Ukraine's"), in order; with `persons`,
    the people the text tied to a side too."""
    text = s.text
    out: list[_Anchor] = []
    sides, first = g.sides, g.side_first
    skip_to = -1
    for t in _CAP.finditer(text):
        if t.start() < skip_to:
            continue
        w = t.group(0)
        if w in first:
            nxt = _CAP.match(text, t.end() + 1)
            if nxt is not None and text[t.end()] == " ":
                two = f"{w} {nxt.group(0)}"
                side = g.side_of(two) or g.side_of(two.rstrip("."))
                if side and not (two.rstrip(".") in g.states and _PLACE_PREP.search(text, 0, t.start())):
                    out.append(_Anchor(t.start(), nxt.end(), side, two))
                    skip_to = nxt.end()
                    continue
        if w[-1] not in "s.'’" and w not in sides and w not in first and not (persons and w in persons):
            continue  # what most words come to below, in one test
        if persons and w.rstrip("'’s") in persons:
            side, words = persons[w.rstrip("'’s")]
            out.append(_Anchor(t.start(), t.end(), side, words))
            continue
        if w in sides:
            side = sides[w]
        elif w[-1] in "s.":
            side = g.side_of(w.rstrip(".")) if w[-1] == "." and w.count(".") == 1 else g.side_of(w)
        else:
            continue
        if side and not (w.rstrip(".") in g.states and _PLACE_PREP.search(text, 0, t.start())) \
                and not _BORN.match(text, t.end()):
            out.append(_Anchor(t.start(), t.end(), side, w))
    return out


def _belligerents(sentences: list[Sentence], anchors: Callable[[Sentence], list[_Anchor]],
                  near_units: list[int], units: list[Unit] = ()) -> list[str]:
    """The two sides named most in the lead and around the units; a unit named by its colour faction
    ('White Army') names that side at each mention."""
    c: Counter[str] = Counter()
    colours = set(grammar().colours.values()) - {None}
    for u in units:  # 'Red Army' / 'White Army': where the text names colour factions, they are the sides
        if u.side in colours and (u.side_evidence or {}).get("rule") == "name":
            c[u.side] += len(u.mentions)
    for i in sorted({*range(min(20, len(sentences))), *near_units}):
        for a in anchors(sentences[i]):
            c[a.side] += 1
    return [side for side, _ in c.most_common(2)]


def _colour_aliases(units: list[Unit], g: Grammar) -> dict[str, str]:
    """Where the text names units of two colour factions ('Red Army', 'White Army'), the sides a colour
    faction is also called by ('Communists', 'Bolsheviks', 'Soviets' for the Reds) are that faction."""
    named = {u.side for u in units if (u.side_evidence or {}).get("rule") == "name"} & set(g.colours.values())
    if len(named) < 2:
        return {}
    return {other: colour for colour, others in g.data.get("colour_faction_names", {}).items() if colour in named
            for other in others}


def _aliased(anchors: list[_Anchor], alias: dict[str, str]) -> list[_Anchor]:
    if alias:
        for a in anchors:
            a.side = alias.get(a.side, a.side)
    return anchors


def _evidence(rule: str, m: UnitMention | None, words: str, line: int | None = None) -> dict:
    return {"rule": rule, "line": line if line is not None else (m.line if m else None), "words": words}


def attribute_sides(doc: Document, units: list[Unit], mentions: list[UnitMention]) -> None:
    g = grammar()
    hostile, phrase = _vocab()
    _own(units, g, doc)
    alias = _colour_aliases(units, g)
    for u in units:
        u.side = alias.get(u.side, u.side)
    by_name = {u.name: u for u in units}
    by_sentence: dict[int, list[UnitMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    groups = []  # coordinated lists, found once: (group, the words that list it)
    for ms in by_sentence.values():
        text = ms[0].sentence.text
        for gr in _coordinated(ms, _aliased(_phrases(ms[0].sentence, g, phrase), alias)):
            groups.append((gr, text[min(x.start for x in gr):max(x.end for x in gr)]))
    kids: dict[str, list[Unit]] = {}
    for u in units:
        if u.parent:
            kids.setdefault(u.parent, []).append(u)
    _propagate(units, by_name, kids, groups)
    anchors_cache: dict[int, list[_Anchor]] = {}
    sentences = doc.sentences
    # people are introduced in the lead or where the units are
    persons = _persons([s for i, s in enumerate(sentences) if i < 40 or i in by_sentence], g) \
        if any(u.side == "unknown" for u in units) else {}

    def anchors(s: Sentence) -> list[_Anchor]:
        if s.index not in anchors_cache:
            anchors_cache[s.index] = _aliased(_side_words(s, g, persons), alias)
        return anchors_cache[s.index]

    bell_cache: list[list[str]] = []

    def bell() -> list[str]:
        if not bell_cache:
            bell_cache.append(_belligerents(sentences, anchors, list(by_sentence), units))
        return bell_cache[0]

    _traditions(units, g, bell)
    _faction_roots(units, bell)
    _propagate(units, by_name, kids, groups)
    for u in units:  # in order of first mention, so a unit placed by its context anchors the next ones
        if u.side != "unknown":
            continue
        votes: Counter[str] = Counter()
        first: dict[str, dict] = {}
        for m in u.mentions:  # every mention votes: its sentence (2), else its paragraph (1)
            ev = _in_sentence(m, anchors(m.sentence), by_sentence.get(m.sentence.index, []), hostile, bell)
            weight = 2
            if ev is None:
                ev = _in_paragraph(m, sentences, anchors, g, bell)
                weight = 1
            if ev:
                votes[ev[0]] += weight
                first.setdefault(ev[0], ev[1])
        if votes:
            best = votes.most_common()
            if len(best) == 1 or best[0][1] > best[1][1]:
                u.side, u.side_evidence = best[0][0], first[best[0][0]]
                _propagate(units, by_name, kids, groups)
    _state_factions(units, g, bell)


def _traditions(units: list[Unit], g: Grammar, belligerents: Callable[[], list[str]]) -> None:
    """Words of a name from one military tradition ('13th Guards Rifle Division', 'Army Group Don') give
    the side of that tradition that is one of the article's belligerents."""
    table = g.data.get("name_word_sides", {})
    bell: list[str] | None = None
    for u in units:
        if u.side != "unknown":
            continue
        words = u.name.split()
        phrases = [" ".join(words[i:i + k]) for k in (2, 1) for i in range(len(words) - k + 1)]
        hits = [p for p in phrases if p in table]
        if not hits:
            continue
        if bell is None:
            bell = belligerents()
        for p in hits:
            side = next((x for x in table[p] if x in bell), None)
            if side:
                u.side, u.side_evidence = side, _evidence("service", u.mentions[0], f"{u.name} ({p}: {side})")
                break


def _faction_roots(units: list[Unit], belligerents: Callable[[], list[str]]) -> None:
    """A unit named by the root of a belligerent faction's name is that faction's army ('National Revolutionary
    Army' of the Nationalists, 'Constitutional Army' of the Constitutionalists)."""
    bell: list[str] | None = None
    for u in units:
        first = u.name.split()[0]
        if u.side != "unknown" or len(first) < 5 or not first[0].isupper() or not first.isalpha():
            continue
        if bell is None:
            bell = belligerents()
        # a one-word faction named as a plural ('Nationalists'), not a state ('United States' ≠ 'United Nations')
        side = next((b for b in bell if len(b) > len(first) + 1 and b.startswith(first) and " " not in b
                     and b.endswith("s")), None)
        if side:
            u.side, u.side_evidence = side, _evidence("belligerents", u.mentions[0], f"{u.name} ({side})")


def _state_factions(units: list[Unit], g: Grammar, belligerents: Callable[[], list[str]]) -> None:
    """In a civil war the state's own forces fight as a faction ('U.S. Army' for the Union): where that
    faction is one of the article's two belligerents, its state's units take its name."""
    factions = g.data.get("state_factions", {})
    if not any(u.side in factions for u in units):
        return
    bell = belligerents()
    for u in units:
        faction = factions.get(u.side)
        if faction in bell:
            words = (u.side_evidence or {}).get("words", u.name)
            u.side = faction
            u.side_evidence = _evidence("belligerents", u.mentions[0], f"{words} ({faction} among {' / '.join(bell)})")


def _own(units: list[Unit], g: Grammar, doc: Document) -> None:
    """A unit's own words: votes of its mentions, the strongest kind of evidence first. Where the text
    names units of two colours ('Red Army', 'White Army'), the colours are the factions."""
    def colour(u: Unit) -> str | None:  # 'Red Army', 'White Guards'; not 'Black Sea Fleet'
        w = u.name.split()
        return w[0] if len(w) == 2 and g.colours.get(w[0]) else None

    colours = {colour(u) for u in units} - {None}
    for u in units:
        first_word = colour(u)
        if len(colours) > 1 and first_word in colours:
            u.side = g.colours[first_word] or "unknown"
            u.side_evidence = _evidence("name", u.mentions[0], u.mentions[0].text)
            continue
        votes: Counter[str] = Counter()
        first: dict[str, UnitMention] = {}
        for m in u.mentions:
            side = m.side or (m.country if m.tier == "service" else None)
            if not side:
                continue
            votes[side] += 10 * _OWN_RANK.get(m.side_rule or "service", 1) + 1
            first.setdefault(side, m)
        if not votes:
            words = {w for m in u.mentions for w in (m.formal or m.text).split()}
            country = next((g.name_country[w] for w in sorted(words) if g.name_country.get(w)), None)
            if country:  # 'Second Panzer Group': a word only one army uses
                u.side, u.side_evidence = country, _evidence("service", u.mentions[0], u.mentions[0].text)
            continue
        best = votes.most_common()
        if len(best) > 1 and best[0][1] == best[1][1]:
            continue
        side = best[0][0]
        m = first[side]
        u.side = side
        rule = m.side_rule or ("service" if m.tier == "service" else "modifier")
        u.side_evidence = _evidence(rule, m, m.side_words or m.text)


def _phrases(s: Sentence, g: Grammar, phrase: re.Pattern[str]) -> list[_Anchor]:
    """Side phrases of a sentence that are not units: 'Russian special police forces', 'Chechen forces'."""
    out = []
    for m in phrase.finditer(s.text):
        side = g.side_of(m.group("side"))
        if side is None and " " in m.group("side"):
            side = g.side_of(m.group("side").split()[-1])
        if side:
            out.append(_Anchor(m.start(), m.end(), side, m.group(0)))
    return out


def _propagate(units: list[Unit], by_name: dict[str, Unit], kids: dict[str, list[Unit]],
               groups: list[tuple[list[UnitMention | _Anchor], str]]) -> None:
    for _ in range(4):
        changed = False
        for u in units:  # parent → child
            p = by_name.get(u.parent or "")
            if u.side == "unknown" and p and p.side != "unknown":
                u.side, u.side_evidence = p.side, _evidence("parent", u.mentions[0], p.name)
                changed = True
        for u in units:  # children → parent, when they agree
            if u.side != "unknown" or u.name not in kids:
                continue
            known = [k for k in kids[u.name] if k.side != "unknown"]
            if known and len({k.side for k in known}) == 1:
                u.side, u.side_evidence = known[0].side, _evidence("parent", u.mentions[0], known[0].name)
                changed = True
        for group, words in groups:
            sides = {x.unit.side if isinstance(x, UnitMention) and x.unit else x.side for x in group} - {"unknown"}
            if len(sides) != 1:
                continue
            side = sides.pop()
            for x in group:
                if isinstance(x, UnitMention) and x.unit and x.unit.side == "unknown":
                    x.unit.side, x.unit.side_evidence = side, _evidence("coordination", x, words)
                    changed = True
        if not changed:
            return


def _coordinated(ms: list[UnitMention], phrases: list[_Anchor]) -> list[list[UnitMention | _Anchor]]:
    items: list[UnitMention | _Anchor] = [*ms, *(p for p in phrases if not any(m.start < p.end and p.start < m.end
                                                                                for m in ms))]
    items.sort(key=lambda x: x.start)
    if len(items) < 2:
        return []
    text = ms[0].sentence.text
    groups: list[list[UnitMention | _Anchor]] = []
    for x in items:
        if groups and _joined(groups[-1][-1], x, text):
            groups[-1].append(x)
        else:
            groups.append([x])
    return [gr for gr in groups if len(gr) > 1 and any(isinstance(x, UnitMention) for x in gr)]


def _joined(a: UnitMention | _Anchor, b: UnitMention | _Anchor, text: str) -> bool:
    return a.end == b.end or (b.start >= a.end and bool(_GLUE.match(text[a.end:b.start])))


def _has_hostile(text: str, hostile: frozenset[str]) -> bool:
    return any(w.group(0) in hostile for w in _WORD.finditer(text))


_STRONG_HOSTILE = frozenset({"against", "resistance", "resisted", "attacked", "attack", "attacks", "ambushed",
                             "defeated", "repulsed", "repelled", "routed", "encircled", "surrounded", "versus",
                             "vs.", "opposed", "opposing", "enemy", "fought", "destroyed", "captured"})
_APPOSITION = recompile(r"\s*(?:,\s*(?:(?:regarded|described|known|considered|seen)\s+as\s+)?(?:a|an|the)\s+"
                         r"(?:[a-z]+\s+)?|\()(?P<side>[A-Z][\w.'’-]+(?: [A-Z][\w'’-]+)?)"
                         r"(?=\s+(?:unit|formation|force|brigade|regiment|battalion|division|army|corps|group|"
                         r"militia|detachment|company|squadron)\b|\))")
_FROM = recompile(r"^\s+from\s+(?:the\s+)?$")
_CAPTURE = recompile(r"\b(?:captured|recaptured|took|retook|seized|liberated|wrested|won|taken|retaken|recovered)\b")
_DEFENDED = recompile(r"\b(?:defended|garrisoned|held|protected|guarded)\s+by\s+(?:the\s+)?$")
_CLAUSE = recompile(r"[;:]|,\s+[a-z]+ed\s+by\b[^,]*$|,\s+(?:and|but|while|whereas|although|though|when|which|who|where|as|after|before)\b"
                     r"|\b(?:but|while|whereas|although|though|however)\b")
# 'X, which was originally named the Y': the same unit under another name, not a new clause
_NAMING = recompile(r",\s+(?:which|that)\s+(?:was|is|had\s+been)\s+(?:\w+ly\s+)?(?:named|called|known\s+as|renamed)"
                     r"\s+(?:the\s+)?$")
_SIBLING = recompile(r"^\s*(?:,|and|or|&|/|-|–)\s*(?:the\s+)?$")
_DIRECT = recompile(r"^\s*(?:(?:by|against|on|upon|with|at)\s+)?(?:(?:the|a|an)\s+)?$")  # 'ambushed the', 'routed by'


_RESISTS = recompile(r"[^.;:]{0,40}?\b(?:putting\s+up|put\s+up|offering|offered|mounting|mounted)\s+(?:[\w,-]+\s+){0,3}?"
                      r"resistance\b|\s+(?:resisted|fought\s+back|held\s+out\s+against)\b")
_ENCOUNTER = recompile(r"\b(?:faced|facing|face|met|meeting|engagements?|encounters?|clashe[sd]|against|fighting|fought)\b")
_IN_PHRASE = recompile(r"\b(?:in|of|for|on|into|about|over|within|through)\s+(?:(?:the|a|an|local|its|their|his|her)\s+)?$")
_NOUN_AFTER = recompile(r"\s+([a-z]+)\b")


def _civil_object(text: str, a: _Anchor) -> bool:
    """'a role in local Algerian administration': a side word that qualifies a civil noun inside a
    prepositional phrase says what the sentence is about, not who acts."""
    n = _NOUN_AFTER.match(text, a.end)
    if n is None or not _IN_PHRASE.search(text, max(0, a.start - 30), a.start):
        return False
    d = grammar().data
    w = n.group(1)
    return w not in d["side_phrase_heads"] and w not in d["fighter_nouns"] and w not in _vocab()[0]


def _in_sentence(m: UnitMention, side_words: list[_Anchor], ms: list[UnitMention], hostile: frozenset[str],
                 belligerents: Callable[[], list[str]]) -> tuple[str, dict] | None:
    """The nearest side word or sided unit before the mention. A side word listed beside it ('U.S. and
    ARVN') is a sibling, not its side; a hostile word that governs it ('... ambushed the 6th', 'attacked
    by the 72nd') gives the other belligerent."""
    text = m.sentence.text
    app = _APPOSITION.match(text, m.end)
    if app:  # 'the 4th Commandos, a Biafran unit', 'the 1st Army Corps (Russia)'
        side = grammar().side_of(app.group("side"))
        if side:
            return side, _evidence("apposition", m, text[m.start:app.end()])
    cands = [a for a in side_words if a.end <= m.start  # not a word of a unit's name ('Sparta Battalion')
             and not any(x.start <= a.start and a.end <= x.end for x in ms) and not _civil_object(text, a)]
    cands += [_Anchor(x.start, x.end, x.unit.side, x.text) for x in ms
              if x.end <= m.start and x.unit is not None and x.unit is not m.unit and x.unit.side != "unknown"
              and (x.tier != "service" or x.side or x.country)]  # 'Special Forces soldiers': any army's
    defended = _DEFENDED.search(text, 0, m.start) is not None
    for a in sorted(cands, key=lambda c: -c.end):
        between = text[a.end:m.start]
        if _SIBLING.match(between):
            continue
        if _FROM.match(between) and _CAPTURE.search(text, 0, a.start):
            # 'Rostov was recaptured by the Soviets from the Don Cossacks': taken from the other side
            bell = belligerents()
            if len(bell) == 2 and a.side in bell:
                return (bell[1] if a.side == bell[0] else bell[0]), _evidence("subject", m, text[a.start:m.end])
            return None
        if defended and _has_hostile(between, hostile):
            # 'Russian forces encircled the city, defended by the Azov Regiment': the defender is the other side
            bell = belligerents()
            if len(bell) == 2 and a.side in bell:
                return (bell[1] if a.side == bell[0] else bell[0]), _evidence("subject", m, text[a.start:m.end])
            return None
        if _CLAUSE.search(_NAMING.sub("", between)):
            return None  # 'the North Vietnamese launched their attack, panic set in, and ARVN ...'

        if len(between.split()) > 4 and not _has_hostile(between, hostile) and \
                _has_hostile(text[max(0, a.start - 30):a.start].split(" ", 1)[-1], hostile):
            # 'against suspected FLN members ... run by Captain X of the 10th Paras': the anchor is the target
            bell = belligerents()
            if len(bell) == 2 and a.side in bell:
                return (bell[1] if a.side == bell[0] else bell[0]), _evidence("subject", m, text[a.start:m.end])
            return None
        last = None
        for w in _WORD.finditer(between):
            if w.group(0) in hostile:
                last = w
        if last is not None and _DIRECT.match(between[last.end():]):
            bell = belligerents()
            if len(bell) == 2 and a.side in bell:
                other = bell[1] if a.side == bell[0] else bell[0]
                return other, _evidence("subject", m, text[a.start:m.end])
            return None
        if last is not None and last.group(0) in _STRONG_HOSTILE:
            return None  # 'the North Vietnamese met fierce resistance at Xuan Loc from the ARVN': can't tell
        resists = _RESISTS.match(text, m.end)
        if resists and not _CLAUSE.search(resists.group(0)) and \
                _ENCOUNTER.search(text, max(0, a.start - 40), m.start):
            # 'engagements with US forces, with the elite Fedayeen Saddam putting up resistance': it resists them
            bell = belligerents()
            if len(bell) == 2 and a.side in bell:
                other = bell[1] if a.side == bell[0] else bell[0]
                return other, _evidence("subject", m, text[a.start:resists.end()])
            return None
        return a.side, _evidence("subject", m, text[a.start:m.end])
    # nothing before it: 'Longstreet's First Corps attacked the Union left' - the target after a hostile word
    after = [a for a in side_words if a.start >= m.end]
    if after:
        a = min(after, key=lambda c: c.start)
        between = text[m.end:a.start]
        last = None
        for w in _WORD.finditer(between):
            if w.group(0) in hostile:
                last = w
        if last is not None and _DIRECT.match(between[last.end():]) and not _CLAUSE.search(between):
            bell = belligerents()
            if len(bell) == 2 and a.side in bell:
                return (bell[1] if a.side == bell[0] else bell[0]), _evidence("subject", m, text[m.start:a.end])
    return None


_GOVERNED = recompile(r"\b(?:against|fought|fighting|opposed|opposing|resisted|resist|versus)\s+(?:the\s+)?$")


def _in_paragraph(m: UnitMention, sentences: list[Sentence], anchors: Callable[[Sentence], list[_Anchor]],
                  g: Grammar, belligerents: Callable[[], list[str]], reach: int = 2) -> tuple[str, dict] | None:
    """The nearest side word in the (up to `reach`) sentences before it, within its paragraph: further back,
    the story may have moved to the other side. A side word that a hostile word governs ('the groups that
    fought against the Communists') names the enemy: the unit is of the other belligerent."""
    block = m.sentence.block
    i = m.sentence.index - 1
    while i >= 0 and sentences[i].block is block and m.sentence.index - i <= reach:
        s = sentences[i]
        # side words only (a unit placed by guesswork would pass the guess on); 'Iraq.' says where, not who
        cands = [a for a in anchors(s) if a.words.rstrip(".") not in g.states]
        if cands:
            a = max(cands, key=lambda c: c.end)
            if _GOVERNED.search(s.text, 0, a.start):
                bell = belligerents()
                if len(bell) == 2 and a.side in bell:
                    other = bell[1] if a.side == bell[0] else bell[0]
                    return other, _evidence("context", None, s.text[max(0, a.start - 20):a.end].split(" ", 1)[-1],
                                            s.line_of(a.start))
                return None
            return a.side, _evidence("context", None, a.words, s.line_of(a.start))
        i -= 1
    return None
