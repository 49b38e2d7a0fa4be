"""Geoparsing in the spirit of Mordecai/CLAVIN: candidates from the text, then disambiguation.

Candidates: places the text types ("the village of X", "X Oblast", "X River", borders), then runs of
capitalised words found in the gazetteer. Spans inside units or organisations are not places.
Disambiguation: the article's focus country (inferred from the candidates themselves), then
proximity to the article's confident places, then population.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from kyivcli.extract.joined import Joined
from kyivcli.extract.mention import Mention
from kyivcli.extract.places.distance import km, spelling_ratio
from kyivcli.extract.places.gazetteer import Gazetteer, Place, normalize
from kyivcli.extract.places.persons import PLACE_HEADS, PLACE_PREFIXES, find_people
from kyivcli.extract.places.typed import (
    MACROS,
    WORD_TAIL,
    TypedRule,
    all_needs,
    cached_compile,
    check_rule,
    compile_rules,
    expand_macro,
)
from kyivcli.model.document import Document, Sentence
from kyivcli.resources import derived, resource

if TYPE_CHECKING:  # the CSV reader is imported only by whoever loads a places file
    from kyivcli.extract.places.overrides import PlaceOverride

_FACILITY_KINDS = {"airport", "air_base", "power_plant", "facility", "dam"}
_LANDFORM_KINDS = {"lake", "sea", "hill", "pass", "valley", "canal", "strait", "bay", "gulf", "island", "peninsula",
                   "mountain", "forest", "line", "cape", "fort"}
_DIGIT = re.compile(r"\d")
_PARTIES = frozenset({"R", "D", "I", "DFL"})  # US party letters before a legislator's home: "R-Marshall"
_ADMIN_KINDS = {"oblast", "raion", "region", "district", "province", "county"}
_ADMIN_WORDS = {"oblast", "raion", "region", "district", "province", "governorate", "prefecture", "county"}
_HYPHENATED = cached_compile(r"[A-Z\u00C0-\u00DE][\w'’]*(?:-[\w'’]+)*-[A-Z\u00C0-\u00DE][\w'’]*")
# a dotted initialism ("U.S.", "U.K.") is one token, then a capitalised word, then "al-Askari" ("London-based"
# from its first small letter only: "(?<![a-z].)" spares the scan of the word's rest from every later letter,
# where the match would fail the same way)
_TOKEN = cached_compile(rf"(?:[A-Z]\.){{2,}}|[A-Z\u0400-\u042F]{WORD_TAIL}|[a-z](?<![a-z].)[\w]*-[A-Z]{WORD_TAIL}")
# the same without a hyphen, opening with the capital both branches start with, so the engine skips to capitals
# rather than trying the branches at every character (half the cost; the same matches)
_ACCENTED_WORD = cached_compile(r"(?<![\w'’\-.])[\u00C0-\u00D6\u00D8-\u00DE][\w'’]*(?![\w'’\-])")
_CAP_TOKEN = cached_compile(rf"[A-Z\u0400-\u042F](?:(?<=[A-Z])\.(?:[A-Z]\.)+|{WORD_TAIL})")


@dataclass(eq=False)  # compared by identity; no generated __eq__ to build at import
class PlaceMention(Mention):
    key: tuple = ()
    place: PlaceItem | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.place.name if self.place else self.text


class PlaceItem:
    """One place of the article (compared by identity). A plain class, not a dataclass: the geoparser's
    working classes are built at every cold start, and generating a dataclass's methods costs ~2M
    instructions each."""

    __slots__ = ("name", "kind", "country", "admin1", "lat", "lon", "geonameid", "population", "aliases",
                 "variants", "mentions", "confidence", "evidence")

    def __init__(self, name: str, kind: str, country: str | None = None, admin1: str | None = None,
                 lat: float | None = None, lon: float | None = None, geonameid: int | None = None,
                 population: int | None = None, aliases: list[str] | None = None, variants: list[str] | None = None,
                 mentions: list[PlaceMention] | None = None, confidence: float = 1.0,
                 evidence: dict[str, Any] | None = None) -> None:
        self.name = name
        self.kind = kind
        self.country = country
        self.admin1 = admin1
        self.lat = lat
        self.lon = lon
        self.geonameid = geonameid
        self.population = population
        self.aliases: list[str] = [] if aliases is None else aliases
        self.variants: list[str] = [] if variants is None else variants
        self.mentions: list[PlaceMention] = [] if mentions is None else mentions
        self.confidence = confidence  # 0–1: how sure the reading (place or not, and which namesake) is
        self.evidence: dict[str, Any] = {} if evidence is None else evidence  # text, rule, admin, km_from_centre, …

    def __repr__(self) -> str:
        return f"PlaceItem({self.name!r}, {self.kind!r}, {self.country!r}, lat={self.lat}, lon={self.lon})"

    @property
    def lines(self) -> list[int]:
        return [m.line for m in self.mentions]


class _Cand:
    """A stretch of a sentence that may name a place (plain class: see PlaceItem)."""

    __slots__ = ("text", "sentence", "start", "end", "lookup", "kind", "typed_name", "country_code", "border",
                 "bare_river", "after_adjective", "known", "rule", "us_state", "hint", "lead")

    def __init__(self, text: str, sentence: Sentence, start: int, end: int, lookup: str, kind: str | None = None,
                 typed_name: str | None = None, country_code: str | None = None, border: frozenset[str] | None = None,
                 bare_river: bool = False, after_adjective: bool = False, known: dict[str, Any] | None = None,
                 rule: str = "name", us_state: str | None = None, hint: _Cand | None = None,
                 lead: tuple[int, str] | None = None) -> None:
        self.text = text
        self.sentence = sentence
        self.start = start
        self.end = end
        self.lookup = lookup  # the name to look up in the gazetteer ("" = none)
        self.kind = kind  # typed by the text
        self.typed_name = typed_name
        self.country_code = country_code
        self.border = border
        self.bare_river = bare_river
        self.after_adjective = after_adjective  # "Persian Corridor" read as "Corridor": a name, not a place alone
        self.known = known  # an entry of resources/geo_world.json
        self.rule = rule  # what found it (evidence)
        self.us_state = us_state  # "Moyock, N.C.": the state in the abbreviation newspapers use
        self.hint = hint  # "Columbus, Kentucky", "Peremoha, Brovary Raion": the name after the comma
        self.lead = lead  # a direction word right before the name ("North Carolina", "East Louisiana")


@cache
def _data() -> dict[str, Any]:
    """resources/places.json with the word lists it borrows from units.json, ready to use (built once per
    machine: see resources.derived; a rule that cannot work fails while building, with its number)."""
    d = derived("places", _build_data, normalize, compile_rules, expand_macro, sources=("places", "units"),
                values=MACROS)
    d["typed_rules"] = tuple(TypedRule(*parts) for parts in d["typed_rule_parts"])
    d["rules_memo"] = {}  # the rules a set of needs runs (_rules_for)
    return d


def _build_data() -> dict[str, Any]:
    raw = resource("places")
    d = dict(raw)
    units = resource("units")
    demonyms = dict(units["demonyms"])
    d["demonyms"] = demonyms
    adjectives = {k for k, v in demonyms.items()  # "Vietnamese", "Russian"; not "Russia's"
                  if k not in (v, f"{v}'s", f"{v}’s") and k not in d["country_aliases"]}
    d["not_places_set"] = frozenset(d["not_places"]) | frozenset(adjectives) | {f"{a}s" for a in adjectives}
    d["adjectives"] = frozenset(adjectives)
    countries = frozenset(demonyms.values()) | frozenset(d["country_aliases"])
    d["lists"] = {"COUNTRY": countries,
                  "DEMONYM": frozenset(demonyms) | frozenset(d["combining_forms"]) | frozenset(demonyms.values())}
    _check_rules(raw)
    rules = compile_rules(d["typed"], d["lists"])
    d["typed_rule_parts"] = tuple((r.spec, r.source, r.lists, r.needs) for r in rules)
    d["needs"] = all_needs(tuple(rules))
    by_need: dict[str, list[int]] = {}
    for k, rule in enumerate(rules):
        for w in rule.needs:
            by_need.setdefault(w, []).append(k)
    d["rules_by_need"] = by_need
    d["needs_caps"] = tuple(w for w in d["needs"] if w[:1].isupper())
    d["needs_lower"] = tuple(w for w in d["needs"] if not w[:1].isupper())

    # organisations and units are not places: a run ending in a head word ("Azov Regiment", "Eastern
    # Front", "Security Service") or naming a service ("Rosgvardia"); the unit grammar need not run
    heads = {w.title() for w in (*units["echelons"], *units["plurals"]) if " " not in w}
    d["org_heads"] = frozenset(d["org_heads"]) | heads
    d["services"] = frozenset(units["services"])
    d["group_words"] = frozenset(units["side_words"]) | frozenset(units["not_armed_groups"])  # "Taliban", "Bolshevik"
    d["person_titles"] = frozenset(d["person_titles"])
    d["event_heads"] = frozenset(d["event_heads"])
    d["abbreviations"] = frozenset(d["abbreviated_words"])  # "St. Vith", "Mt. Vernon": one name
    d["newspaper_heads"] = frozenset(d["newspaper_heads"])
    return d


@cache
def _world() -> tuple[dict[str, dict[str, Any]], frozenset[str]]:
    """resources/geo_world.json by normalised name (and alias), and the first words of those names as written
    (built once per machine: see resources.derived)."""
    return derived("geo_world", _build_world, normalize)


def _build_world() -> tuple[dict[str, dict[str, Any]], frozenset[str]]:
    w = resource("geo_world")
    by_key: dict[str, dict[str, Any]] = {}
    for name, kind, lat, lon, cc, aliases in w["places"]:
        e = {"name": name, "kind": kind, "lat": lat, "lon": lon, "country": cc or None}
        for n in (name, *aliases):
            by_key.setdefault(normalize(n), e)
    for old, (new, cc) in w["former_names"].items():
        by_key.setdefault(normalize(old), {"name": old, "kind": "city", "modern": new, "country": cc})
    firsts = {n.split()[0] for name, _k, _a, _b, _c, aliases in w["places"] for n in (name, *aliases)}
    firsts |= {n.split()[0] for n in w["former_names"]}
    return by_key, frozenset(firsts)


_SPAN = cached_compile(rf"[A-Z\u00C0-\u00DE\u0400-\u042F]{WORD_TAIL}\.?(?:\s+(?:of\s+(?:the\s+)?)?"
                   rf"[A-Z\u00C0-\u00DE\u0400-\u042F]{WORD_TAIL}\.?)*")
_CAPS = cached_compile(rf"[A-Z\u00C0-\u00DE\u0400-\u042F]{WORD_TAIL}")
_WORDS = cached_compile(r"[\w'’\-]+\.?")
_POINT_KINDS = {"city", "town", "village", "pass"}
_SETTLEMENT_KINDS = {"city", "town", "village"}  # "the village of X": a settlement the text types, no name of its own
_LOCAL_KM = 150.0  # a facility named after the only village of that name takes its point within this of the centre
_PAIR_CITY = 100_000  # people: "Kyiv-Chernihiv" joins two such cities; "Beaumont-Hamel" is one village's name
_UNLISTED_PEOPLE = 200  # a settlement GeoNames' towns of 500+ lack (from the national codifier) is a small one
_DIRECTIONS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                         "Northeastern", "Northwestern", "Southeastern", "Southwestern"})
_REGION_KINDS = {"continent", "region", "country", "island", "peninsula", "desert", "ocean", "islands"}
_ANCHORED_KINDS = {"island", "strait", "peninsula", "gulf", "bay", "valley", "mountain"}
_OLD_NAME_KM = 1000.0  # km: how far from the article's centre an old name (Ephesus → Selçuk) may lie
_UNIQUE_MIN = 2000  # people: the only town in the world under its name, kept abroad when the text puts
# something "at", "in", "near", "to" it
_NAME_VOTES = 10.0  # the most a country's name, however often written ("U.S." eighty times), adds to its weight as focus
_LOCATIVE = cached_compile(r"\b(?:at|in|near|to|from|towards?|around|outside|base\s+of|capturing|isolate|entered|reached|"
                           r"captured|recaptured|retook|liberated|shelled)\s+$")
# US states as the Associated Press abbreviates them after a town ("Moyock, N.C.", "Columbus, Ky.")
_AP_STATES = {"Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE",
              "Fla": "FL", "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Kans": "KS", "Ky": "KY", "La": "LA",
              "Md": "MD", "Mass": "MA", "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT",
              "Neb": "NE", "Nebr": "NE", "Nev": "NV", "N.H": "NH", "N.J": "NJ", "N.M": "NM", "N.Y": "NY",
              "N.C": "NC", "N.D": "ND", "Okla": "OK", "Ore": "OR", "Pa": "PA", "R.I": "RI", "S.C": "SC",
              "S.D": "SD", "Tenn": "TN", "Tex": "TX", "Vt": "VT", "Va": "VA", "Wash": "WA", "W.Va": "WV",
              "Wis": "WI", "Wyo": "WY"}


@cache
def _ap_state() -> re.Pattern[str]:
    return re.compile(r"(" + "|".join(re.escape(k).replace(r"\.", r"\.\s?") for k in
                                      sorted(_AP_STATES, key=len, reverse=True)) + r")\.(?![A-Za-z])")


_COMMA = cached_compile(r",\s+(?=[A-Z])")
_IN_AREA = cached_compile(r"\s+in\s+(?:the\s+)?(?=[A-Z])")
# a name with a lower-case particle between capitalised words: "Rio de Janeiro", "Ciudad del Este", "Dar es Salaam",
# "Sharm el-Sheikh", "Ras al-Khaimah" (a candidate only: kept when GeoNames knows it whole;
# not "y", "bin", "ibn": they join people's names, "Díaz Soto y Gama", and slogans, "Tierra y Libertad")
_PARTICLES = "de|del|des|du|da|dos|das|di|della|la|le|les|los|las|es|en|sur|al|el"  # (not English words: an, as, at)
_HYPHEN_PARTICLES = "al|el|as|ash|ad|an|ar|az|es|ed|er|at|ath"
_PARTICLE_NAME = cached_compile(
    r"[A-Z\u00C0-\u00DE][\w'’]*(?:\s+[A-Z\u00C0-\u00DE][\w'’]*)*"
    rf"(?:\s+(?:de(?:\s+la|\s+los|\s+las)?|{_PARTICLES})\s+[A-Z\u00C0-\u00DE][\w'’]*(?:-[A-Z\u00C0-\u00DE][\w'’]*)*"
    rf"|\s+(?:{_HYPHEN_PARTICLES})-[A-Z\u00C0-\u00DE][\w'’]*)+")
_SPACED = frozenset(_PARTICLES.split("|"))
_HYPHENED = frozenset(_HYPHEN_PARTICLES.split("|"))


def _particle_after(text: str, runs: list[tuple[int, int]]) -> bool:
    """Whether a run of capitals is followed by a particle ("Rio de", "Sharm el-"): the particle names are looked
    for only then (a regex over every sentence costs more than the runs' ends do)."""
    for _, b in runs:
        if text.startswith(" ", b):
            # (a particle is a word of up to five letters: the six characters after the space hold it and what
            # follows it; no particle holds a space or a hyphen, so the first one there ends it)
            seg = text[b + 1:b + 7]
            i = seg.find(" ")
            if i > 0 and seg[:i] in _SPACED:
                return True
            i = seg.find("-")
            if i > 0 and seg[:i] in _HYPHENED:
                return True
    return False
_AT_TOWN = cached_compile(r"\s+(?:at|in|near|outside)\s+(?:the\s+(?:(?:city|town|village|settlement)\s+of\s+)?)?(?=[A-Z])")


def _known_names(text: str, d: dict[str, Any], words: set[str] | None = None) -> list[tuple[int, int, dict[str, Any]]]:
    """Names of the world vocabulary in a sentence, longest first: "South China Sea", "Gulf of Tonkin", "the Rhine".
    The sentence's capitalised words go into `words` when given (the parser wants them again later)."""
    by_key, firsts = _world()
    out: list[tuple[int, int, dict[str, Any]]] = []
    caps = _CAPS.findall(text)
    if words is not None:
        words.update(caps)
    if firsts.isdisjoint(caps) and not any(w.isupper() and len(w) > 2 for w in caps):
        return out  # no vocabulary name can start here (most sentences)
    # the words that may open a name (a word opening one is one of the sentence's capitalised words)
    hot = [w for w in caps if w in firsts or (w.isupper() and w.title() in firsts)]
    if not hot:
        return out
    for m in _SPAN.finditer(text):
        span = m.group()
        for w in hot:
            if w in span:
                break
        else:
            continue  # no opening word in this run of capitals
        toks = [t.span() for t in _WORDS.finditer(text, m.start(), m.end())]
        i = 0
        while i < len(toks):
            a = toks[i][0]
            first = text[a:toks[i][1]].rstrip(".")
            if not text[a].isupper() or (first not in firsts and not (first.isupper() and first.title() in firsts)):
                i += 1  # a dateline writes names in capitals: "WASHINGTON (Reuters) –"
                continue
            for j in range(min(len(toks), i + 6) - 1, i - 1, -1):
                b = toks[j][1]
                frag = text[a:b]
                if frag.endswith(("'s", "’s")):  # (no newline inside a name: as re.sub(r"(?:['’]s|\.)$", "", …))
                    frag = frag[:-2]
                elif frag.endswith("."):
                    frag = frag[:-1]
                e = by_key.get(normalize(frag))
                if e is None or not text[toks[j][0]].isupper():
                    continue
                nxt = text[toks[j + 1][0]:toks[j + 1][1]] if j + 1 < len(toks) else ""
                if _unit_follows(text, toks[j + 1:j + 4], d["org_heads"]):
                    break  # "Black Sea Fleet", "Far East Expeditionary Corps": a unit's name
                if e["kind"] == "river" and " " not in frag and not (
                        text[:a].rstrip().lower().endswith(("the", " river")) or nxt == "River"):
                    break  # a river written bare needs "the": "the Don", never "Don Carlos"
                prev = text[toks[i - 1][0]:toks[i - 1][1]] if i > 0 else ""
                if prev == "River" and e["kind"] == "river":  # "the River Somme" is the Somme
                    a = toks[i - 1][0]
                elif j == i and prev[:1].isupper() and prev not in d["not_places_set"] and "-" not in prev and \
                        _strip_possessive(prev) not in d["adjectives"]:
                    break  # one word at the end of a longer name: "George Washington", "Fort Washington"
                if nxt in ("State", "state") or re.search(r"\bstate\s+of\s+$", text[max(0, a - 12):a]):
                    break  # "Washington State", "the state of Washington": the gazetteer's state
                if e["name"] == "Washington, D.C.":  # the sentence splitter may have cut "D.C." after "D."
                    tail = re.match(r",?\s+D\.(?:\s?C\.?)?", text[a + len(frag):])
                    if tail:
                        frag = text[a:a + len(frag) + len(tail.group(0).rstrip("."))]
                if prev in _DIRECTIONS and e["kind"] in _REGION_KINDS and "modern" not in e:
                    # "Eastern Siberia", "Western New Guinea", "Central Pacific": a region of its own
                    a = toks[i - 1][0]
                    e = {**e, "name": f"{prev} {frag}", "kind": "region"}
                out.append((a, a + len(frag) + (toks[i][0] - a), e))
                i = j
                break
            i += 1
    return out


def _unit_follows(text: str, toks: list[tuple[int, int]], heads: frozenset[str]) -> bool:
    """Whether the capitalised words right after a name end in a unit's head word ("… Fleet", "… Expeditionary Corps")."""
    for a, b in toks:
        if not text[a].isupper():
            return False
        if text[a:b].rstrip(".") in heads:
            return True
    return False


def _check_rules(data: dict[str, Any]) -> None:
    """Check every typed rule when the resource loads (a broken rule fails here, with its number); an
    unchanged resource that passed before costs one hash (resources.checked_once)."""
    from kyivcli.resources import checked_once

    def check() -> None:
        for i, spec in enumerate(data["typed"]):
            check_rule(i, spec)

    checked_once("places", data, check)


def _country_of(word: str) -> str:
    d = _data()
    word = word.rstrip("'’s") if word.endswith(("'s", "’s")) else word
    return d["demonyms"].get(word) or d["combining_forms"].get(word) or word


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def _strip_possessive(s: str) -> str:
    if s.endswith(("'s", "’s")):
        return s[:-2]
    return s[:-1] if s.endswith(("'", "’")) else s


@cache
def _within(needs: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    """Each need with the longest shorter need inside it ("eastern": "east", "Bay of": "Bay"), shortest first:
    a text holds "eastern" only if it holds "east", so the longer one is looked for in those texts alone."""
    ordered = sorted(needs, key=len)
    return tuple((w, max((p for p in ordered[:i] if p in w and p != w), key=len, default=None))
                 for i, w in enumerate(ordered))


_CAP_HEAD = re.compile(r"[A-Z][a-z]*")


@cache
def _heads(needs: tuple[str, ...]) -> dict[str, tuple[str, bool]]:
    """Each need opening with a capital A–Z, by its head: the capital and the small a–z letters after it, and
    whether the need goes on past them ("Mt.", "Round Top": the text's word is the head exactly) or not
    ("Harbo": the text's word starts with it)."""
    out = {}
    for w in needs:
        m = _CAP_HEAD.match(w)
        if m:
            out[w] = (m.group(), m.end() < len(w))
    return out


def _absent(needs: tuple[str, ...], joined: str) -> set[str]:
    """The needs opening with a capital A–Z that cannot be in `joined`: an occurrence of one opens a word of
    `[A-Z][a-z]*` there (a capital is no small letter, so no such word runs into it). One scan for the
    words rather than one str.find per need over the whole text (most of these needs are in no text)."""
    heads = _heads(needs)
    if not heads:
        return set()
    found = sorted(set(_CAP_HEAD.findall(joined)))
    out = set()
    for w, (head, exact) in heads.items():
        i = bisect_left(found, head)
        if i == len(found) or (found[i] != head if exact else not found[i].startswith(head)):
            out.add(w)
    return out


def _present(texts: list[str]) -> list[set[str]]:
    """The rule `needs` each text holds ("Line", "Gap" as written, so not "airline", "gap"): one pass of
    str.find per need over all texts joined, rather than every need tested against every sentence."""
    d = _data()
    out: list[set[str]] = [set() for _ in texts]
    for needs, parts in ((d["needs_lower"], [t.lower() for t in texts]), (d["needs_caps"], texts)):
        joined = Joined(parts)  # no need holds NUL, so none matches across two texts
        absent = _absent(needs, joined.text)
        where: dict[str, list[int]] = {}
        for w, inside in _within(needs):
            if w in absent:
                where[w] = []
                continue
            if inside is not None:
                where[w] = ks = [k for k in where[inside] if w in parts[k]]
            else:
                where[w] = ks = list(joined.holding(w))
            for k in ks:
                out[k].add(w)
    return out


def _rules_for(d: dict[str, Any], present: set[str]) -> tuple[int, ...]:
    """The typed rules a sentence holding these `needs` runs, in file order (sentences share a few such sets:
    each is worked out once, kept with the rules)."""
    memo: dict[frozenset[str], tuple[int, ...]] = d["rules_memo"]
    key = frozenset(present)
    found = memo.get(key)
    if found is None:
        if len(memo) >= 4096:
            memo.clear()
        by_need = d["rules_by_need"]
        found = memo[key] = tuple(sorted({k for w in present for k in by_need[w]}))
    return found


def candidates(s: Sentence, present: set[str] | None = None, words: set[str] | None = None) -> list[_Cand]:
    d = _data()
    text = s.text
    out: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    if present is None:
        present = _present([text])[0]
    for a, b, e in _known_names(text, d, words):
        out.append(_Cand(text[a:b], s, a, b, "", e["kind"], e["name"], known=e, rule="world"))
        taken.append((a, b))
    rules = d["typed_rules"]
    for k in _rules_for(d, present) if present else ():
        rule = rules[k]
        spec = rule.spec
        for m in rule.finditer(text, d["lists"]):
            if taken and _overlaps(m.start(), m.end(), taken):
                continue
            handler = spec["handler"]
            if handler == "border":
                parts = [p for p in (m.group(g) for g in ("name", "name2", "name3", "name4")) if p]
                if m.group("name3"):
                    other = m.group("name1b") or m.group("name4")
                    first = frozenset({_country_of(m.group("name")), _country_of(other)})
                    second = frozenset({_country_of(m.group("name3")), _country_of(m.group("name4"))})
                    a_end = m.end("name1b") if m.group("name1b") else m.end("name")
                    out.append(_Cand(text[m.start():a_end], s, m.start(), a_end, "", "border",
                                     f"{text[m.start():a_end]} border", border=first))
                    out.append(_Cand(text[m.start("name3"):m.end()], s, m.start("name3"), m.end(), "",
                                     "border", text[m.start("name3"):m.end()].rstrip("s"), border=second))
                else:
                    written = text[m.start():m.end()]
                    out.append(_Cand(written, s, m.start(), m.end(), "", "border",
                                     written[:-1] if written.endswith("borders") else written,
                                     border=frozenset(_country_of(p) for p in parts)))
                taken.append(m.span())
                continue
            if handler == "route":  # "the highway between Zhytomyr and Kyiv": the towns stay places too
                start = m.start()
                for w in text[start:m.end()].split():  # "The Irpin–Kyiv road" starts at Irpin
                    if w not in d["not_places_set"]:
                        break
                    start = text.index(w, start) + len(w)
                start += len(text[start:m.end()]) - len(text[start:m.end()].lstrip())
                written = " ".join(text[start:m.end()].split())
                out.append(_Cand(written, s, start, m.end(), "", " ".join(m.group("type").lower().split()), written))
                continue
            name = m.group("name").strip()
            words = name.split()
            while words and (words[0] in d["not_places_set"] or len(words) > 1 and words[0].endswith(("'s", "’s"))) \
                    and handler != "direction":
                words = words[1:]  # "the Union's Red River": a possessive opens no name (but "Marye's Heights")
            if not words:
                continue
            name = " ".join(words)
            start = m.start("name") + m.group("name").find(words[0])
            if handler == "direction":
                typed = f"{m.group('dir')} {name}"
                if typed in d["lists"]["COUNTRY"]:  # "North Korea", "South Vietnam": a country of its own
                    out.append(_Cand(typed, s, m.start(), m.end(), typed))
                    continue
                out.append(_Cand(typed, s, m.start(), m.end(), "", spec["kind"], typed))
            elif handler == "in_country":
                if any(w in d["person_titles"] for w in words) or words[-1] in d["org_heads"]:
                    continue  # "… President Thiệu, U.S. forces", "the Eastern Front, Germany": then a list
                out.append(_Cand(name, s, start, m.end("name"), name, None,
                                 country_code=_country_of(m.group("country"))))
                out.append(_Cand(m.group("country"), s, m.start("country"), m.end("country"), m.group("country")))
            elif handler == "plural" and spec.get("plural"):
                for g in ("name", "name2"):
                    nm = m.group(g)
                    out.append(_Cand(f"{nm} {spec['plural']}", s, m.start(g), m.end(), nm, spec["kind"],
                                     f"{nm} {spec['plural']}"))
            elif handler == "plural":  # "the Tennessee and Cumberland Rivers": each name takes the head word
                tword = " ".join(m.group("type").split())
                kind = spec.get("kind_by_type", {}).get(tword.lower(), spec["kind"])
                head = tword if kind == "islands" else tword[:-1]
                head_first = spec.get("head_first", False)  # "Forts Henry and Donelson"
                for g in ("name", "name2"):
                    nm = m.group(g)
                    ws = nm.split()
                    while g == "name" and ws and ws[0] in d["not_places_set"] and ws[0] not in _DIRECTIONS:
                        ws = ws[1:]
                    if not ws or all(w in _DIRECTIONS for w in ws):
                        continue  # "Northern and Southern provinces": no names
                    nm = " ".join(ws)
                    a0 = m.end(g) - len(nm)
                    out.append(_Cand(nm, s, a0, m.end(g), nm, kind, f"{head} {nm}" if head_first else f"{nm} {head}"))
            elif handler == "prefix":  # "Mount Athos", "Gulf of Tonkin": the type word opens the name
                tword = " ".join(m.group("type").split())
                kind = spec.get("kind_by_type", {}).get(tword.split()[0].lower(), spec["kind"])
                typed = f"{tword} {name}"
                out.append(_Cand(typed, s, m.start("type"), m.end("name"), name, kind, typed))
            elif handler == "keep_type":
                typed = f"{name} {' '.join(m.group('type').split())}"
                out.append(_Cand(typed, s, start, m.end(), name, spec["kind"], typed))
            else:
                out.append(_Cand(name, s, start, m.end("name"), name, spec["kind"], None,
                                 bare_river=bool(spec.get("bare")) and spec.get("only_if_river_named", False)))
            taken.append((m.start(), m.end()))
    # capitalised runs
    runs = _runs(text)
    event_heads, org_heads, services = d["event_heads"], d["org_heads"], d["services"]
    not_places, adjectives, person_titles = d["not_places_set"], d["adjectives"], d["person_titles"]
    for run in runs:
        a, b = run
        if taken and _overlaps(a, b, taken):
            continue
        words = text[a:b].split()
        if len(words) == 1 and words[0] in event_heads and text.startswith(" of ", b):
            continue  # "the Battle of the Alma", "Treaty of Paris": the event, not a village called Battle
        if len(words) == 1 and text[a - 1:a] in ('"', "“") and text[b:b + 1] in ('"', "”") and \
                text[b + 1:b + 3].strip()[:1].isupper() and (text[max(0, a - 4):a - 1].rstrip()[-1:].isalpha()
                                                             or text[max(0, a - 4):a - 1].rstrip().endswith(".")):
            continue  # 'Thomas J. "Stonewall" Jackson': a nickname inside a person's name
        if a and text[a - 1] == "(" and text.startswith(") ", b) and \
                text[b + 2:].split(" ", 1)[0].rstrip(".,;:") in org_heads:
            continue  # "the 51st (Highland) Division": the title in a unit's name
        # (a run at the start or right after no space has nothing before it to read)
        why = _named_by_what_precedes(text[max(0, a - 80):a], d) if a and text[a - 1].isspace() else ""
        if why:
            if why == "person":  # evidence for the whole article: this name is a person's
                out.append(_Cand(text[a:b], s, a, b, _strip_possessive(" ".join(words)), rule="person"))
            continue
        if len(words) > 1 and words[-1].rstrip(".,") in event_heads:
            # "Dieppe Raid", "Guadalcanal Campaign", "Geneva Peace Accords": the place an event is named after
            while len(words) > 1 and words[-1].rstrip(".,") in event_heads:
                words = words[:-1]
            b = a + len(" ".join(words))
            if words[-1] in org_heads:
                continue
        elif words[-1] in org_heads or text[a:b] in services:
            if len(words) > 1 and text[a:b] not in services and words[-1] not in d["newspaper_heads"]:
                # "Kentucky Department of Education": a country or state may open it (not a paper's name)
                out.append(_Cand(text[a:b], s, a, b, " ".join(words), rule="org_place"))
            continue
        # leading function words, demonyms and the like are not part of a name
        after_adjective = False
        lead = None
        while words and (words[0] in not_places or (words[0] if words[0][-1] not in "s'’" else
                                                       _strip_possessive(words[0])) in adjectives):
            after_adjective = _strip_possessive(words[0]) in adjectives
            lead = (text.index(words[0], a), words[0]) if words[0] in _DIRECTIONS else None
            a = text.index(words[0], a) + len(words[0])
            a = len(text[:a]) + (len(text[a:]) - len(text[a:].lstrip()))
            words = words[1:]
        if not words:
            continue
        titled = [i for i, w in enumerate(words) if w in person_titles]
        if titled:  # "Prince Norodom Sihanouk": the words after the title name a person
            rest = words[titled[-1] + 1:]
            if rest:
                out.append(_Cand(" ".join(rest), s, a, b, _strip_possessive(" ".join(rest)), rule="person"))
            pre = _strip_possessive(" ".join(words[:titled[0]]))
            shed = text[run[0]:a].split()
            if pre and text.startswith(pre, a) and not any(w in org_heads for w in shed):
                # "Kyiv Mayor Vitali Klitschko": Kyiv is still a place (not "Operation Jumelles Colonel …")
                out.append(_Cand(pre, s, a, a + len(pre), pre))
            continue
        name = _strip_possessive(" ".join(words))
        if name in PLACE_HEADS:
            continue  # "Valley", "Ridge", "Harbor" alone: a heading's or sentence's generic word, not a town of that name
        out.append(_Cand(text[a:a + len(name)], s, a, a + len(name), name, after_adjective=after_adjective,
                         lead=lead if lead and lead[0] + len(lead[1]) + 1 == a else None))
    for m in _HYPHENATED.finditer(text) if "-" in text and _hyphen_capital(text) else ():  # "Trois-Ponts",
        # "Mers-el-Kebir": kept whole when GeoNames knows it
        if m.group(0).split("-", 1)[0] in _PARTIES:
            continue  # "Larry Pogemiller, DFL-Minneapolis": a legislator's party and home town, which stays a place
        if not _DIGIT.search(m.group(0)) and not (taken and _overlaps(m.start(), m.end(), taken)):
            out.append(_Cand(m.group(0), s, m.start(), m.end(), m.group(0), rule="hyphenated"))
    for m in _PARTICLE_NAME.finditer(text) if _particle_after(text, runs) else ():  # "Rio de Janeiro", "Dar es
        # Salaam", "Sharm el-Sheikh": kept whole
        if not (taken and _overlaps(m.start(), m.end(), taken)):  # (when GeoNames knows it, as hyphenated names are)
            out.append(_Cand(m.group(0), s, m.start(), m.end(), m.group(0), rule="particle"))
    return out


@cache
def _override_rx(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w'’])")


def _shed_opener(c: _Cand, common: set[str]) -> None:
    """'Although Richmond', 'Overall Edmonton': a sentence's first word that the article also writes in
    lower case (or an -ing/-ly word) is not part of the name after it."""
    if c.kind or c.start != 0 or " " not in c.lookup:
        return
    first, rest = c.lookup.split(" ", 1)
    if first.lower() in common or first.endswith(("ing", "ly")):
        cut = c.text.index(rest)
        c.text, c.start, c.lookup = c.text[cut:], c.start + cut, rest


def _named_by_what_precedes(before: str, d: dict[str, Any]) -> str:
    """A title ("Mayor Vitali Klitschko", "Rear-Admiral Kolchak") or an initial ("Joseph E. Johnston") right
    before a run: "person"; an organisation ("Security Service of Ukraine"): "org" (the run belongs to the
    body); else ""."""
    if not before or not before[-1].isspace():
        return ""
    words = before.rsplit(None, 3)  # (only the last three words are looked at)
    if not words:
        return ""
    last = words[-1].lstrip("([\"'“‘").rsplit("-", 1)[-1]
    if last in d["person_titles"] or (f"{words[-2]} {last}" if len(words) > 1 else last) in d["person_titles"]:
        return "person"
    if last[:1].islower() and len(last) > 3:  # "leading generals Plutarco Elías Calles", "the colonel"
        title = last[:1].upper() + last[1:]
        if title in d["person_titles"] or (title.endswith("s") and title[:-1] in d["person_titles"]):
            return "person"
    if len(last) == 2 and last[0].isupper() and last[1] == "." and words[-1] not in ("U.S.", "U.K.", "D.C."):
        return "person"
    if words[-2:] == ["of", "the"]:
        words = words[:-1]
    # "Security Service of Ukraine" belongs to the body; "Treaty of Tartu", "Battle of Shiloh" name a place
    if (len(words) >= 2 and words[-1] == "of" and words[-2] in d["org_heads"]
            and words[-2] not in d["event_heads"]):
        return "org"
    return ""


def _runs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (hyphenated parts split off: 'London-based', 'Kyiv-Chernihiv')."""
    spans: list[tuple[int, int]] = []
    abbreviations = _data()["abbreviations"]
    hyphen = "-" in text
    # (_TOKEN's third form, "al-Askari", needs a hyphen before a capital: without one it finds what _CAP_TOKEN does)
    for m in (_TOKEN if hyphen and _hyphen_capital(text) else _CAP_TOKEN).finditer(text):
        s, e = m.span()
        pieces: Iterable[tuple[int, int]] = ((s, e),)
        if hyphen and text.find("-", s, e) >= 0 and _DIGIT.search(text, s, e) is None:
            pieces = []
            pos = s
            for part in text[s:e].split("-"):
                if part[:1].isupper():
                    pieces.append((pos, pos + len(part)))
                pos += len(part) + 1
        for p in pieces:
            if spans:
                a, b = spans[-1]
                gap = p[0] - b  # (most tokens lie apart: one space joins them, ". " after an abbreviation)
                if ((gap == 1 and text[b] == " ") or (gap == 2 and text.startswith(". ", b) and text[a:b] in abbreviations)) \
                        and not (hyphen and text.find("-", a, p[0]) >= 0) and not text.endswith(("'s", "’s"), a, b):
                    spans[-1] = (a, p[1])
                    continue
            spans.append(p)
    if not text.isascii():
        spans = _with_accented_words(text, spans)
    if _DIGIT.search(text) is None:
        return spans
    return [(a, b) for a, b in spans if not _DIGIT.search(text, a, b)]


def _hyphen_capital(text: str) -> bool:
    """Whether a hyphen stands right before a capital (A–Z, À–Þ) somewhere in the text: _HYPHENATED and
    _TOKEN's third form need one."""
    i = text.find("-")
    while i >= 0:
        c = text[i + 1:i + 2]
        if "A" <= c <= "Z" or "\u00C0" <= c <= "\u00DE":
            return True
        i = text.find("-", i + 1)
    return False


def _with_accented_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A word opening with an accented capital standing alone ("Çanakkale", "Évreux", "Ürümqi") is a run too;
    beside other capitalised words it is left out, as before: those are mostly people's names ("Álvaro
    Obregón", where "Obregón" stays a run of its own for the person rules)."""
    ends = {b for _, b in spans}
    starts = {a for a, _ in spans}
    extra = [(m.start(), m.end()) for m in _ACCENTED_WORD.finditer(text)
             if m.start() - 1 not in ends and m.end() + 1 not in starts
             and not (text.startswith(" ", m.end()) and text[m.end() + 1:m.end() + 2].isupper())]
    return sorted(spans + extra) if extra else spans


def _common_words(doc: Document) -> set[str]:
    """Words the document also writes in lower case ('war', 'victory'): not proper names on their own."""
    # a word never spans white space, so each distinct piece between spaces is read once (a sixth of the text);
    # the pattern opens with the letter, not with \b, so the engine skips to letters ("(?<!\w.)": no word
    # character before it)
    pieces = " ".join(set("\n".join(s.text for s in doc.sentences).split()))
    return set(re.findall(r"[a-z](?<!\w.)[a-z'’]+\b", pieces))


@lru_cache(maxsize=8192)  # the same pairs come back: a name against each of its namesakes, article after article
def _close_spelling(a: str, b: str) -> bool:
    return spelling_ratio(normalize(a), normalize(b)) >= 70


def _useful_variants(name: str, variants: tuple[str, ...], limit: int = 12) -> list[str]:
    """The first spellings a reader may type (the gazetteer stores them in that order), each once."""
    seen = {normalize(name)}
    out = []
    for v in variants:
        key = normalize(v)
        if key not in seen:
            seen.add(key)
            out.append(v)
            if len(out) == limit:
                break
    return out


def _kind_by_population(p: Place) -> str:
    if p.kind in ("country", "admin1", "region"):
        return {"country": "country", "admin1": "state", "region": "region"}[p.kind]
    return "city" if p.population >= 100_000 else "town" if p.population >= 10_000 else "village"


@cache
def _demonym_forms() -> dict[str, tuple[str, ...]]:
    """A country's adjective and people words ("Israeli", "Americans"), by its normalised name."""
    out: dict[str, list[str]] = {}
    for word, country in _data()["demonyms"].items():
        if word != country and not word.endswith("'s") and " " not in word and not word.isupper() and "." not in word:
            out.setdefault(normalize(country), []).extend((word, word + "s"))
    return {k: tuple(v) for k, v in out.items()}


def _demonym_aliases(items: Iterable[PlaceItem], words: set[str]) -> None:
    """A country the text names also goes by the adjective or people word the text uses for it: news geoparsing
    counts "Israeli" and "Americans" as mentions of Israel and the United States. `words`: the text's
    capitalised words."""
    forms = _demonym_forms()
    for item in items:
        if item.kind != "country" or normalize(item.name) not in forms:
            continue
        item.aliases.extend(f for f in forms[normalize(item.name)] if f in words and f not in item.aliases)


class Geoparser:
    """`Geoparser(gazetteer, overrides=load_places_file(path)).parse(doc)`: overrides (user corrections)
    add places or replace the gazetteer's reading of those names for this run."""

    def __init__(self, gazetteer: Gazetteer, overrides: Iterable[PlaceOverride] | None = None) -> None:
        self.gz = gazetteer
        self.overrides = {normalize(o.name): o for o in overrides or ()}
        self._choice: dict[str, Any] = {}
        d = _data()
        self.min_related = int(d["min_related_population"])
        self.min_foreign = int(d["min_foreign_population"])
        self.aliases: dict[str, str] = d["country_aliases"]
        self._cued: set[str] = set()
        self._local_regions: set[tuple[str, str]] = set()
        self.dominant = False  # one focus country clearly ahead: proximity to its places counts
        self._hits: dict[str, list[Place]] = {}
        self._regions: set[tuple[str, str]] = set()
        self._region_names: dict[tuple[str, str], str] = {}
        self._spread = 150.0
        self._prefer: tuple[str, str] | None = None
        self._standalone: set[str] = set()
        self._variants: dict[int, list[str]] = {}

    def _places_named(self, word: str) -> list[Place]:
        key = normalize(word)
        if key not in self._hits:
            self._hits.update(self.gz.lookup([word]))
            self._hits.setdefault(key, [])
        return [p for p in self._hits[key] if normalize(p.name) == key]

    def _unknown_part(self, name: str, hits: dict[str, list[Place]]) -> bool:
        """A hyphenated name is one place's ("Posad-Pokrovske", "Beaumont-Hamel"), not a pair ("Kyiv-Chernihiv",
        "Franco-Prussian"), when a capitalised part is no country, demonym or world name and no city of
        100,000 the geoparser knows."""
        d = _data()
        parts = [p for p in name.split("-") if p[:1].isupper()]
        return len(parts) >= 2 and any(
            p not in self.aliases and p not in d["lists"]["DEMONYM"] and p not in d["not_places_set"]
            and normalize(p) not in _world()[0] and not any(
                q.kind == "country" or q.population >= _PAIR_CITY for q in hits.get(normalize(p), []))
            for p in parts)

    def _is_country(self, word: str) -> bool:
        return word in self.aliases or any(p.kind in ("country", "admin1") for p in self._places_named(word))

    def _is_big_place(self, word: str) -> bool:
        """A country, a state or a city of 100,000: a possessive or a verb does not make it a person."""
        if word in self.aliases or word in _data()["lists"]["COUNTRY"] or any(
                p.kind in ("country", "admin1") or p.population >= 100_000 for p in self._places_named(word)):
            return True
        return any(p.population >= 100_000 and abs(len(p.name) - len(word)) <= 2 and _close_spelling(word, p.name)
                   for p in self._hits.get(normalize(word), []))  # "Basra" (GeoNames: Basrah)

    def country_code(self, name: str, hits: dict[str, list[Place]]) -> str | None:
        if name in self.aliases:
            return self.aliases[name]
        key = normalize(name)
        for p in hits.get(key, ()):
            if p.kind == "country" and normalize(p.name) == key:
                return p.country
        return None

    def parse(self, doc: Document) -> tuple[list[PlaceItem], list[PlaceMention]]:
        cands: list[_Cand] = []
        words: set[str] = set()  # every capitalised word of the text
        for s, present in zip(doc.sentences, _present([s.text for s in doc.sentences]), strict=True):
            cands.extend(self._with_overrides(s, candidates(s, present, words)))
        common = _common_words(doc)
        for c in cands:
            _shed_opener(c, common)
        asked = {c.lookup for c in cands if c.lookup} | {f"{c.lead[1]} {c.lookup}" for c in cands if c.lead}
        asked |= {w for c in cands if " " in c.lookup for w in (c.lookup.split(" ", 1)[0], c.lookup.rsplit(" ", 1)[-1])}
        hits0 = self.gz.lookup(asked)
        self._hits = dict(hits0)
        self._hits.update((normalize(w), []) for w in asked if normalize(w) not in hits0)  # asked: none
        for c in cands:
            if c.lead:
                self._direction(c, hits0)
        for c in cands:  # "Hue City", "Quebec City": the city GeoNames knows without the word
            if not c.kind and c.lookup.endswith(" City") and normalize(c.lookup) not in hits0:
                c.lookup = c.lookup[:-5]
                hits0.update(self.gz.lookup([c.lookup]))
        abbreviated = _data()["abbreviated_words"]
        for c in cands:  # "St. Vith" is Saint-Vith, "Ft. Worth" Fort Worth: the abbreviation written out
            first, _, rest = c.lookup.partition(" ")
            if rest and not c.kind and first.rstrip(".") in abbreviated and not hits0.get(normalize(c.lookup)):
                for word in abbreviated[first.rstrip(".")]:
                    found = self.gz.lookup([f"{word} {rest}"])
                    if found.get(normalize(f"{word} {rest}")):
                        hits0.update(found)
                        c.lookup = f"{word} {rest}"
                        break
        # a name with a particle GeoNames knows whole ("Dar es Salaam") replaces the runs it spans ("Dar",
        # "Salaam"); else it goes
        joined = {(c.sentence.index, c.start, c.end) for c in cands if c.rule == "particle" and any(
            p.kind == "city" and _close_spelling(c.lookup, p.name) for p in hits0.get(normalize(c.lookup), []))}
        if any(c.rule == "particle" for c in cands):
            spans: dict[int, list[tuple[int, int]]] = {}
            for i, a, e in joined:
                spans.setdefault(i, []).append((a, e))
            cands = [c for c in cands if ((c.sentence.index, c.start, c.end) in joined if c.rule == "particle" else not any(
                c.start < e and a < c.end for a, e in spans.get(c.sentence.index, ())))]
        whole = [c for c in cands if c.rule == "hyphenated"]
        if whole:  # a hyphenated name GeoNames knows replaces its parts; so does one with a part GeoNames
            # does not know as a place ("Posad-Pokrovske"), but not a typed name around it ("Trans-Siberian
            # railway"); otherwise the parts stay ("Kyiv-Chernihiv")
            one_name = {id(c): self._unknown_part(c.lookup, hits0) for c in whole}
            known = {(c.sentence.index, c.start, c.end): not one_name[id(c)] for c in whole
                     if one_name[id(c)] or any(p.kind == "city" and _close_spelling(c.lookup, p.name)
                                               for p in hits0.get(normalize(c.lookup), []))}

            by_sentence: dict[int, list[tuple[int, int, bool]]] = {}
            for (i, a, e), by_name in known.items():
                by_sentence.setdefault(i, []).append((a, e, by_name))

            def covered(c: _Cand) -> bool:
                return any(c.start < e and a < c.end and (by_name or not c.kind)
                           for a, e, by_name in by_sentence.get(c.sentence.index, ()))

            cands = [c for c in cands if ((c.sentence.index, c.start, c.end) in known if c.rule == "hyphenated"
                                          else not covered(c))]
        for c in cands:  # "the S.C. Trial Lawyers Association", "on S.C. 6": a dotted state abbreviation
            code = _AP_STATES.get(c.lookup.rstrip(".")) if "." in c.lookup.rstrip(".") and not c.kind else None
            state = self.gz.us_state(code) if code else None
            if state:
                c.lookup, c.rule = state, "ap_state"
        cands = [c for c in cands if self._state_opens(c, hits0) or c.rule != "org_place"]
        aliases = self.aliases
        titled = [c.lookup for c in cands if c.rule == "person"]
        cands = [c for c in cands if c.rule != "person"]
        runs = [(c.lookup, c.start == 0) for c in cands if not c.kind and not c.country_code and c.lookup
                and (" " not in c.lookup or normalize(c.lookup) not in hits0)]
        d = _data()
        people = find_people([s.text for s in doc.sentences], runs, titled, d["person_titles"], common,
                             d["not_places_set"] | frozenset(aliases), self._is_big_place)
        self.people = people

        def person(c: _Cand) -> bool:
            if c.rule == "world" and c.known and c.known.get("kind") in _POINT_KINDS and " " not in c.text:
                name = _strip_possessive(c.text)  # "George Washington … Washington crossed the Delaware"
                return name in people.surnames and name in people.named
            if c.kind or c.country_code or c.lookup in aliases:
                return False
            if " " in c.lookup:
                first, last = c.lookup.split(" ", 1)[0], c.lookup.rsplit(" ", 1)[-1]
                return c.lookup in people.full or (last in people.surnames and first not in PLACE_PREFIXES
                                                   and last not in PLACE_HEADS
                                                   and first.lower() not in common and not self._is_big_place(first))
            return (c.lookup in people.surnames or c.lookup in people.given) and not self._is_country(c.lookup)

        cands = [c for c in cands if not person(c) and (c.kind or c.country_code or c.lookup in aliases or not (
            " " not in c.lookup and (len(c.lookup) < 3 or c.lookup.lower() in common)))]
        names = {c.lookup for c in cands if c.lookup} | {c.country_code for c in cands if c.country_code}
        names |= {c.known["modern"] for c in cands if c.known and "modern" in c.known}
        names |= {c.known["name"] for c in cands if c.known and c.known.get("kind") in _POINT_KINDS}
        names |= {c.typed_name for c in cands if c.typed_name and c.kind in _LANDFORM_KINDS}
        asked_keys = {normalize(n) for n in asked}
        hits = dict(hits0)
        hits.update(self.gz.lookup(n for n in names if normalize(n) not in asked_keys))
        at = {(c.sentence.index, c.start): c for c in cands}
        states: list[tuple[_Cand, _Cand]] = []  # (town, the state abbreviation after it) when none was a candidate
        for c in cands:
            if (not c.kind or c.kind in _SETTLEMENT_KINDS and not c.typed_name) and not c.country_code and c.lookup:
                m = _COMMA.match(c.sentence.text, c.end)
                if m:
                    c.hint = at.get((c.sentence.index, m.end()))
                    if c.hint is None or c.hint.lookup.rstrip(".") in _AP_STATES:
                        ap = _ap_state().match(c.sentence.text, m.end())
                        if ap:
                            abbr, c.hint, c.us_state = c.hint, None, _AP_STATES[ap.group(1).replace(" ", "")]
                            state = self.gz.us_state(c.us_state)
                            if state:  # "Oroville, Calif.", "Gettysburg, Pa.": the abbreviation names the state too
                                if abbr is None:
                                    abbr = _Cand(ap.group(0), c.sentence, ap.start(), ap.end(), state)
                                    states.append((c, abbr))
                                abbr.lookup, abbr.kind, abbr.rule = state, "", "ap_state"
                                hits.setdefault(normalize(state), self.gz.lookup([state]).get(normalize(state), []))
                elif (m := _IN_AREA.match(c.sentence.text, c.end)) is not None:
                    # "Lyman in Donetsk Oblast", "Tripoli in Lebanon": an area or country the text puts it in
                    h = at.get((c.sentence.index, m.end()))
                    if h is not None and (h.kind in _ADMIN_KINDS or not h.kind and h.lookup and (
                            self.country_code(h.lookup, hits) or any(
                                p.kind == "admin1" and normalize(p.name) == normalize(h.lookup)
                                for p in hits.get(normalize(h.lookup), [])))):
                        c.hint = h
        for c, abbr in states:
            cands.insert(cands.index(c) + 1, abbr)
        self._standalone = {c.lookup for c in cands if not c.kind and c.lookup}
        self._cued = {c.lookup for c in cands if not c.kind and c.lookup and not c.lookup.isupper()
                      and _LOCATIVE.search(c.sentence.text, max(0, c.start - 40), c.start)}  # (the cue words are short)
        self._cued |= {c.lookup for c in cands if c.kind in ("airport", "air_base") and c.lookup}  # "Kadena AFB"
        focus, related = self._countries(cands, hits)
        self._region_names = {(p.country, p.admin1): p.name for c in cands for p in hits.get(normalize(c.lookup), [])
                              if p.kind == "admin1" and p.country in focus and normalize(p.name) == normalize(c.lookup)}
        self._regions = set(self._region_names)
        by_name = {normalize(n): k for k, n in self._region_names.items()}
        in_sentence: dict[int, set[tuple[str, str]]] = {}  # the states a sentence names
        for c in cands:
            if normalize(c.lookup) in by_name:
                in_sentence.setdefault(c.sentence.index, set()).add(by_name[normalize(c.lookup)])
        centre = self._centre(cands, hits, focus)
        items: dict[tuple, PlaceItem] = {}
        mentions: list[PlaceMention] = []
        resolved: dict[tuple[int, int], bool] = {}
        first: list[tuple[_Cand, tuple, PlaceItem, dict[str, Any]]] = []
        memo: dict[tuple, tuple[tuple | None, PlaceItem | None, dict[str, Any]]] = {}
        # a town the text once places in an area ("Lyman in Donetsk Oblast", "Peremoha, Brovary Raion") is that
        # town wherever the article names it alone (a heading, a later sentence): one namesake per article
        hinted: dict[int, tuple[tuple | None, PlaceItem | None, dict[str, Any]]] = {}
        by_hint: dict[str, tuple[tuple | None, PlaceItem | None, dict[str, Any]] | None] = {}
        for c in cands:
            if c.hint is not None and not c.kind and not c.country_code and not c.us_state and c.rule != "override":
                self._choice = {}
                self._local_regions = in_sentence.get(c.sentence.index, set())
                key, item = self._resolve(c, hits, focus, related, centre)
                hinted[id(c)] = (key, item, self._choice)
                if key is not None and key[0] == "geo" and self._choice.get("admin"):
                    k = normalize(c.lookup)
                    if k not in by_hint:
                        by_hint[k] = hinted[id(c)]
                    elif by_hint[k] is not None and by_hint[k][0] != key:  # type: ignore[index]
                        by_hint[k] = None  # put in two areas: two towns, no one reading for the bare name
        for c in cands:
            self._choice = {}
            self._local_regions = in_sentence.get(c.sentence.index, set())
            # a name read the same way again (no comma, state or country beside it, no state in its sentence)
            # resolves as it did the first time
            same = None if (c.hint or c.us_state or c.country_code or c.border or c.lead or self._local_regions
                            or c.rule == "override") else (c.lookup, c.kind, c.typed_name, c.rule, id(c.known),
                                                           c.bare_river, c.lookup in self._cued)
            if id(c) in hinted:
                key, item, self._choice = hinted[id(c)]
            elif same is not None and not c.kind and by_hint.get(normalize(c.lookup)) is not None:
                key, item, choice = by_hint[normalize(c.lookup)]  # type: ignore[misc]
                self._choice = {**choice, "by_hint": True}
            elif same is not None and same in memo:
                key, item, self._choice = memo[same]
            else:
                key, item = self._resolve(c, hits, focus, related, centre)
                if same is not None:
                    memo[same] = (key, item, self._choice)
            if key is None or item is None:
                continue
            first.append((c, key, item, self._choice))
        # the other places of the same paragraph: towns with one namesake pull an ambiguous name towards them
        anchors: dict[int, list[tuple[float, float]]] = {}
        for c, _key, item, ch in first:
            if item.lat is not None and item.lon is not None and item.kind in ("city", "town", "village") \
                    and ch.get("n") == 1:
                anchors.setdefault(id(c.sentence.block), []).append((item.lat, item.lon))
        for c, key, item, ch in first:
            pts = [p for p in anchors.get(id(c.sentence.block), []) if p != (item.lat, item.lon)]
            if ch.get("n", 0) >= 2 and pts and (not c.kind or c.kind in _SETTLEMENT_KINDS and not c.typed_name) \
                    and c.hint is None and not c.country_code:
                lats, lons = sorted(p[0] for p in pts), sorted(p[1] for p in pts)
                self._choice = {}
                place = self._best(c.lookup, hits, focus, related, centre, near=(lats[len(lats) // 2],
                                   lons[len(lons) // 2]), near_weight=(3.0, 100.0))
                if place is not None and place.geonameid != item.geonameid and place.kind == "city":
                    key, item = ("geo", place.geonameid), self._item(place)
                    self._choice["paragraph"] = True
            self._choice = ch if not self._choice.get("paragraph") else self._choice
            resolved[(c.sentence.index, c.start)] = True
            mentions.append(PlaceMention(c.text, c.sentence, c.start, c.end, key))
            if key not in items:
                self._explain(item, c, centre)
                items[key] = item
        self._rescue_lists(cands, mentions, items, resolved)
        rivers = {normalize(i.name.rsplit(" ", 1)[0]): k for k, i in items.items()
                  if i.kind == "river" and k[0] != "bare_river"}
        mentions = [m for m in mentions if m.key[0] != "bare_river" or normalize(m.text) in rivers]
        for m in mentions:
            if m.key[0] == "bare_river":
                m.key = rivers[normalize(m.text)]
        mentions.sort(key=lambda m: (m.sentence.index, m.start))
        self._place_facilities(mentions, items)
        out_items: dict[tuple, PlaceItem] = {}
        for m in mentions:
            item = out_items.setdefault(m.key, items[m.key])
            m.place = item
            item.mentions.append(m)
            if m.text != item.name and m.text not in item.aliases:
                item.aliases.append(m.text)
        _demonym_aliases(out_items.values(), words)
        return list(out_items.values()), mentions

    def _state_opens(self, c: _Cand, hits: dict[str, list[Place]]) -> bool:
        """A name GeoNames lacks whose first words are a country or a state ("Nebraska State Baseball
        Association", "Minnesota Twins"): those words are a place; the candidate is cut to them. Organisation
        runs ("org_place") are kept only so."""
        if c.kind or c.country_code or c.lead or " " not in c.lookup or c.rule not in ("name", "org_place") or \
                hits.get(normalize(c.lookup)):
            return False
        words = c.lookup.split()
        if words[-1] in PLACE_HEADS:
            return False  # "Oklahoma Territory", "Avoyelles Parish": a place of its own, not the state
        for k in (2, 1):
            head = " ".join(words[:k])
            if k < len(words) and (head in self.aliases or any(
                    p.kind in ("country", "admin1") and normalize(p.name) == normalize(head)
                    for p in self._places_named(head))):
                c.lookup, c.text, c.end, c.rule = head, c.sentence.text[c.start:c.start + len(head)], \
                    c.start + len(head), "name"
                return c.text == head
        return False

    def _countries(self, cands: list[_Cand], hits: dict[str, list[Place]]) -> tuple[set[str], set[str]]:
        """Focus: countries holding the text's place names (each name's vote split among its countries)."""
        votes: dict[str, float] = {}
        named: dict[str, float] = {}  # votes from a country's own name: an actor as often as a location, so
        related: set[str] = set()  # they count up to a point ("U.S." forty times in an article about Vietnam)
        shared: list[list[Place]] = []  # the namesakes of a name towns bear in more than one country
        for c in cands:
            if c.rule == "ap_state":
                continue  # "Moyock, N.C.": the town already votes for its country
            if c.known is not None and c.known.get("country"):  # "Mekong Delta", "Saigon" vote for their country
                cc = c.known["country"]
                votes[cc] = votes.get(cc, 0) + (0.5 if c.known.get("kind") == "country" else 1)
                related.add(cc)
                continue
            if c.country_code:
                related.add(self.country_code(c.country_code, hits) or "")
            code = self.country_code(c.lookup, hits) if c.lookup else None
            if code:
                related.add(code)
                named[code] = named.get(code, 0) + 0.5
                continue
            key = normalize(c.lookup)
            own = [p for p in hits.get(key, ()) if normalize(p.name) == key]
            places = [p for p in own if p.population >= 1000]
            states = [p for p in own if p.kind == "admin1"]
            if states and not any(p.population >= 100_000 for p in places):
                places = states  # "Maryland" is the state, not a village in Australia
            if len({p.country for p in places}) == 1:
                votes[places[0].country] = votes.get(places[0].country, 0) + 1
            elif places:
                shared.append(places)
        for code, v in named.items():
            votes[code] = votes.get(code, 0) + min(v, _NAME_VOTES)
        # a name towns bear in several countries ("Mansfield", "Alexandria") votes for the one country the text's
        # other names point to when it has a namesake there, else for its largest namesake
        sure = sorted(votes.items(), key=lambda kv: -kv[1])
        home = sure[0][0] if sure and (len(sure) == 1 or sure[0][1] >= 2 * sure[1][1]) else None
        for places in shared:
            cc = max([p for p in places if p.country == home] or places, key=lambda p: p.population).country
            votes[cc] = votes.get(cc, 0) + 1
        if not votes:
            return set(), related
        ranked = sorted(votes.values(), reverse=True)
        top = ranked[0]
        focus = {cc for cc, v in votes.items() if v >= 0.5 * top}
        self.dominant = len(ranked) == 1 or top >= 2 * ranked[1]
        return focus, related | focus

    def _centre(self, cands: list[_Cand], hits: dict[str, list[Place]], focus: set[str]) -> tuple[float, float] | None:
        """The median of the article's places: each name's largest namesake in the focus countries under its
        own name (alternate names are too loose to steer the others)."""
        pts, sure = [], []
        for c in cands:
            key = normalize(c.lookup)
            places = [p for p in hits.get(key, []) if p.kind == "city" and p.country in focus
                      and p.lat is not None and normalize(p.name) == key]
            if places:
                p = max(places, key=lambda p: p.population)
                pts.append((p.lat, p.lon))
                if len(places) == 1:
                    sure.append((p.lat, p.lon))
        if self.dominant and sure:  # a name many towns of the country bear ("Mansfield" eight times) does not
            pts = sure  # pull the centre to its largest namesake when the text's other towns are the only ones so named
        if not pts:
            return None
        lats = sorted(p[0] for p in pts)
        lons = sorted(p[1] for p in pts)
        centre = lats[len(lats) // 2], lons[len(lons) // 2]
        dist = sorted(km(centre, p) for p in pts)
        self._spread = max(50.0, dist[len(dist) // 2])  # how far apart the article's places lie (median km)
        return centre

    def _best(self, name: str, hits: dict[str, list[Place]], focus: set[str], related: set[str],
              centre: tuple[float, float] | None, country: str | None = None,
              admin: tuple[str, str] | None = None, near: tuple[float, float] | None = None,
              near_weight: tuple[float, float] = (6.0, 25.0), prefer: tuple[str, str] | None = None) -> Place | None:
        best, best_score, best_alt = None, -1e9, False
        scores: list[float] = []
        key = normalize(name)
        options = hits.get(key, [])
        if admin is not None:  # "Columbus, Kentucky": only a Columbus in Kentucky will do
            options = [p for p in options if (p.country, p.admin1) == admin]
        fallback = None  # a province or region of that name (ISO 3166-2), when no town will do
        state = None
        hits_primary = any(normalize(p.name) == key for p in options)
        # a town of some size that is the only place in the world under this name ("Rabaul", "Aegina")
        # is that town even abroad, in an article about many countries
        own = [p for p in options if p.kind == "city" and normalize(p.name) == key]
        biggest = max((p.population for p in own), default=0)
        primary_near = any(p.country in focus or p.country in related for p in own)
        same = own or [p for p in options if p.kind == "city" and _close_spelling(name, p.name)]  # "El Alamein"
        unique = same[0].geonameid if len(same) == 1 and same[0].population >= _UNIQUE_MIN and not country \
            and name in self._cued else None
        for p in options:
            if p.kind == "region":
                if fallback is None and (p.country in focus or p.country in related or p.country == country) and \
                        _close_spelling(name, p.name):
                    fallback = p
                continue
            if p.kind == "admin1":
                if any(q.kind == "city" and q.population >= 1_000_000 and q.country == p.country
                       and _close_spelling(name, q.name) for q in options):
                    continue  # "New York" is the city (a text that means the state says so)
                if p.country in focus or p.country == country or p.country in related:
                    return p  # "Ohio" in an article about Vietnam that names the United States
                if state is None and normalize(p.name) == key:
                    state = p  # "Ducks in Pennsylvania": a state under its own name, when no town will do
                continue
            if p.kind == "country":
                if normalize(p.name) == key or name in (p.country,):
                    return p
                continue
            if country and p.country != country:
                continue
            by_alternate = normalize(p.name) != key
            if by_alternate and name.isupper() and not country:
                continue  # "FEN", "KBP": airport and other codes among GeoNames' alternate names
            close = not by_alternate or _close_spelling(name, p.name)
            # an old name of a town in a country the text names, near the article's places, when no place
            # there bears the name as its own: "Miletus" (Balat), "Ephesus" (Selçuk) in a war of the Greeks
            # (a village of any size when it lies among the article's places: "Chkalovske", now Prolisne)
            old_name = by_alternate and not close and not country and not primary_near \
                and len(name) >= 6 and name not in _data()["group_words"] \
                and (p.country in focus or p.country in related) and centre is not None and self.dominant \
                and p.lat is not None and (
                    p.population >= 1000 and km(centre, (p.lat, p.lon)) <= max(_OLD_NAME_KM, 10 * self._spread)
                    or p.country in focus and km(centre, (p.lat, p.lon)) <= 2 * self._spread)
            if by_alternate and not close and p.population < 100_000 and not old_name and not (
                    (p.country in focus or p.country == country) and p.population >= 1000 and not hits_primary):
                continue  # "Lee" is also a name of Albany, Ohio: loose alternate names of small places are noise,
                # unless the article is about that country and no place bears the name as its own ("Thebes")
            if by_alternate and p.country not in focus and not country and not old_name and not (
                    p.country in related and close):
                continue  # "Molotov" is an old name of Perm: only trust alternate names close to home
            if not self.dominant and not country:
                # an article about many countries: small towns abroad are noise ("Midway" is also a name of
                # Midland, Texas); in the article's own countries a town of 5,000 under its own name is fine
                if p.population < self.min_related and not (p.country in focus and p.population >= 5000 and close) \
                        and p.geonameid != unique:
                    continue
            if p.country in focus or country:
                score = 3.0
            elif p.country in related and (p.population >= self.min_related or old_name):
                # a country the text names, but not its focus: no edge over a namesake five times larger
                # abroad (Geneva, Switzerland, not Geneva, Illinois, in an article about Vietnam)
                score = 1.5 if 5 * p.population >= biggest else 0.0
            elif p.population >= self.min_foreign or p.geonameid == unique:
                score = 0.0
            else:
                continue
            if not by_alternate:
                score += 2.0
            elif close:
                score += 1.5  # a respelling (Odessa/Odesa, Basra/Basrah) is nearly as good as the name
            else:
                score -= 1.0
            if p.admin1 and (p.country, p.admin1) in self._regions:
                score += 1.5  # the article names the state or province this namesake lies in
                if (p.country, p.admin1) in self._local_regions:
                    score += 2.0  # … in the same sentence ("the Battle of Perryville … Kentucky")
            if prefer and (p.country, p.admin1) == prefer:
                score += 3.0  # "Peremoha, Brovary Raion": in the province of Brovary
            if near and p.lat is not None:
                score += max(0.0, near_weight[0] - km(near, (p.lat, p.lon)) / near_weight[1])  # next to the
                # district or town named with it, or to the other places of its paragraph
            if centre and p.lat is not None and self.dominant:
                score += max(0.0, 3 - km(centre, (p.lat, p.lon)) / self._spread)  # an article's places lie together
            score += 1.5 * math.log10((p.population or (_UNLISTED_PEOPLE if p.geonameid < 0 else 0)) + 10)
            if p.population >= 1_000_000:
                score += 4.0  # Paris, Moscow, Sydney: a world city outweighs a small namesake at home
            elif p.population >= 300_000:
                score += 1.5
            scores.append(score)
            if score > best_score:
                best, best_score = p, score
                best_alt = by_alternate
        fallback = fallback or (state if not country else None)
        if best is None and fallback is not None:
            self._choice = {"n": 1, "margin": 99.0, "alternate": False, "geonameid": fallback.geonameid}
            return fallback
        if best is not None:
            scores.sort(reverse=True)
            self._choice = {"n": len(scores), "margin": scores[0] - scores[1] if len(scores) > 1 else 99.0,
                            "alternate": best_alt, "geonameid": best.geonameid}
            if best.admin1 and (best.country, best.admin1) in self._regions:
                self._choice["admin"] = self._region_names.get((best.country, best.admin1))
        return best

    def _item(self, p: Place, name: str | None = None, kind: str | None = None) -> PlaceItem:
        variants = self._variants.get(p.geonameid)
        if variants is None:  # (each mention of a place builds an item: its spellings are worked out once)
            variants = self._variants[p.geonameid] = _useful_variants(p.name, p.variants)
        return PlaceItem(name or p.name, kind or _kind_by_population(p), p.country, p.admin1 or None, p.lat, p.lon,
                         p.geonameid, p.population, [], list(variants))

    def _resolve(self, c: _Cand, hits: dict[str, list[Place]], focus: set[str], related: set[str],
                 centre: tuple[float, float] | None) -> tuple[tuple | None, PlaceItem | None]:
        if c.border is not None:
            return ("border", c.border), PlaceItem(c.typed_name or c.text, "border")
        if c.rule == "override":
            return self._resolve_override(c, hits, focus, related, centre)
        if c.rule == "ap_state":  # "Long Island, N.Y.": the state, never the city of its name
            state = next((p for p in hits.get(normalize(c.lookup), []) if p.kind == "admin1"), None)
            if state is not None:
                self._choice = {"n": 1, "margin": 99.0, "alternate": False, "geonameid": state.geonameid}
                return ("geo", state.geonameid), self._item(state)
        if c.known is not None:
            return self._resolve_known(c, hits, focus, related, centre)
        if c.kind and c.typed_name and c.kind in _LANDFORM_KINDS:
            # "Cemetery Ridge", "Mount Athos", "Pearl Harbor": GeoNames may hold the whole name as a town
            place = self._best(c.typed_name, hits, focus, related, centre)
            if place is not None and normalize(place.name) == normalize(c.typed_name) and place.kind == "city":
                return ("geo", place.geonameid), self._item(place, kind=c.kind)
            item = PlaceItem(c.typed_name, c.kind, next(iter(focus)) if len(focus) == 1 else None)
            if c.kind in _ANCHORED_KINDS and c.lookup and c.lookup != c.typed_name:
                # "Zhoushan Island", "Isthmus of Corinth", "Leyte Gulf": at the town or island of that name,
                # when it lies among the article's places
                self._choice = {}
                anchor = self._best(c.lookup, hits, focus, related, centre)
                if anchor is not None and anchor.lat is not None and anchor.kind == "city" and (
                        _close_spelling(anchor.name, c.lookup)) and anchor.country in focus | related and (
                        centre is None or km(centre, (anchor.lat, anchor.lon)) < max(500.0, 3 * self._spread)) and \
                        self._sure_anchor(c.lookup, hits, c.kind):
                    item.lat, item.lon, item.country = anchor.lat, anchor.lon, anchor.country
                    item.evidence = {"anchor": anchor.name}
                self._choice = {}
            return ("typed", c.kind, normalize(c.typed_name)), item
        if c.kind and c.typed_name:  # typed with its type word: "Kyiv Oblast", "Vasylkiv Air Base"
            item = PlaceItem(c.typed_name, c.kind)
            # (an airfield bears a person's name, "Henderson Field": no town of that name says where it is)
            anchor = self._best(c.lookup, hits, focus, related, centre) if c.lookup and c.kind != "airfield" else None
            at = c.lookup
            first = at.split(" ", 1)[0] if at else ""
            if anchor is None and c.kind in _FACILITY_KINDS and first != at and first in self._standalone:
                # "the Ivankiv Historical and Local History Museum" in an article that names Ivankiv
                anchor, at = self._best(first, hits, focus, related, centre), first
            if anchor is not None:
                item.country = anchor.country
                if c.kind in _FACILITY_KINDS and anchor.kind != "country" and (
                        self._sure_anchor(at, hits, c.kind) or self._only_local(at, anchor, hits, focus, centre)):
                    item.lat, item.lon, item.admin1 = anchor.lat, anchor.lon, anchor.admin1 or None
                elif c.kind in _ADMIN_KINDS and c.typed_name.rsplit(" ", 1)[-1].lower() in _ADMIN_WORDS and \
                        anchor.kind == "city" and anchor.lat is not None and normalize(anchor.name) == normalize(at) \
                        and (anchor.country in focus | related or anchor.population >= _PAIR_CITY) and not any(
                            p.kind in ("region", "admin1") and normalize(p.name) == normalize(at)
                            for p in hits.get(normalize(at), [])):  # "Hunan Province" is the province Hunan
                    # "Sumy Oblast", "Brovary Raion", "Basra Governorate": an administrative area named after
                    # its centre, placed there (within a few dozen km of the area's middle, as a rule); a city
                    # of 100,000 names its area even in another country ("Kursk Oblast" in an article on Ukraine)
                    item.lat, item.lon, item.admin1 = anchor.lat, anchor.lon, anchor.admin1 or None
                    item.evidence = {"anchor": anchor.name}
            elif c.kind == "region" and c.typed_name:
                item.country = self.country_code(c.typed_name.split(" ", 1)[-1], hits)
            if item.country is None and len(focus) == 1 and c.kind not in ("region",):
                item.country = next(iter(focus))  # the text types it; the article is about one country
            return ("typed", c.kind, normalize(c.lookup or c.typed_name)), item
        code = self.country_code(c.lookup, hits)
        options = hits.get(normalize(c.lookup), [])
        region = next((p for p in options if p.kind == "admin1" and p.country in focus and self.dominant
                       and not any(q.kind == "city" and q.population >= 1_000_000 and q.country == p.country
                                   and _close_spelling(c.lookup, q.name) for q in options)), None)
        if region is not None:  # "Georgia" in an article about the United States is the state
            return ("geo", region.geonameid), PlaceItem(region.name, "state", region.country, region.admin1 or None,
                                                       region.lat, region.lon, geonameid=region.geonameid)
        if code:
            country = self.gz.country_by_code(code)
            if country is None:
                return ("country", code), PlaceItem(c.lookup, "country", code)
            item = self._item(country, kind="country")
            item.name = c.lookup if c.lookup in self.aliases and len(c.lookup) <= 3 else country.name
            return ("geo", country.geonameid), item
        cc = self.country_code(c.country_code, hits) if c.country_code else None
        if c.country_code and self.dominant:  # "Savannah, Georgia": a region of the dominant country
            cc = next((p.country for p in hits.get(normalize(c.country_code), [])
                       if p.kind == "admin1" and p.country in focus), cc)
        if c.kind in ("river", "reservoir", "dam") and not c.typed_name:
            key = ("bare_river",) if c.bare_river else ("typed", c.kind, normalize(c.lookup))
            return key, PlaceItem(c.lookup, c.kind, next(iter(focus)) if len(focus) == 1 else None)
        admin = near = None
        self._prefer = None
        if c.hint is not None and cc is None:
            admin, near, cc = self._hint(c.hint, hits, focus, related, centre)
        elif c.us_state and cc is None:
            admin, cc = ("US", c.us_state), "US"
        self._choice = {}
        place = self._best(c.lookup, hits, focus, related, centre, cc, admin=admin, near=near, prefer=self._prefer)
        if place is None and c.hint is not None and admin is None and cc is not None and not c.country_code:
            cc = None  # "Tokyo, Hong Kong and Sydney": a list, not Tokyo in Hong Kong
            place = self._best(c.lookup, hits, focus, related, centre)
        if place is not None and c.hint is not None and (admin or near or cc):
            self._choice["admin"] = c.hint.text
        elif place is not None and c.us_state:
            self._choice["admin"] = c.us_state
        if place is None and admin is not None:  # GeoNames has no such town in that state: a place all the same
            where = c.hint.text if c.hint is not None else c.us_state
            return ("typed", "place", normalize(f"{c.lookup}, {where}")), PlaceItem(
                c.lookup, "place", admin[0], admin[1] or None)
        if place is None and c.kind in _SETTLEMENT_KINDS and not c.typed_name and len(focus) == 1:
            place = self._spelled_like(c, focus, related, centre)
        if place is None:
            if c.kind:  # "the village of X" that GeoNames lacks: keep it, no coordinates
                key = ("bare_river",) if c.bare_river else ("typed", c.kind, normalize(c.lookup))
                return key, PlaceItem(c.lookup, c.kind, next(iter(focus), None) if len(focus) == 1 else None)
            if c.country_code:
                return ("typed", "place", normalize(c.lookup)), PlaceItem(c.lookup, "place", cc)
            if c.rule == "hyphenated" and c.lookup in self._cued:  # "entered Posad-Pokrovske": a place all the same
                return ("typed", "place", normalize(c.lookup)), PlaceItem(c.lookup, "place", next(iter(focus)) if len(
                    focus) == 1 else None)
            return None, None
        if c.bare_river:
            return ("bare_river",), PlaceItem(c.lookup, "river")
        return ("geo", place.geonameid), self._item(place, kind=c.kind)

    def _spelled_like(self, c: _Cand, focus: set[str], related: set[str],
                      centre: tuple[float, float] | None) -> Place | None:
        """"The village of Kryacky" that the gazetteer lacks as written: a settlement of the article's country
        spelled nearly so (Kriachky), the namesake nearest the article's places."""
        similar = self.gz.similar(c.lookup, next(iter(focus)))
        if not similar:
            return None
        self._choice = {}
        place = self._best(c.lookup, {normalize(c.lookup): similar}, focus, related, centre)
        if place is not None:
            self._choice["spelling"] = place.name
        return place

    def _with_overrides(self, s: Sentence, cands: list[_Cand]) -> list[_Cand]:
        """The user's names, found as written, replace whatever else read those words."""
        if not self.overrides:
            return cands
        rx = _override_rx(tuple(sorted((o.name for o in self.overrides.values()), key=len, reverse=True)))
        found = []
        for m in rx.finditer(s.text):
            o = self.overrides[normalize(m.group(0))]
            found.append(_Cand(m.group(0), s, m.start(), m.end(), "", o.kind or "place", o.name,
                               known={"override": o}, rule="override"))
        if not found:
            return cands
        spans = [(c.start, c.end) for c in found]
        return found + [c for c in cands if not _overlaps(c.start, c.end, spans)]

    def _resolve_override(self, c: _Cand, hits: dict[str, list[Place]], focus: set[str], related: set[str],
                          centre: tuple[float, float] | None) -> tuple[tuple, PlaceItem]:
        o: PlaceOverride = c.known["override"]  # type: ignore[index]
        cc = o.country
        if cc and not (len(cc) == 2 and cc.isalpha()):
            cc = self.aliases.get(cc) or next((p.country for p in self.gz.lookup([cc]).get(normalize(cc), [])
                                               if p.kind == "country"), cc)
        cc = cc.upper() if cc and len(cc) == 2 else cc
        key = ("override", normalize(o.name))
        if o.lat is not None:
            return key, PlaceItem(o.name, o.kind or "place", cc, None, o.lat, o.lon)
        found = self.gz.lookup([o.name])
        place = self._best(o.name, {**hits, **found}, focus, related, centre, cc)
        if place is not None:
            item = self._item(place, name=o.name, kind=o.kind)
            return ("geo", place.geonameid), item
        return key, PlaceItem(o.name, o.kind or "place", cc)

    def _explain(self, item: PlaceItem, c: _Cand, centre: tuple[float, float] | None) -> None:
        """Confidence and the evidence that chose this reading, from the mention that first named it."""
        ch = self._choice
        ev: dict[str, Any] = {"text": c.text, "line": c.sentence.line_of(c.start)}  # the mention that decided it
        if c.rule == "override":
            ev["rule"], conf = "places file", 1.0
        elif c.known is not None:
            ev["rule"], conf = ("former name" if "modern" in c.known else "world vocabulary"), 0.9
            if "geonameid" in ch:
                ev["rule"] += " → GeoNames namesake in the article's countries"
        elif c.border is not None:
            ev["rule"], conf = "border", 0.85
        elif item.kind in ("country", "state"):
            ev["rule"], conf = "country or state name", 0.95
        elif ch:
            ev["rule"] = "typed and GeoNames" if c.kind else "GeoNames"
            n, alternate = ch.get("n", 1), ch.get("alternate", False)
            ev["candidates"] = n
            if n <= 1:
                conf = 0.9 if not alternate else 0.7
            else:
                conf = 0.5 + 0.45 * min(1.0, ch.get("margin", 0.0) / 4)
                if alternate:
                    conf *= 0.8
            if ch.get("admin"):
                ev["admin"] = ch["admin"]
            if ch.get("paragraph"):
                ev["context"] = "near the other places of its paragraph"
            if ch.get("spelling"):
                ev["rule"] = f"typed by the text; GeoNames or the national codifier spells it {ch['spelling']}"
                conf = min(conf, 0.6)
        elif c.kind:
            ev["rule"], conf = f"typed by the text ({c.kind})", 0.75 if item.lat is None else 0.85
        else:
            ev["rule"], conf = "GeoNames", 0.6
        if c.kind in _ADMIN_KINDS and item.geonameid is None and item.evidence.get("anchor"):
            ev["rule"], conf = f"typed by the text ({c.kind}), at the town it is named after", 0.6
        if c.country_code:
            ev["admin"] = c.country_code  # "Liberty, Missouri", "Grodno, Belarus"
            conf = min(1.0, conf + 0.05)
        if centre and item.lat is not None and item.lon is not None and item.kind != "country":
            ev["km_from_centre"] = round(km(centre, (item.lat, item.lon)))
            if ev["km_from_centre"] > 4 * self._spread and item.geonameid and 0 < (item.population or 0) < 5000 \
                    and c.rule != "override":
                conf *= 0.5  # a hamlet far from all the article's other places is a doubtful namesake
        if item.evidence.get("anchor"):
            ev["anchor"] = item.evidence["anchor"]
        item.evidence = ev
        item.confidence = round(conf, 2)

    def _direction(self, c: _Cand, hits: dict[str, list[Place]]) -> None:
        """A direction word before a name: the gazetteer's name when it has one ("North Carolina", "South
        Ossetia"), else a region of the state or country after it ("Northern Virginia", "East Louisiana")."""
        assert c.lead is not None
        start, word = c.lead
        full = f"{word} {c.lookup}"
        key, base = normalize(full), normalize(c.lookup)
        whole = [p for p in hits.get(key, []) if normalize(p.name) == key]
        region = [p for p in hits.get(base, []) if p.kind in ("admin1", "country") and normalize(p.name) == base]
        if whole or region:
            c.text, c.start = c.sentence.text[start:c.end], start
        if whole:
            c.lookup = full
        elif region:
            c.kind, c.typed_name = "region", full

    def _only_local(self, name: str, anchor: Place, hits: dict[str, list[Place]], focus: set[str],
                    centre: tuple[float, float] | None) -> bool:
        """The only settlement of that name among the article's places, in its country: "Kozarovychi dam" is at
        Kozarovychi, "Kakhovka Dam" at Kakhovka, though the article never names the town alone."""
        if anchor.country not in focus or anchor.lat is None or centre is None or not self.dominant:
            return False
        local = min(_LOCAL_KM, 2 * self._spread)
        own = [p for p in hits.get(normalize(name), []) if p.kind == "city" and normalize(p.name) == normalize(name)
               and p.lat is not None and km(centre, (p.lat, p.lon)) <= local]
        return len(own) == 1 and own[0] is anchor

    def _sure_anchor(self, name: str, hits: dict[str, list[Place]], kind: str = "") -> bool:
        """A typed place takes the point of the town in its name only when the article names that town on its
        own ("Vasylkiv" and "Vasylkiv Air Base") or the town is a city of 50,000 ("Zhoushan Island"): "Pearl
        Harbor" is not at Pearl, Mississippi."""
        own = [p for p in hits.get(normalize(name), []) if p.kind == "city" and normalize(p.name) == normalize(name)]
        return name in self._standalone or any(p.kind == "city" and p.population >= 50_000
                                               for p in hits.get(normalize(name), [])) or (
            kind in ("airport", "air_base", "mountain") and len(own) == 1 and own[0].population >= _UNIQUE_MIN)
        # an air base or airport bears the name of its town, the only one of that name: "Kadena AFB"

    def _hint(self, h: _Cand, hits: dict[str, list[Place]], focus: set[str], related: set[str],
              centre: tuple[float, float] | None) -> tuple[tuple[str, str] | None, tuple[float, float] | None, str | None]:
        """What the name after a comma says about the one before it: a state or province (admin1), a country,
        or a district or town near which it lies ("Peremoha, Brovary Raion")."""
        key = normalize(h.lookup)
        region = next((p for p in hits.get(key, []) if p.kind == "admin1" and normalize(p.name) == key), None)
        if region is not None and not h.kind:
            return (region.country, region.admin1), None, region.country
        code = self.country_code(h.lookup, hits) if not h.kind else None
        if code:
            return None, None, code
        if h.kind in ("raion", "oblast", "region", "city", "town", "village") or not h.kind:
            p = self._best(h.lookup, hits, focus, related, centre)
            if p is not None and p.lat is not None and p.kind == "city":
                if h.kind in _ADMIN_KINDS and p.admin1:  # a raion lies in the province of the town it is named after
                    self._prefer = (p.country, p.admin1)
                return None, (p.lat, p.lon), None
        return None, None, None

    def _resolve_known(self, c: _Cand, hits: dict[str, list[Place]], focus: set[str], related: set[str],
                       centre: tuple[float, float] | None) -> tuple[tuple, PlaceItem]:
        """A name of the world vocabulary: a former name is today's GeoNames town; an ancient site yields to a
        namesake in the article's own countries ("Olympia" in an article about Washington state)."""
        e = c.known
        assert e is not None
        if "modern" in e:
            key = normalize(e["modern"])
            now = [p for p in hits.get(key, []) if p.kind in ("city", "country") and p.country == e["country"]]
            if now:
                p = max(now, key=lambda p: p.population)
                item = self._item(p, name=c.text, kind=_kind_by_population(p))
                item.variants = _useful_variants(c.text, (p.name, *p.variants))
                return ("geo", p.geonameid), item
            return ("known", normalize(e["name"])), PlaceItem(c.text, "city", e["country"])
        if e["kind"] in _POINT_KINDS and e["country"] not in focus:
            p = self._best(e["name"], hits, focus, related, centre)
            if p is not None and p.country in focus and normalize(p.name) == normalize(e["name"]):
                return ("geo", p.geonameid), self._item(p)
        item = PlaceItem(e["name"], e["kind"], e["country"], None, e["lat"], e["lon"])
        if e["kind"] == "river" and not e["name"].endswith("River"):
            item.variants = [f"{e['name']} River"]
        return ("known", normalize(e["name"])), item

    @staticmethod
    def _place_facilities(mentions: list[PlaceMention], items: dict[tuple, PlaceItem]) -> None:
        """A building or a base without a point of its own is placed at the town its sentence names
        ("the Verkhovna Rada building … central Kyiv")."""
        by_sentence: dict[int, list[PlaceMention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence.index, []).append(m)
        for m in mentions:  # "the Zaporizhzhia Nuclear Power Plant at Enerhodar": where the text says it is
            item = items[m.key]
            if item.kind not in _FACILITY_KINDS or item.evidence.get("at") or item.geonameid is not None:
                continue
            after = _AT_TOWN.match(m.sentence.text, m.end)
            town = next((items[o.key] for o in by_sentence[m.sentence.index] if after and o.start == after.end()), None)
            if town is not None and town.kind in ("city", "town", "village") and town.lat is not None:
                item.lat, item.lon, item.admin1 = town.lat, town.lon, town.admin1
                item.country = item.country or town.country
                item.evidence["anchor"] = item.evidence["at"] = town.name
                item.evidence["rule"] = f"typed by the text ({item.kind}), at the town the text puts it in"
                item.evidence.pop("km_from_centre", None)
                if "km_from_centre" in town.evidence:
                    item.evidence["km_from_centre"] = town.evidence["km_from_centre"]
        for m in mentions:
            item = items[m.key]
            if item.lat is not None or item.kind not in _FACILITY_KINDS:
                continue
            towns = list({id(t): t for t in (items[o.key] for o in by_sentence[m.sentence.index])
                          if t.kind in ("city", "town", "village") and t.lat is not None}.values())
            named = [t for t in towns if normalize(t.name) in normalize(item.name)]  # "Kakhovka Dam", Kakhovka
            # else the largest town the sentence names ("the Verkhovna Rada building", Obolon and Kyiv: Kyiv)
            town = named[0] if named else max(towns, key=lambda t: t.population or 0) if towns else None
            if town is not None:
                item.lat, item.lon, item.country = town.lat, town.lon, item.country or town.country
                item.evidence["anchor"] = town.name
                item.confidence = min(item.confidence, 0.6)

    def _rescue_lists(self, cands: list[_Cand], mentions: list[PlaceMention], items: dict[tuple, PlaceItem],
                      resolved: dict[tuple[int, int], bool]) -> None:
        """'Vorzel and Markhalivka': an unknown single name listed among resolved places is a place too."""
        by_sentence: dict[int, list[_Cand]] = {}
        for c in cands:
            if not c.kind and c.lookup and " " not in c.lookup and not c.lookup.isupper() and not c.after_adjective:
                by_sentence.setdefault(c.sentence.index, []).append(c)
        for cs in by_sentence.values():
            cs.sort(key=lambda c: c.start)
            for i, c in enumerate(cs):
                if resolved.get((c.sentence.index, c.start)):
                    continue
                neighbours = [o for o in cs[max(i - 2, 0): i + 3] if o is not c and resolved.get((o.sentence.index, o.start))]
                glue = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s*(?:and|or)\s+)$")
                linked = [o for o in neighbours if glue.match(c.sentence.text[min(o.end, c.end):max(o.start, c.start)])]
                if len(linked) >= 1 and len(neighbours) >= 2:
                    key = ("typed", "place", normalize(c.lookup))
                    items.setdefault(key, PlaceItem(c.lookup, "place", confidence=0.4, evidence={
                        "text": c.text, "rule": "listed among places"}))
                    mentions.append(PlaceMention(c.text, c.sentence, c.start, c.end, key))
