#!/usr/bin/env python3
"""Cold-start wall time of kyivcli commands against `python -c pass` (median of N runs), and their CPU time.

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


def timings(argvs: list[list[str]], runs: int) -> tuple[list[float], list[float], list[list[float]]]:
    """Median wall time and median CPU time (user + system, from the child's rusage) of each command, and the
    wall time of each turn. The commands take turns, so drift in machine load hits all alike; CPU time is
    what a command itself costs, which other work on a shared machine barely changes."""
    import resource

    for argv in argvs:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the OS file cache
    walls: list[list[float]] = [[] for _ in argvs]
    cpus: list[list[float]] = [[] for _ in argvs]
    for _ in range(runs):
        for i, argv in enumerate(argvs):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            walls[i].append(time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return [statistics.median(t) for t in walls], [statistics.median(c) for c in cpus], walls


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
    wall, cpu, turns = timings([[sys.executable, "-c", "pass"], *([exe, *c.split()] for c in cmds), *others], a.runs)
    base, base_cpu = wall[0], cpu[0]
    walls, against, cpus = wall[1: len(cmds) + 1], wall[len(cmds) + 1:], cpu[1: len(cmds) + 1]
    print(f"python -c pass          {base * 1000:7.1f} ms   (CPU {base_cpu * 1000:.1f} ms)")
    for i, (cmd, t) in enumerate(zip(cmds, walls, strict=True)):
        vs_first = ""
        if i:  # wall: ratio of medians and median of the turns' ratios (the pair ran back to back); CPU: ratio of medians
            per_turn = statistics.median(x / y for x, y in zip(turns[i + 1], turns[1], strict=True))
            vs_first = (f"   {t / walls[0]:4.2f}x {cmds[0]} (turn by turn {per_turn:4.2f}x; CPU {cpus[i] * 1000:.0f} ms, "
                        f"{cpus[i] / cpus[0]:4.2f}x)")
        vs_other = f"   {t / against[i]:4.2f}x against ({against[i] * 1000:.1f} ms)" if against else ""
        print(f"kyivcli {cmd:15} {t * 1000:7.1f} ms   ratio {t / base:5.1f}x{vs_first}{vs_other}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
