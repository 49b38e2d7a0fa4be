"""Split plain text into sentences; count words. Abbreviations come from resources/text.json."""

from __future__ import annotations

import re
from functools import cache

from kyivcli.resources import resource

_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
# a candidate boundary: terminal punctuation, optional closing quotes/brackets, then space ('[.!?]+' written
# as one mark then more, so a search skips to the next mark instead of trying every character)
_BOUNDARY = re.compile(r"[.!?][.!?]*[\"'”’)\]]*\s+")


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
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end == n:
            continue
        nxt = text[end]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(["):
            continue
        stop = m.start()
        if text[stop] == ".":  # not after an abbreviation or an initial (only the last word: not all since `start`)
            words = text[start:stop].rsplit(None, 1)
            word = words[-1].lower().lstrip("(\"'“‘") if words else ""
            if word in abbrevs or (len(word) == 1 and word.isalpha()):
                continue
        piece = text[start:end]
        sent = piece.strip()
        if sent:
            out.append((start + len(piece) - len(piece.lstrip()), sent))
        start = end
    tail = text[start:]
    if tail.strip():
        out.append((start + (len(tail) - len(tail.lstrip())), tail.strip()))
    return out
