#!/usr/bin/env python3
"""Cold-start wall time of kyivcli commands against `python -c pass` (median of N runs).

    python bench/cold_start.py [--runs 15] [--cmd "sections --json"] [--cmd "places --json"] [--against EXE]

Runs the installed `kyivcli` (the one on PATH next to this interpreter) on the bundled article. With
`--against EXE` (another install, e.g. a venv of an earlier commit) each command also runs there, in
the same turns, and the ratio this/that is printed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def median_walls(argvs: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command; the commands take turns, so drift in machine load hits all alike."""
    for argv in argvs:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the OS file cache
    times: list[list[float]] = [[] for _ in argvs]
    for _ in range(runs):
        for i, argv in enumerate(argvs):
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--cmd", action="append", help="kyivcli arguments to time (repeatable)")
    ap.add_argument("--against", help="another kyivcli executable to time in the same turns")
    a = ap.parse_args()
    exe = shutil.which("kyivcli")
    if not exe:
        print("kyivcli is not on PATH: install the project first (pip install -e .)", file=sys.stderr)
        return 1
    cmds = a.cmd or ["sections --json"]
    others = [[a.against, *c.split()] for c in cmds] if a.against else []
    base, *walls = median_walls([[sys.executable, "-c", "pass"], *([exe, *c.split()] for c in cmds), *others],
                                a.runs)
    walls, against = walls[: len(cmds)], walls[len(cmds):]
    print(f"python -c pass          {base * 1000:7.1f} ms")
    for i, (cmd, t) in enumerate(zip(cmds, walls, strict=True)):
        vs_first = f"   {t / walls[0]:4.2f}x {cmds[0]}" if i else ""
        vs_other = f"   {t / against[i]:4.2f}x against ({against[i] * 1000:.1f} ms)" if against else ""
        print(f"kyivcli {cmd:15} {t * 1000:7.1f} ms   ratio {t / base:5.1f}x{vs_first}{vs_other}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
