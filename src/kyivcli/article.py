"""The public entry point: an article, opened from a file or from text, and everything extracted from
it, each layer built on first use and kept (load → parse → extract → index).

    art = kyivcli.open("war.md")          # or kyivcli.open() for the bundled article
    art.units, art.places, art.dates      # tuples of records (kyivcli.model)
    art.events(start="2022-03", section="1.2")
    kyivcli.record(art.units[0])          # the dict the CLI prints for it as JSON
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kyivcli.model.document import Document, Section

if TYPE_CHECKING:  # records are built (and their module imported) only by the layers that make them
    from kyivcli.extract.dates.model import DateMention
    from kyivcli.extract.places.gazetteer import Gazetteer
    from kyivcli.extract.places.geoparse import PlaceItem, PlaceMention
    from kyivcli.extract.places.overrides import PlaceOverride
    from kyivcli.extract.units.model import Unit as RawUnit
    from kyivcli.extract.units.model import UnitMention
    from kyivcli.model.records import Date, Event, Hit, MapView, Place, Timeline, Unit

Progress = Callable[[int, int], None]
_AREA_KINDS = frozenset({"country", "continent", "region", "state", "ocean", "sea"})  # a unit is not "at" these


class Article:
    """One article and what is extracted from it. Build it with `kyivcli.open` or `kyivcli.parse_text`."""

    def __init__(self, document: Document, *, gazetteer_progress: Progress | None = None,
                 places_file: str | Path | None = None, on_warning: Callable[[str], None] | None = None) -> None:
        self.document = document
        self._progress = gazetteer_progress
        self._overrides = _load_overrides(places_file) if places_file is not None else None
        self._on_warning = on_warning
        self.warnings: list[str] = []  # problems met while extracting (the document's own: document.warnings)
        self._events: dict[bool, list[Event]] = {}

    def __repr__(self) -> str:
        return f"Article({self.document.source.name!r}, {self.document.title!r})"

    @property
    def name(self) -> str:
        return self.document.source.name

    @property
    def title(self) -> str:
        return self.document.title

    # -- extraction layers (internal working objects, then the public records) --------------------

    @cached_property
    def _raw_dates(self) -> list[DateMention]:
        from kyivcli.extract.collect import fewer_collections
        from kyivcli.extract.dates import tag_document

        with fewer_collections():
            return tag_document(self.document)

    @cached_property
    def _raw_units(self) -> tuple[list[RawUnit], list[UnitMention]]:
        from kyivcli.extract.collect import fewer_collections
        from kyivcli.extract.units import build_units

        with fewer_collections():
            return build_units(self.document)

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self._on_warning is not None:
            self._on_warning(message)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The GeoNames lookup (built once per machine on first use; progress goes to the callback).
        Raises GazetteerError when it can be neither read nor built."""
        import sqlite3

        from kyivcli.errors import GazetteerError
        from kyivcli.extract.places.gazetteer import Gazetteer

        try:
            return Gazetteer.open(progress=self._progress)
        except (OSError, sqlite3.Error) as e:
            detail = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            raise GazetteerError(f"the GeoNames gazetteer cannot be built or read ({detail})") from None

    @cached_property
    def _raw_places(self) -> tuple[list[PlaceItem], list[PlaceMention]]:
        """Places; without a usable gazetteer, none (with a warning), so the rest still answers."""
        from kyivcli.errors import GazetteerError
        from kyivcli.extract.places.geoparse import Geoparser

        try:
            gazetteer = self.gazetteer
        except GazetteerError as e:
            self._warn(f"{e.message}; places are left out")
            return [], []
        from kyivcli.extract.collect import fewer_collections

        with fewer_collections():
            return Geoparser(gazetteer, overrides=self._overrides).parse(self.document)

    @cached_property
    def _sentence_days(self) -> dict[int, list[str]]:
        from kyivcli.index.summary import sentence_days

        return sentence_days(self._raw_dates)

    @cached_property
    def _place_names(self) -> dict[int, list[str]]:
        """The names of the places each sentence mentions (shared by units, events, search and the index)."""
        from kyivcli.index.summary import names_by_sentence

        return names_by_sentence(self._raw_places[1])

    @cached_property
    def _unit_names(self) -> dict[int, list[str]]:
        """The names of the units each sentence mentions."""
        from kyivcli.index.summary import names_by_sentence

        return names_by_sentence(self._raw_units[1])

    # -- public records -------------------------------------------------------------------------

    @cached_property
    def dates(self) -> tuple[Date, ...]:
        """Every temporal expression with its TIMEX3 value, in text order."""
        from kyivcli.index.convert import date_records

        return date_records(self._raw_dates)

    @cached_property
    def places(self) -> tuple[Place, ...]:
        """Places named in the text, most mentioned first in text order of first mention."""
        from kyivcli.index.convert import place_records

        return place_records(self._raw_places[0])

    def place_span(self, place: Place) -> tuple[str | None, str | None]:
        """The first and last calendar day of the sentences naming `place` (costs the date pass)."""
        from kyivcli.index.summary import span

        return span([m.sentence_index for m in place.mentions], self._sentence_days)

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        """Military units and services, with side, first/last date, places nearby and dated path."""
        from kyivcli.index.convert import unit_records

        places_by_sentence = self._place_names
        coords = {p.name: (p.lat, p.lon) for p in self._raw_places[0] if p.kind not in _AREA_KINDS}
        return unit_records(self._raw_units[0], self._sentence_days, places_by_sentence, coords, self.document)

    def events(self, start: str | None = None, end: str | None = None, section: str | None = None,
               include_all: bool = False) -> list[Event]:
        """Sentences with their calendar day (or range), in time order. `start`/`end` take YYYY, YYYY-MM
        or YYYY-MM-DD (an event must lie wholly inside); `section` a number, slug or title fragment;
        `include_all` adds sentences dated only to a month or year."""
        from kyivcli.index.events import in_range, parse_bound

        if start is None and end is None and section is None:
            return list(self._all_events(include_all))
        lo, hi = parse_bound(start), parse_bound(end)
        inside = self.section_sentences(section) if section is not None else None
        return [e for e in self._all_events(include_all)
                if in_range(e.start, e.end, lo, hi) and (inside is None or e.sentence_index in inside)]

    def _all_events(self, include_all: bool) -> list[Event]:
        if include_all not in self._events:
            from kyivcli.index.convert import event_records
            from kyivcli.index.events import build_events

            places, units = self._place_names, self._unit_names
            self._events[include_all] = event_records(build_events(self._raw_dates, include_all), places, units)
        return self._events[include_all]

    # -- queries --------------------------------------------------------------------------------

    def find_section(self, query: str) -> Section:
        """A section by number ('1.2'), slug, title or title fragment (SectionNotFound, AmbiguousSection)."""
        from kyivcli.outline import find_section

        return find_section(self.document, query)

    def section_sentences(self, query: str) -> set[int]:
        """Indexes of the sentences inside a section and its subsections."""
        sec = self.find_section(query)
        return {s.index for sub in sec.walk() for s in sub.sentences}

    def match_places(self, query: str) -> list[Place]:
        """Places a reader means by `query`: any GeoNames spelling, any form in the text, or a near miss."""
        from kyivcli.index.search import match_places

        return match_places(self, query)

    def match_units(self, query: str) -> list[Unit]:
        """Units a reader means: '79th', '79th brigade', 'air assault' (every air assault unit)."""
        from kyivcli.index.search import match_units

        return match_units(self.units, query)

    def search(self, query: str | None = None, *, town: str | None = None, unit: str | None = None,
               start: str | None = None, end: str | None = None, section: str | None = None,
               context: int = 0, sort: str = "position") -> list[Hit]:
        """Sentences matching every filter given: words or a quoted phrase, a town, a unit, a date span,
        a section; `context` sentences around each; `sort` 'position' or 'date'. A town or unit that names
        nothing in the article raises NoMatch."""
        from kyivcli.index.search import search

        return search(self, query, town=town, unit=unit, start=start, end=end, section=section,
                      context=context, sort=sort)

    def timeline(self, busiest: int = 3) -> Timeline:
        """Events per day (per year for history dated to years), phases from dated headings, busiest days."""
        from kyivcli.index.timeline import timeline

        return timeline(self, busiest)

    def map(self, around: str | None = None, radius_km: float | None = None) -> MapView:
        """Places to draw: the main cluster, or those within `radius_km` (default 50) of place `around`."""
        from kyivcli.index.geo import map_view

        return map_view(self, around, radius_km)

    def track(self, unit: str) -> list[Unit]:
        """The units matching `unit` (forgiving, as in search), each with its dated `path` of places."""
        from kyivcli.errors import NoMatch

        found = self.match_units(unit)
        if not found:
            raise NoMatch(f"no unit in the article matches '{unit}'")
        return found


def _load_overrides(path: str | Path) -> list[PlaceOverride]:
    from kyivcli.errors import InputNotFound, PlacesFileError
    from kyivcli.extract.places.overrides import load_places_file

    if not Path(path).is_file():
        raise InputNotFound(f"{path}: no such file")
    try:
        return load_places_file(path)
    except ValueError as e:
        raise PlacesFileError(str(e)) from None


def open(path: str | Path | None = None, *, gazetteer_progress: Progress | None = None,  # noqa: A001
         places_file: str | Path | None = None, on_warning: Callable[[str], None] | None = None) -> Article:
    """Open an article file ('-' is stdin; None is the bundled article). Raises InputError.
    `gazetteer_progress(done, total)` is called while the gazetteer is built (once per machine);
    `places_file` is a CSV of places that add to or override the gazetteer; `on_warning` hears problems
    met while extracting (also kept in `Article.warnings`)."""
    from kyivcli.load import load
    from kyivcli.parse.markdown import parse

    return Article(parse(load(None if path is None else str(path))), gazetteer_progress=gazetteer_progress,
                   places_file=places_file, on_warning=on_warning)


def parse_text(markdown: str, name: str = "<text>", *, gazetteer_progress: Progress | None = None,
               places_file: str | Path | None = None, on_warning: Callable[[str], None] | None = None) -> Article:
    """An article from markdown text in memory (frontmatter optional); options as for `open`."""
    from kyivcli.load import from_text
    from kyivcli.parse.markdown import parse

    return Article(parse(from_text(markdown, name)), gazetteer_progress=gazetteer_progress,
                   places_file=places_file, on_warning=on_warning)
