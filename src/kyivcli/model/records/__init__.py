"""What is extracted from an article, as frozen plain data.

Records link to the document by position (`line`, `sentence_index`, section `number`), never by
object, so `repr` stays short and `dataclasses.asdict` never meets a cycle. `kyivcli.record(obj)`
turns any of them into the dict the CLI prints as JSON (kyivcli.contract).

Each family lives in its own module and loads on first use, so a command builds only the record classes
it prints (`from kyivcli.model.records import Place` imports the place records alone).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {"Evidence": "common", "Mention": "common", "Span": "common", "Date": "dates", "PathStep": "units", "Unit": "units", "Place": "places", "Event": "events", "Hit": "events", "Day": "views", "Phase": "views", "Timeline": "views", "MapView": "views"}
__all__ = ["Date", "Day", "Event", "Evidence", "Hit", "MapView", "Mention", "PathStep", "Phase", "Place", "Span",
           "Timeline", "Unit"]

if TYPE_CHECKING:
    from kyivcli.model.records.common import Evidence, Mention, Span
    from kyivcli.model.records.dates import Date
    from kyivcli.model.records.events import Event, Hit
    from kyivcli.model.records.places import Place
    from kyivcli.model.records.units import PathStep, Unit
    from kyivcli.model.records.views import Day, MapView, Phase, Timeline


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'kyivcli.model.records' has no attribute '{name}'")
    value = getattr(import_module(f"kyivcli.model.records.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
