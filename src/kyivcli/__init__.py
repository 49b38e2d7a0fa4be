"""kyivcli: interrogate a markdown article about a war: sections, dates, units, places, events.

    import kyivcli
    art = kyivcli.open("war.md")            # kyivcli.open() reads the bundled article
    for u in art.units:
        print(u.name, u.side, u.side_evidence)
    rows = [kyivcli.record(e) for e in art.events(start="2022-03")]   # what the CLI prints as JSON

Names are imported on first use, so `import kyivcli` (and the CLI's start) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.2.0"

_WHERE = {
    "Article": "kyivcli.article", "open": "kyivcli.article", "parse_text": "kyivcli.article",
    "SCHEMA_VERSION": "kyivcli.contract", "record": "kyivcli.contract", "schema": "kyivcli.contract",
    **{name: "kyivcli.errors" for name in (
        "AmbiguousSection", "BadDate", "GazetteerError", "InputError", "InputNotFound", "KyivError", "NoMatch",
        "PlacesFileError", "QueryError", "SectionNotFound")},
    **{name: "kyivcli.model" for name in (
        "Date", "Day", "Document", "Event", "Evidence", "Hit", "MapView", "Mention", "PathStep", "Phase", "Place",
        "Section", "Sentence", "Span", "Timeline", "Unit")},
}
__all__ = [
    "SCHEMA_VERSION", "AmbiguousSection", "Article", "BadDate", "Date", "Day", "Document", "Event", "Evidence",
    "GazetteerError", "Hit", "InputError", "InputNotFound", "KyivError", "MapView", "Mention", "NoMatch",
    "PathStep", "Phase", "Place", "PlacesFileError", "QueryError", "Section", "SectionNotFound", "Sentence", "Span", "Timeline",
    "Unit", "__version__", "open", "parse_text", "record", "schema",
]

if TYPE_CHECKING:
    from kyivcli.article import Article, open, parse_text
    from kyivcli.contract import SCHEMA_VERSION, record, schema
    from kyivcli.errors import (
        AmbiguousSection,
        BadDate,
        GazetteerError,
        InputError,
        InputNotFound,
        KyivError,
        NoMatch,
        PlacesFileError,
        QueryError,
        SectionNotFound,
    )
    from kyivcli.model import (
        Date,
        Day,
        Document,
        Event,
        Evidence,
        Hit,
        MapView,
        Mention,
        PathStep,
        Phase,
        Place,
        Section,
        Sentence,
        Span,
        Timeline,
        Unit,
    )


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'kyivcli' has no attribute '{name}'")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
