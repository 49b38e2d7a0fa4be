#!/usr/bin/env python3
"""Score kyivcli on the seed article and on WikiWars with the scorers in ../shared/eval.

    python bench/score_all.py

Reads ../shared (beside the repository); says so and exits 2 when it is not there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    score_set = SHARED / "eval" / "score_set.py"
    if not score_set.exists():
        print(f"bench/score_all.py: {SHARED} is missing (the eval scorers and gold live there); nothing to score",
              file=sys.stderr)
        return 2
    worst = 0
    for args in (["seed"], [str(SHARED / "wikiwars"), "--only", "dates"]):
        proc = subprocess.run([sys.executable, str(score_set), *args, "--cmd", "kyivcli"])
        worst = max(worst, proc.returncode)
    return worst


if __name__ == "__main__":
    sys.exit(main())
