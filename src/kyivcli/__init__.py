"""kyivcli: interrogate a markdown article about a war: sections, dates, units, places, events."""

from kyivcli.article import Article, open, parse_text

__version__ = "0.1.0"
__all__ = ["Article", "open", "parse_text", "__version__"]
