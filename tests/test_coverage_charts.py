"""The Coverage page's chart specs (pure builders, no Streamlit): their data and encodings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from wirelens.dashboard.coverage_charts import outlet_weeks_chart, rate_bars_chart, share_bars_chart


def _rows(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()
    return rows


def test_outlet_weeks_are_iso_days_per_outlet_even_far_outside_pandas_range():
    weeks = pd.DataFrame(
        {
            "period": [dt.date(2019, 1, 7), dt.date(2019, 1, 14), dt.date(9999, 12, 27)],
            "source": ["AFP", None, "AFP"],
            "articles": [2, 0, 1],
        }
    )
    spec = outlet_weeks_chart(weeks)
    rows = _rows(spec)
    assert [r["period"] for r in rows] == ["2019-01-07", "2019-01-14", "9999-12-27"]
    assert [r["source"] for r in rows] == ["AFP", "(no outlet)", "AFP"]  # an empty week keeps its zero
    enc = spec["encoding"]
    assert enc["x"]["field"] == "period" and enc["x"]["type"] == "temporal" and enc["x"]["scale"]["type"] == "utc"
    assert enc["y"]["field"] == "articles" and enc["color"]["field"] == "source"
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"] is True


@pytest.mark.parametrize(("by", "count"), [("actor_type", "mentions"), ("speaker_type", "quotes")])
def test_share_bars_stack_each_outlet_to_one_with_counts_in_the_tooltip(by, count):
    frame = pd.DataFrame(
        {"outlet": ["AFP", "AFP", "BBC"], by: ["person", None, "person"], count: [3, 1, 5], "share": [0.75, 0.25, 1.0]}
    )
    spec = share_bars_chart(frame, by, "title", count)
    rows = _rows(spec)
    assert [r[by] for r in rows] == ["person", "(none)", "person"]
    enc = spec["encoding"]
    assert enc["y"]["field"] == "outlet" and enc["x"]["field"] == "share" and enc["x"]["scale"]["domain"] == [0, 1]
    assert enc["color"]["field"] == by
    assert {t["field"] for t in enc["tooltip"]} == {"outlet", by, "share", count}
    assert spec["title"]["text"] == "title"
    assert spec["height"] >= 36 and spec["autosize"]["type"] == "fit-x"  # as tall as its legend, fitted in width


def test_share_bars_of_one_outlet_are_as_tall_as_their_legend():
    types = [f"type {i}" for i in range(12)]
    frame = pd.DataFrame({"outlet": "AFP", "actor_type": types, "mentions": 1, "share": 1 / 12})
    assert share_bars_chart(frame, "actor_type", "t", "mentions")["height"] >= 12 * 18


def test_rate_bars_keep_the_frames_order_and_a_zero_to_one_axis():
    rates = pd.DataFrame({"toll_band": ["0", "1-9", "10+"], "records": [4, 2, 1], "covered": [1, 2, 0]})
    rates["rate"] = rates["covered"] / rates["records"]
    spec = rate_bars_chart(rates, "toll_band", "Coverage rate by toll band")
    assert [r["toll_band"] for r in _rows(spec)] == ["0", "1-9", "10+"]
    enc = spec["encoding"]
    assert enc["x"]["sort"] == ["0", "1-9", "10+"] and enc["y"]["scale"]["domain"] == [0, 1]
    assert {t["field"] for t in enc["tooltip"]} == {"toll_band", "rate", "records", "covered"}
