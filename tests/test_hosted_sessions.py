"""Hosted sessions: a private corpus per browser token, kept across reloads, deleted when idle."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard import state

REPO = Path(__file__).resolve().parents[1]
SCOOP = b"Alice's scoop\nRebels said the convoy left at dawn."


@pytest.fixture()
def hosted(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_MODE", "hosted")
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "never-used.duckdb"))
    monkeypatch.setenv("WIRELENS_SESSIONS_DIR", str(tmp_path / "sessions"))
    monkeypatch.chdir(REPO)
    browser: dict[str, str] = {}  # the cookie the next page load sends
    monkeypatch.setattr(state, "_browser_cookies", lambda: dict(browser))
    return browser


def _visit(browser: dict[str, str], token: str | None, page: str | None = None) -> AppTest:
    browser.clear()
    if token:
        browser[state.SESSION_COOKIE] = token
    return open_page(page)


def _articles(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Articles"]


def _upload(at: AppTest) -> None:
    at.file_uploader(key="upload_files").set_value([("secret.txt", SCOOP, "text/plain")])
    at.run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_reload_with_the_token_keeps_the_uploads_and_another_token_does_not(hosted, tmp_path):
    mine, theirs = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    _upload(_visit(hosted, mine, "upload.py"))
    assert _articles(_visit(hosted, mine)) == "2"  # a reload: a new Streamlit session, same browser
    assert _articles(_visit(hosted, theirs)) == "1"  # another browser: the seed only
    fresh = _visit(hosted, None)  # no cookie yet: a new token, set in the browser by a script
    assert _articles(fresh) == "1"
    assert not fresh.query_params  # never in the URL: a copied view link carries no corpus
    assert not (tmp_path / "never-used.duckdb").exists()
    folders = list((tmp_path / "sessions").iterdir())
    assert len(folders) == 3 and not any(mine in f.name or theirs in f.name for f in folders)


def test_a_forged_token_gets_a_new_session(hosted):
    at = _visit(hosted, "../../etc")
    assert _articles(at) == "1"
    assert state.SESSION_COOKIE not in at.query_params


def test_an_idle_session_is_deleted_from_disk(hosted, monkeypatch):
    monkeypatch.setenv("WIRELENS_SESSION_IDLE_MINUTES", "5")
    old = secrets.token_urlsafe(32)
    _upload(_visit(hosted, old, "upload.py"))
    folder = state.session_folder(old)
    assert (folder / "corpus.duckdb").is_file()
    past = time.time() - 6 * 60
    os.utime(folder / "last_seen", (past, past))
    _visit(hosted, secrets.token_urlsafe(32))  # any visit sweeps the expired sessions
    assert not folder.exists()
    back = _visit(hosted, old)  # the owner comes back: told, and on the seed again
    assert _articles(back) == "1"
    assert "idle for more than 5 minutes" in back.info[0].value


def test_idle_minutes_from_wirelens_toml(tmp_path, monkeypatch):
    config = tmp_path / "wirelens.toml"
    config.write_text("[wirelens]\nsession_idle_minutes = 15\n")
    monkeypatch.delenv("WIRELENS_SESSION_IDLE_MINUTES", raising=False)
    monkeypatch.setenv("WIRELENS_CONFIG", str(config))
    assert state.session_idle_minutes() == 15
    monkeypatch.setenv("WIRELENS_CONFIG", str(tmp_path / "none.toml"))
    assert state.session_idle_minutes() == 60
