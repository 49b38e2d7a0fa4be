"""Resolution rules that carry over to any article: the only town of a name abroad; facilities named after
their town."""

from __future__ import annotations

import kyivcli
from kyivcli.extract.places.distance import km


def places(text):
    return {p.name: p for p in kyivcli.parse_text(text, name="t.md").places}


_MANY = ("# T\n\nThe war reached Ukraine, Belarus, Germany, France, Russia and the United States; "
         "Japan fought on. Armies fought near Atlanta, Richmond and Gettysburg, around Boryspil and Hrodna, "
         "and at Volgograd.\n\n")


def test_the_only_town_of_its_name_is_kept_abroad_when_the_text_puts_something_at_it():
    got = places(_MANY + "The Japanese took the key base of Rabaul in 1942.\n")
    assert "Rabaul" in got and km((got["Rabaul"].lat, got["Rabaul"].lon), (-4.2, 152.16)) < 50


def test_a_lone_capitalised_word_is_not_the_only_town_of_its_name_without_a_cue():
    got = places(_MANY + "Rabaul said nothing more.\n")
    assert "Rabaul" not in got


def test_an_air_base_named_after_the_only_town_of_that_name_sits_at_that_town():
    got = places(_MANY + "B-52s flew from Kadena AFB every night.\n")
    base = got["Kadena AFB"]
    assert base.kind == "air_base" and km((base.lat, base.lon), (26.37, 127.76)) < 50


def test_a_museum_named_after_a_town_the_article_names_sits_at_that_town():
    got = places("# T\n\nRussian troops entered Ivankiv on 25 February. The Ivankiv Historical and Local History "
                 "Museum burned down.\n")
    museum = next(p for p in got.values() if p.name.endswith("Museum"))
    assert km((museum.lat, museum.lon), (50.94, 29.90)) < 10


def test_an_oblast_or_raion_named_after_its_town_is_placed_at_it_with_less_confidence():
    got = places("# T\n\nRussian forces advanced in Kyiv Oblast and reached Brovary Raion; Brovary held.\n")
    assert km((got["Kyiv Oblast"].lat, got["Kyiv Oblast"].lon), (50.45, 30.52)) < 10
    assert km((got["Brovary Raion"].lat, got["Brovary Raion"].lon), (50.51, 30.79)) < 10
    assert got["Brovary Raion"].confidence <= 0.6 and "named after" in got["Brovary Raion"].evidence.rule


def test_a_country_the_text_names_gives_no_edge_over_a_namesake_five_times_larger_abroad():
    got = places("# T\n\nThe war in Vietnam drew in the United States. Fighting went on around Hue and Saigon "
                 "while diplomats met at Geneva.\n")
    g = got["Geneva"]
    assert g.country == "CH" and km((g.lat, g.lon), (46.2, 6.15)) < 50


def test_an_old_name_of_a_town_near_the_articles_places_in_a_country_the_text_names():
    got = places("# T\n\nThe Greeks of Athens, Sparta and Piraeus sailed to Anatolia, now Turkey. They burned "
                 "the temple at Ephesus.\n")
    e = next(p for p in got.values() if "Ephesus" in (p.name, *p.aliases))
    assert e.country == "TR" and km((e.lat, e.lon), (37.95, 27.37)) < 20


def test_an_old_name_is_not_trusted_far_from_the_articles_places():
    got = places("# T\n\nThe war was fought around Atlanta, Richmond and Gettysburg, and then in Turkey. "
                 "Ephesus was quiet.\n")
    assert not any("Ephesus" in (p.name, *p.aliases) and p.lat is not None for p in got.values())


def test_a_us_state_in_newspaper_abbreviation_after_a_town_picks_the_namesake_there():
    got = places("# T\n\nThe contractor, based in Richmond, Calif., sent guards to Baghdad and Basra.\n")
    r = got["Richmond"]
    assert r.country == "US" and r.admin1 == "CA"



def test_a_mountain_named_after_the_only_town_of_that_name_sits_at_that_town():
    got = places("# T\n\nIn Italy the Allies were held for months at Monte Cassino.\n")
    m = got["Monte Cassino"]
    assert m.kind == "mountain" and km((m.lat, m.lon), (41.49, 13.83)) < 20
