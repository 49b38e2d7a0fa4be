"""The temporal tagger: each form, each resolution rule, and a property test."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kyivcli

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def tag(body: str, title: str = "Some offensive (2022)"):
    return [(m.text, m.value) for m in kyivcli.parse_text(f"---\nsubject: {title}\n---\n{body}", "t.md").dates]


def tagged(body: str, **kw) -> dict[str, str | None]:
    return dict(tag(body, **kw))


@pytest.mark.parametrize("text,expect", [
    ("It began on 24 February 2022.", ("24 February 2022", "2022-02-24")),
    ("It began on February 24, 2022.", ("February 24, 2022", "2022-02-24")),
    ("It began on 24 Feb.", ("24 Feb", "2022-02-24")),
    ("On 25 February troops moved.", ("25 February", "2022-02-25")),
    ("Between 22 and 24 March, x.", ("Between 22 and 24 March", "2022-03-22/2022-03-24")),
    ("Fighting 11–15 March.", ("11–15 March", "2022-03-11/2022-03-15")),
    ("Counter offensive (16 March – 4 April).", ("16 March", "2022-03-16")),  # issue 14: two written dates
    ("Clashes on 3-4 March.", ("3-4 March", "2022-03-03/2022-03-04")),
    ("Attacks from 8 to 10 March failed.", ("from 8 to 10 March", "2022-03-08/2022-03-10")),
    ("Strikes in early-March.", ("early-March", "2022-03")),
    ("Quiet by mid-March.", ("mid-March", "2022-03")),
    ("Retreat at the end of March.", ("the end of March", "2022-03")),
    ("Gone in late March.", ("late March", "2022-03")),
    ("Withdrew in April 2022.", ("April 2022", "2022-04")),
    ("A meeting in March 2021.", ("March 2021", "2021-03")),
    ("The 1939 invasion.", ("1939", "1939")),
    ("Photo 04.03.2021 here.", ("04.03.2021", "2021-03-04")),
    ("Photo 2022-04-06 here.", ("2022-04-06", "2022-04-06")),
    ("They fought for two days.", ("two days", "P2D")),
    ("No advances in the past 24–48 hours.", ("the past 24–48 hours", "PT24H/PT48H")),
    ("Missing for more than two weeks.", ("more than two weeks", "P2W")),
    ("It fell in 480 BC.", ("480 BC", "BC0480")),
    ("Peace came in the 1920s.", ("the 1920s", "192X")),
])
def test_forms(text, expect):
    assert expect in tag(text)


def test_mod_values():
    body = "Strikes in early March. Retreat at the end of March."
    mods = {m.text: m.mod for m in kyivcli.parse_text(f"---\nsubject: X (2022)\n---\n{body}").dates}
    assert mods == {"early March": "early", "the end of March": "late"}


def test_time_anchors_to_the_sentence_date():
    got = tagged("At 8:00 a.m. local time on 24 February 2022, helicopters flew south.")
    assert got["8:00 a.m."] == "2022-02-24T08:00"


def test_part_of_day_of_a_date_is_two_mentions():
    got = tag("On the morning of 24 February 2022, attacks began.")
    assert got == [("the morning of 24 February 2022", "2022-02-24TMO")]  # issue 14: one expression


@pytest.mark.parametrize("second,expect", [
    ("The next day, x.", "2022-02-26"),
    ("That day, x.", "2022-02-25"),
    ("It fell on the same day.", "2022-02-25"),
    ("Fighting had erupted one day earlier.", "2022-02-24"),
    ("A renewed assault came a day after the initial attack.", "2022-02-26"),
    ("The following year, x.", "2023"),
])
def test_relative_expressions_follow_the_narrative(second, expect):
    got = tag(f"On 25 February, x happened. {second}")
    assert got[-1][1] == expect


def test_next_morning_is_a_time_on_the_next_day():
    assert tagged("On 25 February, x. A curfew came the next morning.")["the next morning"] == "2022-02-26TMO"


def test_document_year_comes_from_title_not_pubdate():
    body = "On 25 February, x."
    art = kyivcli.parse_text(f"---\nsubject: Kyiv offensive (2022)\npubDate: 2019-02-19\n---\n{body}")
    assert art.dates[0].value == "2022-02-25"


def test_document_year_from_first_explicit_year_without_title_year():
    assert tag("In 1940 Germany attacked. On 10 May, x.", title="World War II")[-1] == ("10 May", "1940-05-10")


def test_year_crossing_new_year():
    got = tag("On 20 December 1941, x. On 5 January, y.", title="War")
    assert got[-1] == ("5 January", "1942-01-05")


def test_a_month_without_a_year_takes_the_year_nearest_the_reference():
    got = tag("They landed in January 1945 and took Manila in March. Forces fought in Burma from October "
              "to March, then took Rangoon by May 3. In August, y.", title="War")
    assert got[2:] == [("October", "1944-10"), ("March", "1945-03"), ("May 3", "1945-05-03"), ("August", "1945-08")]


def test_fixed_day_holidays():
    got = tag("Troops hoped to be home by Christmas 1963. On 20 December 1941 x. By Christmas, y. "
              "On New Year's Day z. They took Christmas Island.", title="War")
    assert got == [("Christmas 1963", "1963-12-25"), ("20 December 1941", "1941-12-20"),
                   ("Christmas", "1941-12-25"), ("New Year's Day", "1942-01-01")]


def test_caption_dates_do_not_move_the_reference():
    body = "On 24 February 2022, x.\n\n![Photo, 04.03.2021](a.jpg)\n\nOn 25 February, y.\n"
    got = tag(body)
    assert ("04.03.2021", "2021-03-04") in got and got[-1] == ("25 February", "2022-02-25")


def test_heading_range_scopes_its_section():
    body = "## Late phase (16 March – 4 April)\n\nThe next day, x.\n"
    assert tag(body)[-1] == ("The next day", "2022-03-17")


def test_impossible_dates_are_not_dates():
    values = [v for _, v in tag("On 31 February, x. On 32 March, y.")]
    assert "2022-02-31" not in values and all(v is None or "-02-31" not in v for v in values)


def test_quantities_are_not_years():
    assert tag("Some 2000 soldiers and 1500 km of road.") == []


def test_bc_context_bare_years():
    got = tag("The revolt began in 499 BC. It ended in 493.", title="Greco-Persian Wars")
    assert got == [("499 BC", "BC0499"), ("493", "BC0493")]
    assert tag("The revolt began in 1941. It ended in 493.", title="X") == [("1941", "1941")]


def test_fenced_code_is_not_tagged():
    assert tag("```\nOn 3 May 2021 the 5th Brigade\n```\n") == []


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["On {}, troops advanced.", "The battle of {} was lost.", "By {} the city fell."]))
def test_any_day_month_year_is_found_with_its_value(day, template):
    phrase = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    assert (phrase, day.isoformat()) in tag(template.format(phrase), title="A war")
