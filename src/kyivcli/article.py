"""The public entry points: an article opened from a file or from text, with everything extracted
from it computed on first use."""

from __future__ import annotations

from kyivcli.pipeline import Analysis


class Article(Analysis):
    """One article: `document`, `dates`, `units`, `places`, `events()` (built lazily, cached)."""

    @property
    def document(self):  # noqa: ANN201 - typed in the model package
        return self.doc


def open(path: str | None = None) -> Article:  # noqa: A001 - the library's verb, as in io.open
    """Open an article file ('-' is stdin; None is the bundled article)."""
    from kyivcli.load import load
    from kyivcli.parse.markdown import parse

    return Article(parse(load(path)))


def parse_text(markdown: str, name: str = "<text>") -> Article:
    """An article from markdown text in memory."""
    from kyivcli.load import from_text
    from kyivcli.parse.markdown import parse

    return Article(parse(from_text(markdown, name)))
