"""Military units: a grammar of unit names (recognize), then coreference and sides (canon)."""

from kyivcli.extract.units.canon import build_units
from kyivcli.extract.units.model import Unit, UnitMention
from kyivcli.extract.units.recognize import find_mentions

__all__ = ["Unit", "UnitMention", "build_units", "find_mentions"]
