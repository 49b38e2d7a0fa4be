"""The unit grammar: forms, coordination, coreference, sides, and search --unit."""

from __future__ import annotations

import kyivcli


def units_of(body: str):
    return kyivcli.parse_text(body, "t.md").units


def by_name(body: str) -> dict:
    return {u.name: u for u in units_of(body)}


def test_coordination_and_parent():
    u = by_name("Forces ambushed the 6th and 239th Tank Regiments of the 90th Guards Tank Division in town.")
    assert set(u) == {"6th Tank Regiment", "239th Tank Regiment", "90th Guards Tank Division"}
    assert u["6th Tank Regiment"].parent == "90th Guards Tank Division"
    assert u["239th Tank Regiment"].parent == "90th Guards Tank Division"
    assert u["90th Guards Tank Division"].echelon == "division"


def test_or_coordination_gives_both():
    u = by_name("Troops from the 11th Guards Air Assault Brigade or 31st Guards Air Assault Brigade landed.")
    assert set(u) == {"11th Guards Air Assault Brigade", "31st Guards Air Assault Brigade"}


def test_plural_echelon_of_numbered_list():
    u = by_name("The 35th and 36th Combined Arms Armies advanced.")
    assert set(u) == {"35th Combined Arms Army", "36th Combined Arms Army"}
    assert all(x.echelon == "army" for x in u.values())


def test_short_forms_attach_to_the_full_unit():
    u = by_name("The 31st Guards Air Assault Brigade landed. Later the 31st Guards lost 50 men. "
                "The Russian 41st Combined Arms Army moved; the 41st Army stalled.")
    assert set(u) == {"31st Guards Air Assault Brigade", "41st Combined Arms Army"}
    assert "31st Guards" in u["31st Guards Air Assault Brigade"].aliases
    assert len(u["41st Combined Arms Army"].mentions) == 2


def test_distinct_qualifiers_stay_distinct_units():
    u = by_name("Defended by the 3rd Spetsnaz Regiment and the 3rd Special Purpose Regiment.")
    assert set(u) == {"3rd Spetsnaz Regiment", "3rd Special Purpose Regiment"}


def test_abbreviation_defined_in_text_becomes_alias():
    u = by_name("Forces from the Eastern Military District (EMD) arrived. The EMD commander spoke.")
    emd = u["Eastern Military District"]
    assert "EMD" in emd.aliases and len(emd.mentions) == 3


def test_roman_numerals_and_named_formations():
    u = by_name("XXX Corps crossed the river while Army Group Centre and the Army of Northern Virginia waited. "
                "Wagner Group mercenaries followed.")
    assert {"XXX Corps", "Army Group Centre", "Army of Northern Virginia", "Wagner Group"} <= set(u)
    assert u["XXX Corps"].echelon == "corps"


def test_services_keep_their_country():
    u = by_name("The Armed Forces of Ukraine and the Russian Air Force clashed. The Ukrainian Armed Forces held.")
    assert u["Armed Forces of Ukraine"].side == "Ukraine"
    assert "Ukrainian Armed Forces" in u["Armed Forces of Ukraine"].aliases
    assert u["Russian Air Force"].side == "Russia" and u["Russian Air Force"].tier == "service"


def test_sides_from_modifiers_coreference_and_lists():
    u = by_name("The Ukrainian 79th Brigade held. The 79th Air Assault Brigade, 3rd Spetsnaz Regiment, "
                "and the 3rd Special Purpose Regiment defended the town. Russia's 35th Combined Arms Army withdrew.")
    assert u["79th Air Assault Brigade"].side == "Ukraine"
    assert u["3rd Spetsnaz Regiment"].side == "Ukraine"  # listed with a Ukrainian unit
    assert u["35th Combined Arms Army"].side == "Russia"


def test_side_unknown_when_text_is_silent():
    assert by_name("The 72nd Mechanized Brigade attacked.")["72nd Mechanized Brigade"].side == "unknown"


def test_not_units():
    assert not units_of("The Institute for the Study of War said 2,000 troops and 70,000 soldiers waited. "
                    "The Contact Group met in the Main Building.")


def test_seed_units_json_contract(cli):
    data = cli("units", "--json").json()
    names = {u["name"] for u in data}
    assert {"79th Air Assault Brigade", "90th Guards Tank Division", "Wagner Group"} <= names
    for u in data:
        assert set(u) >= {"name", "aliases", "side", "echelon", "tier", "parent", "mentions", "lines"}
        assert u["mentions"] == len(u["lines"])
    ukr = [u["name"] for u in data if u["side"] == "Ukraine"]
    assert "79th Air Assault Brigade" in ukr and "41st Combined Arms Army" not in ukr


def test_search_unit_79th(cli):
    rows = cli("search", "--unit", "79th", "--json").json()
    assert [r["line"] for r in rows] == [56, 62]
    assert all("79th" in r["sentence"] for r in rows)


def test_search_unit_by_qualifier_lists_all(cli):
    r = cli("search", "--unit", "air assault", "--json")
    units = {u for row in r.json() for u in row["units"]}
    assert {"11th Guards Air Assault Brigade", "31st Guards Air Assault Brigade", "79th Air Assault Brigade"} <= units


def test_a_side_written_before_the_unit_is_looked_up():
    u = by_name("The Japanese Combined Fleet sailed. The North Vietnamese 304th Division attacked. "
                "German Army Groups E and F withdrew. The Armed Forces of Ukraine's reply came.")
    assert u["Combined Fleet"].side == "Japan"
    assert u["304th Division"].side == "North Vietnam" and u["304th Division"].name == "304th Division"
    assert u["Army Group E"].side == "Germany" and u["Army Group F"].side == "Germany"
    assert u["Armed Forces of Ukraine"].side == "Ukraine"
