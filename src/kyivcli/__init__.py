"""kyivcli: interrogate a markdown article about a war: sections, dates, units, places, events.

    import kyivcli
    art = kyivcli.open("war.md")            # kyivcli.open() reads the bundled article
    for u in art.units:
        print(u.name, u.side, u.side_evidence)
    rows = [kyivcli.record(e) for e in art.events(start="2022-03")]   # what the CLI prints as JSON
"""

from kyivcli.article import Article, open, parse_text
from kyivcli.contract import SCHEMA_VERSION, record
from kyivcli.errors import (
    AmbiguousSection,
    BadDate,
    GazetteerError,
    InputError,
    InputNotFound,
    KyivError,
    NoMatch,
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

__version__ = "0.2.0"
__all__ = [
    "SCHEMA_VERSION", "AmbiguousSection", "Article", "BadDate", "Date", "Day", "Document", "Event", "Evidence",
    "GazetteerError", "Hit", "InputError", "InputNotFound", "KyivError", "MapView", "Mention", "NoMatch",
    "PathStep", "Phase", "Place", "QueryError", "SectionNotFound", "Section", "Sentence", "Span", "Timeline",
    "Unit", "__version__", "open", "parse_text", "record",
]
