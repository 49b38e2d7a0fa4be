"""What several records share: evidence for an inference, a mention, a matched span."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass
from typing import TypeVar

_T = TypeVar("_T")


def sealed(cls: type[_T]) -> type[_T]:
    """A frozen, slotted record refuses every assignment with FrozenInstanceError. (Python 3.11's
    `dataclass(frozen=True, slots=True)` names the class it replaced in its __setattr__, so assigning a name
    that is not a field raised a confusing TypeError; a record has no room for other names anyway.)"""

    def __setattr__(self: object, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: object, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    cls.__setattr__ = __setattr__  # type: ignore[method-assign,assignment]
    cls.__delattr__ = __delattr__  # type: ignore[method-assign,assignment]
    return cls


@sealed
@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an inference was made: the rule, the words that triggered it and where they are."""

    rule: str
    words: str = ""
    line: int | None = None
    context: str | None = None  # places: the admin context that chose the namesake ("Brovary Raion")
    distance_km: float | None = None  # places: distance to the article's centre
    candidates: int | None = None  # places: how many GeoNames namesakes were weighed


@sealed
@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a unit or place in the text."""

    text: str  # as written
    line: int
    sentence_index: int
    start: int  # offsets in the sentence
    end: int


@sealed
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
