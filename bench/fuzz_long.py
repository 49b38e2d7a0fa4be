#!/usr/bin/env python3
"""Run the property tests (fuzzer) for a long time: the 'long' hypothesis profile, random seeds.

    python bench/fuzz_long.py [--examples 3000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=3000)
    a = ap.parse_args()
    code = ("from hypothesis import settings; "
            f"settings.register_profile('bench', max_examples={a.examples}); ")
    return subprocess.call([sys.executable, "-c", code + "import pytest, sys; sys.exit(pytest.main(["
                            "'-q', '-p', 'no:cacheprovider', '--hypothesis-profile=long', "
                            f"'{ROOT / 'tests' / 'bad_inputs' / 'test_fuzz.py'}', "
                            f"'{ROOT / 'tests' / 'test_dates.py'}']))"], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
