"""Tagging a paragraph with N dates costs O(N); a date row's sentence is capped."""

import time

import kyivcli
from kyivcli.contract import SENTENCE_CAP


def _run_on(n: int) -> str:
    months = ["January", "February", "March", "April", "May", "June"]
    return "# Test\n\nThe brigade attacked " + ", ".join(
        f"on {i % 28 + 1} {months[i // 28 % 6]} 2022" for i in range(n)) + ".\n"


def _per_date(n: int) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        a = kyivcli.parse_text(_run_on(n), name="s.md")
        assert len(a.dates) == n
        best = min(best, (time.perf_counter() - t0) / n)
    return best


def test_time_per_date_is_flat():
    _per_date(50)
    small, big = _per_date(300), _per_date(3000)
    assert big < small * 3, (small, big)


def test_row_sentence_is_capped():
    a = kyivcli.parse_text(_run_on(200), name="s.md")
    row = kyivcli.record(a.dates[-1])
    assert len(row["sentence"]) <= SENTENCE_CAP and row["sentence"].endswith("…")
