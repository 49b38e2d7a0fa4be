"""Find unit mentions with a grammar built from resources/units.json.

    formation := [side] number (("," | "and" | "or") number)* qualifier* echelon ["of" formation]
               | Name qualifier* echelon  |  "Army Group" Name  |  "Army of" Name
    service   := [side] service-name ["of" country]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kyivcli.extract.units.model import UnitMention
from kyivcli.extract.wordlists import fit_listed
from kyivcli.parse.model import Sentence
from kyivcli.resources import resource

_CAPS = r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}"  # a country after "of", checked against the word list in code
_TOKEN = re.compile(r"\S+")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    numbered: re.Pattern[str]
    named: re.Pattern[str]
    army_of: re.Pattern[str]
    service: re.Pattern[str]
    short: re.Pattern[str]
    num_item: re.Pattern[str]
    echelons: dict[str, int]
    plurals: dict[str, str]
    qualifiers: tuple[str, ...]
    services: dict[str, str]
    service_country: dict[str, str]
    demonyms: dict[str, str]
    countries: frozenset[str]
    stop_names: frozenset[str]
    qual_rx: re.Pattern[str]
    gate_numbered: re.Pattern[str]
    gate_named: re.Pattern[str]
    gate_service: re.Pattern[str]


@cache
def grammar() -> Grammar:
    d = resource("units")
    ech_words = [w.title() for w in d["echelons"]] + [w.title() for w in d["plurals"]]
    ech = _alt(sorted(set(ech_words)))
    ech_any = f"(?:{ech}|{_alt(sorted(set(w.lower() for w in ech_words)))})"
    qual = _alt(d["qualifiers"])
    num = r"(?:\d{1,4}(?:st|nd|rd|th)|(?:No\.\s*)?\d{1,4}(?=\s+(?:Squadron|Flotilla|Group|Wing))|[IVXLC]{1,7}(?=\s))"
    nums = rf"{num}(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?{num})*"
    numbered = re.compile(
        rf"(?P<nums>\b{nums})\s+(?P<quals>(?:(?:{qual})\s+)*)(?P<ech>{ech_any})\b"
    )
    named = re.compile(
        rf"(?P<name>\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}?)\s+"
        rf"(?P<quals>(?:(?:{qual})\s+)*)(?P<ech>{ech})\b(?!\s+(?:of|Group)\b)"
    )
    army_of = re.compile(
        r"\b(?:(?P<ech>Army\s+Group|Panzer\s+Group)\s+|(?P<ech2>Army|Corps)\s+of\s+(?:the\s+)?)"
        r"(?P<name>(?:North|South|East|West|Northern|Southern|Eastern|Western|Centre|Center|[A-Z][a-z]+)"
        r"(?:\s+[A-Z][a-z]+){0,2})\b"
    )
    services = d["services"]
    service = re.compile(rf"\b(?P<svc>{_alt(list(services))})\b(?:\s+of\s+(?:the\s+)?(?P<of>{_CAPS}))?")
    short = re.compile(r"\b(?P<nums>\d{1,4}(?:st|nd|rd|th))\s+(?P<quals>Guards)\b")
    # cheap gates: a rule runs only on sentences holding its trigger
    gate_numbered = re.compile(r"\d(?:st|nd|rd|th)\b|\b[IVXLC]{1,7}\s+[A-Z]|\d+\s+(?:Squadron|Flotilla|Group|Wing)")
    gate_named = re.compile(rf"\b(?:{ech})\b")
    gate_service = re.compile(rf"\b(?:{_alt(list(services))})\b")
    qual_rx = re.compile(rf"\b(?:{qual})\b")
    return Grammar(numbered, named, army_of, service, short, re.compile(num), d["echelons"], d["plurals"],
                   tuple(d["qualifiers"]), services, d["service_country"], d["demonyms"],
                   frozenset(d["demonyms"].values()) | {"Russian Federation"}, frozenset(d["stop_names"]),
                   qual_rx, gate_numbered, gate_named, gate_service)


def _echelon(word: str, g: Grammar) -> tuple[str, bool]:
    w = " ".join(word.lower().split())
    if w in g.plurals:
        return g.plurals[w], w != g.plurals[w]
    return w, False


def _quals(text: str, g: Grammar) -> tuple[str, ...]:
    """Qualifiers in the order written, each once ("Guards Air Assault" → Guards, Air Assault)."""
    seen: list[str] = []
    for m in g.qual_rx.finditer(" ".join(text.split())):
        if m.group(0) not in seen:
            seen.append(m.group(0))
    return tuple(seen)


def _valid_number(n: str) -> bool:
    n = n.replace("No.", "").strip()
    if n[0].isdigit():
        return True
    return bool(_ROMAN.fullmatch(n)) and n != "I" or n == "I"


def _side(word: str | None, g: Grammar) -> str | None:
    return g.demonyms.get(word) if word else None


def _named_matches(text: str, g: Grammar) -> Iterator[re.Match[str]]:
    """Matches of the named-formation rule; after a name that is only a demonym ("German Army Groups E
    and F" first reads name "German", echelon "Army") it reads on from the next word."""
    pos = 0
    while (m := g.named.search(text, pos)) is not None:
        yield m
        words = m.group("name").split()
        if all(w in g.stop_names or w in g.demonyms for w in words):
            pos = m.start("name") + len(words[0])
        else:
            pos = m.end()


def _side_before(text: str, start: int, g: Grammar) -> tuple[str | None, int]:
    """A demonym written just before a unit ("Russian 1st Guards Tank Army", "North Vietnamese 304th"):
    the word and where it starts. Looked up in the word list, not spelled out in every pattern."""
    if start == 0 or not text[start - 1].isspace():
        return None, start
    lo = max(0, start - 48)
    toks = list(_TOKEN.finditer(text, lo, start))
    if toks and lo > 0 and not text[lo - 1].isspace():
        toks = toks[1:]  # cut mid-word
    for k in (3, 2, 1):
        if len(toks) < k:
            continue
        first = toks[-k]
        a = first.start()
        while a < first.end() and not text[a].isalnum():
            a += 1
        word = " ".join([text[a:first.end()], *(t.group(0) for t in toks[len(toks) - k + 1:])])
        if word in g.demonyms:
            return word, a
    return None, start


def _country_prefix(m: re.Match[str], group: str, g: Grammar) -> tuple[str, int] | None:
    """The longest run of words at the start of `group` that is a country, and where it ends."""
    fit = fit_listed(m.string, *m.span(group), g.countries, shed_end=True)
    return (" ".join(m.string[fit[0]:fit[1]].split()), fit[1]) if fit else None


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def find_mentions(s: Sentence) -> list[UnitMention]:
    """Unit mentions in one sentence, in text order; coordinated numbers become separate mentions."""
    g = grammar()
    text = s.text
    out: list[UnitMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: UnitMention) -> None:
        out.append(m)

    numbered_ok = g.gate_numbered.search(text) is not None
    echelon_ok = g.gate_named.search(text) is not None
    # 1. numbered formations, with coordination
    for m in g.numbered.finditer(text) if numbered_ok else ():
        side_word, start = _side_before(text, m.start(), g)
        if _overlaps((start, m.end()), taken):
            continue
        ech, _plural = _echelon(m.group("ech"), g)
        quals = _quals(m.group("quals"), g)
        nums = [n.group(0) for n in g.num_item.finditer(m.group("nums"))]
        nums = [n for n in nums if _valid_number(n)]
        if not nums:
            continue
        if not m.group("ech")[0].isupper() and ech not in ("army", "division", "brigade", "regiment", "corps"):
            continue
        tail = " ".join([*quals] + [m.group("ech")])
        side = _side(side_word, g)
        for i, n in enumerate(nums):
            written = text[start:m.end()] if len(nums) == 1 else f"{n} {tail}"
            if len(nums) == 1:
                a, b = start, m.end()
            else:
                a = m.start("nums") + m.group("nums").find(n)
                b = m.end()
            add(UnitMention(written, s, a, b, tier="formation", number=n.replace("No.", "").strip(),
                            qualifiers=quals, echelon=ech, side=side if i == 0 or len(nums) > 1 else None))
        taken.append((start, m.end()))
    # 2. services: "Armed Forces of Ukraine", "Russian Air Force", "OMON"
    for m in g.service.finditer(text) if g.gate_service.search(text) else ():
        side_word, start = _side_before(text, m.start(), g)
        of = _country_prefix(m, "of", g) if m.group("of") else None
        end = of[1] if of else m.end("svc")
        if _overlaps((start, end), taken):
            continue
        svc = " ".join(m.group("svc").split())
        side = _side(side_word, g) or (g.demonyms.get(of[0]) if of else None)
        country = (g.demonyms.get(of[0]) if of else None) or _side(side_word, g) or g.service_country.get(svc)
        add(UnitMention(text[start:end], s, start, end, tier="service", service=g.services[svc], side=side,
                        country=country))
        taken.append((start, end))
    # 3. "Army Group Centre", "Army of Northern Virginia"
    for m in g.army_of.finditer(text) if echelon_ok else ():
        if _overlaps(m.span(), taken) or m.group("name").split()[0] in g.stop_names:
            continue
        ech, _ = _echelon(m.group("ech") or m.group("ech2"), g)
        add(UnitMention(m.group(0), s, *m.span(), tier="formation", echelon=ech, proper=m.group("name")))
        taken.append(m.span())
    # 4. named formations: "Wagner Group", "Eastern Military District"
    for m in _named_matches(text, g) if echelon_ok else ():
        if _overlaps(m.span(), taken):
            continue
        name = m.group("name")
        words = name.split()
        while words and (words[0] in g.stop_names or words[0] in g.demonyms):
            words = words[1:]
        if not words or any(w in g.qualifiers for w in words[-1:]) and len(words) == 1 and not m.group("quals"):
            continue
        start = m.start("name") + name.find(words[0])
        proper = " ".join(words)
        ech, _ = _echelon(m.group("ech"), g)
        side_word = _side_before(text, start, g)[0]
        add(UnitMention(text[start:m.end()], s, start, m.end(), tier="formation", echelon=ech, proper=proper,
                        qualifiers=_quals(m.group("quals"), g), side=_side(side_word, g)))
        taken.append(m.span())
    # 5. short forms ("the 31st Guards"): kept only if they name a full unit (canon decides)
    for m in g.short.finditer(text) if numbered_ok else ():
        if _overlaps(m.span(), taken):
            continue
        side_word, start = _side_before(text, m.start(), g)
        add(UnitMention(text[start:m.end()], s, start, m.end(), tier="formation", number=m.group("nums"),
                        qualifiers=("Guards",), side=_side(side_word, g), short=True))
    out.sort(key=lambda u: u.start)
    _link_parents_and_abbreviations(text, out)
    return out


_ABBR = re.compile(r"\s*\(([A-Z][A-Z0-9]{1,7})\)")


def _link_parents_and_abbreviations(text: str, mentions: list[UnitMention]) -> None:
    g = grammar()
    for i, m in enumerate(mentions):
        ab = _ABBR.match(text, m.end)
        if ab:
            m.abbreviation = ab.group(1)
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt and re.fullmatch(r"['’]?s?\s+of\s+(?:the\s+)?", text[m.end:nxt.start]) is not None:
            if m.echelon and nxt.echelon and g.echelons.get(nxt.echelon, 0) > g.echelons.get(m.echelon, 0):
                # every coordinated sibling ending here shares the parent
                for sib in mentions[: i + 1]:
                    if sib.end == m.end:
                        sib.parent_mention = nxt
