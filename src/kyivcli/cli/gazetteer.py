"""`kyivcli gazetteer`: where the lookup is, whether it is usable (checked page by page, not only by its
header), building it when it is missing or asked to."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def deep_check(path: Path) -> str | None:
    """None when the file is a whole, readable gazetteer; else what is wrong with it, in a few words."""
    from kyivcli.extract.places.gazetteer import Gazetteer

    if not path.exists():
        return "missing"
    if not Gazetteer.valid(path):
        return "damaged (wrong schema or size)"
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (verdict,) = con.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                return f"damaged ({str(verdict).splitlines()[0][:80]})"
            con.execute("SELECT count(*) FROM names JOIN places USING (geonameid)").fetchone()
        finally:
            con.close()
    except sqlite3.Error as e:
        return f"damaged ({e})"
    return None


def gazetteer_status(rebuild: bool) -> dict[str, str | bool | int]:
    """Build when asked or missing; report the state. Raises GazetteerError when it cannot be built."""
    import sys

    from kyivcli.cli.progress import gazetteer_progress
    from kyivcli.errors import GazetteerError
    from kyivcli.extract.places.gazetteer import build_default, default_path

    path = default_path()
    if rebuild or not path.exists():
        try:
            n = _build(build_default, path, gazetteer_progress())
        except OSError as e:
            raise GazetteerError(f"cannot build the gazetteer in {path.parent}: {e.strerror or e}") from None
        sys.stderr.write(f"kyivcli: gazetteer built: {n} places in {path}\n")
    problem = deep_check(path)
    return {"path": str(path), "usable": problem is None, "state": problem or "usable",
            "bytes": path.stat().st_size if path.exists() else 0}


def _build(build_default: object, path: Path, progress: object) -> int:
    """Call the builder with the progress callback where it takes one."""
    import inspect

    params = inspect.signature(build_default).parameters  # type: ignore[arg-type]
    if "progress" in params:
        return build_default(path, progress=progress)  # type: ignore[operator,no-any-return]
    return build_default(path)  # type: ignore[operator,no-any-return]
