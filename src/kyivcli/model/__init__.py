"""Every record the library hands out, as plain dataclasses: the parsed document (kyivcli.model.document)
and what is extracted from it (kyivcli.model.records). Names load on first use: a command that only
prints the section tree never builds the record classes."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_DOCUMENT = ("Block", "Document", "Image", "Section", "Sentence", "Source")
_RECORDS = ("Date", "Day", "Event", "Evidence", "Hit", "MapView", "Mention", "PathStep", "Phase", "Place", "Span",
            "Timeline", "Unit")
__all__ = ["Block", "Date", "Day", "Document", "Event", "Evidence", "Hit", "Image", "MapView", "Mention",
           "PathStep", "Phase", "Place", "Section", "Sentence", "Source", "Span", "Timeline", "Unit"]

if TYPE_CHECKING:
    from kyivcli.model.document import Block, Document, Image, Section, Sentence, Source
    from kyivcli.model.records import (
        Date,
        Day,
        Event,
        Evidence,
        Hit,
        MapView,
        Mention,
        PathStep,
        Phase,
        Place,
        Span,
        Timeline,
        Unit,
    )


def __getattr__(name: str) -> object:
    if name in _DOCUMENT:
        module = "kyivcli.model.document"
    elif name in _RECORDS:
        module = "kyivcli.model.records"
    else:
        raise AttributeError(f"module 'kyivcli.model' has no attribute '{name}'")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
