"""Properties: the tagger never fails on date-shaped noise; bounds and the sort key agree."""

from hypothesis import given, settings
from hypothesis import strategies as st

import kyivcli
from kyivcli.index.events import in_range, parse_bound, sort_key

WORDS = ["On", "the", "night", "of", "3", "4", "25/26", "May", "December", "18,", "19,", "and", "20", "1944",
         "BC", "490", "480–479", "2007-08", "Third", "day", "later", "earlier", "after", "Karvos", "since",
         "until", "by", "In", "late", "early", "the", "1.09", "million", "10", "am", "per", "day", "daily",
         "anniversary", "sixth", "this", "period", "decade", "century", "4th", "-", "–", ",", ".", "\n\n", "#"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_tagging_never_fails(words):
    a = kyivcli.parse_text("# T\n\n" + " ".join(words) + "\n", name="p.md")
    for m in a.dates:
        assert m.text and m.type in ("DATE", "TIME", "DURATION", "SET")
    a.events(include_all=True)


@given(st.integers(min_value=1, max_value=3000), st.integers(min_value=1, max_value=3000), st.booleans(), st.booleans())
def test_bound_order_matches_numeric_years(y1, y2, bc1, bc2):
    b1 = parse_bound(f"{y1}BC" if bc1 else f"{y1:04d}")
    b2 = parse_bound(f"{y2}BC" if bc2 else f"{y2:04d}")
    n1, n2 = (-y1 if bc1 else y1), (-y2 if bc2 else y2)
    assert (sort_key(b1) < sort_key(b2)) == (n1 < n2)
    assert in_range(b1, b1, b1, b1)
    assert in_range(b1, b1, b2, None) == (n1 >= n2)
