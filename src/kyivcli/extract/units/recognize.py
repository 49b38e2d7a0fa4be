"""Find unit mentions with the grammar in resources/units.json.

The resource holds the rules (a pattern, the name of the handler that reads its match, examples) and the
vocabularies (echelons, qualifiers, services, side words...). This module is the engine: it expands the
patterns' macros from the vocabularies, checks every rule when the resource loads (a known handler, known
macros and triggers, examples present) and runs the rules in order over each sentence; a
rule's match is dropped where an earlier rule already took the text. Word lists too long for a pattern
(regions, ranks, side words) are matched as capitalised words and looked up in code.

A rule's pattern compiles the first time a sentence holds its trigger words (most documents need a few of
the rules, and compiling is most of a cold start's grammar cost); `load_grammar(d)` compiles every pattern
and checks it (valid, cannot match the empty string), which the tests do for the shipped resource.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kyivcli.extract.joined import Joined
from kyivcli.extract.units.model import UnitMention
from kyivcli.extract.wordlists import fit_listed
from kyivcli.model.document import Sentence
from kyivcli.resources import resource
from kyivcli.rx import compile as recompile

_TOKEN = recompile(r"\S+")
_ROMAN = recompile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_CAPWORD = r"[A-Z][\w'’.-]*"
_MONTHS = frozenset("January February March April May June July August September October November December "
                    "Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec.".split())
_POSS = recompile(r"(?:['’]s?)$")


_BACKED = frozenset({"backed", "led", "supported", "aligned", "allied", "sponsored", "trained", "commanded"})


class GrammarError(ValueError):
    """The unit resource is malformed: raised by `load_grammar` (strict), or for a pattern by its first use."""


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(eq=False)
class Rule:
    name: str
    handler: str
    pattern: str  # macros expanded
    words: frozenset[str]  # the rule runs only on a sentence holding one of these words...
    tests: tuple[str, ...]  # ...or passing one of these word tests (NUM, ISTAS, PAREN)
    examples: list[dict[str, Any]]
    _rx: re.Pattern[str] | None = field(default=None, repr=False)

    @property
    def rx(self) -> re.Pattern[str]:
        """The compiled pattern, compiled and checked on first use."""
        if self._rx is None:
            try:
                rx = recompile(self.pattern)
            except re.error as e:
                raise GrammarError(f"units.json rule {self.name!r}: bad pattern: {e}") from e
            if rx.search("") is not None:
                raise GrammarError(f"units.json rule {self.name!r}: the pattern can match the empty string")
            self._rx = rx
        return self._rx


@dataclass
class Grammar:
    rules: list[Rule]
    echelons: dict[str, int]
    plurals: dict[str, str]
    qualifiers: frozenset[str]
    services: dict[str, str]
    service_country: dict[str, str]
    needs_country: frozenset[str]
    demonyms: dict[str, str]
    sides: dict[str, str | None]  # every side word: demonyms, country names, factions (None: not a side)
    countries: frozenset[str]
    states: frozenset[str]  # the countries the demonyms name: as a bare noun these may be places
    stop_names: frozenset[str]
    ordinals: dict[str, int]
    type_first: dict[str, str]
    troop_nouns: dict[str, str]
    implied: dict[str, str]
    regions: frozenset[str]
    ranks: frozenset[str]
    not_heads: dict[str, frozenset[str]]
    colours: dict[str, str | None]
    name_country: dict[str, str | None]
    letters_only: frozenset[str]
    name_possessives: frozenset[str]
    not_armed: frozenset[str]
    num_item: re.Pattern[str]
    side_first: frozenset[str]
    trigger_masks: dict[str, int]  # a trigger word (punctuation stripped) → bit mask of its rules
    trigger_keys: frozenset[str]
    trigger_substrings: tuple[tuple[str, int], ...]  # non-ASCII triggers, looked for as substrings
    test_masks: dict[str, int]
    by_mask: dict[int, list[Rule]]
    data: dict[str, Any] = field(repr=False, default_factory=dict)

    def side_of(self, word: str) -> str | None:
        """The side a word names ('Ukrainian', "Russia's", 'United States', 'Confederate', 'Russian-backed',
        'pro-Russian'), or None."""
        if word in self.sides:
            return self.sides[word]
        bare = _POSS.sub("", word)
        if bare != word and bare in self.sides:
            return self.sides[bare]
        if "-" in word:
            head, _, tail = word.rpartition("-")
            if tail in _BACKED and head in self.sides:
                return self.sides[head]
            if head == "pro" and tail in self.sides:
                return self.sides[tail]
        return None

    def is_side_word(self, word: str) -> bool:
        return self.side_of(word) is not None


# ---------------------------------------------------------------- loading and checking the resource

Handler = Callable[[re.Match[str], "_Ctx"], "list[UnitMention] | None"]
HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn
    return deco


def _macros(d: dict[str, Any]) -> dict[str, str]:
    ech_words = sorted({w.title() for w in (*d["echelons"], *d["plurals"])})
    ords = _alt(d["ordinals"])
    num = (rf"(?:\d{{1,4}}(?:st|nd|rd|th)|(?:No\.\s*)?\d{{1,4}}(?=\s+(?:Squadron|Flotilla|Group|Wing))"
           rf"|[IVXLC]{{1,7}}(?=\s)|(?:{ords})(?=\s))")
    return {
        "NUM": num,
        "NUMS": rf"{num}(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?{num})*",
        "ORD": ords,
        "QUAL": _alt(d["qualifiers"]),
        "ECH": _alt(ech_words),
        "ECH_ANY": f"(?:{_alt(ech_words)}|{_alt(w.lower() for w in ech_words)})",
        "CAPWORD": _CAPWORD,
        "PROPER": rf"{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}",
        "COUNTRYISH": r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}",
        "TYPE": _alt(d["type_first"]),
        "DESIG": r"(?:[A-Z](?![\w'’.-])|\d{1,4}(?![\d,.]\d)|[IVX]{1,5}(?![\w'’-])|[A-Z][^\W\d_]{2,}(?:\s+[A-Z][^\W\d_]{2,})?)",
        "SVC": _alt(d["services"]),
        "TROOPS": _alt(d["troop_nouns"]),
        "FIGHTERS": _alt(d["fighter_nouns"]),
    }


def _expand(pattern: str, macros: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in macros:
            raise GrammarError(f"units.json {where}: unknown macro {{{key}}}")
        return macros[key]
    return re.sub(r"\{([A-Z_]+)\}", sub, pattern)


_TESTS = ("NUM", "NUMCAP", "ISTAS", "PAREN")
_PUNCT = str.maketrans({c: " " for c in ",.;:()[]\"'’“”!?-–—/"})


def _words(text: str) -> set[str]:
    """A sentence's words for the trigger test: punctuation turned to spaces, then split (all in C)."""
    return set(text.translate(_PUNCT).split())
_NUMCAP = recompile(r"\d(?:st|nd|rd|th)\s+[A-Z]")


def _triggers(names: list[str], d: dict[str, Any], rule: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A rule's trigger words: literal words, or every word of a vocabulary (TYPE, SVC, ECH, TROOPS)."""
    vocab = {"TYPE": d["type_first"], "SVC": d["services"], "TROOPS": d["troop_nouns"], "FIGHTERS": d["fighter_nouns"],
             "ECH": [w.title() for w in (*d["echelons"], *d["plurals"])]}
    words: set[str] = set()
    tests = []
    for t in names:
        if t in _TESTS:
            tests.append(t)
        elif t in vocab:
            for phrase in vocab[t]:
                words.update(_words(phrase))
                words.update(phrase.split())
        elif t.isupper() and len(t) > 1:
            raise GrammarError(f"units.json rule {rule!r}: unknown trigger vocabulary {t!r}")
        else:
            words.update(_words(t))
            words.update(t.split())
    if not words and not tests:
        raise GrammarError(f"units.json rule {rule!r}: no triggers")
    return frozenset(words), tuple(tests)


_SUFFIXED = recompile(r"\d(?:st|nd|rd|th)\b")
_SUFFIXED_ASCII = recompile(r"[0-9](?:st|nd|rd|th)\b")  # the same in ASCII text, a third quicker to scan for
_ROMANS = frozenset(r for r in (
    "".join(p) for p in __import__("itertools").product(("", "C"), ("", "X", "XX", "XXX", "XL", "L", "LX", "LXX",
                                                                      "LXXX", "XC"),
                                                        ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"))) if r)




def _active_rules(text: str, g: Grammar) -> list[Rule]:
    """The rules whose trigger words or word tests the sentence holds, in grammar order."""
    return active_rules([text], g)[0]


def _clean(text: str) -> str:
    """Punctuation a trigger word may touch as spaces (one character for one: offsets stay)."""
    return (text.replace(",", " ").replace(".", " ").replace("(", " ").replace(")", " ").replace('"', " ")
            .replace("“", " ").replace("”", " ").replace(";", " ").replace(":", " "))


def active_rules(texts: list[str], g: Grammar) -> list[list[Rule]]:
    """The rules each sentence needs (`_active_rules` of each text), with the document-wide work done once.

    A sentence's words are its text split at spaces once the punctuation in `_clean` is a space; trigger
    words are looked up among them (non-ASCII ones as substrings), each carrying a bit mask of its rules.
    Punctuation is cleaned and the word tests run on all texts joined by newlines at once (no test
    reaches across a newline); most sentences then cost one split and one set test."""
    joined = Joined(texts, "\n")
    masks = [0] * len(texts)

    cleaned = _clean(joined.text).split("\n")
    if len(cleaned) != len(texts):  # a text with a newline of its own
        cleaned = [_clean(t) for t in texts]
    keys, word_masks = g.trigger_keys, g.trigger_masks
    for i, c in enumerate(cleaned):
        words = c.split()
        if not keys.isdisjoint(words):
            mask = 0
            for w in keys.intersection(words):
                mask |= word_masks[w]
            masks[i] = mask
    non_ascii = [] if joined.text.isascii() else [i for i, t in enumerate(texts) if not t.isascii()]
    for i in non_ascii:  # non-ASCII trigger words: only a non-ASCII text holds one
        t = texts[i]
        for w, bits in g.trigger_substrings:
            if w in t:
                masks[i] |= bits
    tm = g.test_masks  # Roman numerals, spelled ordinals and 'Squadron' are among the trigger words of NUM
    numbered = {joined.index_at(m.start()) for m in _SUFFIXED_ASCII.finditer(joined.text)}
    numbered.update(i for i in non_ascii if _SUFFIXED.search(texts[i]))  # digits other than 0-9
    for i in numbered:
        masks[i] |= tm["NUM"]
        if _NUMCAP.search(texts[i]):
            masks[i] |= tm["NUMCAP"]
    for test, w in (("ISTAS", "istas"), ("PAREN", "(")):
        for i in joined.holding(w):
            masks[i] |= tm[test]
    by_mask = g.by_mask
    out = []
    for mask in masks:
        rules = by_mask.get(mask)
        if rules is None:
            rules = by_mask[mask] = [r for i, r in enumerate(g.rules) if mask >> i & 1]
        out.append(rules)
    return out


_POSSESSIVE = ("", "'s", "’s", "'", "’")  # "Army's", "Forces'"


def _masks(rules: list[Rule], ordinals: dict[str, int]) -> dict[str, Any]:
    """Trigger words (and their possessives), each mapped to a bit mask of the rules it triggers, so a
    sentence's rules come from a few replaces of punctuation by spaces, one split, one set intersection and
    a few ORs."""
    word_bits: dict[str, int] = {}
    test_bits = {t: 0 for t in _TESTS}
    for i, r in enumerate(rules):
        for w in r.words:
            word_bits[w] = word_bits.get(w, 0) | 1 << i
        for t in r.tests:
            test_bits[t] |= 1 << i
    caps = {w: b for w, b in word_bits.items() if w.isascii()}
    subs = tuple((w, b) for w, b in word_bits.items() if w not in caps)
    masks = {w + post: b for w, b in caps.items() for post in _POSSESSIVE}
    num = test_bits["NUM"]  # numbers a whitespace split sees whole: 'XXX', 'Third', and 'No. 303 Squadron'
    for w in (*_ROMANS, *ordinals):
        masks[w] = masks.get(w, 0) | num
    for w in ("Squadron", "Flotilla", "Group", "Wing"):
        masks[w] = masks.get(w, 0) | num
    return {"trigger_masks": masks, "trigger_keys": frozenset(masks),
            "trigger_substrings": subs,
            "test_masks": test_bits, "by_mask": {}}


def load_grammar(d: dict[str, Any], strict: bool = True) -> Grammar:
    """Build the grammar from resource data, checking every rule; GrammarError names the faulty rule. With
    `strict=False` the patterns compile (and are checked) on first use."""
    macros = _macros(d)
    rules = []
    for i, r in enumerate(d.get("rules", [])):
        name = r.get("name") or f"rule #{i}"
        if r.get("handler") not in HANDLERS:
            raise GrammarError(f"units.json rule {name!r}: unknown handler {r.get('handler')!r} "
                               f"(known: {', '.join(sorted(HANDLERS))})")
        if not r.get("examples"):
            raise GrammarError(f"units.json rule {name!r}: no examples")
        words, tests = _triggers(r.get("triggers", []), d, name)
        rule = Rule(name, r["handler"], _expand(r["pattern"], macros, f"rule {name!r}"), words, tests, r["examples"])
        if strict:
            rule.rx  # noqa: B018 - compile and check now
        rules.append(rule)
    sides: dict[str, str | None] = dict(d["demonyms"])
    sides.update({v: v for v in d["demonyms"].values()})
    sides.update(d.get("side_words", {}))
    return Grammar(
        rules=rules, echelons=d["echelons"], plurals=d["plurals"], qualifiers=frozenset(d["qualifiers"]),
        services=d["services"], service_country=d["service_country"],
        needs_country=frozenset(d.get("services_need_country", ())), demonyms=d["demonyms"], sides=sides,
        countries=frozenset(v for v in sides.values() if v) | {"Russian Federation"},
        states=frozenset(d["demonyms"].values()) | frozenset(k for k, v in d.get("side_words", {}).items()
                                                          if v and k == v and k not in d["demonyms"]
                                                          and " " in k) - {"Union", "Confederacy"},
        stop_names=frozenset(d["stop_names"]), ordinals=d["ordinals"], type_first=d["type_first"],
        troop_nouns=d["troop_nouns"], implied=d["implied_echelon"], regions=frozenset(d["regional_names"]),
        ranks=frozenset(d["ranks"]), not_heads={k: frozenset(v) for k, v in d["not_unit_heads_for"].items()},
        colours=d.get("faction_colours", {}), name_country=d.get("name_word_country", {}),
        letters_only=frozenset(d.get("type_first_letters_only", ())), name_possessives=frozenset(d["name_possessives"]),
        not_armed=frozenset(d["not_armed_groups"]), num_item=recompile(macros["NUM"]),
        **_masks(rules, d["ordinals"]),
        side_first=frozenset(k.split()[0] for k in sides if " " in k), data=d)


@cache
def grammar() -> Grammar:
    """The grammar of resources/units.json: every rule checked when the resource loads (once per version
    of the file on this machine, resources.checked_once); each pattern compiles on first use."""
    from kyivcli.resources import checked_once

    data = resource("units")
    checked_once("units", data, lambda: load_grammar(data, strict=True))
    return load_grammar(data, strict=False)


# ---------------------------------------------------------------- shared helpers


@dataclass
class _Ctx:
    s: Sentence
    g: Grammar
    text: str
    taken: list[tuple[int, int]]


def _echelon(word: str, g: Grammar) -> str:
    w = " ".join(word.lower().split())
    return g.plurals.get(w, w)


def _title(echelon: str) -> str:
    return " ".join(w.capitalize() for w in echelon.split())


def _valid_number(n: str, g: Grammar) -> bool:
    n = n.replace("No.", "").strip()
    if n[0].isdigit() or n in g.ordinals:
        return True
    return bool(_ROMAN.fullmatch(n))


def _num_value(n: str, g: Grammar) -> str:
    """The number a unit is known by, whatever the spelling: '2nd', 'Second' and 'II' are all '2'."""
    n = n.replace("No.", "").strip()
    if n in g.ordinals:
        return str(g.ordinals[n])
    digits = re.match(r"\d+", n)
    if digits:
        return digits.group(0)
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(n, n[1:] + " ", strict=True):
        v = vals.get(a, 0)
        total += -v if vals.get(b, 0) > v else v
    return str(total)


def _side_before(text: str, start: int, g: Grammar) -> tuple[str | None, int]:
    """A side word written just before a unit ("Russian 1st Guards Tank Army", "North Vietnamese 304th",
    "United States Seventh Fleet", "Russia's 35th"): the words and where they start."""
    if start < 2 or not text[start - 1].isspace():
        return None, start
    prev = text.rfind(" ", 0, start - 1) + 1  # side words are capitalised: most calls stop here
    if not (text[prev].isupper() or text[prev] in "\"“("):
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
        if g.is_side_word(word):
            if len(toks) > k and g.is_side_word(toks[-k - 1].group(0)) and not _POSS.search(toks[-k - 1].group(0)):
                # 'British Indian Army': two nationality words, one name
                return f"{toks[-k - 1].group(0)} {word}", toks[-k - 1].start()
            return word, a
    return None, start


def _split_side_prefix(words: list[str], g: Grammar) -> tuple[list[str], str | None]:
    """Leading side words of a name ('United States Pacific', 'Imperial Japanese'): the rest and the words."""
    for k in range(min(3, len(words)), 0, -1):
        w = " ".join(words[:k])
        if g.is_side_word(w):
            return words[k:], w
    return words, None


def _inner_side(words: list[str], g: Grammar) -> str | None:
    """A side word inside a name ('First Russian Pacific Squadron', 'Imperial Japanese Army')."""
    for i in range(len(words)):
        for k in (2, 1):
            w = " ".join(words[i:i + k])
            if len(words[i:i + k]) == k and g.is_side_word(w):
                return w
    return None


def _segment(words: list[str], g: Grammar) -> list[str]:
    """Words grouped into qualifiers where they form one ('Air Assault'), longest first."""
    out, i = [], 0
    while i < len(words):
        for k in (3, 2, 1):
            w = " ".join(words[i:i + k])
            if len(words[i:i + k]) == k and w in g.qualifiers:
                out.append(w)
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _quals(text: str, g: Grammar) -> tuple[str, ...]:
    """The qualifiers of a text, in the order written, each once ('Guards Air Assault': Guards, Air Assault)."""
    seen: list[str] = []
    for w in _segment(text.split(), g):
        if w in g.qualifiers and w not in seen:
            seen.append(w)
    return tuple(seen)


def _peel_quals(name: str, g: Grammar) -> tuple[str, str]:
    """'Kwantung Tank' → ('Kwantung', 'Tank'): qualifiers at the end of a name, leaving it one word at least."""
    parts = _segment(name.split(), g)
    k = len(parts)
    while k > 1 and parts[k - 1] in g.qualifiers:
        k -= 1
    return " ".join(parts[:k]), " ".join(parts[k:])


def _bad_name_word(w: str, g: Grammar) -> bool:
    return w in g.stop_names or w in _MONTHS or w in g.ranks


def _possessive_split(words: list[str], keep: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """'Kolchak's White' → (['Kolchak's'], ['White']); no possessive → ([], words). Possessives that are
    part of names ("People's") stay."""
    for i in range(len(words) - 1, -1, -1):
        if words[i].endswith(("'s", "’s", "s'", "s’")) and words[i] not in keep:
            return words[: i + 1], words[i + 1:]
    return [], words


def _mention(ctx: _Ctx, a: int, b: int, **kw: Any) -> UnitMention:
    return UnitMention(ctx.text[a:b], ctx.s, a, b, **kw)


def _with_side(ctx: _Ctx, start: int, kw: dict[str, Any]) -> int:
    """Look for a side word before `start`; record it on kw; return where the mention starts."""
    word, a = _side_before(ctx.text, start, ctx.g)
    if word:
        kw["side"] = ctx.g.side_of(word) or ctx.g.side_of(word.split()[-1])
        kw["side_rule"] = "possessive" if _POSS.search(word) else "modifier"
        return a
    return start


# ---------------------------------------------------------------- handlers


@handler("designated")
def _designated(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    typ = " ".join(m.group("type").split())
    ech = g.type_first[typ]
    singular = typ[:-1] if typ.endswith("s") and typ[:-1] in g.type_first else typ
    if singular in g.letters_only:  # 'Force K', not 'Air Force One': no capitalised word before
        before = ctx.text[: m.start()].split()
        if before and before[-1][:1].isupper() and not before[-1].startswith(('"', "“")):
            return None
    out = []
    kw: dict[str, Any] = {}
    start = _with_side(ctx, m.start(), kw)
    end = m.start("des")
    for d in re.finditer(r"[A-Z][^\W\d_]{2,}(?:\s+[A-Z][^\W\d_]{2,})?|[A-Z]|\d{1,4}|[IVX]{1,5}", m.group("des")):
        des = d.group(0)
        words = des.split()
        if any(_bad_name_word(w, g) or w in g.ranks for w in words) or any(des.startswith(t) for t in g.type_first):
            break
        if singular in g.letters_only and not re.fullmatch(r"[A-Z]|\d{1,4}", des):
            break  # 'Force K', 'Company E'; not 'Company Limited'
        if typ == "Luftflotte" and not des.isdigit():
            break
        a = m.start("des") + d.start()
        end = m.start("des") + d.end()
        out.append(_mention(ctx, a if out else start, end, tier="formation", echelon=ech,
                            proper=f"{singular} {des}", formal=f"{singular} {des}", rule="designated", **kw))
    if not out:
        return None
    if len(out) == 1:
        out[0].text, out[0].end = ctx.text[start:end], end
    return out


@handler("army_of")
def _army_of(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    name = m.group("name").split()
    if _bad_name_word(name[0], g) or name[0] in g.ranks:
        return None
    ech = _echelon(m.group("ech"), g)
    if ech in ("department", "district") and (g.not_heads.get(ech, frozenset()) & set(name) or m.group("pre").strip()):
        return None  # 'Department of Defense', 'District of Columbia'; a military department stands alone
    pre = m.group("pre").split()
    poss, pre = _possessive_split(pre)
    while pre and (_bad_name_word(pre[0], g) or pre[0].lower() in ("the", "a", "an")):
        pre = pre[1:]
    pre, side_word = _split_side_prefix(pre, g) if pre else (pre, None)
    kw: dict[str, Any] = {}
    if side_word:
        kw.update(side=g.side_of(side_word), side_rule="modifier")
    elif poss and g.is_side_word(poss[-1]):
        kw.update(side=g.side_of(poss[-1]), side_rule="possessive")
    else:  # 'Army of the Republic of Vietnam': the army of a state named in full is that state's
        state = " ".join(ctx.text[m.start("name"):m.end("name2" if m.group("join") == "of" else "name")].split())
        state = state.rstrip(".")
        if " " in state and g.sides.get(state):
            kw.update(side=g.sides[state], side_rule="name")
    if any(_bad_name_word(w, g) or g.is_side_word(w) for w in pre):
        pre = pre[[i for i, w in enumerate(pre) if _bad_name_word(w, g) or g.is_side_word(w)][-1] + 1:]
    core_start = m.start("ech")
    if pre:
        core_start = ctx.text.rindex(pre[0], m.start(), m.start("ech"))
    start = core_start
    if side_word:
        start = ctx.text.rindex(side_word.split()[0], m.start(), core_start)
    end = m.end()
    while ctx.text[end - 1] == "." and not re.search(r"\.\w+\.$|\b\w\.$", ctx.text[:end]):
        end -= 1  # 'Army of Northern Virginia.' ends a sentence
    if m.group("join") == "and" and (ech not in ("department", "district")
                                     or m.group("name2").split()[0].lower() in g.echelons
                                     or m.group("name2").split()[0] in ("Department", "District", "Armies")):
        end = m.end("name")  # 'the Army of the Potomac and the Army of ...': two units
        while ctx.text[end - 1] == ".":
            end -= 1
    formal = " ".join(ctx.text[core_start:end].split())
    return [_mention(ctx, start, end, tier="formation", echelon=ech, proper=formal, formal=formal,
                     rule="army_of", **kw)]


def _mid_words(mid: str, g: Grammar) -> tuple[list[str], str | None] | None:
    """The words between number and echelon: qualifiers, proper words, a side word; None if one can't be."""
    toks = mid.split()
    words: list[str] = []
    side = None
    i = 0
    while i < len(toks):
        for k in (3, 2, 1):
            w = " ".join(toks[i:i + k])
            if len(toks[i:i + k]) == k and w in g.qualifiers:
                words.append(w)
                i += k
                break
        else:
            w = toks[i]
            for k in (2, 1):
                sw = " ".join(toks[i:i + k])
                if len(toks[i:i + k]) == k and g.is_side_word(sw):
                    side = sw
                    words.append(sw)
                    i += k
                    break
            else:
                if _bad_name_word(w, g) or w.endswith(("'s", "’s")) or w[-1] in ",;:" or w in g.ordinals:
                    return None
                words.append(w)
                i += 1
    return words, side


@handler("numbered")
def _numbered(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    raw_ech = m.group("ech")
    ech = _echelon(raw_ech, g)
    before = ctx.text[: m.start()].split()
    if before and before[-1].rstrip(",") in _MONTHS:  # 'On March 20th Marines landed'
        return None
    nums = [n.group(0) for n in g.num_item.finditer(m.group("nums") + " ")]
    nums = [n for n in nums if _valid_number(n, g)]
    if not nums:
        return None
    spelled = any(n in g.ordinals for n in nums)
    if not raw_ech[0].isupper() and (spelled or ech not in ("army", "division", "brigade", "regiment", "corps")):
        return None
    if spelled and ech == "front":
        return None
    mid = _mid_words(m.group("mid"), g)
    if mid is None:
        return None
    words, inner_side = mid
    tail = ""
    end = m.end("ech")
    if m.group("tail"):  # '43rd Battalion Virginia Cavalry': a region and an arm after the echelon
        tw = m.group("tail").split()
        for k in (2, 1):
            arm = tw[k].rstrip(".,;:") if len(tw) > k else ""
            if " ".join(tw[:k]) in g.regions and arm in g.qualifiers:
                tail = " " + " ".join([*tw[:k], arm])
                end = ctx.text.index(arm, m.start("tail")) + len(arm)
                break
    kw: dict[str, Any] = {}
    pre = "New " if ctx.text.endswith("New ", 0, m.start()) else ""  # 'New Fourth Army'
    first = m.start() - 4 if pre else m.start("nums")
    start = _with_side(ctx, first, kw)
    if inner_side and "side" not in kw:
        kw.update(side=g.side_of(inner_side), side_rule="modifier")
    quals = tuple(w for w in words if w != inner_side) + (("New",) if pre else ()) + ((tail.strip(),) if tail else ())
    echelon_title = _title(ech) if raw_ech[0].isupper() or len(nums) > 1 else _title(ech)
    out = []
    for n in nums:
        formal = " ".join([pre.strip(), n, *words, echelon_title]).strip() + tail
        a, b = (start, end) if len(nums) == 1 else (m.start("nums") + m.group("nums").find(n), end)
        written = ctx.text[a:b] if len(nums) == 1 else " ".join([n, *words, raw_ech])
        mm = UnitMention(written, ctx.s, a, b, tier="formation", number=_num_value(n, g), qualifiers=quals,
                         echelon=ech, formal=formal, rule="numbered", **kw)
        out.append(mm)
    return out


@handler("implied")
def _implied(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    before = ctx.text[: m.start()].split()
    if before and before[-1].rstrip(",") in _MONTHS:
        return None
    nums = [n.group(0) for n in g.num_item.finditer(m.group("nums") + " ")]
    nums = [n for n in nums if n[0].isdigit()]
    if not nums:
        return None
    words = m.group("words").split()
    words[-1] = words[-1].rstrip(".,;:")
    ech = None
    for k in (2, 1):  # a region first: '20th Maine', '20th Maine Infantry'
        if " ".join(words[:k]) in g.regions:
            ech = "regiment"
            if len(words) > k and " ".join(words[k:]) not in g.qualifiers:
                words = words[:k]
            break
    if ech is None:
        joined = " ".join(words)
        if joined in g.implied:
            ech = g.implied[joined]
        elif words[-1] in g.implied and all(w in g.qualifiers for w in words):
            ech = g.implied[words[-1]]
        elif words[-1] in g.troop_nouns and (len(words) == 1 or words[0] in g.qualifiers):
            ech = "regiment"
        else:
            return None
    kw: dict[str, Any] = {}
    start = _with_side(ctx, m.start(), kw)
    end = m.start("words") + len(" ".join(words)) if len(words) < len(m.group("words").split()) else m.end()
    out = []
    for n in nums:
        formal = " ".join([n, *words])
        a = start if len(nums) == 1 else m.start("nums") + m.group("nums").find(n)
        written = ctx.text[a:end] if len(nums) == 1 else formal
        out.append(UnitMention(written, ctx.s, a, end, tier="formation", number=_num_value(n, g),
                               qualifiers=tuple(words), echelon=ech, formal=formal, implied=True,
                               rule="implied", **kw))
    return out


@handler("service")
def _service(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    svc = " ".join(m.group("svc").split())
    of = None
    if m.group("of"):
        fit = fit_listed(m.string, *m.span("of"), g.countries, shed_end=True)
        if fit:
            of = (" ".join(m.string[fit[0]:fit[1]].split()), fit[1])
    end = of[1] if of else m.end("svc")
    kw: dict[str, Any] = {}
    start = _with_side(ctx, m.start(), kw)
    if svc in g.needs_country and "side" not in kw and of is None:
        return None
    if of:
        kw.setdefault("side", g.side_of(of[0]))
        kw.setdefault("side_rule", "modifier")
    country = (g.side_of(of[0]) if of else None) or kw.get("side") or g.service_country.get(svc)
    if "side" not in kw and svc in g.service_country:
        kw.update(side=g.service_country[svc], side_rule="service")
    return [_mention(ctx, start, end, tier="service", service=g.services[svc], country=country, rule="service", **kw)]


def _named_core(ctx: _Ctx, name_start: int, name: str, tail_text: str, kind: str
                ) -> tuple[int, str, dict[str, Any], list[str]] | None:
    """Shared by named/troops/elite: drop leading function words, a commander's possessive (kept only when
    nothing else names the unit: "Johnson's Division"), side words (kept only when the rest is generic)."""
    g = ctx.g
    words = name.split()
    while words and words[0] in g.stop_names and not g.is_side_word(" ".join(words[:2])):
        words = words[1:]  # (but "New Zealand Division" keeps its "New")
    if not words:
        return None
    poss, rest = _possessive_split(words, g.name_possessives)
    kw: dict[str, Any] = {}
    if poss and rest:
        two = " ".join(poss[-2:])  # "the French Union's …": France's, not the Union of the Civil War
        owner = two if len(poss) >= 2 and g.is_side_word(two) else poss[-1]
        if g.is_side_word(owner):
            kw.update(side=g.side_of(owner), side_rule="possessive", side_words=" ".join([owner, *rest]))
        words = rest
    elif poss and not rest:
        if g.is_side_word(poss[-1]) or any(w in g.ranks for w in poss[:-1]) and len(poss) == 1:
            return None
    core, side_word = _split_side_prefix(words, g)
    if side_word:
        kw.update(side=g.side_of(side_word), side_rule="modifier")
        if side_word in g.states and core:  # 'Vietnam People's Army', 'United States Pacific Fleet': part of the name
            core = words
    named = core[len(side_word.split()):] if side_word and core is words else core  # ("New" of "New Zealand")
    if any(_bad_name_word(w, g) for w in named):
        return None
    generic = all(w in g.qualifiers or w.lower() in g.echelons for w in core)
    if not core or generic:
        core = words  # 'Czechoslovak Army Corps', 'Persian Immortals': the side word is what names it
        if kind != "keep-side" and not core:
            return None
    else:
        inner = _inner_side(core, g)
        if inner and "side" not in kw:
            kw.update(side=g.side_of(inner), side_rule="name")
    formal = " ".join([*core, tail_text]).strip()
    a = ctx.text.index(core[0], name_start)
    start = a
    if side_word and core is not words:
        start = ctx.text.rindex(side_word.split()[0], name_start, a)
    return start if not side_word else min(start, ctx.text.index(side_word.split()[0], name_start)), formal, kw, core


@handler("named")
def _named(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    ech = _echelon(m.group("ech"), g)
    if ech in ("army", "corps") and re.match(r"\s+of\s", ctx.text[m.end():m.end() + 5]):
        return None  # 'Army of X' is the army_of rule's
    if ech == "marines":
        return None  # 'U.S. Marines' is a service: the troops rule's
    org = _ORG_AFTER.match(ctx.text, m.end())
    if org:  # 'Secret Army Organization (OAS)': an armed organisation, its own side (by its abbreviation)
        words = [w for w in m.group("name").split() if w not in g.stop_names]
        if not words or any(g.is_side_word(w) or _bad_name_word(w, g) for w in words):
            return []
        a = ctx.text.index(words[0], m.start())
        name = " ".join([*words, *m.group("ech").split(), org.group(1)])
        ab = _ABBR.match(ctx.text, org.end()) or _ABBR_IN_GLOSS.match(ctx.text, org.end())
        out = _mention(ctx, a, org.end(), tier="formation", echelon="group", proper=name, formal=name,
                       side=ab.group(1) if ab else name, side_rule="self", rule="named")
        out.abbreviation = ab.group(1) if ab else None
        return [out]
    name_text, quals_text = _peel_quals(m.group("name"), g)
    tail = " ".join([*quals_text.split(), *m.group("ech").split()])
    poss, rest = _possessive_split(name_text.split(), g.name_possessives)
    if poss and (rest or quals_text) and all(w in g.qualifiers for w in _segment(rest, g)):
        # "CIA's Special Activities Division", "Iran's Revolutionary Guard Corps": the owner is not part of it
        owner = poss[-1]
        name = " ".join([*rest, tail])
        kw: dict[str, Any] = {}
        if g.is_side_word(owner):
            kw.update(side=g.side_of(owner), side_rule="possessive", side_words=f"{owner} {name}")
        a = m.start("name") + m.group("name").index(owner) + len(owner) + 1
        return [_mention(ctx, a, m.end(), tier="formation", echelon=ech, proper=name,
                         qualifiers=_quals(name, g), formal=name, rule="named", **kw)]
    res = _named_core(ctx, m.start("name"), name_text, tail, "named")
    if res is None:
        return None
    start, formal, kw, core = res
    if g.not_heads.get(ech, frozenset()) & set(core):
        return []  # 'Iraq Study Group': not a unit, and neither is 'Study Group'
    if formal in g.services:
        return None  # 'Red Army' is the service rule's
    proper_words = [w for w in core if w not in g.qualifiers and not g.is_side_word(w)]
    if not proper_words and not quals_text:
        if ech in ("expeditionary force", "army corps") and len(core) <= 2:
            pass  # 'American Expeditionary Force': the side word is the name
        elif len(core) == 1 and ech in ("battalion", "company", "detachment", "legion") and m.group("ech")[0].isupper():
            kw = {}  # 'Sparta Battalion', 'Georgian Legion': a name, which says nothing of the side
        elif ech not in ("army", "fleet", "legion", "garrison") or len(core) != 1 or g.is_side_word(core[0]):
            return None
    quals = _quals(quals_text, g)
    return [_mention(ctx, start, m.end(), tier="formation", echelon=ech, proper=" ".join(core),
                     qualifiers=quals, formal=formal, rule="named", **kw)]


@handler("troops")
def _troops(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    noun = m.group("noun")
    kind = g.troop_nouns[noun]
    res = _named_core(ctx, m.start("name"), m.group("name"), noun, "keep-side")
    if res is None:
        return None
    start, formal, kw, core = res
    if all(g.is_side_word(w) or w in g.qualifiers for w in core) or not core:
        if kind != "service":
            return None
        return [_mention(ctx, start, m.end(), tier="service", service=noun.lower(), country=kw.get("side"),
                         formal=formal, rule="troops", **kw)]
    if any(w in g.ranks for w in core):
        return None
    return [_mention(ctx, start, m.end(), tier="formation", echelon="other", proper=" ".join(core),
                     formal=formal, rule="troops", **kw)]


@handler("fighters")
def _fighters(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    if ctx.text[m.start() - 1:m.start()] == "-" or "-" in m.group("name").split()[-1]:
        return None  # 'pro-Independence fighters', 'Communist-led partisans'
    words = m.group("name").split()
    while words and (words[0] in g.stop_names or words[0] in g.not_armed):
        words = words[1:]
    if not words or any(w in g.not_armed or _bad_name_word(w, g) for w in words):
        return None
    name = " ".join(words)
    if g.is_side_word(name) or all(g.is_side_word(w) for w in words):
        return None
    a = m.start("name") + m.group("name").index(words[0])
    if len(words) == 1 and not words[0].isupper() and not words[0].startswith("al-") and \
            not ctx.text[:a].strip():
        return None  # a capitalised word opening the sentence is not yet a name
    inner = _inner_side(words, g)
    side, rule = (g.side_of(inner), "name") if inner else (name, "self")
    return [_mention(ctx, a, m.end("name"), tier="formation", echelon="group", proper=name, formal=name,
                     side=side, side_rule=rule, rule="fighters")]


@handler("free_faction")
def _free_faction(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    g = ctx.g
    dem = m.group("dem")
    country = g.demonyms.get(dem)
    if not country or dem == country:  # a demonym, not a country name
        return None
    name = f"Free {dem}"
    return [_mention(ctx, m.start(), m.end(), tier="service", service=name.lower(), country=f"Free {country}",
                     formal=name, side=f"Free {country}", side_rule="name", rule="free_faction")]


@handler("elite")
def _elite(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    res = _named_core(ctx, m.start("name"), m.group("name"), "", "keep-side")
    if res is None:
        return None
    start, formal, kw, core = res
    if not formal or ctx.g.is_side_word(formal):
        return None
    return [_mention(ctx, start, m.end(), tier="formation", echelon="other", proper=formal, formal=formal,
                     rule="elite", **kw)]


@handler("apposition")
def _apposition(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    name = m.group("name")
    if any(_bad_name_word(w, ctx.g) for w in name.split()) or ctx.g.is_side_word(name):
        return None
    return [_mention(ctx, m.start("name"), m.end("name"), tier="formation", echelon="other", proper=name,
                     formal=name, rule="apposition")]


@handler("faction")
def _faction(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    name = m.group("name")
    return [_mention(ctx, m.start("name"), m.end("name"), tier="formation", echelon="group", proper=name,
                     formal=name, side=name, side_rule="self", rule="faction")]


@handler("short")
def _short(m: re.Match[str], ctx: _Ctx) -> list[UnitMention] | None:
    kw: dict[str, Any] = {}
    start = _with_side(ctx, m.start(), kw)
    return [_mention(ctx, start, m.end(), tier="formation", number=_num_value(m.group("nums"), ctx.g),
                     qualifiers=("Guards",), short=True, formal=m.group(0), rule="short", **kw)]


# ---------------------------------------------------------------- the engine


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


_ABBREV_END = recompile(r"(?:\b\w\.)+$|\.\w+\.$|\b(?:No|Co|Jr|Sr|St|Gen|Col|Lt|Maj)\.$")


def _trim_stop(m: UnitMention) -> None:
    """A sentence's full stop is not part of a name ('the elite Persian Immortals.'); 'U.S.' keeps its dots."""
    if m.text.endswith(".") and not _ABBREV_END.search(m.text):
        m.text, m.end = m.text[:-1], m.end - 1
        if m.formal and m.formal.endswith("."):
            m.formal = m.formal[:-1]
        if m.proper and m.proper.endswith("."):
            m.proper = m.proper[:-1]


def find_mentions(s: Sentence, rules: list[Rule] | None = None) -> list[UnitMention]:
    """Unit mentions in one sentence, in text order; coordinated numbers become separate mentions. `rules`:
    the sentence's `active_rules` when the caller has them."""
    g = grammar()
    text = s.text
    ctx = _Ctx(s, g, text, [])
    out: list[UnitMention] = []
    for rule in _active_rules(text, g) if rules is None else rules:
        fn = HANDLERS[rule.handler]
        pos = 0
        while (m := rule.rx.search(text, pos)) is not None:
            found = fn(m, ctx)
            if found == []:  # the handler read the whole match and found no unit in it ('Iraq Study Group')
                pos = m.end()
                continue
            for x in found or ():
                _trim_stop(x)
            span = (min(x.start for x in found), max(x.end for x in found)) if found else None
            if span is not None and not _overlaps(span, ctx.taken):
                out.extend(found)
                ctx.taken.append(span)
                pos = max(span[1], m.start() + 1)
                continue
            # a lazy name that failed its checks ('The Japanese Kwantung Army' read from 'The') is read
            # again from the next word
            nxt = text.find(" ", m.start() + 1)
            pos = m.end() if nxt < 0 or nxt >= m.end() else nxt + 1
    out.sort(key=lambda u: u.start)
    _link_parents_and_abbreviations(text, out, g)
    return out


_WING_OF = recompile(r"\s*(?:\([^)]{1,12}\))?\s*,\s*(?:the|a|an|its)\s+(?:[\w-]+\s+){0,3}"
                      r"(?:wing|arm|branch|part|component|element|formation|unit)\s+of\s+(?:the\s+)?")
_ABBR_IN_GLOSS = recompile(r"\s*,\s*([A-Z][A-Z0-9]{1,7})\)")  # '(Secret Army Organization, OAS)'
_ORG_AFTER = recompile(r"\s+(Organi[sz]ation)\b")
_ABBR = recompile(r"\s*\(([A-Z][A-Za-z0-9-]{1,7})\)")


def link_parents(text: str, mentions: list[UnitMention]) -> None:
    """Parents and abbreviations among one sentence's mentions (in text order)."""
    _link_parents_and_abbreviations(text, mentions, grammar())


def _link_parents_and_abbreviations(text: str, mentions: list[UnitMention], g: Grammar) -> None:
    for i, m in enumerate(mentions):
        ab = _ABBR.match(text, m.end)
        if ab and sum(c.isupper() for c in ab.group(1)) >= 2 and not m.abbreviation:
            m.abbreviation = ab.group(1)
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt and _WING_OF.fullmatch(text, m.end, nxt.start):  # 'the ALN, the military wing of the FLN'
            m.parent_mention = nxt
            continue
        if nxt and re.fullmatch(r"['’]?s?\s+(?:of|from)\s+(?:the\s+)?", text[m.end:nxt.start]) is not None:
            if m.echelon and (nxt.tier == "service" or nxt.echelon and
                              g.echelons.get(nxt.echelon, 0) > g.echelons.get(m.echelon, 0)):
                for sib in mentions[: i + 1]:  # every coordinated sibling ending here shares the parent
                    if sib.end == m.end:
                        sib.parent_mention = nxt
