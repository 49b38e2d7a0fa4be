"""The engine for typed-place patterns (resources/places.json "typed"): places the text itself types.

Macros: {NAME} is a run of capitalised words; {DEMONYM} and {COUNTRY} stand for word lists. A list is
not spelled into the regex (a few hundred alternatives cost milliseconds to compile in every process):
the pattern matches capitalised words there and the match is kept only if the words are on the list.
At the edge of a match a group may shed words to fit the list ("Oblast's Belarus–Ukraine border" is
the Belarus–Ukraine border; "Kyiv, United States Army" ends at "United States"). A pattern is compiled
the first time a sentence holds one of its `needs`; `not_followed_by` is checked where the match ends.
"""

from __future__ import annotations

import re
from typing import Any

from kyivcli.extract.wordlists import fit_listed


# -- compiled patterns kept between processes ------------------------------------------------------
def cached_compile(pattern: str) -> re.Pattern[str]:
    """re.compile(pattern), rebuilt from this machine's regex cache when it was compiled before (kyivcli.rx)."""
    from kyivcli.rx import compile as recompile

    return recompile(pattern)


# "[\w'’\-]*" written so that no class mixes \w with a character above U+00FF: such a class makes the
# compiler build a 64K bitmap (~0.1 ms a class, in every process); the two forms match the same strings
def _tail(chars: str, more: str = "*") -> str:
    """A word's letters after its first: `chars` repeated, with "’" between runs ("[\\w'’\\-]*", see above);
    `more` "*+" takes them possessively."""
    return rf"[{chars}]{more}(?:’[{chars}]{more})*" + ("+" if more.endswith("+") else "")


def _name(tail: str) -> str:
    # up to four capitalised words, the first of which may be "St.", "Ste.", "Ft." or "Mt." ("St. Louis County");
    # written so that the pattern opens with the capital, which the regex engine can skip to (an optional group
    # first makes it try every position)
    cap = rf"{UPPER}{tail}"
    return rf"{UPPER}(?:(?<=[SFM])te?\.\s+{cap}|{tail})(?:\s+{cap}){{0,3}}"


def _list_words(tail: str) -> str:  # up to three capitalised words (a hyphen ends one)
    return rf"[A-Z]{tail}(?:\s+[A-Z]{tail}){{0,2}}"


WORD_TAIL = _tail(r"\w'\-")
UPPER = r"[A-Z\u00C0-\u00DE\u0400-\u042F]"  # a capital: Latin (with the accented ones: "Åland", "Île"), Cyrillic
CAP = rf"{UPPER}{WORD_TAIL}"
NAME = _name(WORD_TAIL)
_LIST_WORDS = _list_words(_tail(r"\w'."))
# The same with each word's letters taken possessively ("*+": never given back one by one). Used where the
# pattern goes on with whitespace or a comma after the macro, or ends there: no character a word's letters
# hold can open what follows, so giving letters back never finds a match and only costs the engine a step per
# letter of every capitalised word it tries (the number of words is still given back: "Dnipro River" → "Dnipro").
NAME_ATOMIC = _name(_tail(r"\w'\-", "*+"))
_LIST_WORDS_ATOMIC = _list_words(_tail(r"\w'.", "*+"))
_ENDS_WORDS = r"\)*(?:\\s|,|$)"  # after a macro: whitespace, a comma or the pattern's end (past its groups)
# what the macros expand to, and where to the possessive form (part of the key of the built rules' cache)
MACROS = (NAME, _LIST_WORDS, NAME_ATOMIC, _LIST_WORDS_ATOMIC, _ENDS_WORDS)
_MACRO = re.compile(r"\{([A-Z]+)\}")
_LIST_GROUP = re.compile(r"\(\?P<(\w+)>\{([A-Z]+)\}\)")


class Hit:
    """A match with its word-list groups narrowed to the listed words; reads like re.Match."""

    def __init__(self, m: re.Match[str], spans: dict[str, tuple[int, int]]) -> None:
        self.m = m
        self.spans = spans
        start, end = m.span()
        for g, (a, b) in spans.items():  # a group at the match's edge may have shed words
            if m.start(g) == m.start():
                start = a
            if m.end(g) == m.end():
                end = b
        self.bounds = (start, end)

    def has(self, name: str) -> bool:
        return name in self.m.re.groupindex and self.span(name)[0] >= 0

    def span(self, name: str | None = None) -> tuple[int, int]:
        if name is None:
            return self.bounds
        return self.spans.get(name) or self.m.span(name)

    def start(self, name: str | None = None) -> int:
        return self.span(name)[0]

    def end(self, name: str | None = None) -> int:
        return self.span(name)[1]

    def group(self, name: str) -> str | None:
        if not self.has(name):
            return None
        a, b = self.span(name)
        return self.m.string[a:b]


class TypedRule:
    """One typed-place rule, compiled on first use (a plain class: see geoparse.PlaceItem)."""

    __slots__ = ("spec", "source", "lists", "needs", "_rx", "_after")

    def __init__(self, spec: dict[str, Any], source: str, lists: dict[str, str], needs: frozenset[str]) -> None:
        self.spec = spec
        self.source = source
        self.lists = lists  # group -> list name
        self.needs = needs
        self._rx: re.Pattern[str] | None = None
        self._after: re.Pattern[str] | None = None

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = cached_compile(self.source)
            if "not_followed_by" in self.spec:
                self._after = cached_compile(self.spec["not_followed_by"])
        return self._rx

    def finditer(self, text: str, words: dict[str, frozenset[str]]) -> list[Hit]:
        out = []
        pos = 0
        search = self.rx.search  # (compiles the rule, and its not_followed_by, on first use)
        lists = self.lists
        while (m := search(text, pos)) is not None:
            spans = {}
            for g, lst in lists.items():
                if m.group(g) is not None:
                    fit = _fit(m, g, words[lst])
                    if fit is None:
                        break
                    spans[g] = fit
            else:
                hit = Hit(m, spans)
                if self._after is None or not self._after.match(text, hit.end()):
                    out.append(hit)
                    pos = max(hit.end(), m.start() + 1)
                    continue
            pos = m.start() + 1  # not on the list: look again from the next character, as backtracking would
        return out


def _fit(m: re.Match[str], g: str, listed: frozenset[str]) -> tuple[int, int] | None:
    """The span of the listed words in group g: all of it, or fewer words at the match's edge."""
    a, b = m.span(g)
    return fit_listed(m.string, a, b, listed, shed_start=a == m.start(), shed_end=b == m.end())


HANDLERS = frozenset({"border", "route", "direction", "in_country", "plural", "keep_type", "prefix", "name"})
_NEEDS_GROUPS = {"border": ("name",), "route": ("type",), "direction": ("dir", "name"), "in_country": ("name", "country"),
                 "plural": ("name", "name2"), "keep_type": ("name", "type"), "prefix": ("name", "type"), "name": ("name",)}


class RuleError(ValueError):
    """A typed-place rule in resources/places.json that cannot work."""


def check_rule(i: int, spec: dict[str, Any]) -> None:
    """Fail at load, with the rule's number and kind, on an unknown handler, a missing group, no `needs`, or a
    pattern that can match the empty string (macros stand for at least one word, so they are read as one letter)."""
    import re._parser as sre_parse  # parsing (not compiling) the short macro form costs ~50 µs a rule

    where = f"places.json typed rule {i} (kind {spec.get('kind')!r})"
    handler = spec.get("handler")
    if handler not in HANDLERS:
        raise RuleError(f"{where}: unknown handler {handler!r}; expected one of {', '.join(sorted(HANDLERS))}")
    if not spec.get("kind") or not spec.get("needs"):
        raise RuleError(f"{where}: a rule needs a 'kind' and a non-empty 'needs' list")
    for g in _NEEDS_GROUPS[handler]:
        if f"(?P<{g}>" not in spec.get("re", ""):
            raise RuleError(f"{where}: handler {handler!r} needs a group named {g!r}")
    try:
        lo, _ = sre_parse.parse(_MACRO.sub("X", spec["re"])).getwidth()
    except re.error as e:
        raise RuleError(f"{where}: bad pattern: {e}") from None
    if lo == 0:
        raise RuleError(f"{where}: pattern can match the empty string")


def compile_rules(specs: list[dict[str, Any]], lists: dict[str, frozenset[str]]) -> list[TypedRule]:
    """Expand macros ({NAME} or the name of a word list); nothing is compiled until a rule is first used.
    The resource loader checks each rule first (`check_rule`)."""
    rules = []
    for spec in specs:
        checks = {g: lst for g, lst in _LIST_GROUP.findall(spec["re"]) if lst in lists}
        source = _MACRO.sub(expand_macro, spec["re"])
        rules.append(TypedRule(spec, source, checks, frozenset(spec.get("needs", ("",)))))
    return rules


def expand_macro(m: re.Match[str]) -> str:
    """A macro's regex: the possessive form where what follows cannot start inside a word (see NAME_ATOMIC)."""
    atomic = re.compile(_ENDS_WORDS).match(m.string, m.end()) is not None
    if m.group(1) == "NAME":
        return f"(?:{NAME_ATOMIC if atomic else NAME})"
    return f"(?:{_LIST_WORDS_ATOMIC if atomic else _LIST_WORDS})"


def all_needs(rules: tuple[TypedRule, ...]) -> frozenset[str]:
    return frozenset(w for r in rules for w in r.needs)
