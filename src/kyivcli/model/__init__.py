"""Every record the library hands out, as plain dataclasses: the parsed document and what is extracted."""

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

__all__ = ["Block", "Date", "Day", "Document", "Event", "Evidence", "Hit", "Image", "MapView", "Mention",
           "PathStep", "Phase", "Place", "Section", "Sentence", "Source", "Span", "Timeline", "Unit"]
