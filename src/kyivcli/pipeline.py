"""load → parse → extract → index, computed lazily: a command pays only for what it shows."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from kyivcli.load import load
from kyivcli.parse.markdown import parse
from kyivcli.parse.model import Document


def open_document(path: str | None) -> Document:
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
