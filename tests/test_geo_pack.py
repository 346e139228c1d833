"""The conflict gazetteer pack: shipped, on by default, kept out of ``lookup``, switchable, cached by its hash."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from wirelens.cli import main
from wirelens.geo import gazetteer as gz
from wirelens.geo import packs
from wirelens.geo.gazetteer import CITY, DISTRICT, REGION

DATA = Path(gz.__file__).with_name("data")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "SY_sample.txt"


@pytest.fixture()
def gaz_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "gaz"
    monkeypatch.setenv("WIRELENS_GAZETTEER_DIR", str(folder))
    gz.forget_extensions()
    yield folder
    gz.forget_extensions()


@pytest.fixture(scope="module")
def conflict() -> packs.Pack:
    return packs.load_pack("conflict", gz.cache_dir())


def test_the_pack_ships_with_its_credits():
    assert packs.PACKS["conflict"].path == DATA / "conflict_pack.csv.gz"
    assert packs.PACKS["conflict"].path.stat().st_size < 8_000_000, "a few MB, not the raw dumps"
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "conflict_pack.csv.gz" in readme
    assert "GeoNames" in readme and "CC BY 4.0" in readme
    assert "Data from [Who's On First]" in readme and "whosonfirst.org/docs/licenses" in readme


def test_the_pack_loads(conflict):
    assert len(conflict) > 270_000
    counts = {}
    for i in range(0, len(conflict), 97):  # a sample: every country is there
        counts[conflict.place(i).country_code] = counts.get(conflict.place(i).country_code, 0) + 1
    assert set(packs.PACKS["conflict"].description.split("(")[1].split(": ")[1].rstrip(")").split()) <= set(counts)


# The towns of the seed sentences: the pack's point must be within 5 km of the real one.
@pytest.mark.parametrize(
    ("names", "admin1", "lat", "lon"),
    [
        (["Kafr Nabl", "Kafranbel"], "ID", 35.614, 36.561),
        (["Saraqeb", "Saraqib"], "ID", 35.864, 36.806),
        (["Maarat al-Numan", "Ma'arrat an-Nu'man", "Maarrat al-Numan"], "ID", 35.648, 36.674),
        (["Tal Tamr", "Tell Tamer"], "HA", 36.656, 40.372),
        (["Ras al-Ain"], "HA", 36.850, 40.070),
        (["Tal Rifaat", "Tell Rifaat"], "HL", 36.470, 37.097),
    ],
)
def test_seed_towns_are_pack_candidates_in_their_governorate(gaz_dir, names, admin1, lat, lon):
    gaz = gz.load_gazetteer()
    for name in names:
        near = [
            p
            for p in gaz.pack_candidates(name)
            if p.feature_type == CITY and p.country_code == "SY" and gz.distance_km(p.lat, p.lon, lat, lon) < 5
        ]
        assert near, name
        assert near[0].admin1 == admin1 and near[0].pack == "conflict", name


def test_pack_places_carry_what_context_needs(gaz_dir):
    [kafr_nabl] = [p for p in gz.load_gazetteer().pack_candidates("Kafranbel") if p.country_code == "SY"]
    assert (kafr_nabl.geonameid, kafr_nabl.admin1, kafr_nabl.admin2, kafr_nabl.pack) == (
        168661,
        "ID",
        "Al Ma'ra",
        "conflict",
    )
    assert kafr_nabl.population > 0, "the packaged gazetteer's population where the pack's copy has none"
    tall_tamr = next(p for p in gz.load_gazetteer().pack_candidates("Tal Tamr") if p.geonameid == 163434)
    assert tall_tamr.population == 0, "a village with no known population says so"


@pytest.mark.parametrize("name", ["Idlib", "Idleb", "Idleb governorate", "Idlib Governorate", "Idlib province"])
def test_governorates_resolve_as_regions(gaz_dir, name):
    regions = [p for p in gz.load_gazetteer().pack_candidates(name) if p.feature_type == REGION]
    assert [(p.country_code, p.admin1) for p in regions] == [("SY", "ID")]


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Jisr al-Shughur district", "ID"),
        ("Hasakeh governorate", "HA"),
        ("Deir ez-Zor", "DY"),
        ("Donetsk", "14"),
        ("Nineveh", "NI"),
    ],
)
def test_districts_and_other_governorates(gaz_dir, name, admin1):
    units = [p for p in gz.load_gazetteer().pack_candidates(name) if p.feature_type in (REGION, DISTRICT)]
    assert units and all(p.admin1 == admin1 for p in units), units


def test_the_pack_stays_out_of_lookup(gaz_dir):
    """Nothing that resolves today changes: lookup, ``in``, len and the name sets ignore the pack."""
    gaz = gz.load_gazetteer()
    base = gz.load_base()  # read again from the cache: the same places, no packs
    assert gaz.packs and not base.packs
    assert len(gaz) == len(base) and gaz.index == base.index
    assert gaz.primary == base.primary and gaz.major == base.major
    assert gaz.lookup("Al Mabirah") == [] and "Al Mabirah" not in gaz  # a Golan village, in the pack only
    assert any(p.geonameid == 1727 for p in gaz.pack_candidates("Al Mabirah"))
    assert all(not p.pack for p in gaz.lookup("Aleppo"))


def test_off_removes_the_pack_and_on_brings_it_back(gaz_dir, capsys):
    assert main(["gazetteer", "off", "conflict"]) == 0
    assert (gaz_dir / packs.STATE_FILE).is_file()
    gaz = gz.load_gazetteer()
    assert gaz.packs == () and gaz.pack_candidates("Kafranbel") == []
    assert main(["gazetteer", "on", "conflict"]) == 0
    assert gz.load_gazetteer().pack_candidates("Kafranbel")


def test_off_names_a_pack_that_does_not_exist(gaz_dir, capsys):
    assert main(["gazetteer", "off", "conflcit"]) == 2
    err = capsys.readouterr().err
    assert "no gazetteer pack or added dump called 'conflcit'" in err and "conflict" in err


def test_list_shows_packs_and_added_dumps_with_counts_and_state(gaz_dir, capsys):
    assert main(["gazetteer", "add", str(FIXTURE)]) == 0
    capsys.readouterr()
    assert main(["gazetteer", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    pack = next(line for line in lines if line.startswith("conflict\t"))
    assert "\tpack\t" in pack and "\ton\t" in pack and int(pack.split("\t")[2].split()[0]) > 270_000
    added = next(line for line in lines if line.startswith("SY_sample\t"))
    assert "\tadded\t6 places\ton\t" in added
    assert main(["gazetteer", "off", "SY_sample"]) == 0
    assert main(["gazetteer", "list"]) == 0
    assert "\tadded\t6 places\toff\t" in capsys.readouterr().out
    assert all(p.geonameid != 99000001 for p in gz.load_gazetteer().lookup("Tell Tamer")), "an added dump turned off"


def test_list_honours_dir(tmp_path, capsys):
    assert main(["gazetteer", "off", "conflict", "--dir", str(tmp_path)]) == 0
    assert main(["gazetteer", "list", "--dir", str(tmp_path)]) == 0
    assert "\toff\t" in capsys.readouterr().out.splitlines()[0]


def test_the_cache_key_changes_when_the_pack_file_changes(tmp_path, monkeypatch):
    pack_file = tmp_path / "conflict_pack.csv.gz"
    shutil.copyfile(packs.PACKS["conflict"].path, pack_file)
    info = packs.PackInfo("conflict", pack_file, "test")
    before = packs._cache_path(info, tmp_path)
    text = gzip.decompress(pack_file.read_bytes()).decode("utf-8")
    pack_file.write_bytes(gzip.compress(text.replace("Kafr Nabl,", "Kafr Nabel,", 1).encode("utf-8")))
    assert packs._cache_path(info, tmp_path) != before


def test_a_small_pack_round_trips_through_its_cache(tmp_path, monkeypatch):
    pack_file = tmp_path / "mini.csv.gz"
    pack_file.write_bytes(
        gzip.compress(
            b"id,name,alternates,lat,lon,cc,type,population,admin1,admin2\n"
            b"wof:1,Idlib,Idleb,35.78763,36.67972,SY,region,0,ID,\n"
            b"168661,Kafr Nabl,Kafranbel|Kafr Nubl,35.61376,36.56449,SY,city,24754,ID,Al Ma'ra\n"
        )
    )
    monkeypatch.setitem(packs.PACKS, "mini", packs.PackInfo("mini", pack_file, "test"))
    first = packs.load_pack("mini", tmp_path)
    assert list(tmp_path.glob("pack-mini-v*.pickle"))
    packs._loaded.clear()
    again = packs.load_pack("mini", tmp_path)
    assert first is not again
    for pack in (first, again):
        [region] = pack.candidates("Idleb")
        assert (region.geonameid, region.feature_type, region.admin1, region.pack) == (None, REGION, "ID", "mini")
        [town] = pack.candidates("kafranbel")
        assert (town.geonameid, town.admin2, town.population) == (168661, "Al Ma'ra", 24754)
        assert "Kafr Nubl" in pack and "Hama" not in pack
        assert [p.name for p, _ in pack.entries()] == ["Idlib", "Kafr Nabl"]
    packs._loaded.clear()


def test_a_missing_pack_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setitem(packs.PACKS, "gone", packs.PackInfo("gone", tmp_path / "gone.csv.gz", "test"))
    with pytest.raises(FileNotFoundError, match="gazetteer pack missing: .*gone.csv.gz"):
        packs.load_pack("gone", tmp_path)


@pytest.mark.parametrize(
    ("name", "expected", "admin1"),
    [
        ("Ein Issa", "‘Ayn ‘Īsá", "RA"),  # vowels, doubled letters and the ‘ayn all differ: one skeleton
        ("Kafr Khasher", "Kafr Khāshir", "HL"),
        ("Tal Tamer", "Tall Tamr", "HA"),
    ],
)
def test_the_skeleton_index_finds_other_transliterations(conflict, name, expected, admin1):
    assert not conflict.candidates(name) or expected not in [p.name for p in conflict.candidates(name)]
    assert any(p.name == expected and p.admin1 == admin1 for p in conflict.skeleton_candidates(name))


def test_the_skeleton_index_has_no_entry_for_a_name_of_one_consonant(conflict):
    assert conflict.skeleton_candidates("Ain") == []  # "_n": a key every "Ain ..." spelling shares
