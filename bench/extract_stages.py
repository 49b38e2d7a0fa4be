#!/usr/bin/env python3
"""Where the CPU of one article's index rows goes, and what the per-core rate could be without each part.

    python bench/extract_stages.py [--rounds 7] [--shared /work/shared]

Runs `kyivcli.corpus.rows.extract_rows` (what `kyivcli index` does per article, SQLite writes aside) over
the bundled article and, when the shared folder is there, the WikiWars articles (else it says so and
uses the bundled article alone). Each round times every stage in turn with `time.process_time` (CPU, so a
busy machine distorts it less); the best round is reported:

- markdown: load, parse, sections and sentences;
- dates, units, places: each extractor's working objects; within each, "finding" is the scan of the
  text for candidates (date patterns; unit triggers and grammar; place candidates and rule needs) and
  the rest is "deciding" (narrative time, sides and names, GeoNames lookups, namesakes, persons);
- records and rows: the public records, events and the row dicts the index stores.

The finders are timed through wrappers (a microsecond a call, a few ms a round).

The last lines say what MB per CPU-second the whole reaches, and what it would reach if every finding
stage cost nothing: the rate that deciding, records and markdown alone allow.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FINDERS = {  # (module, function) of each extractor's finding stage, as the extractor calls it
    "places": [("kyivcli.extract.places.geoparse", "candidates"), ("kyivcli.extract.places.geoparse", "_present")],
    "dates": [("kyivcli.extract.dates.tagger", "find")],
    "units": [("kyivcli.extract.units.canon", "find_mentions"), ("kyivcli.extract.units.canon", "active_rules")],
}


def corpus(shared: Path) -> list[tuple[str, str]]:
    from kyivcli.load import bundled_path

    files = [bundled_path()]
    extra = sorted((shared / "wikiwars" / "articles").glob("*.md"))
    if extra:
        files += extra
    else:
        print(f"{shared}/wikiwars/articles not found: the bundled article alone", file=sys.stderr)
    return [(p.read_text(encoding="utf-8"), p.name) for p in files]


def wrap(found: dict[str, float]) -> None:
    """Replace each finder by a timed twin that adds its CPU time to found[extractor]."""
    import importlib

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*a: Any, **k: Any) -> Any:
            t0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                found[name] += time.process_time() - t0
        return inner

    for name, targets in FINDERS.items():
        for module, attr in targets:
            mod = importlib.import_module(module)
            if hasattr(mod, attr):
                setattr(mod, attr, timed(name, getattr(mod, attr)))
            else:
                print(f"note: {module}.{attr} not found: its time counts as deciding", file=sys.stderr)


def one_round(texts: list[tuple[str, str]], found: dict[str, float]) -> dict[str, float]:
    """One pass over the articles: each article's stages in turn, then the rows from what they found
    (`extract_rows` handed the article already worked, so it builds the records and rows alone)."""
    import kyivcli
    from kyivcli.corpus import rows

    cost = dict.fromkeys(("markdown", "dates", "units", "places", "records and rows"), 0.0)
    for k in found:
        found[k] = 0.0
    gz = rows._gazetteer()  # noqa: SLF001 - the indexer's shared connection
    gz.forget()  # nothing remembered from the last round: every round reads GeoNames alike
    parse_text = kyivcli.parse_text
    try:
        for text, name in texts:
            t = time.process_time()
            art = parse_text(text, name=name)
            _ = art.document.sentences
            cost["markdown"] += time.process_time() - t
            art.__dict__["gazetteer"] = gz
            for stage, attr in (("dates", "_raw_dates"), ("units", "_raw_units"), ("places", "_raw_places")):
                t = time.process_time()
                getattr(art, attr)
                cost[stage] += time.process_time() - t
            kyivcli.parse_text = lambda *_a, _art=art, **_k: _art  # type: ignore[misc]
            t = time.process_time()
            rows.extract_rows(text, name)
            cost["records and rows"] += time.process_time() - t
            kyivcli.parse_text = parse_text
    finally:
        kyivcli.parse_text = parse_text
    cost["whole"] = sum(cost.values())
    return cost


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    a = ap.parse_args()
    texts = corpus(a.shared)
    mb = sum(len(t.encode()) for t, _ in texts) / 1e6
    found = dict.fromkeys(FINDERS, 0.0)
    wrap(found)
    one_round(texts, found)  # imports, compiled patterns, the gazetteer's pages: not timed
    best: dict[str, float] | None = None
    best_found: dict[str, float] = {}
    for _ in range(a.rounds):
        cost = one_round(texts, found)
        if best is None or cost["whole"] < best["whole"]:
            best, best_found = cost, dict(found)
    assert best is not None
    whole = best["whole"]
    print(f"{len(texts)} articles, {mb:.3f} MB; best of {a.rounds} rounds: {whole:.3f} CPU-s "
          f"= {mb / whole:.2f} MB per CPU-s (1.5 MB/s per core needs <= {mb / 1.5:.3f} CPU-s)")
    for stage in ("markdown", "dates", "units", "places", "records and rows"):
        line = f"  {stage:17s} {best[stage]:6.3f} CPU-s  {best[stage] / whole * 100:5.1f} %"
        if stage in best_found:
            f = best_found[stage]
            line += f"   finding {f:6.3f}  deciding {max(0.0, best[stage] - f):6.3f}"
        print(line)
    free = whole - sum(best_found.values())
    print(f"without any finding stage (scans free): {free:.3f} CPU-s = {mb / free:.2f} MB per CPU-s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
