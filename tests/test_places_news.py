"""Local news: a town name several countries share, in a text whose other towns are the only ones of their name."""

from __future__ import annotations

import kyivcli
from kyivcli.extract.places.distance import km

_LOCAL = ("# Council news\n\nMANSFIELD -- The Mansfield council met on Monday. Mansfield wants a patrol like the one "
          "the Shreveport police run. Mansfield aldermen said Shreveport pays its officers more. A Mansfield "
          "resident spoke.\n")


def places(text):
    return {p.name: p for p in kyivcli.parse_text(text, name="t.md").places}


def test_a_shared_town_name_takes_the_namesake_near_the_texts_unambiguous_towns():
    got = places(_LOCAL)
    town = got["Mansfield"]
    assert town.country == "US" and km((town.lat, town.lon), (32.04, -93.70)) < 50  # Mansfield, Louisiana


def test_a_shared_town_name_alone_still_takes_its_largest_namesake():
    got = places("# News\n\nThe Mansfield council met on Monday in Mansfield.\n")
    assert got["Mansfield"].country == "GB"


def test_a_country_the_text_names_also_goes_by_its_people_word_in_the_text():
    got = places("# News\n\nThe United States sent aid. Americans cheered and an American ship sailed.\n")
    us = got["United States"]
    assert "Americans" in us.aliases and "American" in us.aliases


def test_a_people_word_alone_adds_no_country():
    assert "United States" not in places("# News\n\nAmericans cheered in the streets of Mansfield.\n")


def test_a_state_under_its_own_name_is_a_place_in_a_text_that_names_no_country():
    got = places("# News\n\nDucks in Pennsylvania were fine.\n")
    assert got["Pennsylvania"].country == "US"


def test_a_state_name_votes_for_its_country_not_for_a_small_namesake_abroad():
    got = places("# News\n\nSamples came from ducks in Maryland and in Pennsylvania.\n")
    assert got["Maryland"].country == "US" and got["Maryland"].kind == "state"


def test_a_state_abbreviation_after_a_town_is_a_mention_of_that_state():
    got = places("# News\n\nThe veterans met in Gettysburg, Pa., on Monday.\n")
    state = got["Pennsylvania"]
    assert state.kind == "state" and any(a.rstrip(".") == "Pa" for a in state.aliases)
    assert got["Gettysburg"].admin1 == "PA"


def test_a_country_named_with_a_compass_word_is_that_country_not_a_region():
    got = places("# News\n\nNorth Korea reported an outbreak of bird flu.\n")
    assert got["North Korea"].kind == "country" and got["North Korea"].country == "KP"


def test_the_netherlands_without_its_article_is_the_country():
    got = places("# News\n\nNetherlands has never had a case before.\n")
    assert any(p.country == "NL" and p.kind == "country" for p in got.values())


def test_a_state_that_opens_an_organisations_name_is_a_place():
    got = places("# News\n\nHe heads the Pennsylvania State Baseball Association. The Maryland Department of "
                 "Education agreed.\n")
    assert got["Pennsylvania"].kind == "state" and got["Maryland"].kind == "state"


def test_a_newspaper_or_a_territory_named_after_a_state_adds_no_state():
    got = places("# News\n\nThe Pennsylvania Herald said so.\n")
    assert "Pennsylvania" not in got


def test_a_legislators_home_town_after_the_party_letter_is_a_place():
    got = places("# News\n\nState Rep. Jane Doe, R-Gettysburg, voted against the bill in Pennsylvania.\n")
    assert got["Gettysburg"].admin1 == "PA"


def test_a_dotted_state_abbreviation_on_its_own_names_the_state_and_places_its_towns():
    got = places("# News\n\nThe president of the S.C. Trial Lawyers Association spoke in Columbia on Monday.\n")
    assert got["South Carolina"].kind == "state" and "S.C." in got["South Carolina"].aliases
    assert got["Columbia"].admin1 == "SC"


def test_a_state_abbreviation_is_the_state_even_when_a_great_city_bears_its_name():
    got = places("# News\n\nThe laboratory is in Gettysburg, N.Y., officials said.\n")
    assert got["New York"].kind == "state"
