"""Ukrainian settlements GeoNames lacks, from the KATOTTG codifier: romanisation, reading the .xlsx, the
approximate point (the centre of the hromada's known settlements) and the rows the gazetteer build adds."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from kyivcli.extract.places import katottg
from kyivcli.extract.places.gazetteer import Gazetteer, build, normalize


def test_national_romanisation_and_the_older_g_spelling():
    assert katottg.romanize("Бігунь") == "Bihun"
    assert katottg.romanize("Крячки") == "Kriachky"
    assert katottg.romanize("Гута-Межигірська") == "Huta-Mezhyhirska"
    assert katottg.romanize("Гута-Межигірська", g=True) == "Guta-Mezhygirska"
    assert katottg.romanize("Згурівка") == "Zghurivka"
    assert katottg.romanize("Юрівка") == "Yurivka" and katottg.romanize("Знам'янка") == "Znamianka"


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    strings: list[str] = []
    sheet = []
    for r, row in enumerate(rows, 1):
        cells = []
        for col, value in zip("ABCDEFG", row, strict=True):
            if value:
                strings.append(value)
                cells.append(f'<c r="{col}{r}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{col}{r}"/>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/sharedStrings.xml", "<sst>" + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + "".join(sheet) + "</sheetData></worksheet>")
    return path


OBL, R, H = "UA32000000000030281", "UA32100000000045098", "UA32100070000076283"
ROWS = [["Перший рівень", "Другий рівень", "Третій рівень", "Четвертий рівень", "Додатковий рівень",
         "Категорія об’єкта", "Назва об’єкта"],
        [OBL, "", "", "", "", "O", "Київська"],
        [OBL, R, H, "", "", "H", "Димерська"],
        [OBL, R, H, "UA32100070010000001", "", "T", "Димер"],
        [OBL, R, H, "UA32100070020000002", "", "C", "Лютіж"],
        [OBL, R, H, "UA32100070030000003", "", "C", "Гута-Межигірська"]]


def test_the_codifier_is_read_without_pandas(tmp_path):
    rows = katottg.read_rows(_xlsx(tmp_path / "k.xlsx", ROWS))
    assert [r["name"] for r in rows] == ["Димер", "Лютіж", "Гута-Межигірська"]
    assert {r["hromada"] for r in rows} == {H} and rows[0]["category"] == "T"


def test_a_missing_settlement_gets_its_hromadas_centre_and_a_stray_namesake_is_ignored():
    rows = [{"name": n, "category": "C", "oblast": OBL, "raion": R, "hromada": H}
            for n in ("Димер", "Лютіж", "Гута-Межигірська")]
    known = {normalize("Димер"): [(50.78, 30.30, "13")], normalize("Лютіж"): [(50.68, 30.40, "13")],
             normalize("Гута-Межигірська"): [(48.0, 24.0, "08")]}  # a namesake at the other end of Ukraine
    out = katottg.settlements(rows, known, normalize)
    assert [o["name"] for o in out] == ["Huta-Mezhyhirska"] and out[0]["admin1"] == "13"
    assert abs(out[0]["lat"] - 50.73) < 0.01 and abs(out[0]["lon"] - 30.35) < 0.01
    assert {"Гута-Межигірська", "Guta-Mezhygirska"} <= out[0]["names"]


def test_the_build_adds_them_under_every_spelling(tmp_path):
    cities = [{"geonameid": 1, "name": "Dymer", "countrycode": "UA", "admin1code": "13", "latitude": 50.78,
               "longitude": 30.30, "population": 5000, "alternatenames": ["Димер"]},
              {"geonameid": 2, "name": "Liutizh", "countrycode": "UA", "admin1code": "13", "latitude": 50.68,
               "longitude": 30.40, "population": 900, "alternatenames": ["Лютіж"]}]
    rows = [{"name": n, "category": "C", "oblast": OBL, "raion": R, "hromada": H}
            for n in ("Димер", "Лютіж", "Гута-Межигірська")]
    path = tmp_path / "g.sqlite"
    n = build(path, cities, [], ua_settlements=rows)
    assert n == 3  # Dymer and Liutizh are GeoNames' own: not added twice
    g = Gazetteer(sqlite3.connect(path))
    for spelling in ("Huta-Mezhyhirska", "Guta Mezhygirska", "Гута-Межигірська"):
        (place,) = g.lookup([spelling])[normalize(spelling)]
        assert place.country == "UA" and place.admin1 == "13" and place.lat is not None and place.population == 0


def test_a_codifier_laid_out_otherwise_is_skipped_not_fatal(tmp_path, monkeypatch):
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    monkeypatch.setattr(katottg, "data_file", lambda: bad)
    assert katottg.rows() == []
    monkeypatch.setattr(katottg, "data_file", lambda: None)
    assert katottg.rows() == []


def _ua_gazetteer(tmp_path):
    """Kyiv, Brovary and Vasylkiv from GeoNames; two namesake villages; settlements only the codifier knows
    (negative ids, no population) placed near Kyiv."""
    from kyivcli.extract.places.gazetteer import build

    def row(i, name, admin1, lat, lon, pop, alt=()):
        return {"geonameid": i, "name": name, "countrycode": "UA", "admin1code": admin1, "latitude": lat,
                "longitude": lon, "population": pop, "alternatenames": list(alt)}

    cities = [row(703448, "Kyiv", "12", 50.45, 30.52, 2_900_000), row(711390, "Brovary", "13", 50.51, 30.79, 109_000),
              row(690412, "Vasylkiv", "13", 50.18, 30.31, 37_000),
              row(13645625, "Peremoha", "12", 50.44, 30.39, 1500),  # a larger namesake in Kyiv city
              row(-1009023, "Peremoha", "13", 50.57, 30.97, 0),  # the codifier's, in Brovary's oblast
              row(687086, "Kvitneve", "27", 49.99, 29.52, 609),  # a larger namesake 90 km off
              row(-1009021, "Kvitneve", "13", 50.57, 30.97, 0),
              row(-1009503, "Kriachky", "13", 50.23, 30.11, 0), row(-1009154, "Kozarovychi", "13", 50.80, 30.22, 0),
              row(11_000_001, "Prolisne", "13", 50.30, 30.60, 0, alt=["Chkalovske"]),  # renamed in 2016
              row(12_000_001, "Kakhovka", "13", 50.60, 30.70, 20_000), row(12_000_002, "Kakhovka", "17", 47.5, 30.46, 0),
              row(706483, "Kharkiv", "07", 49.98, 36.25, 1_400_000), row(707292, "Izium", "07", 49.21, 37.28, 50_000),
              row(709611, "Donetsk", "05", 48.02, 37.80, 900_000), row(13_000_001, "Lyman", "07", 49.59, 36.47, 500),
              row(13_000_002, "Lyman", "05", 48.99, 37.81, 20_000)]
    path = tmp_path / "g.sqlite"
    build(path, cities, [{"geonameid": 690791, "name": "Ukraine", "iso": "UA"}])
    return Gazetteer(sqlite3.connect(path))


def test_small_settlements_the_text_types_near_the_articles_places(tmp_path):
    import kyivcli
    from kyivcli.extract.places.geoparse import Geoparser

    doc = kyivcli.parse_text(
        "# T\n\nRussian forces attacked Kyiv, Brovary and Vasylkiv. Civilians were killed in the village of "
        "Peremoha, Brovary Raion. Shelling hit the village of Kvitneve near Brovary, an oil depot in the village "
        "of Kryacky burned, and the Kozarovychi dam was blown up.\n", name="t.md").document
    got = {p.name: p for p in Geoparser(_ua_gazetteer(tmp_path)).parse(doc)[0]}
    assert got["Peremoha"].geonameid == -1009023  # the raion's oblast outweighs a larger namesake in Kyiv
    assert got["Kvitneve"].geonameid == -1009021  # near the article's places, though GeoNames' is larger
    kr = got["Kriachky"]  # "Kryacky", spelled nearly as the codifier's Kriachky
    assert "Kryacky" in kr.aliases and kr.confidence <= 0.6 and "Kriachky" in kr.evidence["rule"]
    dam = got["Kozarovychi dam"]  # the only Kozarovychi, among the article's places
    assert (dam.lat, dam.lon) == (50.80, 30.22)


def test_an_old_name_of_a_village_among_the_articles_places(tmp_path):
    import kyivcli
    from kyivcli.extract.places.geoparse import Geoparser

    doc = kyivcli.parse_text("# T\n\nUkraine retook Brovary, Vasylkiv and Chkalovske near Kyiv.\n", name="t.md").document
    got = {p.name: p for p in Geoparser(_ua_gazetteer(tmp_path)).parse(doc)[0]}
    assert "Chkalovske" in got["Prolisne"].aliases  # GeoNames lists no people there, yet it is the place meant


def test_a_dam_or_building_takes_the_point_of_the_town_it_is_named_after_or_the_largest_nearby(tmp_path):
    import kyivcli
    from kyivcli.extract.places.geoparse import Geoparser

    doc = kyivcli.parse_text(
        "# T\n\nRussian forces attacked Kyiv, Brovary and Vasylkiv. The Kakhovka Dam was damaged, and fighting "
        "went on around Brovary. Saboteurs came near the Verkhovna Rada building, between Vasylkiv and Kyiv.\n",
        name="t.md").document
    got = {p.name: p for p in Geoparser(_ua_gazetteer(tmp_path)).parse(doc)[0]}
    assert (got["Kakhovka Dam"].lat, got["Kakhovka Dam"].lon) == (50.60, 30.70)  # the Kakhovka among its places
    assert (got["Verkhovna Rada building"].lat, got["Verkhovna Rada building"].lon) == (50.45, 30.52)  # Kyiv


def test_the_other_romanisation_of_ya_yu_ye_finds_the_same_town(tmp_path):
    from kyivcli.extract.places.gazetteer import _iotated, build

    assert _iotated("vysokopillya") == {"vysokopillia"} and _iotated("kyiv") == set()
    cities = [{"geonameid": 688689, "name": "Vysokopillya", "countrycode": "UA", "admin1code": "08", "latitude": 47.49,
               "longitude": 33.53, "population": 4035, "alternatenames": []}]
    build(tmp_path / "g.sqlite", cities, [])
    g = Gazetteer(sqlite3.connect(tmp_path / "g.sqlite"))
    (place,) = g.lookup(["Vysokopillia"])["vysokopillia"]
    assert place.geonameid == 688689


def test_a_town_the_text_puts_in_an_oblast_is_that_town_wherever_named(tmp_path):
    import kyivcli
    from kyivcli.extract.places.geoparse import Geoparser

    text = ("# T\n\n## Lyman\n\nUkrainian forces retook Kharkiv and Izium. Then they surrounded Lyman in Donetsk "
            "Oblast. Russia left Lyman on 1 October.\n")
    got = [p for p in Geoparser(_ua_gazetteer(tmp_path)).parse(kyivcli.parse_text(text, name="t.md").document)[0]
           if p.name == "Lyman"]
    assert [p.geonameid for p in got] == [13_000_002]  # not the village of that name near Kharkiv and Izium
    assert len(got[0].mentions) == 3 and got[0].evidence.get("admin") == "Donetsk Oblast"


def test_a_facility_is_where_the_text_puts_it_not_at_the_town_in_its_name(tmp_path):
    import kyivcli
    from kyivcli.extract.places.geoparse import Geoparser

    text = "# T\n\nKyiv and Brovary were shelled, and so was the Kyiv Thermal Power Plant at Vasylkiv.\n"
    got = {p.name: p for p in Geoparser(_ua_gazetteer(tmp_path)).parse(kyivcli.parse_text(text, name="t.md").document)[0]}
    plant = got["Kyiv Thermal Power Plant"]
    assert (plant.lat, plant.lon) == (50.18, 30.31) and plant.evidence["at"] == "Vasylkiv"  # not Kyiv's point


def test_a_name_with_a_particle_is_one_place_when_the_gazetteer_knows_it_whole(tmp_path):
    import kyivcli
    from kyivcli.extract.places.geoparse import Geoparser

    def row(i, name, cc, lat, lon, pop):
        return {"geonameid": i, "name": name, "countrycode": cc, "admin1code": "01", "latitude": lat, "longitude": lon,
                "population": pop, "alternatenames": []}

    path = tmp_path / "g.sqlite"
    build(path, [row(1, "Dar es Salaam", "TZ", -6.8, 39.3, 2_700_000), row(2, "Dar", "KH", 11.8, 106.1, 3000),
                 row(3, "Rio de Janeiro", "BR", -22.9, -43.2, 6_000_000), row(4, "Este", "IT", 45.2, 11.7, 16_000),
                 row(5, "Ciudad del Este", "PY", -25.5, -54.6, 300_000)], [])
    text = "# T\n\nShips sailed from Rio de Janeiro to Dar es Salaam and Ciudad del Este.\n"
    got = {p.name for p in Geoparser(Gazetteer(sqlite3.connect(path))).parse(kyivcli.parse_text(text, name="t.md").document)[0]}
    assert got == {"Rio de Janeiro", "Dar es Salaam", "Ciudad del Este"}  # not Dar in Cambodia, not Este in Italy


def test_an_oblast_named_after_a_large_city_abroad_is_placed_there(tmp_path):
    import kyivcli
    from kyivcli.extract.places.geoparse import Geoparser

    def row(i, name, cc, admin1, lat, lon, pop):
        return {"geonameid": i, "name": name, "countrycode": cc, "admin1code": admin1, "latitude": lat, "longitude": lon,
                "population": pop, "alternatenames": []}

    path = tmp_path / "g.sqlite"
    build(path, [row(1, "Sumy", "UA", "21", 50.92, 34.80, 260_000), row(2, "Okhtyrka", "UA", "21", 50.31, 34.89, 47_000),
                 row(3, "Kursk", "RU", "41", 51.73, 36.18, 450_000)],
          [{"geonameid": 690791, "name": "Ukraine", "iso": "UA"}])
    text = "# T\n\nUkrainian troops held Sumy, Okhtyrka and Sumy Oblast. The invaders withdrew into Kursk Oblast.\n"
    got = {p.name: p for p in Geoparser(Gazetteer(sqlite3.connect(path))).parse(kyivcli.parse_text(text, name="t.md").document)[0]}
    oblast = got["Kursk Oblast"]  # Russia is no country of the article, yet a city of 450,000 names its oblast
    assert (oblast.lat, oblast.lon, oblast.country) == (51.73, 36.18, "RU")
