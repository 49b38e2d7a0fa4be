#!/usr/bin/env python3
"""Time per date when one paragraph holds 100 / 1,000 / 10,000 dates (the tagger must be linear).

    python bench/date_scaling.py [--sizes 100,1000,10000]

Two shapes of paragraph: many short sentences ("On 3 March 2022 the 5th brigade attacked. " with
varying days) and one run-on sentence listing dates ("on 3 March 2022, on 4 March 2022, ...").
Flat microseconds per date across sizes means linear cost.
"""

from __future__ import annotations

import argparse
import time

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def sentences(n: int) -> str:
    return "".join(f"On {i % 28 + 1} {MONTHS[i // 28 % 12]} 2022 the {i % 90 + 1}th brigade attacked. "
                   for i in range(n))


def run_on(n: int) -> str:
    return "The brigade attacked " + ", ".join(f"on {i % 28 + 1} {MONTHS[i // 28 % 12]} 2022" for i in range(n)) + "."


def measure(text: str) -> tuple[float, int]:
    """Seconds to tag the dates and build the event table (parsing excluded; places and units,
    which `Article.events()` also attaches, are other extractors' cost)."""
    from kyivcli.extract.dates import tag_document
    from kyivcli.index.events import build_events
    from kyivcli.load import from_text
    from kyivcli.parse.markdown import parse

    doc = parse(from_text("# Scaling test 2022\n\n" + text + "\n", "scaling.md"))
    t0 = time.perf_counter()
    mentions = tag_document(doc)
    build_events(mentions, include_all=True)
    return time.perf_counter() - t0, len(mentions)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    measure(sentences(10))  # warm: imports, compiled patterns
    print(f"{'shape':<10}{'dates':>8}{'found':>8}{'KB':>8}{'seconds':>10}{'us/date':>10}")
    for shape, make in (("sentences", sentences), ("run-on", run_on)):
        for n in sizes:
            text = make(n)
            secs, found = measure(text)
            print(f"{shape:<10}{n:>8}{found:>8}{len(text) / 1024:>8.0f}{secs:>10.3f}{secs / max(found, 1) * 1e6:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
