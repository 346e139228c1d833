"""Uploading articles in the browser, and isolation between visitors in hosted mode."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard.uploads import UploadRow, ingest_uploads, save_uploads

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
