"""A document's sentences joined into one string, so that a word is looked for in all of them with one
`str.find` pass (the extractors' gates: which sentences hold "river", "istas", a date feature's literal).

The glue must be a character no searched word holds, so that no match runs from one text into the next.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator


class Joined:
    __slots__ = ("text", "starts")

    def __init__(self, texts: list[str], glue: str = "\x00") -> None:
        self.text = glue.join(texts)
        starts: list[int] = []
        at = 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        starts.append(at)  # where a text after the last would start: the end of every search
        self.starts = starts

    def index_at(self, pos: int) -> int:
        """The index of the text holding position `pos` of the joined string."""
        return bisect_right(self.starts, pos) - 1

    def holding(self, word: str) -> Iterator[int]:
        """The index of each text holding `word`, in order, each once (after a hit the search goes on
        from the next text)."""
        find, starts = self.text.find, self.starts
        i = find(word)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            yield k
            i = find(word, starts[k + 1])
