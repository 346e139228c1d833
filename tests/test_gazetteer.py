"""The gazetteer: name normalisation, the packaged places, user extensions and `wirelens gazetteer add`."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.cli import main
from wirelens.geo import distance
from wirelens.geo import gazetteer as gz
from wirelens.geo import names as geo_names
from wirelens.geo.gazetteer import CITY, COUNTRY, REGION, Place, name_key

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "SY_sample.txt"


@pytest.mark.parametrize("variant", ["Hasakeh", "Hasaka", "Al-Hasakah", "al-Hassakeh", "Al Ḩasakah", "AL-HASAKAH"])
def test_transliterations_share_one_key(variant):
    assert name_key(variant) == name_key("Hasakeh") == "hasaka"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir Zor"),
        ("The Hague", "Hague"),
        ("Ra’s al ‘Ayn", "Ras al-Ain"),
        ("Zürich", "Zurich"),
        ("Ḩalab", "Halab"),
    ],
)
def test_particles_apostrophes_and_diacritics_fold_away(a, b):
    assert name_key(a) == name_key(b)


def test_distinct_names_keep_distinct_keys():
    assert len({name_key(n) for n in ["Aleppo", "Idlib", "Homs", "Hama", "Raqqa", "Damascus"]}) == 6


def test_aliases_drop_codes_and_lower_case_transliterations():
    assert gz._usable_alias("Halab") and gz._usable_alias("Ḩalab")
    assert not gz._usable_alias("ALP") and not gz._usable_alias("hlb") and not gz._usable_alias("حلب")


def _place(name: str, kind: str = CITY, pop: int = 0, cc: str = "SY", gid: int | None = None) -> Place:
    return Place(gid, name, 1.0, 2.0, cc, kind, pop)


def test_build_indexes_aliases_and_sorts_by_population():
    g = gz.build(
        [
            (_place("Aleppo", pop=2_000_000, gid=1), ["Halab", "ALP"]),
            (_place("Aleppo", REGION), ["Aleppo Governorate"]),
            (_place("Aleppo", pop=100, cc="US", gid=2), []),
        ]
    )
    assert [(p.country_code, p.feature_type) for p in g.lookup("aleppo")] == [
        ("SY", CITY),
        ("US", CITY),
        ("SY", REGION),
    ]
    assert g.lookup("Halab")[0].geonameid == 1
    assert not g.lookup("ALP"), "codes are not names"
    assert "Aleppo" in g and "Idlib" not in g
    assert name_key("Aleppo") in g.primary


def test_extension_adds_places_and_names_to_known_ids():
    base = gz.build([(_place("Tall Tamr", gid=7), [])])
    extended = gz.extend(base, [(_place("Tall Tamr", gid=7), ["Tell Tamer"]), (_place("Kafr Nabl", gid=8), [])])
    assert len(extended) == 2
    assert extended.lookup("Tell Tamer")[0].geonameid == 7
    assert extended.lookup("Kafranbel") == [] and extended.lookup("Kafr Nabl")[0].geonameid == 8
    assert gz.extend(base, []) is base


def test_geonames_dump_reader_reads_the_fixture():
    rows = list(gz.read_geonames_dump(FIXTURE))
    assert len(rows) == 6
    place, aliases = rows[1]
    assert place.name == "Ra’s al ‘Ayn" and place.feature_type == CITY and place.population == 29347
    assert "Ras al-Ain" in aliases
    assert rows[5][0].feature_type == gz.FEATURE  # a mountain range (class T)


def test_geonames_dump_reader_rejects_other_tables(tmp_path):
    bad = tmp_path / "countryInfo.txt"
    bad.write_text("SY\tSYR\t760\tSY\tSyria\tDamascus\n", encoding="utf-8")
    with pytest.raises(ValueError, match="19 tab-separated"):
        list(gz.read_geonames_dump(bad))


@pytest.mark.parametrize(
    ("cls", "code", "kind"),
    [
        ("A", "PCLI", COUNTRY),
        ("A", "ADM1", REGION),
        ("A", "ADM2", gz.DISTRICT),
        ("P", "PPLX", CITY),
        ("S", "HSP", gz.FEATURE),
    ],
)
def test_feature_types(cls, code, kind):
    assert gz.feature_type(cls, code) == kind


def test_cli_gazetteer_add_makes_villages_resolvable(tmp_path, monkeypatch, capsys):
    ext = tmp_path / "gaz"
    monkeypatch.setenv("WIRELENS_GAZETTEER_DIR", str(ext))
    assert main(["gazetteer", "add", str(FIXTURE)]) == 0
    assert "6 place(s)" in capsys.readouterr().err
    assert (ext / "SY_sample.tsv").is_file()
    ours = [p for p in gz.load_gazetteer().lookup("Tell Tamer") if p.geonameid == 99000001]  # made-up id
    assert ours and ours[0].lat == pytest.approx(36.6537) and ours[0].country_code == "SY"
    assert all(p.geonameid != 99000001 for p in gz.load_gazetteer(tmp_path / "empty").lookup("Tell Tamer"))


def test_cli_gazetteer_add_reports_a_missing_file(tmp_path, capsys):
    assert main(["gazetteer", "add", str(tmp_path / "SY.txt"), "--dir", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err


# --- the packaged gazetteer (built once into the user cache, then loaded from it) ----------


@pytest.fixture(scope="module")
def packaged() -> gz.Gazetteer:
    return gz.load_base()


@pytest.mark.parametrize(
    ("name", "kind", "cc", "lat", "lon"),
    [
        ("Syria", COUNTRY, "SY", 35.0, 38.0),
        ("Aleppo", CITY, "SY", 36.20, 37.16),
        ("Al-Hassakeh", CITY, "SY", 36.50, 40.75),
        ("The Hague", CITY, "NL", 52.08, 4.30),
        ("US", COUNTRY, "US", 39.76, -98.5),  # GeoNames' own point, not a centroid
        ("Queensland", REGION, "AU", -20.0, 145.0),
        ("Alberta", REGION, "CA", 52.28, -117.47),
        ("West Bank", REGION, "PS", 31.67, 35.25),  # territories countrystatecity names otherwise or not at all
        ("Gaza Strip", REGION, "PS", 31.42, 34.33),
        ("Crimea", REGION, "UA", 45.0, 34.0),
        ("Darfur", REGION, "SD", 13.5, 24.5),  # regions.toml: no package gives these a point
        ("the Donbass", REGION, "UA", 48.2, 38.4),
        ("Golan Heights", REGION, "", 33.0, 35.75),
    ],
)
def test_packaged_gazetteer_top_match(packaged, name, kind, cc, lat, lon):
    top = packaged.lookup(name)[0] if kind == CITY else next(p for p in packaged.lookup(name) if p.feature_type == kind)
    assert (top.feature_type, top.country_code) == (kind, cc)
    assert gz.distance_km(top.lat, top.lon, lat, lon) < 30


def test_every_curated_region_is_packaged_inside_its_country(packaged):
    for region, names in gz.curated_regions():
        assert -90 <= region.lat <= 90 and -180 <= region.lon <= 180, region.name
        assert region.country_code == "" or region.country_code in packaged.countries, region.name
        for name in names:
            assert region in packaged.lookup(name), name


def test_curated_regions_read_an_edited_table(tmp_path):
    table = tmp_path / "regions.toml"
    table.write_text(
        '[regions]\n"Ituri" = { country = "CD", lat = 1.6, lon = 29.9, aliases = ["Ituri province"] }\n',
        encoding="utf-8",
    )
    [(region, names)] = gz.curated_regions(table)
    assert (region.name, region.country_code, region.feature_type, region.geonameid) == ("Ituri", "CD", REGION, None)
    assert names == {"Ituri", "Ituri province"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[regions]\n"Ituri" = { country = "CD", lat = 1.6 }\n', "missing 'lon'"),
        ('[regions]\n"Ituri" = { country = "CD", lat = 91, lon = 29.9 }\n', "no point on Earth"),
        (
            '[regions]\n"Ituri" = { country = "CD", lat = 1.6, lon = 29.9, aliases = "Ituri province" }\n',
            "aliases must",
        ),
        ('[regions]\n"Ituri" = { country = "CD", lat = 1.6, lon = 29.9\n', "Unclosed inline table"),
        ("[places]\n", "missing 'regions'"),
    ],
)
def test_a_broken_regions_table_is_named_with_its_problem(tmp_path, text, problem):
    table = tmp_path / "regions.toml"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="regions.toml: not a valid regions table") as info:
        gz.curated_regions(table)
    assert problem in str(info.value)


def test_packaged_gazetteer_has_regions_and_small_towns(packaged):
    idlib = [p for p in packaged.lookup("Idlib") if p.feature_type == REGION]
    assert idlib and idlib[0].country_code == "SY"
    assert any(p.feature_type == REGION for p in packaged.lookup("Hasakeh"))
    assert len(packaged.countries) >= 240
    assert len(packaged) > 150_000  # GeoNames cities1000
    assert any(1_000 <= p.population < 2_000 for p in packaged.lookup("Vila"))


def test_distance():
    assert gz.distance_km(36.20, 37.16, 33.51, 36.29) == pytest.approx(310, abs=10)  # Aleppo-Damascus


# --- the streamed build and the columnar cache -----------------------------------------------

_JSON = '{"1": {"name": "Vila", "population": 1418, "alt": ["A", "B"]},\n "22": {"name": "Ḩalab", "population": 2098210},"3":7}'


@pytest.mark.parametrize("chunk", [1, 2, 7, 50, 1 << 20])  # values cut anywhere, even inside "2098210"
def test_json_object_items_stream_whatever_the_chunk(tmp_path, chunk):
    path = tmp_path / "cities.json"
    path.write_text(_JSON, encoding="utf-8")
    assert list(gz._json_object_items(path, chunk_chars=chunk)) == list(__import__("json").loads(_JSON).items())


@pytest.mark.parametrize(
    ("text", "error"),
    [("[1, 2]", "not a JSON object"), ('{"1": {"name": "Vi', "Unterminated"), ('{"1" 2}', "expected ':'")],
)
def test_json_object_items_reject_other_json(tmp_path, text, error):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        list(gz._json_object_items(path, chunk_chars=4))


def test_cache_round_trip_keeps_places_ids_and_index(tmp_path):
    g = gz.build(
        [
            (_place("Aleppo", pop=2_000_000, gid=1), ["Halab"]),
            (_place("Aleppo", REGION), []),
            (Place(2, "Washington", 38.9, -77.0, "US", CITY, 689_545, True), []),
            (Place(3, "Orange County", 33.7, -117.77, "US", gz.DISTRICT, 0, admin1="CA"), []),
        ]
    )
    gz._write_cache(g, tmp_path / "c.pickle")
    back = gz._read_cache(tmp_path / "c.pickle")
    assert back.places == g.places and back.index == g.index
    assert back.places[1].geonameid is None and back.places[2].capital
    assert back.places[3].admin1 == "CA" and back.places[0].admin1 == ""
    assert back.places[0].country_code is back.places[1].country_code, "codes are shared, not one string per place"
    # what the places imply is read back, not recomputed, and is what they imply
    assert (back.countries, back.primary, back.major, back.demonyms) == gz._derive(g.places)
    assert back.primary == g.primary and gz.name_key("Aleppo") in back.primary


def test_no_extension_is_the_base_itself():
    base = gz.build([(_place("Hama", gid=9), [])])
    assert gz.extend(base, []) is base
    assert gz.extend(base, iter([(_place("Tall Tamr", gid=7), [])])).lookup("Tall Tamr")


def test_cache_refuses_a_name_with_a_line_break(tmp_path):
    g = gz.build([(_place("Ale\nppo"), [])])
    with pytest.raises(OSError):
        gz._write_cache(g, tmp_path / "c.pickle")


def test_extension_leaves_the_base_index_alone():
    base = gz.build([(_place("Tall Tamr", gid=7), []), (_place("Hama", gid=9), [])])
    before = dict(base.index)
    extended = gz.extend(base, [(_place("Tall Tamr", gid=7), ["Tell Tamer"])])
    assert base.index == before and "Tell Tamer" not in base
    assert extended.index[name_key("Hama")] is base.index[name_key("Hama")], "untouched keys are shared"


@pytest.mark.parametrize(
    ("demonym", "cc"),
    [("German", "DE"), ("Belgian", "BE"), ("Korean", "KR"), ("Emirati", "AE"), ("Syrian", "SY"), ("Russian", "RU")],
)
def test_packaged_demonyms(packaged, demonym, cc):
    assert packaged.demonyms[gz.fold(demonym)].country_code == cc


def test_packaged_european_union_is_europe(packaged):
    assert [p.feature_type for p in packaged.lookup("European Union")] == [gz.CONTINENT]
    assert "germane" not in packaged.demonyms


def test_name_and_distance_helpers_stay_importable_from_the_gazetteer():
    """They live in geo/names.py and geo/distance.py (shared with points.py, no import cycle)."""
    assert (gz.fold, gz.name_key, gz.distance_km, gz.nearest) == (
        geo_names.fold,
        geo_names.name_key,
        distance.distance_km,
        distance.nearest,
    )
    here, there = Place(1, "A", 36.2, 37.16, "SY", CITY, 0), Place(2, "B", 33.5, 36.3, "SY", CITY, 0)
    assert gz.nearest([here, there], 33.0, 36.0) is there and gz.nearest([], 0.0, 0.0) is None
