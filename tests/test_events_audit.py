"""The events precision audit's re-scoring (bench/events_audit.py), on small synthetic lists: no corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def audit():
    sys.path.insert(0, str(BENCH))  # the script imports its sibling benchmarks_md
    try:
        spec = importlib.util.spec_from_file_location("bench_events_audit", BENCH / "events_audit.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def _pred(audit, start, sub_type="Attack", *, date="2019-08-03", place="El Paso", toll="22", article="a1", **kw):
    return audit.Prediction(article, "wikinews", start, start + 4, "shot", sub_type, date, place, toll, **kw)


def _judged(audit, start, sub_type="Attack", *, verdict="right", date="2019-08-03", place="El Paso", toll="22", **kw):
    fields = {"date_ok": "yes", "place_ok": "yes", "toll_ok": "yes", "reason": "", **kw}
    return audit.Judgement(
        "a1", "wikinews", start, start + 4, "shot", sub_type, date, place, toll, False, verdict, **fields
    )


def test_reused_new_and_removed(audit):
    judgements = [_judged(audit, 10), _judged(audit, 50, verdict="wrong", reason="sports: a clash"), _judged(audit, 90)]
    predictions = [_pred(audit, 10), _pred(audit, 50), _pred(audit, 200)]
    result = audit.rescore(judgements, predictions)
    assert [(p.start, j.verdict) for p, j in result.judged] == [(10, "right"), (50, "wrong")]
    assert [p.start for p in result.unjudged] == [200]  # new: a person judges it
    assert [j.start for j in result.removed] == [90]  # judged, no longer predicted
    assert result.stale() == []


def test_key_includes_the_sub_type(audit):
    result = audit.rescore([_judged(audit, 10, "Attack")], [_pred(audit, 10, "Armed clash")])
    assert result.judged == []
    assert [p.sub_type for p in result.unjudged] == ["Armed clash"]
    assert [j.sub_type for j in result.removed] == ["Attack"]


def test_same_offsets_in_another_article_are_not_the_same_key(audit):
    result = audit.rescore([_judged(audit, 10)], [_pred(audit, 10, article="a2")])
    assert len(result.unjudged) == 1 and len(result.removed) == 1


@pytest.mark.parametrize(
    ("change", "stale_field"),
    [
        ({"date": "2019-08-08"}, "date_ok"),
        ({"place": "Texas"}, "place_ok"),
        ({"toll": "20"}, "toll_ok"),
        ({"toll": ""}, "toll_ok"),
    ],
)
def test_a_changed_field_is_marked_for_rejudging(audit, change, stale_field):
    result = audit.rescore([_judged(audit, 10)], [_pred(audit, 10, **change)])
    [(_, j)] = result.judged
    assert j.verdict == "right"  # the verdict on type and being an event is kept
    assert getattr(j, stale_field) == audit.STALE
    others = {"date_ok", "place_ok", "toll_ok"} - {stale_field}
    assert all(getattr(j, name) == "yes" for name in others)
    assert len(result.stale()) == 1
    yes, total, stale = audit.field_accuracy(result.judged, stale_field)
    assert (yes, total, stale) == (0, 0, 1)  # left out of the accuracy until re-judged


def test_a_blank_verdict_is_unjudged_and_not_removed(audit):
    stub = audit.stub(_pred(audit, 10))
    assert stub.verdict == ""
    result = audit.rescore([stub, audit.stub(_pred(audit, 30))], [_pred(audit, 10)])
    assert [p.start for p in result.unjudged] == [10]
    assert result.removed == []  # a row never judged is not a lost judgement


def test_csv_round_trip_keeps_no_text_and_every_field(audit, tmp_path):
    path = tmp_path / "judgements.csv"
    rows = [
        _judged(audit, 10, date_ok="no", reason='date: "Saturday", not the publication date'),
        audit.stub(_pred(audit, 30)),
    ]
    audit.write_judgements(rows, path)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == audit.FIELDS and "sentence" not in header and "text" not in header
    back = audit.read_judgements(path)
    assert sorted(back, key=lambda j: j.start) == sorted(rows, key=lambda j: j.start)


def test_precision_interval_and_date_checks(audit):
    lo, hi = audit.wilson(90, 100)
    assert 0.82 < lo < 0.90 < hi < 0.95
    assert audit.wilson(0, 0) == (0.0, 0.0)
    preds = [
        _pred(audit, 1, date="0040-03-01", article_date="2019-03-01"),  # a clock time read as a year
        _pred(audit, 2, date="2026-09-11", article_date="2019-03-01"),  # after its article
        _pred(audit, 3, date="1963-09-01", article_date="2019-09-09"),  # background, fine
        _pred(audit, 4, date="", article_date=""),
    ]
    bbc = audit.Prediction("b1", "bbc", 5, 9, "attacks", "Attack", "2006-01-01")  # undated BBC: after 2005
    early, late = audit.date_violations([*preds, bbc])
    assert [p.start for p in early] == [1]
    assert [p.start for p in late] == [2, 5]


def test_stub_adds_new_rows_and_marks_changed_fields_in_the_file(audit):
    judgements = [_judged(audit, 10), _judged(audit, 50)]
    predictions = [_pred(audit, 10, place="Texas"), _pred(audit, 50), _pred(audit, 200)]
    rows = {j.start: j for j in audit.stubbed(judgements, audit.rescore(judgements, predictions))}
    assert rows[10].place == "Texas" and rows[10].place_ok == audit.STALE and rows[10].date_ok == "yes"
    assert rows[50] == judgements[1]
    assert rows[200].verdict == ""
    again = audit.rescore(list(rows.values()), predictions)  # the file now matches: still stale, until judged
    assert [p.start for p, _ in again.stale()] == [10] and [p.start for p in again.unjudged] == [200]


def test_a_wrong_event_needs_no_rejudging_when_its_fields_change(audit):
    judged = _judged(audit, 10, verdict="wrong", date_ok="na", place_ok="na", toll_ok="na", reason="word sense: x")
    result = audit.rescore([judged], [_pred(audit, 10, place="Niort", toll="3")])
    assert result.stale() == [] and result.judged[0][1] == judged
