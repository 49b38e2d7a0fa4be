"""Many articles at once: a SQLite index of a corpus, and queries across it.

    from kyivcli.corpus import extract_rows, index_paths, Corpus
    rows = extract_rows(text, "war.md")        # pure: text in, plain rows out (any engine can map it)
    summary = index_paths(["articles/"], "war.db", jobs=2, progress=callback)
    with Corpus("war.db") as db:
        db.search(town="Bakhmut", start="2023-01")   # dicts: the usual record plus `article`

Names load on first use, so importing the package is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "extract_rows": "kyivcli.corpus.rows", "extract_tables": "kyivcli.corpus.rows", "TABLES": "kyivcli.corpus.rows",
    "COLUMNS": "kyivcli.corpus.rows",
    "index_paths": "kyivcli.corpus.indexer", "collect_paths": "kyivcli.corpus.indexer",
    "IndexSummary": "kyivcli.corpus.indexer", "Progress": "kyivcli.corpus.indexer", "Step": "kyivcli.corpus.indexer",
    "Corpus": "kyivcli.corpus.queries", "SCHEMA_SQL": "kyivcli.corpus.schema", "connect": "kyivcli.corpus.schema",
}
__all__ = ["COLUMNS", "SCHEMA_SQL", "TABLES", "Corpus", "IndexSummary", "Progress", "Step", "collect_paths",
           "connect", "extract_rows", "extract_tables", "index_paths"]

if TYPE_CHECKING:
    from kyivcli.corpus.indexer import IndexSummary, Progress, Step, collect_paths, index_paths
    from kyivcli.corpus.queries import Corpus
    from kyivcli.corpus.rows import COLUMNS, TABLES, extract_rows, extract_tables
    from kyivcli.corpus.schema import SCHEMA_SQL, connect


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'kyivcli.corpus' has no attribute '{name}'")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
