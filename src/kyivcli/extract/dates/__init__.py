"""Temporal tagger: find temporal expressions (matcher) and resolve them to TIMEX3 values (resolver)."""

from kyivcli.extract.dates.model import DateMention
from kyivcli.extract.dates.tagger import tag_document

__all__ = ["DateMention", "tag_document"]
