"""The matching engine: expand the macros in resources/dates.json, find the longest non-overlapping matches.

Adding a pattern means adding a line of data; nothing here knows what a date looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kyivcli.resources import resource


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    priority: int
    needs: tuple[str, ...] = ()


@dataclass
class Match:
    rule: Rule
    m: re.Match[str]

    @property
    def span(self) -> tuple[int, int]:
        """The reported text: group 't' when the pattern narrows it, else the whole match."""
        if "t" in self.rule.regex.groupindex and self.m.group("t") is not None:
            return self.m.span("t")
        return self.m.span()

    def group(self, name: str) -> str | None:
        return self.m.group(name) if name in self.rule.regex.groupindex else None


def _alternation(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))


def _expand(src: str, macros: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{macros[m.group(1)]})", src)


@cache
def features() -> dict[str, re.Pattern[str]]:
    """Cheap per-sentence tests ('has a digit', 'names a month') that gate the patterns."""
    macros = _macros()
    return {k: re.compile(_expand(v, macros)) for k, v in resource("dates")["features"].items()}


@cache
def rules() -> tuple[Rule, ...]:
    data = resource("dates")
    macros = _macros()
    out = []
    for i, p in enumerate(data["patterns"]):
        src = _expand(p["re"], macros)
        if not src.startswith("\\b"):
            src = "\\b" + src  # try matches at word starts only: most positions fail at once
        out.append(Rule(p["name"], p["kind"], re.compile(src), i, tuple(p.get("needs", ()))))
    return tuple(out)


@cache
def _macros() -> dict[str, str]:
    data = resource("dates")
    full = [m for m in data["months"] if len(m) > 4 or m in ("March", "April", "June", "July", "May")]
    abbr = [m for m in data["months"] if m not in full]
    macros = dict(data["macros"])
    macros["MONTH"] = rf"\b(?:(?:{'|'.join(full)})\b|(?:{'|'.join(sorted(abbr, key=len, reverse=True))})\b(?:\.(?= \d))?)"
    macros["RELATIVE_DAYS"] = _alternation(list(data["relative_days"]))
    macros["RELATIVE_PERIODS"] = _alternation(list(data["relative_periods"]))
    macros["REFERENCE_WORDS"] = _alternation(list(data["reference_words"]))
    macros["COUNT_NOUNS"] = _alternation(list(data["count_nouns"]))
    return macros


def find(text: str) -> list[Match]:
    """Longest non-overlapping matches of all rules in `text`, in text order (ties: earlier rule)."""
    cands: list[Match] = []
    present: dict[str, bool] = {}
    tests = features()

    def has(feature: str) -> bool:
        found = present.get(feature)
        if found is None:
            found = present[feature] = tests[feature].search(text) is not None
        return found

    for rule in rules():
        if not all(has(f) for f in rule.needs):
            continue
        for m in rule.regex.finditer(text):
            if m.end() > m.start():
                cands.append(Match(rule, m))
    cands.sort(key=lambda c: (-(c.m.end() - c.m.start()), c.rule.priority, c.m.start()))
    chosen: list[Match] = []
    for c in cands:
        s, e = c.m.span()
        if all(e <= o.m.start() or s >= o.m.end() for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.m.start())
    return chosen
