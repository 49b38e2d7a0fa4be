"""What the commands share: the output-format enum, common arguments, flag checks, and one way to write
records in any format (Rich views for `table`, writers over `kyivcli.record` for the rest)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from kyivcli.cli.render import Column

if TYPE_CHECKING:
    from kyivcli.article import Article
    from kyivcli.contract import JSONValue

__all__ = ["ArticleArg", "ArticlesArg", "Column", "DbOpt", "DocFormatOpt", "FormatOpt", "JsonOpt", "OutputFormat",
           "UsageError", "bounds", "choose_format", "emit_records", "examples", "looks_like_path", "many", "one",
           "place_rows"]


class OutputFormat(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


class TableFormat(StrEnum):
    """The formats of commands whose rows have no coordinates."""

    table = "table"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class DocFormat(StrEnum):
    """The formats of commands that print one document rather than rows."""

    table = "table"
    json = "json"


class UsageError(Exception):
    """A bad command line: one line on stderr, exit code 2."""


ArticleArg = Annotated[
    str | None,
    typer.Argument(help="Markdown article (path, or - for stdin). Default: the bundled article.",
                   show_default=False),
]
ArticlesArg = Annotated[
    list[str] | None,
    typer.Argument(metavar="[ARTICLE]...", help="Markdown articles (paths, or - for stdin); several add an 'article' "
                   "field to each row. Default: the bundled article.", show_default=False),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Answer from a corpus database built by `kyivcli index`, across its articles "
                 "(each row gains 'article').", show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON only (UTF-8, no colour); same as --format json.")]
FormatOpt = Annotated[
    TableFormat | None,
    typer.Option("--format", "-f", help="table (default on a terminal; tsv when piped), tsv, json, jsonl or csv.",
                 show_default=False, case_sensitive=False),
]

DocFormatOpt = Annotated[
    DocFormat | None,
    typer.Option("--format", "-f", help="table or json.", show_default=False, case_sensitive=False),
]

_TABULAR = (OutputFormat.table, OutputFormat.tsv, OutputFormat.json, OutputFormat.jsonl, OutputFormat.csv)
ROWS = (*_TABULAR, OutputFormat.geojson)


def choose_format(fmt: OutputFormat | TableFormat | DocFormat | None, as_json: bool,
                  allowed: Sequence[OutputFormat] = _TABULAR, rows: bool = False) -> OutputFormat:
    """--json and --format agree, and the format is one this command writes. A command that prints rows
    (`rows`) with no --format prints a Rich table to a terminal and TSV with a header to a pipe."""
    fmt = OutputFormat(fmt.value) if fmt is not None else None
    if fmt is None and not as_json and rows and not sys.stdout.isatty():
        return OutputFormat.tsv
    if as_json:
        if fmt not in (None, OutputFormat.json):
            raise UsageError(f"--json and --format {fmt.value} disagree; give one of them")  # type: ignore[union-attr]
        return OutputFormat.json
    fmt = fmt or OutputFormat.table
    if fmt not in allowed:
        raise UsageError(f"--format {fmt.value} is not available here (choose from "
                         f"{', '.join(f.value for f in allowed)})")
    return fmt


def bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Check --from/--to before any work: each a valid date, and --from not after --to."""
    from kyivcli.errors import BadDate
    from kyivcli.index.events import in_range, parse_bound

    out = []
    for flag, value in (("--from", date_from), ("--to", date_to)):
        try:
            out.append(parse_bound(value))
        except BadDate as e:
            raise UsageError(f"{flag}: {e.message}") from None
    lo, hi = out
    if lo and hi and not (in_range(lo, lo, None, hi) or in_range(hi, hi, lo, None)):
        raise UsageError(f"--from {lo} is after --to {hi}")
    return lo, hi


def many(articles: list[str] | None, db: str | None) -> bool:
    """Whether a command answers for several articles (a database, or more than one input); only then does
    it need kyivcli.cli.corpus (not imported for one article: a cheaper start)."""
    if db is not None and articles:
        raise UsageError("give articles or --db, not both (--db answers from the articles indexed there)")
    return db is not None or len(articles or []) > 1


def one(articles: list[str] | None) -> str | None:
    return (articles or [None])[0]


def place_rows(art: Article, with_dates: bool) -> list[dict[str, JSONValue]]:
    """Place records as rows; with `with_dates`, each place's first and last day (one article)."""
    from kyivcli.contract import record

    rows = []
    for p in art.places:
        row = record(p)
        if with_dates:
            row["first_date"], row["last_date"] = art.place_span(p)
        rows.append(row)
    return rows


def looks_like_path(arg: str) -> bool:
    """An argument meant as a file: it has a directory part or a text file's extension."""
    return "/" in arg or arg.lower().endswith((".md", ".markdown", ".txt"))


def examples(*lines: str) -> str:
    """An epilog of examples for a command's --help (Typer markdown keeps each on its own line)."""
    return "**Examples**\n\n" + "\n\n".join(f"* `{ln}`" for ln in lines)


def emit_records(data: object, fmt: OutputFormat, columns: list[Column] | None = None, title: str = "",
                 schema: str | None = None) -> None:
    """Write records (or already-built dicts) to stdout in `fmt`; `schema` (a command's JSON Schema name)
    gives the CSV header when there are no rows."""
    from kyivcli.cli.render import emit
    from kyivcli.contract import record

    def plain(x: object) -> JSONValue:
        return x if isinstance(x, dict) else record(x)  # type: ignore[arg-type,return-value]

    rows: JSONValue = [plain(x) for x in data] if isinstance(data, list) else plain(data)
    keys = None
    if schema and not rows and fmt is OutputFormat.csv:
        from kyivcli.contract import schema as load_schema

        keys = list(load_schema(schema)["items"]["properties"])  # type: ignore[index,call-overload]
    emit(rows, fmt.value, columns, title, sys.stdout, keys)


