#!/usr/bin/env python3
"""Cost grows linearly: the bundled article's body repeated 1x, 10x, 100x, through the whole
pipeline (dates, events, units, places). Prints time and peak memory per MB and their ratio to 1x.

    python bench/scaling.py [--sizes 1,10,100] [--command events]

Each size runs in its own process (peak RSS is per process); the gazetteer must be built already.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from kyivcli.cli import main
path, cmd = sys.argv[1], sys.argv[2]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
try:
    sys.stdout = open("/dev/null", "w")
    main([cmd, path, "--json"])
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print(json.dumps({"seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10,100")
    ap.add_argument("--command", default="events", help="events pulls in dates, units and places")
    a = ap.parse_args()
    from kyivcli.load import bundled_path

    seed = bundled_path().read_text(encoding="utf-8")
    head, body = seed.split("\n---\n", 1)
    first = None
    print(f"{'size':>6} {'MB':>7} {'seconds':>8} {'s/MB':>7} {'peak MB':>8} {'MB/MB':>7}  ratio to 1x (time, memory)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in a.sizes.split(",")):
            path = Path(tmp) / f"seed-x{n}.md"
            path.write_text(head + "\n---\n" + body * n, encoding="utf-8")
            mb = path.stat().st_size / 2**20
            out = subprocess.run([sys.executable, "-c", CHILD, str(path), a.command], capture_output=True, text=True)
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 1
            r = json.loads(out.stdout.strip().splitlines()[-1])
            per_s, per_m = r["seconds"] / mb, r["peak_mb"] / mb
            first = first or (per_s, per_m)
            print(f"{n:>5}x {mb:7.2f} {r['seconds']:8.2f} {per_s:7.2f} {r['peak_mb']:8.1f} {per_m:7.1f}  "
                  f"{per_s / first[0]:.2f}, {per_m / first[1]:.2f}")
    print("(peak memory includes the interpreter's fixed ~40 MB, so MB/MB falls as size grows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
