"""`kyivcli gazetteer`: where the lookup is, whether it is usable, and building it anew."""

from __future__ import annotations


def gazetteer_status(rebuild: bool) -> dict[str, str | bool | int]:
    import sys

    from kyivcli.extract.places.gazetteer import Gazetteer, build_default, default_path

    path = default_path()
    if rebuild:
        n = build_default(path)
        sys.stderr.write(f"kyivcli: gazetteer built: {n} places in {path}\n")
    ok = path.exists() and Gazetteer.valid(path)
    return {"path": str(path), "usable": ok, "bytes": path.stat().st_size if path.exists() else 0}
