"""Words found in many texts at once: each text that holds a word, once, and none across the glue."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kyivcli.extract.joined import Joined


def test_holding_names_each_text_once_and_never_across_the_glue():
    j = Joined(["the river and the river", "no", "riv", "er bank river"])
    assert list(j.holding("river")) == [0, 3]  # "riv" + glue + "er" is no hit
    assert list(j.holding("absent")) == []
    assert [j.index_at(p) for p in (0, 23, 24, 27, 31)] == [0, 0, 1, 2, 3]


@given(st.lists(st.text(alphabet="ab \n", max_size=8), max_size=6), st.text(alphabet="ab ", min_size=1, max_size=3))
def test_holding_is_a_search_of_each_text(texts, word):
    assert list(Joined(texts).holding(word)) == [i for i, t in enumerate(texts) if word in t]
