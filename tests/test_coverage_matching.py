"""Matching against a record (issue 21): ACLED and UCDP GED files read, one-to-one optimal matching, exports.

The event-dataset files in tests/fixtures/events/ are written for these tests in each format's real
columns (with a column of our own, rows without coordinates, both ACLED date spellings); no model.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wirelens.coverage.datasets import NotAnEventDataset, read_event_dataset
from wirelens.coverage.files import write_match
from wirelens.coverage.matching import MatchSettings, coverage_rates, match_all_pairs, match_events, toll_band

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"


def news(*rows: tuple) -> pd.DataFrame:
    """News events as Store.events gives them: (article, date, type, sub_type, place, lat, lon)."""
    frame = pd.DataFrame(rows, columns=["article_id", "date", "type", "sub_type", "place", "lat", "lon"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.assign(
        title=frame["article_id"] + " title",
        published=frame["date"],
        source="AFP",
        start=0,
        end=5,
        sent_start=0,
        sent_end=10,
        sentence="A sentence.",
        fatalities=None,
        aggregate=False,
    )


SEED_LIKE = news(
    ("a1", "2016-10-03", "Explosions/Remote violence", "Suicide bomb", "Al Ḩasakah", 36.50237, 40.74772),
    ("a1", "2016-10-04", "Battles", "Armed clash", "Aleppo", 36.20124, 37.16117),
    ("a1", "2016-10-04", "Battles", "Government regains territory", "Aleppo", 36.20124, 37.16117),
    (
        "a2",
        "2016-10-03",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Damascus",
        33.5102,
        36.2913,
    ),
    ("a3", "2016-10-04", "Protests", "Peaceful protest", None, None, None),
)


def test_reads_acled_with_both_date_spellings_unknown_columns_and_missing_coordinates():
    records = read_event_dataset(FIXTURES / "acled_small.csv")
    assert list(records["record_id"]) == ["SYR1001", "SYR1002", "SYR1003", "SYR1004", "SYR1005"]
    assert set(records["dataset"]) == {"ACLED"}
    assert [d.date().isoformat() for d in records["date"]] == [
        "2016-10-03",
        "2016-10-04",
        "2016-10-04",
        "2016-09-01",
        "2016-10-05",
    ]
    assert "my_own_column" not in records.columns and "timestamp" not in records.columns
    assert records.loc[2, ["lat", "lon"]].isna().all() and records.loc[4, ["lat", "lon"]].isna().all()
    assert records.loc[0, "fatalities"] == 34 and records.loc[0, "sub_type"] == "Suicide bomb"
    assert records.loc[0, "admin1"] == "Al Hasakeh" and records.loc[0, "region"] == "Middle East"


def test_reads_ucdp_ged_types_spans_and_missing_coordinates():
    records = read_event_dataset(FIXTURES / "ucdp_small.csv")
    assert set(records["dataset"]) == {"UCDP GED"}
    assert list(records["type"]) == ["UCDP 3", "UCDP 1", "UCDP 2"]
    assert records.loc[1, "date"].date().isoformat() == "2016-10-02"
    assert records.loc[1, "date_end"].date().isoformat() == "2016-10-05"
    assert records.loc[0, "fatalities"] == 34 and records.loc[0, "actor1"] == "IS"
    assert records.loc[2, ["lat", "lon"]].isna().all() and records.loc[2, "location"] == "Qamishli"


def test_a_file_in_neither_format_names_the_missing_columns():
    with pytest.raises(NotAnEventDataset) as caught:
        read_event_dataset(FIXTURES / "neither.csv")
    message = str(caught.value)
    for column in ("event_id_cnty", "event_date", "event_type", "id", "date_start", "type_of_violence"):
        assert column in message
    with pytest.raises(NotAnEventDataset):
        read_event_dataset(b"")


def test_acled_records_match_by_date_place_and_type_or_by_name_without_coordinates():
    result = match_events(read_event_dataset(FIXTURES / "acled_small.csv"), SEED_LIKE)
    by_id = result.records.set_index("record_id")
    assert by_id.loc["SYR1001", "covered"] and by_id.loc["SYR1001", "news_sub_type"] == "Suicide bomb"
    assert by_id.loc["SYR1001", "km"] < 1 and by_id.loc["SYR1001", "article_id"] == "a1"
    assert by_id.loc["SYR1002", "news_sub_type"] == "Armed clash"
    # No coordinates: matched by its place name (Aleppo), to the event of its own sub-type.
    assert by_id.loc["SYR1003", "news_sub_type"] == "Government regains territory"
    assert not by_id.loc["SYR1004", "covered"]  # a month earlier
    assert not by_id.loc["SYR1005", "covered"]  # no coordinates, no report naming Dar'a
    assert result.matched == 3
    matched_news = result.news[result.news["matched"]]
    assert set(matched_news["record_id"]) == {"SYR1001", "SYR1002", "SYR1003"}
    assert not result.news.loc[result.news["place"] == "Damascus", "matched"].any()

    strict = match_events(read_event_dataset(FIXTURES / "acled_small.csv"), SEED_LIKE, MatchSettings(names=False))
    assert set(strict.records.loc[strict.records["covered"], "record_id"]) == {"SYR1001", "SYR1002"}


def test_ucdp_types_of_violence_match_compatible_acled_types_over_the_event_span():
    result = match_events(read_event_dataset(FIXTURES / "ucdp_small.csv"), SEED_LIKE)
    by_id = result.records.set_index("record_id")
    assert by_id.loc["250001", "news_sub_type"] == "Suicide bomb"  # one-sided violence ~ Explosions
    assert by_id.loc["250002", "news_type"] == "Battles"  # state-based, 2 to 5 October, Aleppo
    assert not by_id.loc["250003", "covered"]


def test_the_window_the_radius_and_the_type_rule_are_settings():
    records = read_event_dataset(FIXTURES / "acled_small.csv").iloc[[0]]
    moved = SEED_LIKE.iloc[[0]].assign(date=pd.Timestamp("2016-10-06"), lat=36.9, place="elsewhere", type="Battles")
    assert match_events(records, moved).matched == 0
    assert match_events(records, moved, MatchSettings(days=3, km=50, types="any")).matched == 1
    assert match_events(records, moved, MatchSettings(days=3, km=30, types="any")).matched == 0
    assert match_events(records, moved, MatchSettings(days=3, km=50, types="same")).matched == 0
    with pytest.raises(ValueError):
        MatchSettings(km=0)


def test_the_assignment_is_one_to_one_and_optimal_not_greedy():
    base = {c: None for c in read_event_dataset(FIXTURES / "acled_small.csv").columns}
    rec = pd.DataFrame(
        [base | {"record_id": "A", "lat": 36.0, "lon": 37.0}, base | {"record_id": "B", "lat": 36.0, "lon": 37.45}]
    )
    rec = rec.assign(
        dataset="ACLED", date=pd.Timestamp("2016-10-04"), date_end=pd.Timestamp("2016-10-04"), type="Battles"
    )
    # x is closest to A, but B can only take x: greedy (A-x first) would leave B unmatched.
    reports = news(
        ("x", "2016-10-04", "Battles", None, None, 36.0, 37.1), ("y", "2016-10-04", "Battles", None, None, 36.0, 36.7)
    )
    result = match_events(rec, reports, MatchSettings(km=40))
    assert dict(zip(result.records["record_id"], result.records["article_id"])) == {"A": "y", "B": "x"}
    # Two records, one report: one of them only.
    single = match_events(rec, reports.iloc[[0]], MatchSettings(km=40))
    assert single.matched == 1 and single.news["matched"].sum() == 1


def _random_case(seed: int, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "UCDP 1", "UCDP 3"]
    names = ["Aleppo", "Idlib", "Homs", None]
    day = rng.integers(0, 20, n)
    # Clustered points, some near the poles and across the date line, some without coordinates.
    lat = np.concatenate([rng.normal(36, 0.3, n - 20), rng.uniform(84, 89, 10), rng.uniform(-10, 10, 10)])
    lon = np.concatenate([rng.normal(37, 0.3, n - 20), rng.uniform(-180, 180, 10), rng.choice([-179.9, 179.9], 10)])
    lat[rng.random(n) < 0.1] = np.nan
    rec = pd.DataFrame(
        {
            "record_id": [f"r{i}" for i in range(n)],
            "dataset": "ACLED",
            "date": pd.Timestamp("2020-01-01") + pd.to_timedelta(day, "D"),
            "type": rng.choice(types, n),
            "sub_type": rng.choice(["s1", "s2", None], n),
            "location": rng.choice(names, n),
            "admin1": rng.choice(names, n),
            "admin2": None,
            "lat": lat,
            "lon": lon,
            "fatalities": rng.integers(0, 50, n),
        }
    )
    rec["date_end"] = rec["date"] + pd.to_timedelta(rng.choice([0, 0, 3], n), "D")
    jitter = rng.normal(0, 0.2, (n, 2))
    rows = [
        (f"n{i}", pd.Timestamp("2020-01-01") + pd.Timedelta(days=int(d)), t, s, p, la, lo)
        for i, (d, t, s, p, la, lo) in enumerate(
            zip(
                rng.integers(0, 20, n),
                rng.choice(types[:3], n),
                rng.choice(["s1", "s2", None], n),
                rng.choice(names, n),
                lat + jitter[:, 0],
                lon + jitter[:, 1],
            )
        )
    ]
    return rec, news(*rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_finds_the_same_optimum_as_all_pairs(seed):
    rec, reports = _random_case(seed, 150)
    settings = MatchSettings(days=1, km=60, types="same")
    indexed, every = match_events(rec, reports, settings), match_all_pairs(rec, reports, settings)
    assert indexed.matched == every.matched > 10
    assert indexed.candidates == every.candidates  # the index misses no candidate pair
    assert indexed.pairs["cost"].sum() == pytest.approx(every.pairs["cost"].sum())


def test_coverage_rates_and_toll_bands():
    result = match_events(read_event_dataset(FIXTURES / "acled_small.csv"), SEED_LIKE)
    by_type = coverage_rates(result.records, "type").set_index("type")
    assert by_type.loc["Battles", "rate"] == 1.0 and by_type.loc["Protests", "rate"] == 0.0
    by_month = coverage_rates(result.records, "month").set_index("month")
    assert by_month.loc["2016-10", "covered"] == 3 and by_month.loc["2016-09", "covered"] == 0
    bands = coverage_rates(result.records, "toll_band")
    assert list(bands["toll_band"]) == ["0", "1-9", "10-99"]
    assert list(toll_band(pd.Series([0, 5, 50, 500, None]))) == ["0", "1-9", "10-99", "100+", "unknown"]


def test_a_matching_is_written_as_csv_and_geojson(tmp_path):
    records = read_event_dataset(FIXTURES / "acled_small.csv")
    records.loc[3, "notes"] = '=HYPERLINK("http://x")'
    written = write_match(match_events(records, SEED_LIKE), tmp_path)
    assert sorted(p.name for p in written) == [
        "news_events.csv",
        "news_events.geojson",
        "records.csv",
        "records.geojson",
    ]
    rows = pd.read_csv(tmp_path / "records.csv", dtype=str)
    assert rows.loc[rows["record_id"] == "SYR1001", "covered"].item() == "True"
    assert rows.loc[3, "notes"].startswith("'=")
    geo = json.loads((tmp_path / "records.geojson").read_text(encoding="utf-8"))
    assert len(geo["features"]) == 3  # two records have no coordinates
    first = geo["features"][0]
    assert first["geometry"]["coordinates"] == [40.7477, 36.5024] and first["properties"]["date"] == "2016-10-03"
    news_geo = json.loads((tmp_path / "news_events.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["record_id"] for f in news_geo["features"]} >= {"SYR1001", None}


@pytest.mark.parametrize(
    ("record_name", "news_place", "same"),
    [
        ("Al Hasakeh", "Al Ḩasakah", True),  # ACLED's spelling against the gazetteer's
        ("Hasakeh", "Al-Hassakah", True),  # particle, doubled letter, -eh/-ah
        ("Deir-ez-Zor", "Deir ez Zor", True),
        ("Idlib", "Idlib Governorate", True),  # an admin word is not part of the name
        ("Aleppo city", "Aleppo", True),
        ("Homs", "Hama", False),
        ("Kafr Nabl", "Kafr Nubl", False),  # vowels are kept apart: a near-miss is another village
    ],
)
def test_place_names_meet_across_transliterations(record_name, news_place, same):
    from wirelens.coverage.matching import name_key

    assert (name_key(record_name) == name_key(news_place)) is same


def test_of_two_reports_of_one_place_and_day_the_one_printing_the_records_toll_is_its_match():
    base = {c: None for c in read_event_dataset(FIXTURES / "acled_small.csv").columns}
    rec = pd.DataFrame(
        [
            base | {"record_id": "A", "fatalities": 3, "lat": 36.2, "lon": 37.16},
            base | {"record_id": "B", "fatalities": 12, "lat": 36.2, "lon": 37.16},
        ]
    ).assign(dataset="ACLED", date=pd.Timestamp("2016-10-04"), date_end=pd.Timestamp("2016-10-04"), type="Battles")
    reports = news(
        ("twelve", "2016-10-04", "Battles", None, "Aleppo", 36.2, 37.16),
        ("three", "2016-10-04", "Battles", None, "Aleppo", 36.2, 37.16),
    ).assign(fatalities=[12, 3])
    for order in (reports, reports.iloc[::-1].reset_index(drop=True)):  # whatever the order of the rows
        result = match_events(rec, order)
        assert dict(zip(result.records["record_id"], result.records["article_id"])) == {"A": "three", "B": "twelve"}


# --- the level of a news event's place, and the text around it (issue 21, stop 27) ----------------------------------

HERE = (34.0, 36.0)  # the record's point


def _record(**fields: object) -> pd.DataFrame:
    """One hand-written ACLED-like record at HERE."""
    base = {c: None for c in read_event_dataset(FIXTURES / "acled_small.csv").columns}
    row = base | {
        "record_id": "R",
        "dataset": "ACLED",
        "date": pd.Timestamp("2021-03-10"),
        "date_end": pd.Timestamp("2021-03-10"),
        "type": "Battles",
        "location": "Kafr Saghir",
        "admin1": "Aleppo",
        "admin2": "Jebel Saman",
        "admin3": "Haritan",
        "country": "Syria",
        "lat": HERE[0],
        "lon": HERE[1],
    }
    return pd.DataFrame([row | fields])


def _north(km: float) -> tuple[float, float]:
    return HERE[0] + km / 111.195, HERE[1]


def _report(article: str, place: str | None, place_type: str | None, km: float | None, sentence: str) -> pd.DataFrame:
    """One news event ``km`` north of HERE (None: no coordinates) whose sentence opens its article."""
    lat, lon = _north(km) if km is not None else (None, None)
    frame = news((article, "2021-03-10", "Battles", None, place, lat, lon)).assign(place_type=place_type)
    return frame.assign(sent_start=0, sent_end=len(sentence))


@pytest.mark.parametrize(
    ("place", "place_type", "km", "levels", "matched"),
    [
        ("Tal Rifaat", "city", 40, True, True),
        ("Tal Rifaat", "city", 70, True, False),  # a town is placed precisely: 50 km at most
        ("Azaz District", "district", 80, True, True),  # a district's event: 100 km
        ("Azaz District", "district", 130, True, False),
        ("Azaz District", "district", 80, False, False),  # one radius for all
        ("Idlib", "region", 90, True, True),  # a region's event (at its seat): 100 km
        ("Idlib", "region", 150, True, False),
        ("Syria", "country", 300, True, True),  # a country's event: every record in that country
        ("Syria", "country", 300, False, False),
        ("Lebanon", "country", 10, True, False),  # another country, however near its point
    ],
)
def test_the_radius_follows_the_level_of_the_news_events_place(place, place_type, km, levels, matched):
    reports = _report("a", place, place_type, km, "Clashes were reported.")
    assert match_events(_record(), reports, MatchSettings(types="any", levels=levels)).matched == int(matched)


@pytest.mark.parametrize(
    ("text", "context", "matched"),
    [
        ("Clashes broke out in Kafr Saghir on Tuesday.", True, True),  # the record's location
        ("Clashes broke out in Haritan on Tuesday.", True, True),  # its admin3
        ("Gunmen clashed with the army in the north of Syria.", True, True),  # its country (the weakest)
        ("Al-Haritan's fighters clashed on Tuesday.", True, True),  # a particle and a possessive
        ("Clashes broke out on Tuesday.", True, False),  # no name at all
        ("Clashes broke out in Beirut, Lebanon.", True, False),  # other names only
        ("Clashes broke out near kafr saghir.", True, False),  # names are capitalised
        ("Clashes broke out in Kafr Saghir on Tuesday.", False, False),  # the rule off
    ],
)
def test_a_news_event_without_a_place_matches_by_the_records_names_in_its_article(text, context, matched):
    reports = _report("a", None, None, None, text)
    settings = MatchSettings(types="any", context=context)
    assert match_events(_record(), reports, settings, {"a": text}).matched == int(matched)
    assert match_events(_record(), reports, settings).matched == 0  # no text given: nothing to go by


@pytest.mark.parametrize(
    ("sentence", "rest", "matched"),
    [
        ("Clashes in Kafr Saghir and Homs.", " Later, calm.", True),  # placed at Homs, 500 km off; names the record's
        ("Clashes in Homs.", " Kafr Saghir was calm.", False),  # the article, not the event's sentence, names it
    ],
)
def test_a_news_event_placed_elsewhere_matches_by_the_records_names_in_its_own_sentence(sentence, rest, matched):
    reports = _report("a", "Homs", "city", 500, sentence)
    result = match_events(_record(), reports, MatchSettings(types="any"), {"a": sentence + rest})
    assert result.matched == int(matched)


@pytest.mark.parametrize(
    ("precise", "vague"),
    [
        (("city", 20), ("region", 0)),  # a town 20 km off beats a region whose seat is the record's point
        (("city", 45), (None, None)),  # a located agreement beats a name in the text
        (("district", 30), ("country", 0)),
    ],
)
def test_a_precise_agreement_beats_a_vague_one(precise, vague):
    rec = _record()
    texts = {"precise": "Clashes in Kafr Saghir.", "vague": "Clashes in Kafr Saghir, Syria."}
    places = {"city": "Tal Rifaat", "district": "Azaz District", "region": "Aleppo", "country": "Syria", None: None}
    reports = pd.concat(
        [
            _report("vague", places[vague[0]], vague[0], vague[1], texts["vague"]),
            _report("precise", places[precise[0]], precise[0], precise[1], texts["precise"]),
        ],
        ignore_index=True,
    )
    for order in (reports, reports.iloc[::-1].reset_index(drop=True)):
        result = match_events(rec, order, MatchSettings(types="any"), texts)
        assert result.records.loc[0, "article_id"] == "precise"


def test_of_two_reports_of_one_city_and_day_each_record_gets_the_one_naming_its_neighbourhood():
    rec = pd.concat(
        [
            _record(record_id="B", location="Dhaka - Badda", admin3="Badda", country="Bangladesh"),
            _record(record_id="M", location="Dhaka - Mirpur", admin3="Mirpur", country="Bangladesh"),
        ],
        ignore_index=True,
    )
    texts = {"b": "Students marched in Badda, Dhaka.", "m": "Students marched in Mirpur, Dhaka."}
    reports = pd.concat(
        [_report("m", "Dhaka", "city", 2, texts["m"]), _report("b", "Dhaka", "city", 2, texts["b"])],
        ignore_index=True,
    )
    for order in (reports, reports.iloc[::-1].reset_index(drop=True)):
        result = match_events(rec, order, MatchSettings(types="any"), texts)
        assert dict(zip(result.records["record_id"], result.records["article_id"])) == {"B": "b", "M": "m"}


@pytest.mark.parametrize("seed", [4, 5])
def test_the_index_finds_the_same_optimum_as_all_pairs_with_levels_and_texts(seed):
    rec, reports = _random_case(seed, 150)
    rng = np.random.default_rng(seed)
    rec["country"] = rng.choice(["Syria", "Turkey"], len(rec))
    levels = rng.choice(["city", "district", "region", "country", None], len(reports))
    reports["place_type"] = levels
    reports.loc[levels == "country", "place"] = rng.choice(["Syria", "Turkey"], int((levels == "country").sum()))
    unplaced = pd.isna(reports["place_type"]).to_numpy()
    reports.loc[unplaced, ["place", "lat", "lon"]] = None
    words = ["Aleppo", "Idlib", "Homs", "Syria", "Turkey", "nothing"]
    texts = {a: f"Fighting in {rng.choice(words)} and {rng.choice(words)}." for a in reports["article_id"]}
    reports["sent_end"] = [len(texts[a]) for a in reports["article_id"]]
    settings = MatchSettings(days=1, km=40, types="same", district_km=60, region_km=90)
    indexed = match_events(rec, reports, settings, texts)
    every = match_all_pairs(rec, reports, settings, texts)
    assert indexed.matched == every.matched > 10
    assert indexed.candidates == every.candidates
    assert indexed.pairs["cost"].sum() == pytest.approx(every.pairs["cost"].sum())


def test_names_are_found_in_a_text_by_key_capitalised_and_whole():
    from wirelens.coverage.text_names import names_in_texts

    texts = {1: "Shelling hit Deir ez-Zor and al-Mayadin.", 2: "the aleppo road", 3: "Aleppoans marched."}
    found = names_in_texts(texts, {"deir zor", "mayadin", "aleppo"})
    assert found == {1: {"deir zor"}}  # "al-Mayadin": the capital is the name's, not its particle's
