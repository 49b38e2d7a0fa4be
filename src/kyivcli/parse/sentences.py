"""Split plain text into sentences; count words. Abbreviations come from resources/text.json."""

from __future__ import annotations

import re
from functools import cache

from kyivcli.resources import resource

_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
# a candidate boundary: terminal punctuation, optional closing quotes/brackets, then space
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(resource("text")["abbreviations"])


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Return (offset, sentence) pairs covering the non-blank text."""
    abbrevs = _abbreviations()
    out: list[tuple[int, str]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(["):
            continue
        words = text[start : m.start()].rsplit(None, 1)  # only the last word: not all since `start`
        last = words[-1] if words else ""
        word = last.lower().lstrip("(\"'“‘")
        if text[m.start()] == "." and (word in abbrevs or (len(word) == 1 and word.isalpha())):
            continue
        end = m.end()
        sent = text[start:end].strip()
        if sent:
            out.append((start + (len(text[start:end]) - len(text[start:end].lstrip())), sent))
        start = end
    tail = text[start:]
    if tail.strip():
        out.append((start + (len(tail) - len(tail.lstrip())), tail.strip()))
    return out
