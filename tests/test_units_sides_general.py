"""Side rules that generalise across wars: a state named in full, an abbreviation's own services, colour
factions and their other names, a governed context word, a faction's root, regional regiments."""

from __future__ import annotations

import kyivcli


def units(text: str) -> dict:
    return {u.name: u for u in kyivcli.parse_text(text, name="t.md").units}


def test_army_of_a_state_named_in_full_and_its_abbreviation():
    u = units("The war went on.\n\nThe Army of the Republic of Vietnam (ARVN) was weak. "
              "The ARVN Special Forces raided pagodas. The ARVN 18th Division held Xuan Loc.")
    assert u["Army of the Republic of Vietnam"].side == "South Vietnam"
    assert u["Army of the Republic of Vietnam"].side_evidence.rule == "name"
    sf = u["ARVN Special Forces"]
    assert sf.side == "South Vietnam" and sf.parent == "Army of the Republic of Vietnam"


def test_generic_service_mention_lends_no_side():
    u = units("The Army of the Republic of Vietnam (ARVN) was weak. The ARVN Special Forces raided pagodas.\n\n"
              "Eight Special Forces soldiers, including the 5th Special Forces Group Commander, were arrested. "
              "The U.S. returned the 5th Special Forces Group to Fort Bragg.")
    assert u["5th Special Forces Group"].side == "United States"


def test_colour_factions_absorb_their_other_names_and_governed_context():
    u = units("The Red Army fought the White Army. The Red Army won.\n\n"
              "The first groups that fought against the Communists were Cossack armies. "
              "Prominent among them was Kaledin of the Don Cossacks.")
    assert u["Don Cossacks"].side == "Whites"
    assert "against the Communists" in u["Don Cossacks"].side_evidence.words


def test_unit_named_by_a_belligerent_factions_root():
    u = units("The Nationalists fought the Communists. The Nationalists lost the north to the Communists. "
              "The Communists won.\n\nChiang was commander-in-chief of the National Revolutionary Army.")
    assert u["National Revolutionary Army"].side == "Nationalists"


def test_regarded_as_apposition():
    u = units("The KMT fought the CPC.\n\nThe New First Army, regarded as the best KMT army, surrendered.")
    assert u["New First Army"].side == "Nationalists"


def test_civil_war_state_regiments():
    u = units("The Union fought the Confederacy. The Confederate army lost to the Union army.\n\n"
              "Mosby's raiders of the 43rd Battalion Virginia Cavalry disbanded. The 20th Maine held the hill.")
    assert u["43rd Battalion Virginia Cavalry"].side == "Confederacy"
    assert u["20th Maine"].side == "Union"


def test_naming_clause_is_not_a_new_clause():
    u = units("The CIA also ran MAC-V SOG, which was originally named the Special Operations Group, for years.")
    assert u["Special Operations Group"].side == "United States"


def test_side_word_qualifying_a_civil_noun_in_a_phrase_is_not_the_actor():
    u = units("The French army resumed a role in local Algerian administration through the Special "
              "Administration Section, created in 1955.")
    assert u["Special Administration Section"].side == "France"


def test_a_unit_putting_up_resistance_to_the_side_it_faces():
    u = units("The Iraqi army fought the United States. The United States won against Iraq.\n\n"
              "Each engagement it faced with US forces saw the elite Fedayeen Saddam putting up strong resistance.")
    assert u["Fedayeen Saddam"].side == "Iraq"
    u = units("Ukrainian troops of the 72nd Mechanized Brigade put up fierce resistance near Kyiv.")
    assert u["72nd Mechanized Brigade"].side == "Ukraine"


def test_faction_root_is_not_a_state_prefix():
    u = units("The United States fought China. The United States and China clashed again.\n\n"
              "The United Nations Command held the line.")
    assert u["United Nations Command"].side != "United States"
