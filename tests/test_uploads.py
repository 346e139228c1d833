"""Uploading articles in the browser, and isolation between visitors in hosted mode."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard.uploads import UploadLimits, UploadRow, admit_uploads, ingest_uploads, save_uploads

REPO = Path(__file__).resolve().parents[1]
MAIN = str(REPO / "tests" / "apptest" / "main.py")

STORY = b"Rebels retake town\nRebels retook the town of Saraqeb on Monday, a monitor said."


@pytest.mark.parametrize(
    ("name", "saved_as"),
    [
        ("story.txt", "0000_story.txt"),
        ("../../etc/passwd.txt", "0000_passwd.txt"),
        ("C:\\Users\\x\\a b.csv", "0000_a b.csv"),
        ("<script>.txt", "0000__script_.txt"),
        ("...", "0000_upload"),
    ],
)
def test_uploads_are_saved_under_safe_names(tmp_path, name, saved_as):
    (path,) = save_uploads([(name, b"x")], tmp_path)
    assert path.parent == tmp_path and path.name == saved_as


def test_upload_report_names_each_file_as_uploaded(tmp_path, blank_extractor, store):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("inner.txt", "Inside\nRegime forces advanced on Tuesday.")
        zf.writestr("inner.docx", b"x")
    files = [
        ("story.txt", STORY),
        ("same-again.txt", STORY),
        ("empty.txt", b""),
        ("bundle.zip", archive.getvalue()),
        (
            "rows.jsonl",
            (json.dumps({"title": "Row", "text": "Jihadists attacked a checkpoint."}) + "\nnot json\n").encode(),
        ),
    ]
    saved = save_uploads(files, tmp_path)
    calls = []
    rows = ingest_uploads(
        saved,
        store,
        blank_extractor,
        default_date=dt.date(2016, 10, 4),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert set(rows) >= {
        UploadRow("story.txt", "added", "Rebels retake town"),
        UploadRow("same-again.txt", "already in the corpus", "Rebels retake town"),
        UploadRow("bundle.zip!inner.txt", "added", "Inside"),
        UploadRow("rows.jsonl:1", "added", "Row"),
    }
    refused = {r.file: r.detail for r in rows if r.status == "refused"}
    assert refused.keys() == {"empty.txt", "bundle.zip!inner.docx", "rows.jsonl:2"}
    assert calls[-1] == (3, 4)  # 3 new of the 4 articles read (one is a duplicate)
    dates = set(store.articles()["date"].dt.date)
    assert dates == {dt.date(2016, 10, 4)}


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_files").set_value([(name, data, "text/plain")])
    at.run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _session(page: str = "overview.py") -> AppTest:
    return open_page(None if page == "overview.py" else page)


def _article_count(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Articles"]


def test_upload_page_ingests_and_reports(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "local.duckdb"))
    monkeypatch.chdir(REPO)
    at = _upload(_session("upload.py"), "story.txt", STORY)
    report = at.dataframe[0].value
    # Undated, and nothing dates it by default: stored undated, with a warning that counts.
    assert list(report["status"]) == ["added", "warning"] and list(report["file"]) == ["story.txt", "story.txt"]
    assert "1 added" in at.success[0].value and "1 warning(s)" in at.success[0].value
    assert [d.key for d in at.date_input] == ["dates"]  # the sidebar's filter: no date ticked for the visitor
    assert "Corpus: 2 article(s)" in " ".join(c.value for c in at.sidebar.caption)  # counted at once
    at.switch_page("../../pages/overview.py").run()
    assert _article_count(at) == "2"  # the seed plus the upload


def test_hosted_sessions_never_see_each_others_uploads(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_MODE", "hosted")
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "never-used.duckdb"))
    monkeypatch.chdir(REPO)
    alice, bob = _session("upload.py"), _session()
    _upload(alice, "secret.txt", b"Alice's scoop\nRebels said the convoy left at dawn.")
    alice.switch_page("../../pages/overview.py").run()
    bob.run()
    assert _article_count(alice) == "2"
    assert _article_count(bob) == "1"  # the shared seed corpus only
    assert not (tmp_path / "never-used.duckdb").exists()  # no shared database file
    carol = _session()
    assert _article_count(carol) == "1"


# --- hosted mode's limits on one upload --------------------------------------------------------


def test_files_over_the_per_file_or_session_allowance_are_refused_by_name():
    files = [("small.txt", b"x" * 10), ("big.txt", b"x" * 101), ("fits.txt", b"x" * 80), ("last.txt", b"x" * 20)]
    admitted, refused = admit_uploads(files, UploadLimits(file_bytes=100, session_bytes_left=100))
    assert [name for name, _ in admitted] == ["small.txt", "fits.txt"]
    assert [(r.file, r.status) for r in refused] == [("big.txt", "refused"), ("last.txt", "refused")]
    assert "per file" in refused[0].detail and "this session may still upload" in refused[1].detail
    assert admit_uploads(files, UploadLimits()) == (files, [])


def _stories(n: int) -> bytes:
    lines = [
        json.dumps({"title": f"Story {i}", "text": f"Rebels shelled village number {i} on Monday."}) for i in range(n)
    ]
    return "\n".join(lines).encode()


def test_new_articles_past_the_session_allowance_are_refused(tmp_path, blank_extractor, store):
    saved = save_uploads([("first.jsonl", _stories(2))], tmp_path)
    ingest_uploads(saved, store, blank_extractor)
    saved = save_uploads([("more.jsonl", _stories(5))], tmp_path)
    rows = ingest_uploads(saved, store, blank_extractor, limits=UploadLimits(articles_left=2))
    status = {r.file: r.status for r in rows if r.status != "warning"}
    # The two stored before cost nothing; two new ones fit; the fifth is one too many.
    assert status == {
        "more.jsonl:1": "already in the corpus",
        "more.jsonl:2": "already in the corpus",
        "more.jsonl:3": "added",
        "more.jsonl:4": "added",
        "more.jsonl:5": "refused",
    }
    assert "limit of new articles" in next(r.detail for r in rows if r.status == "refused")
    assert store.article_count() == 4


def test_an_article_over_the_length_limit_is_refused_and_the_others_go_in(tmp_path, blank_extractor, store):
    stories = [("Short", "Rebels shelled Idlib."), ("Long", "word " * 300)]  # 1,499 characters once stripped
    rows = "\n".join(json.dumps({"title": t, "text": x}) for t, x in stories)
    saved = save_uploads([("two.jsonl", rows.encode())], tmp_path)
    got = {
        r.file: (r.status, r.detail)
        for r in ingest_uploads(saved, store, blank_extractor, limits=UploadLimits(article_chars=1_000))
        if r.status != "warning"  # the undated warning row
    }
    assert got["two.jsonl:1"] == ("added", "Short")
    assert got["two.jsonl:2"] == (
        "refused",
        "not added: 1,499 characters, over this server's limit of 1,000 per article",
    )
    assert store.article_count() == 1


def test_extraction_stops_when_the_upload_time_runs_out(tmp_path, blank_extractor, store):
    saved = save_uploads([("many.jsonl", _stories(40))], tmp_path)
    slow = lambda done, total: time.sleep(0.1)  # noqa: E731  # each article "takes" 0.1 s
    rows = ingest_uploads(saved, store, blank_extractor, limits=UploadLimits(seconds=0.25), progress=slow)
    added = [r for r in rows if r.status == "added"]
    late = [r for r in rows if r.status == "refused"]
    # The article in hand when time ran out is stored whole; the others are reported, not lost silently.
    assert 1 <= len(added) == store.article_count() <= 5
    assert len(added) + len(late) == 40
    assert all("time limit (0.25 s) ran out" in r.detail for r in late)
    rows = ingest_uploads(saved, store, blank_extractor, limits=UploadLimits(seconds=0))
    assert store.article_count() == len(added)  # no time at all: nothing extracted, all 40 reported
    assert sum(r.status == "refused" for r in rows) == 40 - len(added)


def _hosted_with(tmp_path, monkeypatch, **limits: object) -> None:
    config = tmp_path / "wirelens.toml"
    config.write_text("[wirelens]\n" + "".join(f"{k} = {v}\n" for k, v in limits.items()))
    monkeypatch.setenv("WIRELENS_CONFIG", str(config))
    monkeypatch.setenv("WIRELENS_MODE", "hosted")
    monkeypatch.setenv("WIRELENS_SESSIONS_DIR", str(tmp_path / "sessions"))
    monkeypatch.chdir(REPO)


def test_the_upload_page_applies_the_session_limits_from_wirelens_toml(tmp_path, monkeypatch):
    _hosted_with(tmp_path, monkeypatch, articles_per_session=3, upload_mb_per_session=1)
    at = _session("upload.py")
    assert "3 new articles per session" in at.caption[0].value
    _upload(at, "rows.jsonl", _stories(2))
    _upload(at, "again.jsonl", _stories(5))  # 2 already there, 1 more fits, 2 refused
    report = at.dataframe[0].value
    assert list(report["status"]).count("refused") == 2
    assert "0 MB and 0 left" in at.caption[0].value or "and 0 left" in at.caption[0].value
    _upload(at, "huge.txt", b"Big\n" + b"word " * 250_000)  # 1.2 MB: over the session's 1 MB
    assert "this session may still upload" in at.dataframe[0].value["detail"][0]


def test_an_upload_cut_short_by_cancel_says_how_far_it_got(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "local.duckdb"))
    monkeypatch.chdir(REPO)
    at = _session("upload.py")
    # Cancel reruns the page while the upload's run is between two articles: the run never
    # reaches its end, so the progress it recorded is still there when the page draws again.
    at.session_state["upload_running"] = (3, 10)
    at.run()
    assert "Upload cancelled: 3 of 10 article(s) were added" in at.warning[0].value
    at.run()
    assert not at.warning  # said once
