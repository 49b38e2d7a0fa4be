"""The matching engine: expand the macros in resources/dates.json, find the longest non-overlapping matches.

Adding a pattern means adding a line of data; nothing here knows what a date looks like.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from kyivcli.extract.joined import Joined
from kyivcli.resources import resource
from kyivcli.rx import compile as recompile

# A text of ASCII characters only (`plain`) is matched with the patterns compiled with re.ASCII, whose
# \d, \w, \b and case-blind letters test a character against a table instead of the Unicode database.
# On such a text both compilations match alike, except \s and \S at the four ASCII separators
# \x1c-\x1f (Unicode space, not ASCII space): a text holding one of them is not plain. A pattern that
# names a cased character beyond ASCII ('ſ' matches 's' case-blind in Unicode only) has no ASCII
# compilation (`_ascii_twin` gives the pattern itself).
_NOT_PLAIN = ("\x1c", "\x1d", "\x1e", "\x1f")


def plain(text: str) -> bool:
    """May `text` be matched with the ASCII compilations of the patterns?"""
    if not text.isascii():
        return False
    for c in _NOT_PLAIN:
        if c in text:
            return False
    return True


Pair = tuple[re.Pattern[str], re.Pattern[str]]  # (the pattern, its ASCII twin): indexed by `plain(text)`


def _pair(source: str) -> Pair:
    rx = recompile(source)
    return rx, _ascii_twin(rx)


def _ascii_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    if rx.flags & re.ASCII:
        return rx
    try:
        blind = _ascii_blind_source(rx.pattern)
        if blind is None:  # (the source alone does not tell: read the parsed pattern, ~50x slower)
            from re import _parser

            blind = _ascii_blind(_parser.parse(rx.pattern, rx.flags & ~re.UNICODE).data)
        if not blind:
            return rx
        return recompile(rx.pattern, (rx.flags & ~re.UNICODE) | re.ASCII)
    except (re.error, ValueError, TypeError, AttributeError, ImportError):  # another Python's parser: keep it
        return rx


_ESCAPED_CODE = re.compile(r"\\(?:[uUNx]|[0-9])")  # \u2013, \N{...}, \x85, \012 (and, to be safe, \1)
_WIDE_RANGE = re.compile(r"[^\x00-\x7f]-(?!\])|(?<!\[)-[^\x00-\x7f]")  # (a dash before "]" is no range)


def _ascii_blind_source(source: str) -> bool | None:
    """`_ascii_blind` read off the source when it can be (a pattern's characters beyond ASCII are its
    own, written plainly, none in a range): True or False, else None."""
    if source.isascii():
        return None if _ESCAPED_CODE.search(source) else True
    for ch in set(source):
        if ord(ch) >= 128 and (ch.lower() != ch or ch.upper() != ch or ch.isalpha()):
            return False
    if _ESCAPED_CODE.search(source) or _WIDE_RANGE.search(source):
        return None
    return True


def _ascii_blind(items: list[tuple[Any, Any]]) -> bool:
    """Does no character the parsed pattern names beyond ASCII have a case? (Unknown parts: no.)"""
    from re import _constants as c

    def uncased(code: int) -> bool:
        ch = chr(code)
        return code < 128 or (ch.lower() == ch == ch.upper() and not ch.isalpha())

    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL):
            if not uncased(av):
                return False
        elif op is c.RANGE:
            if av[1] >= 128 and not all(uncased(x) for x in range(max(av[0], 128), av[1] + 1)):
                return False
        elif op in (c.ANY, c.AT, c.CATEGORY, c.NEGATE, c.GROUPREF):
            pass
        elif op is c.IN:
            if not _ascii_blind(av):
                return False
        elif op is c.BRANCH:
            if not all(_ascii_blind(alt.data) for alt in av[1]):
                return False
        elif op is c.SUBPATTERN:
            if not _ascii_blind(av[3].data):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
            if not _ascii_blind(av[2].data):
                return False
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if not _ascii_blind(av[1].data):
                return False
        elif op is getattr(c, "ATOMIC_GROUP", None):
            if not _ascii_blind(av.data):
                return False
        else:
            return False
    return True


class Twin:
    """A pattern and its ASCII twin, made when a plain text first asks: `on(plain(text))` is the one
    to match `text` with."""

    __slots__ = ("rx", "_twin")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._twin: re.Pattern[str] | None = None

    def on(self, is_plain: bool) -> re.Pattern[str]:
        if not is_plain:
            return self.rx
        if self._twin is None:
            self._twin = _ascii_twin(self.rx)
        return self._twin


class Rule:
    """One pattern of resources/dates.json; its regex compiles when a sentence first needs it."""

    __slots__ = ("name", "kind", "source", "priority", "needs", "_rx", "_pair", "groups")

    def __init__(self, name: str, kind: str, source: str, priority: int, needs: tuple[str, ...] = (),
                 rx: re.Pattern[str] | None = None) -> None:
        self.name, self.kind, self.source, self.priority, self.needs = name, kind, source, priority, needs
        self._rx = rx
        self._pair: Pair | None = None
        self.groups: frozenset[str] = frozenset(rx.groupindex) if rx is not None else frozenset()  # (set with the regex)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = recompile(self.source)
            self.groups = frozenset(self._rx.groupindex)
        return self._rx

    @property
    def regexes(self) -> Pair:
        """(the regex, its ASCII twin for plain texts)."""
        if self._pair is None:
            rx = self.regex
            self._pair = (rx, _ascii_twin(rx))
        return self._pair

    def __repr__(self) -> str:
        return f"Rule({self.name!r}, {self.kind})"


@dataclass(slots=True)
class Match:
    rule: Rule
    m: re.Match[str]

    @property
    def span(self) -> tuple[int, int]:
        """The reported text: group 't' when the pattern narrows it, else the whole match."""
        if "t" in self.rule.groups and self.m.group("t") is not None:
            return self.m.span("t")
        return self.m.span()

    def group(self, name: str) -> str | None:
        return self.m.group(name) if name in self.rule.groups else None  # (the rule's regex's groups)


def _alternation(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=lambda w: (-len(w), w)))


def _expand(src: str, macros: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{macros[m.group(1)]})", src)


Feature = Callable[[str, str, bool], bool]  # (text, lower-cased text, plain(text)) -> present?


def _feature(spec: dict[str, Any]) -> Feature:
    """A feature holds when every test its spec gives holds: "words" (any literal in the text),
    "lower" (any literal in the lower-cased text), "re" (a regex over the text), "lre" (a regex over
    the lower-cased text). Literals are plain substring tests, much cheaper than a regex scan, so a
    regex is best given behind words that every match must contain."""
    words = tuple(spec.get("words", ()))
    lower = tuple(spec.get("lower", ()))
    rx = _pair(_expand(spec["re"], _macros())) if "re" in spec else None
    lrx = _pair(_expand(spec["lre"], _macros())) if "lre" in spec else None

    chars = _ascii_members(rx[0]) if rx is not None and not (words or lower or lrx) else None
    if chars is not None:  # one character of a small class ("digit": \d): a plain text is searched for each
        search = rx[0].search

        def one_of(text: str, _low: str, plain: bool) -> bool:
            if not plain:
                return search(text) is not None
            for c in chars:
                if c in text:
                    return True
            return False

        return one_of

    if lower and not (words or rx or lrx):  # the common case: words in the lower-cased text

        def lower_only(_text: str, low: str, _plain: bool) -> bool:
            for w in lower:
                if w in low:
                    return True
            return False

        return lower_only

    def test(text: str, low: str, plain: bool) -> bool:
        if words:
            for w in words:
                if w in text:
                    break
            else:
                return False
        if lower:
            for w in lower:
                if w in low:
                    break
            else:
                return False
        if rx is not None and rx[plain].search(text) is None:
            return False
        return lrx is None or lrx[plain].search(low) is not None

    return test


_ONE_CHARACTER = re.compile(r"\\[dswDSW]|\[\^?\]?(?:[^\]\\]|\\.)*\]")  # \d, [0-9], [^\s,]: one character


def _ascii_members(rx: re.Pattern[str], most: int = 16) -> tuple[str, ...] | None:
    """The ASCII characters a pattern of one character class matches (which a plain text holds iff the
    pattern is found in it); None for any other pattern, or a class of more than `most`."""
    if not _ONE_CHARACTER.fullmatch(rx.pattern):
        return None
    chars = tuple(c for c in map(chr, range(128)) if c not in _NOT_PLAIN and rx.fullmatch(c))
    return chars if len(chars) <= most else None


@cache
def features() -> dict[str, Feature]:
    """Cheap per-sentence tests ('has a digit', 'names a month') that gate the patterns."""
    return {k: _feature(v) for k, v in resource("dates")["features"].items()}


@cache
def _after() -> dict[str, tuple[str, ...]]:
    """Features that another feature presupposes ("year4" needs "digit"): tested first, memoised."""
    return {k: tuple(v.get("after", ())) for k, v in resource("dates")["features"].items() if v.get("after")}


class ResourceError(ValueError):
    """resources/dates.json is malformed: said when it loads, naming the pattern."""


def _can_match_empty(rx: re.Pattern[str]) -> bool:
    """True when the pattern can match nothing at all (with its leading \\b, at a word start)."""
    return any(m.end() == m.start() for m in rx.finditer(" a 1 . A, x"))


@cache
def rules() -> tuple[Rule, ...]:
    """The patterns of resources/dates.json, checked whole when the resource loads (once per version of
    the file on this machine: resources.checked_once); each regex compiles on first use."""
    from kyivcli.resources import checked_once

    data = resource("dates")
    checked_once("dates", data, lambda: compile_rules(data))
    return compile_rules(data, strict=False)


def compile_rules(data: dict[str, Any], strict: bool = True) -> tuple[Rule, ...]:
    """Compile and check patterns: each names a handler the resolver has, cannot match the empty
    string, gates on known features and carries examples (which the tests run). A problem raises
    ResourceError naming the pattern. With `strict=False` the regexes are left to compile on first use
    (the caller has checked this resource before)."""
    from kyivcli.extract.dates.tagger import HANDLERS

    macros = _build_macros(data)
    known_features = set(data["features"])
    for fname, spec in data["features"].items():
        unknown_after = [a for a in spec.get("after", ()) if a not in known_features]
        if unknown_after or not set(spec) & {"words", "lower", "re", "lre"}:
            raise ResourceError(f"resources/dates.json: feature '{fname}' needs a test and known 'after' features")
        if any(m not in macros for k in ("re", "lre") for m in re.findall(r"\{([A-Z_]+)\}", spec.get(k, ""))):
            raise ResourceError(f"resources/dates.json: feature '{fname}' uses an unknown macro")
    out = []
    seen: set[str] = set()
    for i, p in enumerate(data["patterns"]):
        name = p.get("name") or f"#{i}"
        where = f"resources/dates.json: pattern '{name}'"
        if name in seen:
            raise ResourceError(f"{where}: the name is used twice")
        seen.add(name)
        if p.get("kind") not in HANDLERS:
            raise ResourceError(f"{where}: unknown handler '{p.get('kind')}' (known: {', '.join(sorted(HANDLERS))})")
        unknown = [m for m in re.findall(r"\{([A-Z_]+)\}", p["re"]) if m not in macros]
        if unknown:
            raise ResourceError(f"{where}: unknown macro {{{unknown[0]}}}")
        bad_needs = [f for f in p.get("needs", ()) if f not in known_features]
        if bad_needs:
            raise ResourceError(f"{where}: unknown feature '{bad_needs[0]}' in needs")
        body = _expand(p["re"], macros)
        src = body if body.startswith("\\b") else "\\b" + body  # try matches at word boundaries only
        first = p.get("first")
        if first:  # ... and only before a character a match can start with
            src = f"\\b(?={first}){src[2:]}"
        rx = None
        if strict:
            try:
                rx = recompile(src)  # compiled once: the same object is checked and used
            except re.error as e:
                raise ResourceError(f"{where}: bad regex ({e})") from None
            if _can_match_empty(recompile(f"\\b{body}") if first else rx):
                raise ResourceError(f"{where}: the pattern can match the empty string")
            if first and not _first_covers(first, body, where):
                raise ResourceError(f"{where}: 'first' ({first}) leaves out characters a match can start with")
        ex = p.get("examples")
        if not ex or not all(isinstance(x, dict) and {"text", "ref", "value"} <= set(x) for x in ex):
            raise ResourceError(f"{where}: needs 'examples', each with text, ref and value (null: no value)")
        out.append(Rule(name, p["kind"], src, i, tuple(p.get("needs", ())), rx))
    return tuple(out)


def _first_covers(first: str, body: str, where: str) -> bool:
    from kyivcli.extract.dates.firsts import covers, first_atoms

    try:
        return covers(first, first_atoms(body)[0])
    except re.error as e:
        raise ResourceError(f"{where}: bad 'first' ({e})") from None


@cache
def rule_groups() -> tuple[tuple[tuple[str, ...], tuple[Rule, ...]], ...]:
    """Rules grouped by the features they need, so each group's gate is tested once per sentence."""
    groups: dict[tuple[str, ...], list[Rule]] = {}
    cheap_first = ("digit", "month", "year4", "era", "unit", "part")
    for rule in rules():
        key = tuple(sorted(rule.needs, key=lambda f: (f not in cheap_first, f)))
        groups.setdefault(key, []).append(rule)
    return tuple((k, tuple(v)) for k, v in groups.items())


@cache
def _macros() -> dict[str, str]:
    return _build_macros(resource("dates"))


def _build_macros(data: dict[str, Any]) -> dict[str, str]:
    full = [m for m in data["months"] if len(m) > 4 or m in ("March", "April", "June", "July", "May")]
    abbr = [m for m in data["months"] if m not in full]
    macros = dict(data["macros"])
    macros["MONTH"] = rf"\b(?:(?:{'|'.join(full)})\b|(?:{'|'.join(sorted(abbr, key=lambda w: (-len(w), w)))})\b(?:\.(?= \d))?)"
    macros["HOLIDAY"] = _alternation(list(data["holidays"]))
    macros["RELATIVE_DAYS"] = _alternation(list(data["relative_days"]))
    macros["RELATIVE_PERIODS"] = _alternation(list(data["relative_periods"]))
    macros["REFERENCE_WORDS"] = _alternation(list(data["reference_words"]))
    macros["COUNT_NOUNS"] = _alternation(list(data["count_nouns"]))
    return macros


@cache
def gate_tree() -> tuple[tuple[str, tuple[tuple[tuple[str, ...], tuple[Rule, ...]], ...]], ...]:
    """The rule groups under their first (cheapest) feature: one test skips every group behind it."""
    tree: dict[str, list[tuple[tuple[str, ...], tuple[Rule, ...]]]] = {}
    for needs, group in rule_groups():
        tree.setdefault(needs[0], []).append((needs[1:], group))
    return tuple((f, tuple(v)) for f, v in tree.items())


def _test(f: str, text: str, low: str, plain: bool, memo: dict[str, bool], tests: dict[str, Feature],
          after: dict[str, tuple[str, ...]]) -> bool:
    got = memo.get(f)
    if got is None:
        got = True
        for a in after.get(f, ()):
            if not _test(a, text, low, plain, memo, tests, after):
                got = False
                break
        if got:
            got = tests[f](text, low, plain)
        memo[f] = got
    return got


def _trie(words: list[str]) -> str:
    """A regex matching any of `words`, written as a trie ("d(?:a(?:y(?:break)?|wn)|usk)"), so the
    regex engine tries one branch per character instead of every word in turn; at a position it
    matches the longest word there (a word that ends on the way is taken only when the longer fails)."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        # branches tried in the order of how often English text has their letter (one branch at most
        # can match: each starts with another character), so most positions fail after a few tests
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items(), key=_by_frequency) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_FREQUENT = " etaoinshrdlcumwfgypbvkjxqz"


def _by_frequency(item: tuple[str, object]) -> tuple[int, str]:
    i = _FREQUENT.find(item[0].lower())
    return (i if i >= 0 else len(_FREQUENT), item[0])


_GLUE = "\x00"  # joins a document's sentences for the literal search


class _Trigger:
    """The literals of some features' tests as one regex over a text, and for each literal the
    features whose test it satisfies (those with a literal that is part of it). A set of features is
    an int, one bit per feature (`bits`, `names`): a text's hits are or-ed together, not set unions."""

    __slots__ = ("rx", "table", "rows", "bits")

    def __init__(self, literals: dict[str, tuple[str, ...]]) -> None:
        words = sorted({w for ws in literals.values() for w in ws})
        if any(_GLUE in w for w in words):
            raise ResourceError(f"resources/dates.json: a feature's literal holds {_GLUE!r}")
        self.bits = {f: 1 << i for i, f in enumerate(literals)}
        self.rx = recompile(_trie(words)) if words else None
        self.table = {w: self.mask(f for f, ws in literals.items() if any(x in w for x in ws)) for w in words}
        self.rows = tuple((w, self.mask(f for f, ws in literals.items() if w in ws)) for w in words)

    def mask(self, features: Iterable[str]) -> int:
        out = 0
        for f in features:
            out |= self.bits[f]
        return out

    def names(self, mask: int) -> frozenset[str]:
        return frozenset(f for f, bit in self.bits.items() if mask & bit)

    def hits_each(self, hays: list[str]) -> list[int]:
        """`hits` of each of many texts (a document's sentences), found in the texts joined: one
        substring search per literal over the whole, the first occurrence in a text given to that text,
        the search going on from the next text (no literal holds the glue, so none runs from one text
        into the next)."""
        joined = Joined(hays, _GLUE)
        out = [0] * len(hays)
        for w, row in self.rows:
            for k in joined.holding(w):
                out[k] |= row
        return out

    def hits(self, hay: str) -> int:
        """The features with one of their literals in `hay`. The search restarts one character after
        each literal found, not after its end, so overlapping literals are all seen; a literal found is
        the longest starting there, and every shorter one starting there is part of it (so in its row)."""
        out = 0
        rx = self.rx
        if rx is None:
            return out
        table = self.table
        m = rx.search(hay)
        while m is not None:
            out |= table[m.group()]
            m = rx.search(hay, m.start() + 1)
        return out


Step = tuple[tuple[str, ...], tuple[Rule, ...]]  # (features still to test, the rules they gate)


class _Gates:
    """The features of resources/dates.json, arranged so a sentence's cheap tests take two regex scans.

    A feature without "after" is a root. The literals of the roots' "words" (over the text) and
    "lower" (over the lower-cased text) are found in one scan each; a root whose test is only such
    literals is then decided, a root that also has a regex is possible only when its literals are
    there, and a root with only a regex ("digit") is tested at once. A feature with "after" is
    possible only when everything it comes after is. Possible features that are not decided are
    tested, at most once per sentence, only when a rule group asks (`_test`). Only the roots that some
    rule group asks first (`asked`), and the ones those come after, are scanned for; the others
    ("modword": asked only behind "month" or "year4") are possible everywhere and tested when asked."""

    def __init__(self, specs: dict[str, dict[str, Any]], asked: frozenset[str]) -> None:
        needed = set(asked)
        while True:
            more = {a for k in needed for a in specs[k].get("after", ())} - needed
            if not more:
                break
            needed |= more
        roots = [k for k, v in specs.items() if not v.get("after") and k in needed]
        self.lazy = frozenset(k for k, v in specs.items() if not v.get("after") and k not in needed)
        self.words = _Trigger({k: tuple(specs[k].get("words", ())) for k in roots})
        self.lower = _Trigger({k: tuple(specs[k].get("lower", ())) for k in roots})
        literal = {k for k in roots if set(specs[k]) & {"words", "lower"}}
        self.no_words = frozenset(k for k in literal if not specs[k].get("words"))
        self.no_lower = frozenset(k for k in literal if not specs[k].get("lower"))
        self.decided = frozenset(k for k in literal if not set(specs[k]) & {"re", "lre"})
        self.tested = tuple(k for k in roots if k not in literal)
        self.dependent = {k: frozenset(specs[k]["after"]) for k in specs if specs[k].get("after")}
        self.dep_roots = frozenset().union(*self.dependent.values()) if self.dependent else frozenset()
        self._possible_dependent: dict[frozenset[str], frozenset[str]] = {}
        self._plans: dict[tuple[tuple[int, int], tuple[bool, ...], tuple[str, ...]],
                          tuple[dict[str, bool], tuple[Step, ...]]] = {}

    def plan(self, text: str, low: str, plain: bool, tests: dict[str, Feature], skip: tuple[str, ...],
             hits: tuple[int, int] | None = None) -> tuple[dict[str, bool], tuple[Step, ...]]:
        """(the features known to hold or not, the steps left) for one sentence: each step is a rule
        group whose features may all hold, with those of them still to test (`_test`) and its rules
        of a kind not in `skip`. `hits`: the roots with literals in the lower-cased text and in the
        text (as `_Trigger` masks), when already known. The steps depend only on what the cheap tests
        found, so sentences that found the same share them (worked out once)."""
        if hits is None:
            hits = (self.lower.hits(low), self.words.hits(text))
        outcomes = tuple([tests[f](text, low, plain) for f in self.tested])
        key = (hits, outcomes, skip)
        got = self._plans.get(key)
        if got is None:
            if len(self._plans) >= 4096:  # (a long run over many documents: start afresh)
                self._plans.clear()
            got = self._plans[key] = self._plan(*hits, outcomes, skip)
        return dict(got[0]), got[1]

    def _plan(self, low_hits: int, word_hits: int, outcomes: tuple[bool, ...],
              skip: tuple[str, ...]) -> tuple[dict[str, bool], tuple[Step, ...]]:
        lows, words = self.lower.names(low_hits), self.words.names(word_hits)
        possible = set((lows | self.no_lower) & (words | self.no_words) | self.lazy)
        known = dict.fromkeys(possible & self.decided, True)
        for f, holds in zip(self.tested, outcomes, strict=True):
            if holds:
                possible.add(f)
            known[f] = holds
        key = frozenset(possible & self.dep_roots)
        extra = self._possible_dependent.get(key)
        if extra is None:
            extra = self._possible_dependent[key] = self._closure(key)
        possible |= extra
        steps: list[Step] = []
        for first, branches in gate_tree():
            for rest, group in branches:
                needs = (first, *rest)
                if any(f not in possible or known.get(f) is False for f in needs):
                    continue
                todo = tuple(f for f in needs if f not in known)
                run = tuple(rule for rule in group if rule.kind not in skip)
                if run:
                    steps.append((todo, run))
        return known, tuple(steps)

    def _closure(self, roots: frozenset[str]) -> frozenset[str]:
        """The features with "after" that may hold when, of the roots they come after, just `roots` may."""
        have = set(roots)
        grew = True
        while grew:
            grew = False
            for k, deps in self.dependent.items():
                if k not in have and deps <= have:
                    have.add(k)
                    grew = True
        return frozenset(have - roots)


@cache
def _gates() -> _Gates:
    return _Gates(resource("dates")["features"], frozenset(first for first, _ in gate_tree()))


class Found:
    """One document's sentences matched once each (`find` with this as its memo). The literals of the
    features are looked for in all the document's sentences at once, when a sentence first asks."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.done: dict[str, tuple[frozenset[str], frozenset[str], list[Match]]] = {}  # (skipped, kinds, matches)
        self._hits: dict[str, tuple[int, int]] | None = None

    def hits(self, text: str) -> tuple[int, int] | None:
        if self._hits is None:
            gates = _gates()
            texts = list(dict.fromkeys(self.texts))
            lows = gates.lower.hits_each([t.lower() for t in texts])
            words = gates.words.hits_each(texts)
            self._hits = dict(zip(texts, zip(lows, words, strict=True), strict=True))
        return self._hits.get(text)


def find(text: str, skip: tuple[str, ...] = (), memo: Found | None = None) -> list[Match]:
    """Longest non-overlapping matches of all rules in `text`, in text order (ties: earlier rule);
    rules of a kind in `skip` are not tried (the caller knows they cannot resolve here). With a
    `memo` (one per document), a text looked at before is not matched again: the earlier answer
    stands when it tried every kind this call tries and found nothing of a kind this call skips."""
    if memo is not None:
        seen = memo.done.get(text)
        if seen is not None and seen[0] <= set(skip) and not seen[1] & set(skip):
            return list(seen[2])
        chosen = _find(text, skip, memo.hits(text))
        memo.done[text] = (frozenset(skip), frozenset(c.rule.kind for c in chosen[1]), chosen[0])
        return list(chosen[0])
    return _find(text, skip)[0]


def _find(text: str, skip: tuple[str, ...],
          hits: tuple[int, int] | None = None) -> tuple[list[Match], list[Match]]:
    """(the matches chosen, every candidate)."""
    cands: list[Match] = []
    tests = features()
    low = text.lower()
    is_plain = plain(text)
    present, steps = _gates().plan(text, low, is_plain, tests, skip, hits)  # each feature computed at most once
    after = _after()
    for needs, group in steps:
        ok = True
        for f in needs:
            got = present.get(f)
            if got is None:
                got = _test(f, text, low, is_plain, present, tests, after)
            if not got:
                ok = False
                break
        if not ok:
            continue
        for rule in group:
            for m in rule.regexes[is_plain].finditer(text):
                if m.end() > m.start():
                    cands.append(Match(rule, m))
    if not cands:
        return [], cands
    cands.sort(key=lambda c: (-(c.m.end() - c.m.start()), c.rule.priority, c.m.start()))
    # chosen spans never overlap, so sorted by start they are sorted by end too: a candidate only
    # needs checking against its two neighbours (a bisect), not against every span chosen so far
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Match] = []
    for c in cands:
        s, e = c.m.span()
        i = bisect_right(starts, s)
        if (i and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.insert(i, c)
    return chosen, cands
