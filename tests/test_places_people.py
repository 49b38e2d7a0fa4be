"""People are never places, whatever towns bear their names; an opening word does not make a surname."""

from __future__ import annotations

import kyivcli

CIVIL_WAR = """# A Civil War campaign

The Army of Northern Virginia under General Robert E. Lee marched north into Pennsylvania.
Lee's army met the Union army at Gettysburg on July 1. Lieutenant General James Longstreet led the
assault on the second day, while Lee ordered a final attack. Longstreet said the attack would fail.
Ulysses S. Grant besieged Richmond, Virginia. Grant wrote to Sherman, whose army took Atlanta.
Andrew Johnson became president after the war. Johnson said little about it.
"""


def places(text):
    return {p.name: p for p in kyivcli.parse_text(text, name="t.md").places}


def test_commanders_are_not_places():
    got = places(CIVIL_WAR)
    for person in ("Lee", "Longstreet", "Johnson", "Grant", "Sherman", "Sturtevant", "Johnston"):
        assert person not in got, (person, got.get(person))
    assert not any(p.lat is not None and p.country == "US" and p.kind != "state"
                   and p.name not in ("Gettysburg", "Richmond", "Atlanta") for p in got.values())


def test_the_places_among_the_commanders_are_found_and_placed():
    got = places(CIVIL_WAR)
    assert got["Gettysburg"].admin1 == "PA"  # the article names Pennsylvania: not Gettysburg, Ohio
    assert got["Richmond"].admin1 == "VA"
    assert got["Atlanta"].admin1 == "GA"


def test_an_opening_word_does_not_make_a_place_a_surname():
    text = ("# T\n\nTroops moved from Kyiv to Bucha. Considering Bucha's position, they stayed. "
            "Overall Kyiv received most of the aid. Leaving Bucha, they went to Irpin.\n")
    got = places(text)
    assert {"Kyiv", "Bucha", "Irpin"} <= set(got)
    assert len(got["Bucha"].mentions) == 3


def test_a_full_name_whose_surname_stands_alone_is_a_person():
    text = ("# T\n\nThe rebels took Kyiv and Bucha. Mykola Hostomel led them. Later Hostomel resigned, "
            "and troops left Irpin.\n")
    got = places(text)
    assert "Hostomel" not in got and "Kyiv" in got


def test_a_place_before_a_title_stays_a_place():
    got = places("# T\n\nTroops left Bucha. Kyiv Mayor Vitali Klitschko said the city held.\n")
    assert "Kyiv" in got and "Klitschko" not in got and "Vitali" not in got


def test_a_lower_case_title_before_a_name_marks_a_person():
    import kyivcli

    got = {p.name for p in kyivcli.parse_text(
        "# T\n\nIn 1920 the leading generals Gettysburg and Obregón marched on Atlanta.\n", name="t.md").places}
    assert "Atlanta" in got and "Gettysburg" not in got


def test_a_capitals_name_written_after_a_given_name_is_the_persons():
    text = ("# T\n\nGeorge Washington took command of the army near Richmond. Washington crossed the river and "
            "ordered an attack on Atlanta.\n")
    assert "Washington, D.C." not in places(text)  # the general, not the city
    metonymy = "# T\n\nWashington said the talks in Richmond would go on.\n"  # no one is named so: the government
    assert "Washington, D.C." in places(metonymy)


def test_a_nickname_and_a_generic_word_are_not_places():
    text = ('# Valley campaign\n\nThomas J. "Stonewall" Jackson led the army from Richmond. Jackson\'s men '
            "marched on Atlanta. Stonewall Jackson died in May.\n")
    got = places(text)
    assert {"Richmond", "Atlanta"} <= set(got) and not set(got) & {"Stonewall", "Jackson", "Valley"}
