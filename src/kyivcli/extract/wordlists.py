"""Word lists checked in code instead of spelled into regexes.

A pattern matches a few capitalised words where a list member may stand ("of {COUNTRY}", a side's
demonym); the words are then looked up. Compiling alternations of a few hundred names would cost
milliseconds in every process; a set lookup costs nothing.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")
_TAIL = re.compile(r"(?:['’]s?|\.)$")  # "Ukraine." ending a sentence, "Vietnam's"


def fit_listed(text: str, a: int, b: int, listed: frozenset[str], shed_start: bool = False,
               shed_end: bool = False) -> tuple[int, int] | None:
    """The span of the words in text[a:b] that are on the list: all of them, or, where allowed, fewer
    words at either edge (longest first); a trailing possessive or full stop may go at the end."""
    toks = [t.span() for t in _WORD.finditer(text, a, b)]
    n = len(toks)
    options = [(0, n)]
    if shed_end:
        options += [(0, k) for k in range(n - 1, 0, -1)]
    if shed_start:
        options += [(i, n) for i in range(1, n)]
    for i, k in options:
        s, e = toks[i][0], toks[k - 1][1]
        words = " ".join(text[s:e].split())
        if words in listed:
            return s, e
        bare = _TAIL.sub("", words)
        if shed_end and bare != words and bare in listed:
            return s, e - (len(words) - len(bare))
    return None
