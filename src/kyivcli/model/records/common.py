"""What several records share: evidence for an inference, a mention, a matched span."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """Why an inference was made: the rule, the words that triggered it and where they are."""

    rule: str
    words: str = ""
    line: int | None = None
    context: str | None = None  # places: the admin context that chose the namesake ("Brovary Raion")
    distance_km: float | None = None  # places: distance to the article's centre
    candidates: int | None = None  # places: how many GeoNames namesakes were weighed


@dataclass(frozen=True)
class Mention:
    """One occurrence of a unit or place in the text."""

    text: str  # as written
    line: int
    sentence_index: int
    start: int  # offsets in the sentence
    end: int


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
