"""The CLI side of many articles: `index` (progress bar, summary, exit code), and the data commands run
over a corpus database (`--db`) or over several inputs in one process (each row gains `article`).

The commands in app.py parse their flags and hand over here; the work is kyivcli.corpus's."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import typer

from kyivcli.cli.options import Column, OutputFormat, emit_records, place_rows

if TYPE_CHECKING:
    from kyivcli.article import Article
    from kyivcli.corpus.indexer import Step

Row = dict[str, Any]
ARTICLE = Column("article", "article", max_width=28)


# -- index -----------------------------------------------------------------------------------------

def _progress() -> tuple[Callable[[Step], None], Callable[[], None]]:
    """A Rich bar on a terminal (files, MB, rate, ETA); failures as lines either way."""
    from kyivcli.cli.render.console import console

    err = console(stderr=True)
    state: dict[str, Any] = {}

    def update(step: Step) -> None:
        if step.status == "failed":
            (state["bar"].console.print if "bar" in state else lambda s: sys.stderr.write(s + "\n"))(
                f"kyivcli: failed: {step.name}: {step.reason}")
        if not err.is_terminal:
            return
        if "bar" not in state:
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )

            bar = Progress(TextColumn("indexing"), BarColumn(), TextColumn("{task.fields[files]} files"),
                           DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(), console=err,
                           transient=True)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("index", total=step.total_bytes or 1, files="")
        state["bar"].update(state["task"], completed=step.done_bytes, total=step.total_bytes or 1,
                            files=f"{step.done}/{step.total}")

    def stop() -> None:
        if "bar" in state:
            state.pop("bar").stop()

    return update, stop


def index(paths: list[str], db: str, jobs: int | None, force: bool, fmt: OutputFormat) -> None:
    from kyivcli.corpus.indexer import index_paths

    stdin = sys.stdin if "-" in paths else None
    update, stop = _progress()
    try:
        summary = index_paths(paths, db, jobs=jobs, progress=update, stdin_lines=stdin, force=force)
    finally:
        stop()
    if fmt is OutputFormat.json:
        emit_records(summary.as_dict(), fmt)
    failed = f", {len(summary.failed)} failed" if summary.failed else ""
    sys.stderr.write(f"kyivcli: indexed {summary.indexed}, skipped {summary.skipped} unchanged{failed} of "
                     f"{summary.files} files into {db} ({summary.bytes / 1e6:.2f} MB in {summary.seconds:.1f} s, "
                     f"{summary.rate_mb_s:.2f} MB/s, {summary.jobs} {'job' if summary.jobs == 1 else 'jobs'})\n")
    if summary.failed:
        raise typer.Exit(1)


# -- writing rows that come per article ------------------------------------------------------------

def _write(chunks: Iterable[list[Row]], fmt: OutputFormat, columns: list[Column], title: str) -> int:
    """Write rows as they come: jsonl and json stream (each article's rows as soon as they are ready),
    table and csv need them all first. Returns the number of rows."""
    out = sys.stdout
    n = 0
    if fmt is OutputFormat.jsonl:
        for rows in chunks:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
            out.flush()
            n += len(rows)
        return n
    if fmt is OutputFormat.json:
        for rows in chunks:
            for r in rows:
                item = "\n".join("  " + ln for ln in json.dumps(r, ensure_ascii=False, indent=2).split("\n"))
                out.write(("[\n" if n == 0 else ",\n") + item)
                n += 1
            out.flush()
        out.write("[]\n" if n == 0 else "\n]\n")
        return n
    rows = [r for chunk in chunks for r in chunk]
    if fmt is OutputFormat.table:  # the file name is enough on a screen; machine formats keep the path
        from pathlib import Path

        rows = [{**r, "article": Path(str(r["article"])).name} for r in rows]
    emit_records(rows, fmt, [ARTICLE, *columns], title)
    return len(rows)


def _articles(inputs: list[str], failed: list[str]) -> Iterator[Article]:
    """Each input opened in turn (one in memory at a time); a failing input is reported and skipped."""
    import kyivcli
    from kyivcli.cli.progress import gazetteer_progress
    from kyivcli.errors import InputError

    for path in inputs:
        try:
            yield kyivcli.open(path, gazetteer_progress=gazetteer_progress())
        except InputError as e:
            sys.stderr.write(f"kyivcli: failed: {e.message if hasattr(e, 'message') else e}\n")
            failed.append(path)


def _per_article(inputs: list[str], rows_of: Callable[[Article], list[Row]], skip: tuple[type, ...] = ()
                 ) -> tuple[Iterator[list[Row]], list[str]]:
    failed: list[str] = []

    def gen() -> Iterator[list[Row]]:
        for art in _articles(inputs, failed):
            try:
                rows = rows_of(art)
            except skip:
                continue
            yield [{**r, "article": art.name} for r in rows]

    return gen(), failed


def _finish(n: int, failed: list[str], empty_exit: bool = False) -> None:
    if failed or (empty_exit and n == 0):
        raise typer.Exit(1)


def _corpus(db: str) -> Any:
    from kyivcli.corpus.queries import Corpus

    return Corpus(db)


def _title(what: str, db: str | None, inputs: list[str] | None) -> str:
    return f"{what} — {db}" if db else f"{what} — {len(inputs or [])} articles"


# -- the data commands -----------------------------------------------------------------------------

def events(inputs: list[str] | None, db: str | None, fmt: OutputFormat, columns: list[Column], lo: str | None,
           hi: str | None, section: str | None, include_all: bool) -> None:
    from kyivcli.contract import record
    from kyivcli.errors import SectionNotFound

    if db:
        with _corpus(db) as c:
            rows = c.events(lo, hi, section, include_all)
        _write([rows], fmt, columns, _title("Events", db, inputs))
        return
    chunks, failed = _per_article(inputs or [], lambda a: [record(e) for e in a.events(lo, hi, section, include_all)],
                                  (SectionNotFound,))
    _finish(_write(chunks, fmt, columns, _title("Events", db, inputs)), failed)


def units(inputs: list[str] | None, db: str | None, fmt: OutputFormat, columns: list[Column]) -> None:
    from kyivcli.contract import record

    if db:
        with _corpus(db) as c:
            _write([c.units()], fmt, columns, _title("Units", db, inputs))
        return
    chunks, failed = _per_article(inputs or [], lambda a: [record(u) for u in a.units])
    _finish(_write(chunks, fmt, columns, _title("Units", db, inputs)), failed)


def dates(inputs: list[str] | None, db: str | None, fmt: OutputFormat, columns: list[Column]) -> None:
    from kyivcli.contract import record

    if db:
        with _corpus(db) as c:
            _write([c.dates()], fmt, columns, _title("Dates", db, inputs))
        return
    chunks, failed = _per_article(inputs or [], lambda a: [record(d) for d in a.dates])
    _finish(_write(chunks, fmt, columns, _title("Dates", db, inputs)), failed)


def places(inputs: list[str] | None, db: str | None, fmt: OutputFormat, columns: list[Column],
           with_dates: bool) -> None:
    if with_dates:
        columns = [*columns, Column("first_date", "first", no_wrap=True), Column("last_date", "last", no_wrap=True)]
    if fmt is OutputFormat.geojson:
        from kyivcli.cli.render import emit

        if db:
            with _corpus(db) as c:
                rows = c.places(with_dates)
        else:
            rows = [r for chunk in _per_article(inputs or [], lambda a: place_rows(a, with_dates))[0] for r in chunk]
        emit(rows, fmt.value, None, None, sys.stdout)
        return
    if db:
        with _corpus(db) as c:
            _write([c.places(with_dates)], fmt, columns, _title("Places", db, inputs))
        return
    chunks, failed = _per_article(inputs or [], lambda a: place_rows(a, with_dates))
    _finish(_write(chunks, fmt, columns, _title("Places", db, inputs)), failed)


def search(inputs: list[str] | None, db: str | None, fmt: OutputFormat, query: str | None, **filters: Any) -> None:
    """Search a corpus or several inputs; no hit anywhere: a line on stderr and exit 1, like grep."""
    from kyivcli.contract import record
    from kyivcli.errors import NoMatch

    if db:
        with _corpus(db) as c:
            chunks: Iterable[list[Row]] = [c.search(query, **filters)]
            failed: list[str] = []
            n = _write_hits(chunks, fmt)
    else:
        chunks, failed = _per_article(inputs or [], lambda a: [record(h) for h in a.search(query, **filters)],
                                      (NoMatch,))
        n = _write_hits(chunks, fmt)
    if n == 0:
        sys.stderr.write("kyivcli: no sentence matches\n")
    _finish(n, failed, empty_exit=True)


def _write_hits(chunks: Iterable[list[Row]], fmt: OutputFormat) -> int:
    if fmt is not OutputFormat.table:
        return _write(chunks, fmt, [], "")
    n, last = 0, None
    for rows in chunks:
        for r in rows:
            if n == 0 or r["article"] != last:
                sys.stdout.write(f"{r['article']}\n")
            last = r["article"]
            date = r["date"] or ""
            sys.stdout.write(f"{r['line']:>5}  {date:<22}§{r['section']} {r['section_title']}\n"
                             f"      {r['sentence']}\n")
            n += 1
    return n


def track(inputs: list[str] | None, db: str | None, fmt: OutputFormat, columns: list[Column], query: str) -> None:
    from kyivcli.contract import record
    from kyivcli.errors import NoMatch

    if db:
        with _corpus(db) as c:
            rows = c.track(query)
    else:
        chunks, failed = _per_article(inputs or [], lambda a: [
            {"unit": u.name, "side": u.side, **record(s)} for u in a.track(query) for s in u.path], (NoMatch,))
        rows = [r for chunk in chunks for r in chunk]
        if not rows and not failed:
            raise NoMatch(f"no unit in these articles matches '{query}'")
        rows.sort(key=lambda r: (str(r["date"]), str(r["article"]), int(r["line"] or 0)))
    if fmt is OutputFormat.geojson:
        from kyivcli.cli.render import emit

        emit(rows, fmt.value, None, None, sys.stdout)
        return
    _write([rows], fmt, [Column("unit", "unit", ratio=1), *columns], f"Path of {query} — {db or 'articles'}")


def timeline(db: str, fmt: OutputFormat, width: int) -> None:
    with _corpus(db) as c:
        data = c.timeline()
    if fmt is OutputFormat.table:
        from kyivcli.cli.render.timeline_view import lines

        sys.stdout.write("\n".join(lines(data, db, width)) + "\n")
    elif fmt is OutputFormat.json:
        emit_records(data, fmt)
    else:
        emit_records(data["days"], fmt)


def map_(db: str, fmt: OutputFormat, width: int, around: str | None, radius: float | None) -> None:
    with _corpus(db) as c:
        view = c.map(around, radius)
    if fmt is OutputFormat.table:
        from kyivcli.cli.render.map_view import lines

        title = f"{db} — places" + (f" around {view.around}" if view.around else "")
        sys.stdout.write("\n".join(lines(list(view.points), list(view.off_map), title, width)) + "\n")
    elif fmt is OutputFormat.json:
        emit_records(view, fmt)
    else:
        emit_records(list(view.points), fmt)


def split_search_args(args: list[str]) -> tuple[list[str], list[str]]:
    """search's positional arguments: inputs (files, '-') and the rest (the query)."""
    from pathlib import Path

    inputs = [a for a in args if a == "-" or Path(a).is_file()]
    return inputs, [a for a in args if a not in inputs]
