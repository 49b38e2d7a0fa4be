"""load → parse → extract → index, computed lazily: a command pays only for what it shows."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kyivcli.parse.model import Document


def open_document(path: str | None) -> Document:
    from kyivcli.load import load
    from kyivcli.parse.markdown import parse

    return parse(load(path))


class Analysis:
    """One article and everything extracted from it, each piece built on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @classmethod
    def open(cls, path: str | None) -> Analysis:
        return cls(open_document(path))

    @cached_property
    def dates(self) -> list[Any]:
        from kyivcli.extract.dates import tag_document

        return tag_document(self.doc)

    def events(self, include_all: bool = False) -> list[Any]:
        from kyivcli.index.events import build_events

        events = build_events(self.dates, include_all)
        self.annotate(events)
        return events

    def annotate(self, events: list[Any]) -> None:
        """Fill each event's places and units from the mentions in its sentence."""
        from kyivcli.index.summary import names_by_sentence

        for attr, name in (("places", "place_mentions"), ("units", "unit_mentions")):
            by_sentence = names_by_sentence(getattr(self, name))
            for e in events:
                setattr(e, attr, list(by_sentence.get(e.sentence.index, [])))

    @cached_property
    def _units(self) -> tuple[list[Any], list[Any]]:
        from kyivcli.extract.units import build_units

        return build_units(self.doc)

    @property
    def units(self) -> list[Any]:
        return self._units[0]

    @property
    def unit_mentions(self) -> list[Any]:
        return self._units[1]

    @cached_property
    def _places(self) -> tuple[list[Any], list[Any]]:
        from kyivcli.extract.places.geoparse import Geoparser

        return Geoparser(self.gazetteer).parse(self.doc)

    @cached_property
    def gazetteer(self) -> Any:
        from kyivcli.extract.places.gazetteer import Gazetteer

        return Gazetteer.open()

    @property
    def places(self) -> list[Any]:
        return self._places[0]

    @property
    def place_mentions(self) -> list[Any]:
        return self._places[1]
