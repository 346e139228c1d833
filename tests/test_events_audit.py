"""The events precision audit's re-scoring (bench/events_audit.py), on small synthetic lists: no corpus."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

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


def test_a_larger_sample_begins_with_the_first_draw(audit):
    ids = [f"id{i:04d}" for i in range(700)]
    order = audit.sample_order(reversed(ids), 17, "bbc")  # the order of the input does not matter
    assert sorted(order) == ids  # every article, once
    first = random.Random("17:bbc").sample(ids, audit.FIRST_DRAW)
    assert order[: audit.FIRST_DRAW] == first  # the audit's first sample, so its judgements stay valid
    assert audit.sample_order(ids, 17, "bbc") == order  # seeded
    assert audit.sample_order(ids, 18, "bbc") != order
    assert audit.sample_order(ids, 17, "wikinews") != order  # each corpus draws on its own
    small = [f"w{i:02d}" for i in range(30)]  # a corpus smaller than the first draw: all of it, shuffled
    assert sorted(audit.sample_order(small, 17, "wikinews")) == small


def test_the_cache_keeps_predictions_per_article(audit, tmp_path):
    cache = audit.PredictionCache(tmp_path, "k1")
    preds = [_pred(audit, 10, sentence="A gunman shot 22.", article_date="2019-08-03"), _pred(audit, 40)]
    cache.put("a1", preds, 1)
    cache.put("a2", [], 0)
    cache.save()
    again = audit.PredictionCache(tmp_path, "k1")
    assert again.get("a1") == (preds, 1) and again.get("a2") == ([], 0)
    assert again.get("a3") is None
    assert audit.PredictionCache(tmp_path, "k2").get("a1") is None  # another code version starts empty
    assert audit.PredictionCache(None, "k1").get("a1") is None  # no folder: nothing kept


def test_the_cache_keeps_only_its_newest_code_versions(audit, tmp_path):
    for i in range(audit.PredictionCache.KEEP + 2):
        cache = audit.PredictionCache(tmp_path, f"k{i}")
        cache.put("a1", [], 0)
        cache.save()
        os.utime(cache.path, (1_000_000 + i, 1_000_000 + i))
    audit.PredictionCache(tmp_path, "newest").save()
    kept = sorted(p.stem for p in tmp_path.glob("*.json"))
    assert len(kept) == audit.PredictionCache.KEEP and "newest" in kept and "k0" not in kept


def test_predict_reads_cached_articles_in_sample_order(audit, tmp_path):
    cache = audit.PredictionCache(tmp_path, "k")
    cache.put("a2", [_pred(audit, 5, article="a2")], 2)
    cache.put("a1", [_pred(audit, 10), _pred(audit, 20)], 1)
    articles = [SimpleNamespace(id="a1"), SimpleNamespace(id="a2")]  # all cached: no model is loaded
    predictions, aggregates = audit.predict(articles, cache)
    assert [(p.article_id, p.start) for p in predictions] == [("a1", 10), ("a1", 20), ("a2", 5)]
    assert aggregates == 3


def test_the_code_key_follows_the_extraction_code_only(audit, tmp_path):
    package, lock = tmp_path / "wirelens", tmp_path / "uv.lock"
    (package / "extraction").mkdir(parents=True)
    (package / "dashboard").mkdir()
    (package / "extraction" / "cues.toml").write_text("a = 1\n")
    lock.write_text("spacy 3.7\n")
    key = audit.code_key(package, lock)
    (package / "dashboard" / "page.py").write_text("x = 1\n")  # the UI does not change predictions
    (package / "extraction" / "__pycache__").mkdir()
    (package / "extraction" / "__pycache__" / "m.pyc").write_bytes(b"\0")
    assert audit.code_key(package, lock) == key
    (package / "extraction" / "cues.toml").write_text("a = 2\n")
    assert audit.code_key(package, lock) != key
    key = audit.code_key(package, lock)
    lock.write_text("spacy 3.8\n")
    assert audit.code_key(package, lock) != key


def test_export_package_writes_the_committed_code_not_the_working_tree(audit, tmp_path):
    repo = tmp_path / "repo"
    (repo / "lib" / "wirelens").mkdir(parents=True)
    (repo / "lib" / "wirelens" / "cues.toml").write_text("a = 1\n")
    (repo / "uv.lock").write_text("spacy 3.7\n")
    (repo / "README.md").write_text("not exported\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    (repo / "lib" / "wirelens" / "cues.toml").write_text("a = 2\n")  # an uncommitted edit: not measured
    out = tmp_path / "out"
    commit, key = audit.export_package("HEAD", out, repo)
    assert (out / "lib" / "wirelens" / "cues.toml").read_text() == "a = 1\n"
    assert (out / "uv.lock").is_file() and not (out / "README.md").exists()
    assert key == audit.code_key(out / "lib" / "wirelens", out / "uv.lock")
    assert key != audit.code_key(repo / "lib" / "wirelens", repo / "uv.lock")
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True)
    assert commit == head.stdout.strip()


def test_a_changed_background_flag_reopens_the_verdict(audit):
    # history is right only when flagged background: a prediction newly flagged (or no longer) is judged again
    judged = _judged(audit, 10, verdict="wrong", reason="history: the 2003 protests")
    result = audit.rescore([judged], [_pred(audit, 10, background=True)])
    assert result.judged == [] and [p.start for p in result.unjudged] == [10]
    same = audit.rescore([judged], [_pred(audit, 10)])
    assert [j.verdict for _, j in same.judged] == ["wrong"]
