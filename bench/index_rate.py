#!/usr/bin/env python3
"""How fast `kyivcli index` goes and how much memory it takes.

    python bench/index_rate.py [--rounds 3] [--copies 3] [--memory-copies 100]

The corpus is built in a temp dir by copying the bundled article and, when /work/shared (or --shared) is
there, the WikiWars articles (`wikiwars/articles/*.md`), `--copies` times over (so start-up costs do not
dominate). Without the shared articles it says so and uses copies of the bundled article alone.

Rounds are interleaved (-j 1, -j 2, -j 1, -j 2, ...) so drift in machine load hits both alike; medians
are reported:
- `-j 1`: extraction in this process (modules imported and gazetteer open before timing): MB/s per core
  (target >= 1.5 MB/s on war articles);
- `-j 2`: two worker processes (pool start included): its rate and ratio to -j 1 (target >= 1.7x on 2 cores);
- peak memory: a fresh process indexing `--memory-copies` copies of the bundled article with -j 1
  (ru_maxrss of that process; target < 150 MB), and with -j 2 (parent and largest worker).
The gazetteer must be built already (run any kyivcli command that needs places once).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEMORY_CHILD = r"""
import json, os, resource, sys, threading, time
from kyivcli.corpus import index_paths
src, db, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
peak = {"worker": 0.0}
stop = threading.Event()

def descendants():
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                kids.setdefault(int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1]), []).append(int(d))
            except OSError:
                pass
    out, todo = [], [os.getpid()]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.append(k)
            todo.append(k)
    return out

def watch():  # workers fork from a forkserver, so RUSAGE_CHILDREN misses them: read their VmHWM
    while not stop.wait(0.05):
        for pid in descendants():
            try:
                for line in open(f"/proc/{pid}/status"):
                    if line.startswith("VmHWM:"):
                        peak["worker"] = max(peak["worker"], int(line.split()[1]) / 1024)
            except OSError:
                pass

threading.Thread(target=watch, daemon=True).start()
s = index_paths([src], db, jobs=jobs)
stop.set()
print(json.dumps({"indexed": s.indexed, "seconds": s.seconds,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_mb": peak["worker"]}))
"""


def build_corpus(dest: Path, shared: Path, copies: int) -> tuple[int, str]:
    from kyivcli.load import bundled_path

    sources = [bundled_path()]
    wikiwars = sorted((shared / "wikiwars" / "articles").glob("*.md"))
    if wikiwars:
        sources += wikiwars
        what = f"the bundled article and {len(wikiwars)} WikiWars articles from {shared}"
    else:
        what = f"the bundled article only ({shared}/wikiwars/articles is missing)"
    for k in range(copies):
        for s in sources:
            shutil.copy(s, dest / f"{k:03}-{s.name}")
    return sum(p.stat().st_size for p in dest.glob("*.md")), f"{len(sources) * copies} files: {copies} x {what}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--copies", type=int, default=8, help="copies of the corpus (more: start-up matters less)")
    ap.add_argument("--memory-copies", type=int, default=100)
    ap.add_argument("--shared", default=os.environ.get("KYIVCLI_SHARED", "/work/shared"))
    a = ap.parse_args()

    from kyivcli.corpus import index_paths, rows
    from kyivcli.load import bundled_path

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus"
        src.mkdir()
        size, what = build_corpus(src, Path(a.shared), a.copies)
        print(f"corpus: {what}, {size / 1e6:.2f} MB")
        index_paths([str(bundled_path())], str(Path(tmp) / "warm.db"), jobs=1)  # imports, gazetteer: not timed
        rates: dict[int, list[float]] = {1: [], 2: []}
        per_cpu: dict[int, list[float]] = {1: [], 2: []}
        total_cpu: dict[int, list[float]] = {1: [], 2: []}  # this process + workers: all the CPU a run needs
        for r in range(a.rounds):
            for jobs in (1, 2):
                db = Path(tmp) / f"r{r}-j{jobs}.db"
                for gz in rows._GAZETTEERS.values():  # noqa: SLF001 - a round starts with no GeoNames answers
                    gz.forget()  # remembered from the last one, as a fresh `kyivcli index` (or worker) does
                t, c = time.perf_counter(), time.process_time()
                s = index_paths([str(src)], str(db), jobs=jobs)
                dt, own = time.perf_counter() - t, time.process_time() - c
                total_cpu[jobs].append(own + (s.cpu_seconds if jobs > 1 else 0.0))
                assert s.indexed and not s.failed, s.failed
                rates[jobs].append(size / 1e6 / dt)
                per_cpu[jobs].append(size / 1e6 / s.cpu_seconds)
                print(f"  round {r + 1}  -j {jobs}  {dt:6.2f} s  {size / 1e6 / dt:5.2f} MB/s  "
                      f"({size / 1e6 / s.cpu_seconds:4.2f} MB per extraction CPU-s)", flush=True)
        j1, j2 = statistics.median(rates[1]), statistics.median(rates[2])
        print(f"-j 1 in-process   {j1:5.2f} MB/s per core   (target >= 1.5; "
              f"{statistics.median(per_cpu[1]):.2f} MB per CPU-s, {statistics.median(per_cpu[2]):.2f} in -j 2 workers)")
        print(f"-j 2 (2 workers)  {j2:5.2f} MB/s   {j2 / j1:4.2f}x -j 1   (target >= 1.7x; {os.cpu_count()} cores)")
        c1, c2 = statistics.median(total_cpu[1]), statistics.median(total_cpu[2])
        print(f"CPU-s per run: -j 1 {c1:.2f}, -j 2 {c2:.2f} (parent and workers); on 2 idle cores -j 2 would take "
              f">= {c2 / 2:.2f} s: at most {c1 / (c2 / 2):.2f}x -j 1 (a projection, not a measurement)")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work on the machine "
              "lowers the wall-clock rates and the -j 2 ratio; MB per CPU-s is not affected)")

        mem = Path(tmp) / "memory"
        mem.mkdir()
        for k in range(a.memory_copies):
            shutil.copy(bundled_path(), mem / f"seed-{k:03}.md")
        for jobs in (1, 2):
            out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(mem), str(Path(tmp) / f"mem{jobs}.db"),
                                  str(jobs)], capture_output=True, text=True, check=True)
            m = json.loads(out.stdout.strip().splitlines()[-1])
            extra = f", each worker <= {m['worker_mb']:.0f} MB" if jobs > 1 else ""
            print(f"peak memory, {a.memory_copies} copies of the seed, -j {jobs}: {m['self_mb']:.0f} MB{extra} "
                  f"({m['seconds']:.1f} s; target < 150 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
