"""The characters a pattern's match can start with, read off the regex parser's tree.

A pattern of resources/dates.json may say, in "first", a character class its matches start with; the
engine then tries it only at word boundaries before such a character (most word boundaries are word
ends, and most word starts begin with letters no pattern can start with), which is far cheaper than
entering the pattern's alternatives there. A "first" that leaves out a character a match can start
with would lose matches, so the resource check derives the set here and refuses such a class.
Used only when the resource is checked (once per version of the file) and by the tests.
"""

from __future__ import annotations

import re
from typing import Any

# an atom: ("c", code point, ignore case), ("cat", sre category) or ("any",) when the set is open
Atom = tuple[Any, ...]
_ANY: Atom = ("any",)


def first_atoms(source: str) -> tuple[set[Atom], bool]:
    """(what a match of `source` can start with, whether it can match the empty string)."""
    from re import _parser

    p = _parser.parse(source)
    return _seq(list(p), p.state.flags)


def _seq(items: list[tuple[Any, Any]], flags: int) -> tuple[set[Atom], bool]:
    out: set[Atom] = set()
    for op, av in items:
        atoms, nullable = _one(op, av, flags)
        out |= atoms
        if not nullable:
            return out, False
    return out, True


def _one(op: Any, av: Any, flags: int) -> tuple[set[Atom], bool]:
    from re import _constants as c

    icase = bool(flags & re.IGNORECASE)
    if op is c.LITERAL:
        return {("c", av, icase)}, False
    if op is c.IN:
        atoms: set[Atom] = set()
        for o, a in av:
            if o is c.LITERAL:
                atoms.add(("c", a, icase))
            elif o is c.RANGE and a[1] - a[0] < 256:
                atoms |= {("c", x, icase) for x in range(a[0], a[1] + 1)}
            elif o is c.CATEGORY and a in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_WORD):
                atoms.add(("cat", a))
            else:
                return {_ANY}, False
        return atoms, False
    if op is c.BRANCH:
        out: set[Atom] = set()
        nullable = False
        for alt in av[1]:
            atoms, n = _seq(list(alt), flags)
            out |= atoms
            nullable = nullable or n
        return out, nullable
    if op is c.SUBPATTERN:
        _group, add, delete, p = av
        return _seq(list(p), (flags | add) & ~delete)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
        lo, _hi, p = av
        atoms, nullable = _seq(list(p), flags)
        return atoms, nullable or lo == 0
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _seq(list(av), flags)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # consumes nothing: the first character comes later
    return {_ANY}, False


def char_class(atoms: set[Atom]) -> str:
    """A regex accepting every character the atoms stand for (and a few more)."""
    from re import _constants as c

    if _ANY in atoms:
        raise ValueError("the pattern can start with any character")
    cats = {a[1] for a in atoms if a[0] == "cat"}
    if c.CATEGORY_WORD in cats:
        cats.discard(c.CATEGORY_DIGIT)
    plain = sorted({a[1] for a in atoms if a[0] == "c" and not a[2]})
    folded = sorted({a[1] for a in atoms if a[0] == "c" and a[2]})
    tokens = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
    parts = []
    head = "".join(tokens[t] for t in sorted(cats, key=str)) + _ranges(plain)
    if head:
        parts.append(f"[{head}]")
    if folded:
        parts.append(f"(?i:[{_ranges(folded)}])")
    return "|".join(parts)


def _ranges(codes: list[int]) -> str:
    out = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = _esc(codes[i]), _esc(codes[j])
        out.append(lo if i == j else f"{lo}{hi}" if j == i + 1 else f"{lo}-{hi}")
        i = j + 1
    return "".join(out)


def _esc(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else ch


def covers(first: str, atoms: set[Atom]) -> bool:
    """Does the class `first` accept every character the atoms stand for? A category must be in it
    (\\d is in \\w); a case-blind letter must be in it case-blind (the engine matches such a letter by
    its lower case, so one of the same lower case matches the same characters); any other character
    must be accepted by it."""
    from re import _constants as c

    mine, nullable = first_atoms(f"(?:{first})")
    if _ANY in atoms or nullable:
        return False
    rx = re.compile(f"(?:{first})")
    cats = {a[1] for a in mine if a[0] == "cat"}
    folds = {chr(a[1]).lower() for a in mine if a[0] == "c" and a[2]}
    for a in atoms:
        if a[0] == "cat":
            if a[1] not in cats and not (a[1] == c.CATEGORY_DIGIT and c.CATEGORY_WORD in cats):
                return False
        elif a[2]:
            if chr(a[1]).lower() not in folds:
                return False
        elif not rx.fullmatch(chr(a[1])):
            return False
    return True
