"""The Coverage page (AppTest) on the seed corpus: outlets, event stories, and an ACLED upload matched;
and the event-story builders it draws from."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from page_runner import open_page
from wirelens.coverage.stories import event_stories, outlet_event_coverage, story_reports

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"


def _reports() -> tuple[pd.DataFrame, pd.Series]:
    events = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a1"],
            "title": ["t1", "t2", "t3", "t1"],
            "source": ["AFP", "Reuters", None, "AFP"],
            "published": pd.to_datetime(["2016-10-04", "2016-10-03", "2016-10-05", "2016-10-04"]),
            "date": pd.to_datetime(["2016-10-03", "2016-10-03", "2016-10-03", "2016-10-04"]),
            "type": ["Explosions/Remote violence"] * 3 + ["Battles"],
            "sub_type": ["Suicide bomb"] * 3 + ["Armed clash"],
            "place": ["Hasakeh", "Al Hasakah", "Hasakeh", "Aleppo"],
            "fatalities": [34, 32, None, None],
            "start": [0, 0, 0, 50],
            "sentence": ["s1", "s2", "s3", "s4"],
        }
    )
    return events, pd.Series([0, 0, 0, 1])


def test_event_stories_list_every_report_with_tolls_side_by_side():
    events, groups = _reports()
    stories = event_stories(events, groups)
    top = stories.iloc[0]
    assert top["articles"] == 3 and top["outlets"] == "Reuters, AFP, unknown outlet"
    assert top["first_outlet"] == "Reuters" and top["lag_days"] == 0
    assert top["tolls"] == "32 (Reuters); 34 (AFP)" and "Al Hasakah (Reuters)" in top["places"]
    assert list(story_reports(events, groups, 0)["article_id"]) == ["a2", "a1", "a3"]
    per = outlet_event_coverage(events, groups).set_index("outlet")
    assert per.loc["AFP", "stories"] == 2 and per.loc["Reuters", "first_to_report"] == 1
    assert per.loc["AFP", "median_lag_days"] == 0.5 and per.loc["AFP", "reports_with_toll"] == 1
    assert event_stories(events.iloc[:0], groups.iloc[:0]).empty


def _frame(at, *columns: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_coverage_page_on_the_seed_with_an_acled_upload(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "coverage.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("coverage.py")
    assert at.title[0].value == "Coverage"
    assert list(_frame(at, "articles", "quotes")["outlet"]) == ["AFP"]
    # Only the open tab runs: the others draw nothing until opened (from the URL here).
    assert not any({"tolls", "first_outlet"} <= set(d.value.columns) for d in at.dataframe)
    at = open_page("coverage.py", coverage_tab="Event stories")
    assert len(_frame(at, "tolls", "first_outlet")) > 0
    assert not any({"articles", "quotes"} <= set(d.value.columns) for d in at.dataframe)
    at = open_page("coverage.py", coverage_tab="Against the record")
    assert any("No event dataset uploaded" in i.value for i in at.info)

    # AppTest cannot drive a file uploader: the same run, with the upload put where the widget would.
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    data = (FIXTURES / "acled_small.csv").read_bytes()
    upload = UploadedFile(UploadedFileRec("f1", "acled_small.csv", "text/csv", data), None)
    import streamlit as st

    real = st.file_uploader
    monkeypatch.setattr(
        st, "file_uploader", lambda *a, **k: upload if k.get("key") == "coverage_upload" else real(*a, **k)
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert set(_frame(at, "record_id", "candidate_articles")["record_id"]) == {"SYR1004", "SYR1005"}
    assert any(m.value == "60%" for m in at.metric)
    # The matching's own defaults, the text rule among them, are the page's; each can be turned off.
    assert at.toggle(key="coverage_context").value is True
    assert at.number_input(key="coverage_region_km").value == 100.0
    at.toggle(key="coverage_context").set_value(False).run()
    assert not at.exception, [e.value for e in at.exception]
    assert set(_frame(at, "record_id", "candidate_articles")["record_id"]) == {"SYR1004", "SYR1005"}


def test_coverage_page_says_what_is_wrong_with_a_file_in_neither_format(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "coverage.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("coverage.py", coverage_tab="Against the record")
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    data = (FIXTURES / "neither.csv").read_bytes()
    upload = UploadedFile(UploadedFileRec("f2", "neither.csv", "text/csv", data), None)
    import streamlit as st

    real = st.file_uploader
    monkeypatch.setattr(
        st, "file_uploader", lambda *a, **k: upload if k.get("key") == "coverage_upload" else real(*a, **k)
    )
    at.run()
    assert not at.exception
    assert any("event_id_cnty" in e.value and "type_of_violence" in e.value for e in at.error)
