"""Names the article uses for people: never places, even where a town bears the name.

Evidence, all read from the article itself (no list of people):
- a title or rank right before the name ("General Lee", "Rear-Admiral Kolchak", "President Lincoln");
- initials before a surname ("Ulysses S. Grant", "J.E.B. Stuart"), or a particle ("Christian de Castries");
- a possessive commander ("Lee's army", "Sherman's capture of Atlanta");
- the subject of a verb of speech or command ("Lee said", "Grant ordered"), or the antecedent of
  "who" ("…to Sherman, who…", "Sherman, whose army…");
- a full name whose surname the article also writes alone ("Pancho Villa" … "Villa"), or a first
  word that can only be a given name (not sentence-initial, not a place prefix, not a word the article
  writes in lower case).
A capitalised word that only opens a sentence ("Considering Tunisia's…", "Overall Edmonton received")
is not a given name, so it never makes the name after it a surname.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from kyivcli.extract.places.typed import WORD_TAIL, cached_compile

_CAPWORD = rf"[A-Z\u00C0-\u00DE\u0400-\u042F]{WORD_TAIL}"
# the same word, not after a word character or a full stop: the check comes after the capital ("(?<![\w.].)"
# looks at the two characters ending with it), so the pattern opens with a character class the engine can
# skip to, instead of trying a lookbehind at every position of the article
_CAPWORD_ALONE = rf"[A-Z\u00C0-\u00DE\u0400-\u042F](?<![\w.].){WORD_TAIL}"
# the same, atomic, for a word white space must follow: a word cut short ends before a word character, never
# before white space, so the engine need not give letters back one by one at every capital (~40 % of the
# particle and speech patterns' cost)
_CAPWORD_BEFORE_SPACE = rf"[A-Z\u00C0-\u00DE\u0400-\u042F](?<![\w.].)(?>{WORD_TAIL})"

# words that open a place name: "Fort Sumter", "Mount Athos", "Ciudad Juárez" are not full names
PLACE_PREFIXES = frozenset({
    "Fort", "Mount", "Mt.", "Mt", "Cape", "Port", "Lake", "Monte", "Mont", "San", "Santa", "Santo", "São",
    "St.", "St", "Saint", "Sainte", "Ste.", "New", "Old", "Upper", "Lower", "Great", "Little", "Ciudad", "Colonia",
    "Villa", "Camp", "Point", "Puerto", "Porto", "Bay", "Gulf", "Isle", "Isla", "Ile", "Île", "Los", "Las", "La",
    "Le", "El", "Al", "Bad", "Nueva", "Nuevo", "Novo", "Nova", "Nizhny", "Bolshaya", "Staraya", "Staro", "Novaya",
    "Kafr", "Tell", "Tel", "Ras", "Wadi", "Jebel", "Djebel", "Big", "North", "South", "East", "West", "Central",
    "Northern", "Southern", "Eastern", "Western", "Inner", "Outer", "Middle", "High", "Grand", "Gran",
})

# words that end a place's name ("Sadr City", "Cemetery Ridge"): never a family name
PLACE_HEADS = frozenset({
    "City", "Town", "Village", "Island", "Islands", "River", "Sea", "Lake", "Bay", "Gulf", "Strait", "Straits",
    "Mountains", "Mountain", "Hills", "Hill", "Valley", "Heights", "Ridge", "Province", "Region", "District",
    "County", "State", "Oblast", "Raion", "Park", "Square", "Street", "Road", "Bridge", "Palace", "Castle", "Fort",
    "Harbor", "Harbour", "Port", "Beach", "Point", "Cape", "Creek", "Run", "Gap", "Pass", "Forest", "Desert",
    "Plain", "Plains", "Delta", "Peninsula", "Canal", "Line", "Wall", "Airport", "Base", "Station", "Zone",
    "Territory", "Republic", "Kingdom", "Empire", "Front", "Coast", "Highlands", "Lowlands", "Basin", "Sound",
    "Channel", "Atoll", "Isthmus", "Falls", "Springs", "Crossing", "Junction", "Landing", "Ford", "Court House",
    "House", "Place", "Hundred", "Church", "Mosque", "Temple", "Citadel", "Trail", "Corridor", "Triangle",
})

# verbs (and verb phrases) whose subject is a person: "Lee said", "Grant ordered", "Kolchak was captured"
_SPEECH = frozenset((
    "said says wrote writes ordered orders commanded argued argues told declared replied resigned believed "
    "suggest suggests suggested noted notes estimated estimates reported thought thinks wanted hoped feared "
    "decided promised announced insisted refused recalled admitted claimed urged proclaimed died").split()) | {
    "assumed command", "took command", "was appointed", "was killed", "was wounded", "was captured",
    "was executed", "was assassinated", "was born"}
# what a person has: "Lee's army", "Sherman's capture of Atlanta"
_POSSESSED = frozenset((
    "army armies forces troops men corps cavalry command headquarters staff order orders plan plans death division "
    "divisions brigade brigades fleet flagship capture attack assault offensive retreat surrender victory defeat "
    "campaign memoirs wife son daughter father mother brother successor predecessor lieutenant lieutenants "
    "generals officers supporters followers rule reign presidency administration cabinet assassination "
    "dictatorship rebellion revolt movement").split())
_ADVERBS = frozenset("then also later soon himself quickly now".split())
_POSSESSIVE_ADJECTIVES = frozenset("own new main remaining personal final whole entire".split())


class People:
    """Names the article uses for people (a plain class: a dataclass costs ~2M instructions to build at start)."""

    __slots__ = ("surnames", "full", "given", "named")

    def __init__(self, surnames: set[str] | None = None, full: set[str] | None = None,
                 given: set[str] | None = None) -> None:
        self.surnames: set[str] = set() if surnames is None else surnames  # single words used for people
        self.full: set[str] = set() if full is None else full  # whole names ("Pancho Villa")
        self.given: set[str] = set() if given is None else given  # their first names ("François" in "François Brigneau")
        self.named: set[str] = set()  # words the article writes after a given name ("Washington" in "George Washington")

    def is_person(self, name: str) -> bool:
        return name in self.surnames or name in self.full


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Short patterns; the word lists are checked in code (an alternation of a hundred words costs
    milliseconds to compile in every process)."""
    # "(?<![\w.])(?:{_CAPWORD}\s+)?(?:[A-Z]\.\s?){1,3}\s*({_CAPWORD})", opening with the capital both
    # branches start with (as _CAPWORD_ALONE does), so the engine skips to capitals
    # (the word before the initials is atomic: white space cannot end inside it, so giving letters back never
    # helps, and the engine no longer tries to at every capital)
    initials = cached_compile(rf"[A-Z\u00C0-\u00DE\u0400-\u042F](?<![\w.].)(?:(?>{WORD_TAIL})\s+(?:[A-Z]\.\s?){{1,3}}|"
                              rf"(?<=[A-Z])\.\s?(?:[A-Z]\.\s?){{0,2}})\s*({_CAPWORD})")
    possessive = cached_compile(rf"({_CAPWORD_ALONE})['’]s\s+([a-z]+)(?:\s+([a-z]+))?")
    relative = cached_compile(rf"({_CAPWORD_ALONE}),\s+(who|whom|whose)\b(?:\s+([a-z]+))?")
    particle = cached_compile(rf"({_CAPWORD_BEFORE_SPACE})\s+(?:(?:de|du|des|von|van|der|den|di|da|del|della|dos|das|ibn|bin|"
                          rf"y|le|la)\s+(?:(?:de|der|la|los|las)\s+)?|d['’])({_CAPWORD})")
    first = "|".join(sorted({w.split()[0] for w in _SPEECH} | _ADVERBS))  # ~50 words: cheap enough
    speech = cached_compile(rf"({_CAPWORD_BEFORE_SPACE})\s+({first})\b(?:\s+([a-z]+))?(?:\s+([a-z]+))?")
    return initials, possessive, speech, relative, particle


def _person_context(rx_name: str, m: re.Match[str]) -> bool:
    """Whether the words after the name say it is a person's (checked against the word lists)."""
    w1, w2 = m.group(2), m.group(3)
    if rx_name == "possessive":
        return w1 in _POSSESSED or (w1 in _POSSESSIVE_ADJECTIVES or w1.endswith("ed")) and w2 in _POSSESSED
    if rx_name == "relative":
        return w1 in ("who", "whom") or w2 in _POSSESSED
    if w1 in _ADVERBS:
        w1, w2 = w2, m.group(4)
    return w1 in _SPEECH or (w2 is not None and f"{w1} {w2}" in _SPEECH)


def _last_word(run: str) -> str:
    w = run.split()[-1]
    return re.sub(r"['’]s?$", "", w)


def _full_names(runs: Iterable[tuple[str, bool]], not_names: frozenset[str], common: set[str],
                is_place: Callable[[str], bool]) -> list[tuple[list[str], bool]]:
    """Runs of two to four words that read as a given name and a surname: the first word no place, prefix,
    common word or title, the last no place head."""
    out = []
    for run, at_start in runs:
        words = run.split()
        if not 2 <= len(words) <= 4:
            continue
        first, last = words[0], _last_word(words[-1])
        if (first in PLACE_PREFIXES or first in not_names or first.isupper() or first.lower() in common
                or first.endswith(("ing", "ly")) or is_place(first) or last in not_names or last in PLACE_HEADS):
            continue
        out.append((words, at_start))
    return out


def find_people(sentences: list[str], runs: Iterable[tuple[str, bool]], titled: Iterable[str],
                titles: frozenset[str], common: set[str], not_names: frozenset[str], is_place: Callable[[str], bool]
                ) -> People:
    """`runs`: capitalised runs (text, starts_sentence) not found whole in the gazetteer; `titled`: runs right
    after a title or an initial; `is_place(word)` says a word is a country, a state or a large city (then
    possessives and verbs do not make it a person)."""
    people = People()
    runs = list(runs)
    for run in titled:
        words = run.split()
        if not words or words[0].rstrip(".") in not_names or _last_word(run) in not_names:
            continue
        people.surnames.add(_last_word(run))
        if len(words) > 1:
            people.full.add(" ".join(words))
            if not is_place(words[0]):
                people.given.add(words[0])
    initials, possessive, speech, relative, particle = _patterns()
    joined = "\n".join(sentences)  # one pass of a pattern over the article (a line a sentence)
    for m in initials.finditer(joined):
        s = m.group(0)
        if s.startswith(("U.S.", "U.K.", "U.N.")) or "U.S." in s or "D.C." in s:
            continue
        w = m.group(1)
        if w not in not_names and not is_place(w):
            people.surnames.add(_last_word(w))
    for m in particle.finditer(joined):  # "Christian de Castries", "Charles de Gaulle": a family name
        first, w = m.group(1), _last_word(m.group(2))
        if first in titles:  # "General de Castries"
            people.surnames.add(w)
            continue
        if (first in PLACE_PREFIXES or first in not_names or first.lower() in common or is_place(first)
                or w in not_names or is_place(w) or is_place(" ".join(m.group(0).split()))):
            continue  # (not "Rio de Janeiro", a city)
        people.surnames.add(w)
        people.given.add(first)
    # a large town's name is a person's when the article also writes it after a given name ("George Washington
    # … Washington crossed the Delaware", "Stonewall Jackson … Jackson ordered"): then verbs may say so too;
    # otherwise "Washington said" is the government
    alone = {run.split()[0] for run, _ in runs if len(run.split()) == 1}
    named = people.named = {_last_word(w[-1]) for w, _ in _full_names(runs, not_names, common, alone.__contains__)
                            if len(w) == 2}  # (a first word the article never writes alone: a given name, even "George")
    # a possessive needs "'s" and a relative "who" in its sentence: only those sentences are read for them
    texts = {"possessive": [t for t in sentences if "'s" in t or "’s" in t], "speech": [joined],
             "relative": [t for t in sentences if "who" in t]}
    for rx_name, rx in (("possessive", possessive), ("speech", speech), ("relative", relative)):
        for text in texts[rx_name]:
            for m in rx.finditer(text):
                if not _person_context(rx_name, m):
                    continue
                w = _last_word(m.group(1))
                if w in not_names or is_place(w) and w not in named:
                    continue
                if (m.start(1) == 0 or text[m.start(1) - 1] == "\n") and w.lower() in common:
                    continue
                if rx_name == "speech" and re.search(r"\b(?:of|in|at|from|to|near|into|for|on)\s+$",
                                                      text[max(0, m.start(1) - 6):m.start(1)]):
                    continue  # "the officer in charge of Basra said": the subject is the officer
                people.surnames.add(w)
    for words, at_start in _full_names(runs, not_names, common, is_place):
        first, last = words[0], _last_word(words[-1])
        if last in alone and not is_place(last):  # "Pancho Villa" … "Villa": a person introduced in full
            people.full.add(" ".join(words))
            people.surnames.add(last)
            people.given.add(first)
        elif not at_start:  # a given name before an unknown word mid-sentence: "… under Joseph Hooker"
            people.surnames.add(last)
            people.given.add(first)
    return people
