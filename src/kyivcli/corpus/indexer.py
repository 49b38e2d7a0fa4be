"""Index many articles into one SQLite file: worker processes extract (`rows.extract_rows`), the parent
writes each article in one transaction, so an interrupted run leaves every article either whole or
absent. Incremental: a file whose size and modification time are unchanged is skipped; a changed (or
touched) one is replaced.

Progress goes to a callback; nothing here prints.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kyivcli.corpus.schema import FTS_FILL

_GLOB = set("*?[")
_ENV = ("KYIVCLI_CACHE_DIR",)  # what a worker must see as the caller sees it now (where the gazetteer is)
SMALL_RUN = 256 * 1024  # bytes to extract below which the default (-j not given) is to work in-process
_PRELOAD = ("kyivcli.corpus._warm", "kyivcli.corpus.rows", "kyivcli.article", "kyivcli.parse.markdown", "kyivcli.extract.dates",
            "kyivcli.extract.units", "kyivcli.extract.places.geoparse", "kyivcli.index.convert", "kyivcli.index.events")


@dataclass(frozen=True)
class Input:
    """One article file to index: what to call it (as given) and where it is."""

    name: str
    path: Path
    bytes: int = 0
    mtime_ns: int = 0


@dataclass
class IndexSummary:
    """What a run did: files indexed, skipped (unchanged) and failed (with a one-line reason)."""

    files: int = 0
    indexed: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    bytes: int = 0  # bytes of the files indexed (extracted) in this run
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time spent extracting, summed over workers (robust to a busy machine)
    db: str = ""
    jobs: int = 1

    @property
    def rate_mb_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"db": self.db, "files": self.files, "indexed": self.indexed, "skipped": self.skipped,
                "failed": [{"article": n, "reason": r} for n, r in self.failed], "bytes": self.bytes,
                "seconds": round(self.seconds, 3), "mb_per_s": round(self.rate_mb_s, 3), "jobs": self.jobs}


@dataclass(frozen=True)
class Step:
    """One file done: `status` is indexed | skipped | failed (with `reason`); a first `started` step (no file)
    comes before any work."""

    name: str
    status: str
    bytes: int
    done: int  # files done so far
    total: int  # files in the run
    done_bytes: int
    total_bytes: int
    reason: str = ""


Progress = Callable[[Step], None]


def collect_paths(inputs: Iterable[str], stdin_lines: Iterable[str] | None = None) -> tuple[list[Input], list[tuple[str, str]]]:
    """Files to index from files, directories (every *.md below, sorted), glob patterns, and '-' (a list of
    paths, one a line, read from `stdin_lines`). Returns (inputs, problems) where a problem is
    (what was given, why it names no article)."""
    out: list[Input] = []
    problems: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def add(name: str, p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            try:
                st = p.stat()
                size, mtime = st.st_size, st.st_mtime_ns
            except OSError:
                size, mtime = 0, 0
            out.append(Input(name, key, size, mtime))

    def expand(item: str) -> None:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.md") if q.is_file())
            if not found:
                problems.append((item, "directory holds no *.md file"))
            for q in found:
                add(str(q), q)
        elif p.is_file():
            add(item, p)
        elif _GLOB & set(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                problems.append((item, "pattern matches no file"))
            for m in matches:
                if Path(m).is_file():
                    add(m, Path(m))
                elif Path(m).is_dir():
                    expand(m)
        else:
            problems.append((item, "no such file or directory"))

    for item in inputs:
        if item == "-":
            for line in stdin_lines or ():
                if line.strip():
                    expand(line.strip())
        else:
            expand(item)
    return out, problems


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


Packed = dict[str, list[tuple[Any, ...]]]  # an article's rows as tuples in rows.COLUMNS order (rows.extract_tables)


def extract_file(path: str, name: str) -> tuple[Packed | None, str]:
    """Read, decode and extract one file (what a worker runs): (packed rows, '') or (None, one-line reason)."""
    from kyivcli.corpus.rows import extract_tables
    from kyivcli.errors import KyivError
    from kyivcli.load import decode, read_bytes

    try:
        _, data = read_bytes(path)
        return extract_tables(decode(name, data), name), ""
    except KyivError as e:
        return None, getattr(e, "message", str(e))
    except Exception as e:  # noqa: BLE001 - one bad article must not stop the corpus
        first = (str(e).strip().splitlines() or [""])[0]
        return None, f"{type(e).__name__}: {first}"[:300]


def _timed_extract(path: str, name: str) -> tuple[Packed | None, str, float]:
    """extract_file, with its CPU time, with fewer cyclic collections meanwhile (see extract.collect)."""
    from kyivcli.extract.collect import fewer_collections

    t = time.process_time()
    with fewer_collections():
        rows, reason = extract_file(path, name)
    return rows, reason, time.process_time() - t


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means


class Writer:
    """Writes one article's rows in one transaction, replacing what the file had before."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._places: dict[str, int] = {}
        self._units: dict[str, int] = {}

    def known(self, path: Path) -> tuple[str, int, int | None] | None:
        """(sha256, bytes, mtime_ns) of the file as last indexed, or None."""
        row = self.conn.execute("SELECT sha256, bytes, mtime_ns FROM articles WHERE path = ?", (str(path),)).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), row[2])

    def _place_id(self, r: tuple[Any, ...]) -> int:
        key = r[0]
        if key not in self._places:
            row = self.conn.execute(
                "INSERT INTO places(key, name, kind, country, admin1, lat, lon, geonameid) VALUES (?,?,?,?,?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET key = excluded.key RETURNING id", r[:8]).fetchone()
            self._places[key] = int(row[0])
        return self._places[key]

    def _unit_id(self, r: tuple[Any, ...]) -> int:
        key = r[0]
        if key not in self._units:
            row = self.conn.execute(
                "INSERT INTO units(key, name, side, echelon, tier) VALUES (?,?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET key = excluded.key RETURNING id", r[:5]).fetchone()
            self._units[key] = int(row[0])
        return self._units[key]

    def write(self, item: Input, sha: str, rows: Packed) -> None:
        """Write one article's rows (tuples in rows.COLUMNS order: see rows.extract_tables)."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM articles WHERE path = ?", (str(item.path),))  # cascades to its rows
            aid = c.execute(
                "INSERT INTO articles(path, name, sha256, bytes, mtime_ns, title, chars, sections, sentences, meta, "
                "warnings, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                (str(item.path), item.name, sha, item.bytes, item.mtime_ns, *rows["article"][0][1:],
                 datetime.now(UTC).isoformat(timespec="seconds"))).fetchone()[0]
            a = (aid,)
            c.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?)", (a + r for r in rows["sections"]))
            c.executemany(
                "INSERT INTO sentences(article_id, idx, line, section, section_title, kind, text, day, days, places, "
                "units) VALUES (?,?,?,?,?,?,?,?,?,?,?)", (a + r for r in rows["sentences"]))
            c.execute(FTS_FILL, a)
            c.executemany("INSERT INTO dates VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (a + r for r in rows["dates"]))
            units = {r[0]: self._unit_id(r) for r in rows["units"]}
            c.executemany("INSERT OR REPLACE INTO article_units VALUES (?,?,?,?,?,?,?,?)",
                          ((aid, units[r[0]]) + r[5:] for r in rows["units"]))
            c.executemany("INSERT INTO unit_mentions VALUES (?,?,?,?,?,?,?)",
                          ((aid, units[r[0]]) + r[1:] for r in rows["unit_mentions"]))
            c.executemany("INSERT INTO unit_path VALUES (?,?,?,?,?,?,?,?)",
                          ((aid, units[r[0]]) + r[1:] for r in rows["unit_path"]))
            places = {r[0]: self._place_id(r) for r in rows["places"]}
            c.executemany("INSERT OR IGNORE INTO place_names VALUES (?,?,?)",
                          ((places[k], norm, form) for k, norm, form in rows["place_names"]))
            c.executemany("INSERT OR REPLACE INTO article_places VALUES (?,?,?,?,?,?)",
                          ((aid, places[r[0]]) + r[8:] for r in rows["places"]))
            c.executemany("INSERT INTO place_mentions VALUES (?,?,?,?,?,?,?)",
                          ((aid, places[r[0]]) + r[1:] for r in rows["place_mentions"]))
            c.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (a + r for r in rows["events"]))
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:  # an interrupt may land after COMMIT: then the article is whole
                c.execute("ROLLBACK")
            self._places.clear()  # ids made in the rolled-back transaction are gone
            self._units.clear()
            raise


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


Result = tuple[Input, str, Packed | None, str, float]


def _worker_main(conn: Any) -> None:
    """A worker: extract each (path, name) the parent sends, send back (rows, reason, CPU seconds)."""
    _worker_init()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            from kyivcli import rx

            rx.save()  # patterns this worker compiled: the next run's workers need not compile them again
            return
        path, name, env = task
        for key, value in env.items():  # the fork server may predate the caller's environment
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        conn.send(_timed_extract(path, name))


def _results(todo: list[tuple[Input, str]], jobs: int) -> Iterator[Result]:
    """(input, hash, rows, reason, CPU seconds) for each file, from worker processes (at most 2 per worker in
    flight, so memory stays bounded by the largest articles, not the corpus).

    Each worker has its own pipe and the parent reads them itself (no manager thread): an interrupted run can
    terminate the workers at any moment, even halfway through sending a result, and still exit at once."""
    if jobs <= 1 or len(todo) <= 1:
        for item, sha in todo:
            yield item, sha, *_timed_extract(str(item.path), item.name)
        return
    import multiprocessing
    import signal
    import threading
    from multiprocessing.connection import wait

    # Ctrl-C while workers run: note it, and stop between articles (a second Ctrl-C stops at once), so the
    # interrupt never lands inside a worker's start or a hand-over
    stop = threading.Event()
    old_handler = None
    if threading.current_thread() is threading.main_thread():
        def on_sigint(signum: int, frame: object) -> None:
            if stop.is_set():
                raise KeyboardInterrupt
            stop.set()

        old_handler = signal.signal(signal.SIGINT, on_sigint)
    if "forkserver" in multiprocessing.get_all_start_methods():  # workers fork from a server that imported the
        ctx: Any = multiprocessing.get_context("forkserver")       # extractors once, not from this process
        ctx.set_forkserver_preload(list(_PRELOAD))
    else:  # pragma: no cover - Windows, macOS without forkserver
        ctx = multiprocessing.get_context("spawn")
    queue = deque(todo)
    env = {key: os.environ.get(key) for key in _ENV}
    workers: dict[Any, tuple[Any, list[tuple[Input, str]]]] = {}  # parent's pipe end -> (process, tasks sent)

    def start() -> None:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        proc.start()
        child.close()
        workers[parent] = (proc, [])

    def feed(conn: Any) -> None:
        """Keep two articles in hand (one to start as soon as the last is sent back), but only one each
        for the last few: else one worker can end with two to do while the other has none."""
        tasks = workers[conn][1]
        while queue and len(tasks) < (2 if len(queue) > len(workers) else 1):
            nxt = queue.popleft()
            tasks.append(nxt)
            try:
                conn.send((str(nxt[0].path), nxt[0].name, env))
            except OSError:  # the worker is gone: the next read says so, and its tasks fail there
                return

    try:
        for _ in range(min(jobs, len(todo))):
            start()
        for conn in list(workers):
            feed(conn)
        while any(tasks for _, tasks in workers.values()):
            ready = wait([c for c, (_, tasks) in workers.items() if tasks], timeout=0.1)
            if stop.is_set():
                raise KeyboardInterrupt
            for conn in ready:
                proc, tasks = workers[conn]
                try:
                    rows, reason, cpu = conn.recv()
                except (EOFError, OSError):  # the worker died (out of memory, killed): its tasks fail, a new one goes on
                    conn.close()
                    del workers[conn]
                    proc.join(1)
                    for item, sha in tasks:
                        yield item, sha, None, f"worker process died (exit code {proc.exitcode})", 0.0
                    start()
                    for c in list(workers):
                        feed(c)
                    continue
                item, sha = tasks.pop(0)
                feed(conn)
                yield item, sha, rows, reason, cpu
                if stop.is_set():
                    raise KeyboardInterrupt
        for conn in workers:
            conn.send(None)
        for conn, (proc, _) in workers.items():
            proc.join()
            conn.close()
        workers.clear()
    finally:
        for proc, _ in workers.values():  # interrupted: stop the workers now, whatever they are doing
            proc.terminate()
        for conn, (proc, _) in workers.items():
            proc.join(5)
            conn.close()
        if old_handler is not None:
            signal.signal(signal.SIGINT, old_handler)


def index_paths(inputs: Iterable[str], db: str | Path, *, jobs: int | None = None,
                progress: Progress | None = None, stdin_lines: Iterable[str] | None = None,
                force: bool = False) -> IndexSummary:
    """Index the articles named by `inputs` (files, directories, globs, '-') into the database `db`.

    `jobs` worker processes (default: the cores, or in-process when there is under 256 KB to extract).
    Unchanged files (same size and modification time as last indexed) are skipped unless `force`, without
    being read; a new, changed or touched file is hashed (SHA-256, stored with the article) and written in
    one transaction; a file that fails is listed in the summary with a one-line reason and the rest go on.
    KeyboardInterrupt propagates after the article being written is rolled back (the database stays
    consistent: every article is whole or absent)."""
    from kyivcli.corpus.schema import connect

    t0 = time.perf_counter()
    auto = jobs is None
    jobs = jobs or default_jobs()
    items, problems = collect_paths(inputs, stdin_lines)
    summary = IndexSummary(files=len(items) + len(problems), db=str(db), jobs=jobs)
    summary.failed.extend(problems)
    total_bytes = sum(i.bytes for i in items)
    done, done_bytes = 0, 0
    conn = connect(db)
    try:
        writer = Writer(conn)

        def step(item: Input, status: str, reason: str = "") -> None:
            nonlocal done, done_bytes
            done += 1
            done_bytes += item.bytes
            if progress is not None:
                progress(Step(item.name, status, item.bytes, done, summary.files, done_bytes, total_bytes, reason))

        if progress is not None:  # draw the bar before the first file is done
            progress(Step("", "started", 0, done, summary.files, 0, total_bytes))
        for name, reason in problems:  # inputs that name no article
            done += 1
            if progress is not None:
                progress(Step(name, "failed", 0, done, summary.files, 0, total_bytes, reason))
        todo: list[tuple[Input, str]] = []
        for item in items:
            known = None if force else writer.known(item.path)
            if known is not None and known[1] == item.bytes and known[2] == item.mtime_ns:
                summary.skipped += 1
                step(item, "skipped")
                continue
            try:
                sha = file_hash(item.path)
            except OSError as e:
                summary.failed.append((item.name, f"cannot read ({e.strerror or e})"))
                step(item, "failed", summary.failed[-1][1])
                continue
            todo.append((item, sha))  # new, changed or touched (like make: `touch FILE` re-indexes it)
        if auto and sum(item.bytes for item, _ in todo) < SMALL_RUN:
            jobs = summary.jobs = 1  # starting workers would cost more than they save
        if jobs > 1 and len(todo) > 1:  # build the gazetteer here, once, if it is missing, not in every worker
            from kyivcli.extract.places.gazetteer import Gazetteer

            Gazetteer.open().con.close()
        from kyivcli.extract.collect import fewer_collections

        results = _results(todo, jobs)
        try:
            for item, sha, rows, reason, cpu in results:
                summary.cpu_seconds += cpu
                if rows is None:
                    summary.failed.append((item.name, reason))
                    step(item, "failed", reason)
                    continue
                with fewer_collections():  # thousands of row tuples: no cyclic collection every 700
                    writer.write(item, sha, rows)
                summary.indexed += 1
                summary.bytes += item.bytes
                step(item, "indexed")
        finally:
            results.close()  # interrupted while writing: stop the workers now, not at exit
        if summary.indexed:
            _drop_orphans(conn)
    finally:
        conn.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def _drop_orphans(conn: sqlite3.Connection) -> None:
    """Places and units no article names any more (after a file changed)."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM place_names WHERE place_id NOT IN (SELECT place_id FROM article_places)")
    conn.execute("DELETE FROM places WHERE id NOT IN (SELECT place_id FROM article_places)")
    conn.execute("DELETE FROM units WHERE id NOT IN (SELECT unit_id FROM article_units)")
    conn.execute("COMMIT")
