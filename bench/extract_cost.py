#!/usr/bin/env python3
"""In-process cost of extraction on the bundled article, against mistune's own parse of it.

    python bench/extract_cost.py [--runs 30]

Targets (issues): dates + events ≤ 2× mistune's parse; units ≤ 1× mistune's parse.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time


def median_ms(fn, runs: int) -> float:
    fn()  # warm caches (compiled patterns, resources)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=30)
    a = ap.parse_args()
    import mistune

    from kyivcli.extract.dates import tag_document
    from kyivcli.extract.units import build_units
    from kyivcli.index.events import build_events
    from kyivcli.load import load
    from kyivcli.parse.markdown import parse

    src = load(None)
    doc = parse(load(None))
    md = mistune.create_markdown(renderer=None)
    base = median_ms(lambda: md(src.body), a.runs)
    ours = median_ms(lambda: parse(load(None)), a.runs)
    dates = median_ms(lambda: build_events(tag_document(doc)), a.runs)
    units = median_ms(lambda: build_units(doc), a.runs)
    print(f"mistune parse (AST)        {base:7.2f} ms")
    print(f"kyivcli load+parse         {ours:7.2f} ms   {ours / base:5.2f}x")
    print(f"dates + events             {dates:7.2f} ms   {dates / base:5.2f}x   (target <= 2x)")
    print(f"units                      {units:7.2f} ms   {units / base:5.2f}x   (target <= 1x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
