"""Outlets (issue 21): a source normalised at ingest, editable afterwards, compared by the store's queries;
and ``wirelens match-events`` end to end on the seed corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from wirelens.cli import main
from wirelens.extraction.articles import Article
from wirelens.run.ingest import ensure_seeds, ingest_articles
from wirelens.run.outlets import article_outlet, normalise_outlet, outlet_from_text, outlet_from_url
from wirelens.run.readers import read_paths
from wirelens.store.corrections import CorrectionError

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("agence france presse", "AFP"),
        ("The Associated Press", "AP"),
        ("reuters.com", "Reuters"),
        ("https://www.bbc.co.uk/news/x", "BBC"),
        ("www.example.org", "example.org"),
        ("Kurdistan 24", "Kurdistan 24"),
        ("  ", None),
        (None, None),
    ],
)
def test_metadata_sources_are_normalised_unknown_ones_kept(given, stored):
    assert normalise_outlet(given) == stored


def test_the_url_then_a_dateline_or_byline_give_the_outlet_when_metadata_does_not():
    assert outlet_from_url("https://uk.reuters.com/article/x") == "Reuters"
    assert outlet_from_url("http://news.example.net/a") == "news.example.net"
    assert outlet_from_url("not a url") is None
    assert outlet_from_text("Headline\nBEIRUT (Reuters) - Air strikes hit Aleppo.") == "Reuters"
    assert outlet_from_text("Damascus (AFP) – Shelling killed five.") == "AFP"
    assert outlet_from_text("Headline\nBy Jane Doe, Associated Press\nText.") == "AP"
    assert outlet_from_text("Rebels (Syria) - nothing known here. (FSA) said.") is None
    assert outlet_from_text("x" * 500 + " (AFP) - too late in the text") is None
    assert article_outlet("Le Monde", "https://www.reuters.com/x", "(AFP) - x") == "Le Monde"
    assert article_outlet(None, "https://www.reuters.com/x", "(AFP) - x") == "Reuters"
    assert article_outlet(None, None, "KABUL (AFP) - x") == "AFP"


def test_readers_store_the_normalised_outlet(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"title": "t1", "text": "Shelling hit Aleppo.", "source": "Agence France-Presse"},
                {"title": "t2", "text": "Clashes in Idlib.", "url": "https://www.aljazeera.com/news/1"},
                {"title": "t3", "text": "BEIRUT (Reuters) - Air strikes hit Aleppo on Monday."},
                {"title": "t4", "text": "Nothing says where this is from."},
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    sources = [a.source for a in read_paths([tmp_path / "a.jsonl"]) if isinstance(a, Article)]
    assert sources == ["AFP", "Al Jazeera", "Reuters", None]


def test_an_outlet_is_editable_and_outlets_compare(store, blank_extractor, tmp_path):
    ingest_articles(read_paths([REPO / "seeds"]), store, blank_extractor)
    [article_id] = store.articles()["id"]
    assert store.sources() == ["AFP"]
    store.set_source(article_id, "Reuters")
    assert store.sources() == ["Reuters"]
    assert store.rename_source("Reuters", "AFP") == 1 and store.sources() == ["AFP"]
    assert store.rename_source("Nobody", "AFP") == 0
    summary = store.outlet_summary()
    assert list(summary["outlet"]) == ["AFP"] and summary.loc[0, "articles"] == 1
    types = store.outlet_actor_types()
    assert set(types["outlet"]) == {"AFP"} and types["mentions"].sum() > 0
    assert len(store.outlet_top_actors(limit=3)) == 3
    assert store.outlet_quote_kinds().empty or set(store.outlet_quote_kinds()["outlet"]) == {"AFP"}


def test_set_source_from_the_command_line(tmp_path, blank_extractor, store, monkeypatch, capsys):
    ingest_articles(read_paths([REPO / "seeds"]), store, blank_extractor)
    [article_id] = store.articles()["id"]
    db = store.path
    store.close()
    assert main(["set-source", article_id, "associated press", "--db", str(db)]) == 0
    assert main(["set-source", "nope", "AFP", "--db", str(db)]) == 1
    assert main(["set-source", "--rename", "AP", "reuters.com", "--db", str(db)]) == 0
    from wirelens.store.database import Store

    with Store(db, read_only=True) as reopened:
        assert reopened.sources() == ["Reuters"]


def test_match_events_on_the_seed_corpus(tmp_path, extractor, capsys):
    from wirelens.store.database import Store

    db = tmp_path / "seed.duckdb"
    with Store(db) as store:
        ensure_seeds(store, extractor, REPO / "seeds")
        speakers = store.outlet_speakers(limit=2)
        assert 0 < len(speakers) <= 2 and set(speakers["outlet"]) == {"AFP"}
        assert speakers["direct_share"].between(0, 1).all()
        kinds = store.outlet_quote_kinds()
        assert kinds["quotes"].sum() == len(store.quotes())
    out = tmp_path / "matched"
    assert (
        main(["match-events", "--against", str(FIXTURES / "acled_small.csv"), "--out", str(out), "--db", str(db)]) == 0
    )
    captured = capsys.readouterr()
    assert "5 record(s), 3 matched" in captured.err
    records = pd.read_csv(out / "records.csv", dtype=str).set_index("record_id")
    assert records.loc["SYR1001", "covered"] == "True" and records.loc["SYR1001", "news_sub_type"] == "Suicide bomb"
    assert records.loc["SYR1004", "covered"] == "False"
    assert (out / "news_events.geojson").is_file() and (out / "records.geojson").is_file()

    assert main(["match-events", "--against", str(FIXTURES / "ucdp_small.csv"), "--db", str(db), "--days", "0"]) == 0
    assert capsys.readouterr().out.startswith("record_id,")
    assert main(["match-events", "--against", str(FIXTURES / "neither.csv"), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "event_id_cnty" in err and "type_of_violence" in err
    assert main(["match-events", "--against", str(tmp_path / "missing.csv"), "--db", str(db)]) == 2


def test_outlet_edits_are_corrections_listed_undone_and_exported(store, blank_extractor, tmp_path):
    ingest_articles(read_paths([REPO / "seeds"]), store, blank_extractor)
    [article_id] = store.articles()["id"]
    store.set_source(article_id, "Reuters", note="byline says Reuters")
    store.rename_source("Reuters", "Thomson Reuters")
    assert store.sources() == ["Thomson Reuters"]
    assert store.article(article_id).source == "Thomson Reuters"  # the reader's caption too
    kinds = [(c.kind, c.old, c.new) for c in store.corrections()]
    assert kinds == [("set_source", "AFP", "Reuters"), ("rename_source", "Reuters", "Thomson Reuters")]
    exported = store.export(tmp_path / "out", "csv")
    articles_csv = next(p for p in exported if p.name == "articles.csv").read_text(encoding="utf-8")
    assert "Thomson Reuters" in articles_csv and ",AFP," not in articles_csv
    with store._con.cursor() as cur:  # the ingested value is kept underneath
        assert cur.execute("SELECT source FROM articles").fetchall() == [("AFP",)]
    store.undo_correction(store.corrections()[0].id)  # the article's own outlet: back to AFP
    assert store.sources() == ["AFP"]
    with pytest.raises(CorrectionError):
        store.rename_source("AFP", "AFP")
    with pytest.raises(CorrectionError):
        store.set_source("no-such-article", "AFP")


def test_renaming_an_outlet_back_undoes_the_merge(store, blank_extractor):
    ingest_articles(read_paths([REPO / "seeds"]), store, blank_extractor)
    store.rename_source("AFP", "Agence France-Presse")
    store.rename_source("Agence France-Presse", "AFP")
    assert store.sources() == ["AFP"]
    assert [c.kind for c in store.corrections()] == []  # flat: no chain of renames left behind
