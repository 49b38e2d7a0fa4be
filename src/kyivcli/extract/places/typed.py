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
from dataclasses import dataclass, field
from typing import Any

from kyivcli.extract.wordlists import fit_listed

# -- compiled patterns kept between processes ------------------------------------------------------
# re.compile parses and assembles a pattern in Python (~0.2 ms for a rule) in every process. The
# assembled program is a list of integers: it is kept in the cache folder, one file per interpreter build
# (the program format is CPython's own), and handed straight to the regex engine next time. Anything
# unexpected (another interpreter, a damaged file, a changed internal signature) falls back to re.compile.
_code: dict[str, tuple] | None = None
_code_new = False


def _code_file() -> Any:
    import sys
    from re import _constants

    from kyivcli.extract.places.gazetteer import cache_dir

    return cache_dir() / f"re-code-{sys.implementation.name}-{sys.hexversion:x}-{_constants.MAGIC}.marshal"


def _code_store() -> dict[str, tuple]:
    global _code
    if _code is None:
        _code = {}
        try:
            import marshal

            loaded = marshal.loads(_code_file().read_bytes())
            if isinstance(loaded, dict):
                _code = loaded
        except Exception:  # no file yet, or one that cannot be read: compile afresh
            pass
    return _code


def cached_compile(pattern: str) -> re.Pattern[str]:
    """re.compile(pattern), from the program kept in the cache folder when there is one."""
    global _code_new
    store = _code_store()
    try:
        import _sre

        parts = store.get(pattern)
        if parts is None:
            from re import _compiler, _parser

            p = _parser.parse(pattern, 0)
            indexgroup: list[str | None] = [None] * p.state.groups
            for k, i in p.state.groupdict.items():
                indexgroup[i] = k
            parts = (int(p.state.flags), [int(c) for c in _compiler._code(p, 0)], p.state.groups - 1,
                     dict(p.state.groupdict), tuple(indexgroup))
            rx = _sre.compile(pattern, *parts)
            store[pattern] = parts
            _code_new = True
            return rx
        return _sre.compile(pattern, *parts)
    except Exception:
        store.pop(pattern, None)
        return re.compile(pattern)


def save_compiled() -> None:
    """Write the programs compiled in this process for the next one (atomically; failures are ignored)."""
    global _code_new
    if not _code_new or _code is None:
        return
    _code_new = False
    try:
        import marshal
        import os
        import tempfile

        path = _code_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".re-code-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(_code))
        os.replace(tmp, path)
    except Exception:
        pass

# "[\w'’\-]*" written so that no class mixes \w with a character above U+00FF: such a class makes the
# compiler build a 64K bitmap (~0.1 ms a class, in every process); the two forms match the same strings
WORD_TAIL = r"[\w'\-]*(?:’[\w'\-]*)*"
CAP = rf"[A-Z\u0400-\u042F]{WORD_TAIL}"
NAME = rf"{CAP}(?:\s+{CAP}){{0,3}}"
_LIST_TAIL = r"[\w'.]*(?:’[\w'.]*)*"  # "[\w'’.]*", as above
_LIST_WORDS = rf"[A-Z]{_LIST_TAIL}(?:\s+[A-Z]{_LIST_TAIL}){{0,2}}"  # up to three capitalised words (a hyphen ends one)
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


@dataclass
class TypedRule:
    spec: dict[str, Any]
    source: str
    lists: dict[str, str]  # group -> list name
    needs: frozenset[str]
    _rx: re.Pattern[str] | None = field(default=None, repr=False)
    _after: re.Pattern[str] | None = field(default=None, repr=False)

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
        while (m := self.rx.search(text, pos)) is not None:
            spans = {}
            for g, lst in self.lists.items():
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
        source = _MACRO.sub(lambda m: f"(?:{NAME})" if m.group(1) == "NAME" else f"(?:{_LIST_WORDS})", spec["re"])
        rules.append(TypedRule(spec, source, checks, frozenset(spec.get("needs", ("",)))))
    return rules


def all_needs(rules: tuple[TypedRule, ...]) -> frozenset[str]:
    return frozenset(w for r in rules for w in r.needs)
