"""Exports: formula-safe CSV, JSON lines, GeoJSON, and the corpus zip with its README of columns."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import numpy as np
import pandas as pd
import pytest

from wirelens.exports.formats import column_docs, corpus_zip, csv_bytes, defuse, geojson_bytes, jsonl_bytes
from wirelens.store.corrections import CORRECTED
from wirelens.store.database import EXPORTED, Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, blank_extractor, seed_article):
    with Store(tmp_path_factory.mktemp("exports") / "corpus.duckdb") as store:
        store.add(blank_extractor.extract_one(seed_article))
        yield store


@pytest.mark.parametrize(
    "cell, written",
    [
        ('=HYPERLINK("http://x")', "'=HYPERLINK"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM"),
        ("\tcmd", "'\tcmd"),
        ("Aleppo", "Aleppo"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_csv_defuses_spreadsheet_formulas(cell, written):
    text = csv_bytes(pd.DataFrame({"text": [cell], "n": [-5]})).decode("utf-8")
    row = text.splitlines()[1]
    assert row.lstrip('"').startswith(written)
    assert row.endswith(",-5")  # numbers are numbers, never defused


CELLS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "Aleppo", "a = b", "'=quoted"]


def test_the_corpus_export_and_page_downloads_defuse_cells_alike(tmp_path):
    """One rule (``defuse``): a cell reads the same in the corpus CSV as in a page's CSV download."""
    with Store(tmp_path / "cells.duckdb") as store:
        for n, cell in enumerate(CELLS):
            store.rename_actor(f"actor {n}", f"actor {n} renamed", note=cell)  # notes are kept as typed
        store.export(tmp_path / "out", "csv")
        downloaded = pd.read_csv(io.BytesIO(csv_bytes(store.corrections_frame())), keep_default_na=False)
    exported = pd.read_csv(tmp_path / "out" / "corrections.csv", keep_default_na=False)
    assert list(exported["note"]) == list(downloaded["note"]) == [defuse(cell) for cell in CELLS]
    assert [cell.startswith("'") for cell in exported["note"]] == [True] * 5 + [False, False, True]


def test_jsonl_writes_plain_json_values():
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2016-10-04", None]),
            "fatalities": [34.0, np.nan],
            "actors": [np.array(["Islamic State"]), []],
            "flag": [True, None],
            "n": pd.array([1, None], dtype="Int64"),
        }
    )
    rows = [json.loads(line) for line in jsonl_bytes(frame).decode("utf-8").splitlines()]
    assert rows == [
        {"date": "2016-10-04", "fatalities": 34.0, "actors": ["Islamic State"], "flag": True, "n": 1},
        {"date": None, "fatalities": None, "actors": [], "flag": None, "n": None},
    ]


def test_geojson_has_one_point_per_positioned_row():
    frame = pd.DataFrame(
        {
            "name": ["Aleppo", "nowhere", "Hasakeh"],
            "lat": [36.2, np.nan, 36.5],
            "lon": [37.16, 1.0, 40.75],
            "date": [dt.date(2016, 10, 4)] * 3,
        }
    )
    collection = json.loads(geojson_bytes(frame))
    assert collection["type"] == "FeatureCollection"
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[37.16, 36.2], [40.75, 36.5]]
    assert collection["features"][0]["properties"] == {"name": "Aleppo", "date": "2016-10-04"}


def test_every_exported_column_is_documented_and_no_other(corpus):
    docs = column_docs()
    for table in EXPORTED:
        stored = [r[0] for r in corpus.query(f"DESCRIBE {CORRECTED.get(table, table)}").itertuples(index=False)]
        documented = [name for name in docs[table] if name != "_table"]
        assert sorted(documented) == sorted(stored), table
        assert docs[table]["_table"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_corpus_zip_holds_every_table_and_a_readme(corpus, fmt):
    with zipfile.ZipFile(io.BytesIO(corpus_zip(corpus, fmt))) as archive:
        names = sorted(archive.namelist())
        readme = archive.read("wirelens-corpus/README.md").decode("utf-8")
        articles = archive.read(f"wirelens-corpus/articles.{fmt}")
    assert names == sorted(["wirelens-corpus/README.md", *(f"wirelens-corpus/{t}.{fmt}" for t in EXPORTED)])
    assert "| `speaker_start` |" in readme and f"## events.{fmt}" in readme and "GeoNames" in readme
    assert len(articles) > 1000  # the seed article's text is in it


def test_corpus_zip_refuses_an_unknown_format(corpus):
    with pytest.raises(ValueError, match="xlsx"):
        corpus_zip(corpus, "xlsx")
