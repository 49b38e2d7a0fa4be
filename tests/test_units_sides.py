"""Sides come with evidence: the rule that decided, the line and the words."""

from __future__ import annotations

import kyivcli


def units(text: str) -> dict:
    return {u.name: u for u in kyivcli.parse_text(text, name="t.md").units}


def ev(u) -> str:
    return u.side_evidence.rule


def test_modifier_and_possessive():
    u = units("The Ukrainian 4th Rapid Reaction Brigade held. Russia's 35th Combined Arms Army withdrew.")
    assert u["4th Rapid Reaction Brigade"].side == "Ukraine" and ev(u["4th Rapid Reaction Brigade"]) == "modifier"
    assert "Ukrainian 4th" in u["4th Rapid Reaction Brigade"].side_evidence.words
    assert u["35th Combined Arms Army"].side == "Russia" and ev(u["35th Combined Arms Army"]) == "possessive"
    assert u["35th Combined Arms Army"].side_evidence.line == 1


def test_service_vocabulary_and_name_words():
    u = units("The Wehrmacht and the Luftwaffe attacked. The Second Panzer Group drove east. "
              "The Imperial Japanese Army landed.")
    assert u["Wehrmacht"].side == "Germany" and ev(u["Wehrmacht"]) == "service"
    assert u["Second Panzer Group"].side == "Germany"
    assert u["Imperial Japanese Army"].side == "Japan"


def test_subject_and_hostile_object():
    u = units("Ukrainian forces claimed that the Azov Special Operations Detachment and the 72nd Mechanized "
              "Brigade ambushed the 6th and 239th Tank Regiments of the 90th Guards Tank Division in Brovary.")
    assert u["Azov Special Operations Detachment"].side == "Ukraine"
    assert ev(u["Azov Special Operations Detachment"]) == "subject"
    assert u["72nd Mechanized Brigade"].side == "Ukraine"  # subject, or listed with the Azov detachment
    # the belligerents are the two sides the text names; one sentence names only one, so no flip
    u = units("Russian troops crossed from Belarus. Ukraine's army held. Russian and Ukrainian losses grew. "
              "The Ukrainian 72nd Mechanized Brigade ambushed the 6th Tank Regiment near Brovary.")
    assert u["72nd Mechanized Brigade"].side == "Ukraine"
    assert u["6th Tank Regiment"].side == "Russia" and ev(u["6th Tank Regiment"]) == "subject"


def test_parent_and_coordination():
    u = units("The Russian 90th Guards Tank Division advanced. The 6th and 239th Tank Regiments of the 90th Guards "
              "Tank Division were ambushed. The 36th Combined Arms Army and Russian special police forces "
              "approached Bucha.")
    assert u["6th Tank Regiment"].side == "Russia" and ev(u["6th Tank Regiment"]) == "parent"
    assert u["36th Combined Arms Army"].side == "Russia" and ev(u["36th Combined Arms Army"]) == "coordination"


def test_people_introduced_with_a_side_act_for_it():
    u = units("Ukrainian President Volodymyr Zelenskyy spoke. Later Zelenskyy appointed the commander of the "
              "Joint Forces.")
    assert u["Joint Forces"].side == "Ukraine"


def test_siblings_are_not_sides():
    u = units("The Army of the Republic of Vietnam (ARVN) was formed.\n\nU.S. and ARVN troops attacked Hue.")
    assert u["Army of the Republic of Vietnam"].side != "United States"


def test_civil_war_factions():
    u = units("The Union and the Confederacy fought. Union troops and Confederate troops clashed. "
              "The Union Army of the Potomac defeated the Confederate Army of Northern Virginia. "
              "The U.S. Army grew. The 20th Maine held against the 15th Alabama.")
    assert u["Army of the Potomac"].side == "Union"
    assert u["Army of Northern Virginia"].side == "Confederacy"
    assert u["U.S. Army"].side == "Union" and ev(u["U.S. Army"]) == "belligerents"


def test_defended_by_is_the_other_side():
    u = units("Russian forces fought Ukrainian troops. Russian forces encircled the city, defended by the Azov "
              "Regiment.")
    assert u["Azov Regiment"].side == "Ukraine"


def test_armed_group_is_its_own_side_and_repeats():
    u = units("FLN maquisards attacked. The Armée de Libération Nationale (ALN), the military wing of the FLN, "
              "grew. The FLN met in Cairo.")
    assert u["FLN"].side == "FLN" and ev(u["FLN"]) == "self" and len(u["FLN"].mentions) == 3
    assert u["Armée de Libération Nationale"].parent == "FLN"
    assert u["Armée de Libération Nationale"].side == "FLN"


def test_unknown_without_clues_and_evidence_in_json(cli):
    assert units("The 72nd Mechanized Brigade attacked.")["72nd Mechanized Brigade"].side_evidence is None
    data = cli("units", "--json").json()
    for d in data:
        assert "side_evidence" in d
        if d["side"] != "unknown":
            assert {"rule", "line", "words"} <= set(d["side_evidence"]) and d["side_evidence"]["words"]
