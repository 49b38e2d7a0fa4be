"""What the layers share per sentence: its calendar days, and the names of its places and units."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kyivcli.extract.dates.model import DateMention


class _Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def sentence(self) -> object: ...


def sentence_days(dates: Iterable[DateMention]) -> dict[int, list[str]]:
    """The calendar days or day ranges each sentence pins down, in text order, each once
    (captions aside: a photo's date is not the story's)."""
    out: dict[int, list[str]] = {}
    for m in dates:
        v = m.day_value
        if not v:
            continue
        s = m.sentence
        if s.where == "caption":
            continue
        days = out.get(s.index)
        if days is None:
            out[s.index] = [v]
        elif v not in days:
            days.append(v)
    return out


def names_by_sentence(mentions: Iterable[_Named]) -> dict[int, list[str]]:
    """The distinct names mentioned in each sentence, in text order."""
    out: dict[int, list[str]] = {}
    for m in mentions:
        i = m.sentence.index  # type: ignore[attr-defined]
        name = m.name
        names = out.get(i)
        if names is None:
            out[i] = [name]
        elif name not in names:
            names.append(name)
    return out


def span(indexes: Iterable[int], days: dict[int, list[str]]) -> tuple[str | None, str | None]:
    """The first and last day of the given sentences."""
    found = sorted(end for i in indexes for d in days.get(i, []) for end in d.split("/"))
    return (found[0], found[-1]) if found else (None, None)
