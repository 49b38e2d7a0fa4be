"""What every extracted mention shares: its text, the sentence it is in, its span and its file line."""

from __future__ import annotations

from dataclasses import dataclass

from kyivcli.model.document import Sentence


@dataclass(eq=False)  # mentions are compared by identity
class Mention:
    text: str  # as written
    sentence: Sentence
    start: int  # offsets in sentence.text
    end: int

    @property
    def line(self) -> int:
        return self.sentence.line_of(self.start)
