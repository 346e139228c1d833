"""Hosted sessions: a private corpus per browser token, kept across reloads, deleted when idle."""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard import sessions, state

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


def test_the_sweep_deletes_idle_folders_without_a_visit_and_the_leftovers_of_a_killed_process(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_SESSIONS_DIR", str(tmp_path / "sessions"))
    live, idle, killed = (sessions.session_folder(secrets.token_urlsafe(32)) for _ in range(3))
    for folder in (live, idle, killed):
        folder.mkdir(parents=True)
        (folder / sessions.CORPUS).write_bytes(b"corpus")
    (live / sessions.LAST_SEEN).touch()
    (idle / sessions.LAST_SEEN).touch()
    os.utime(idle / sessions.LAST_SEEN, (time.time() - 3600, time.time() - 3600))
    os.utime(killed, (time.time() - 3600, time.time() - 3600))  # copy cut short: no last_seen, its mtime counts
    closed = []
    gone = sessions.expire_sessions(30, on_delete=closed.append)
    assert sorted(gone) == sorted(closed) == sorted([idle, killed])
    assert live.is_dir() and not idle.exists() and not killed.exists()


def test_the_seed_template_is_built_once_at_a_fixed_path_and_leaks_no_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    builds = []
    key = sessions.template_key(REPO / "seeds", None, ())
    first = sessions.seed_template(key, builds.append)
    again = sessions.seed_template(key, builds.append)  # another process, or this one after a restart
    assert first == again and first.is_file() and len(builds) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["wirelens-seed"]  # no wirelens-seed-* per process
    assert [p.name for p in first.parent.iterdir()] == ["seed.duckdb"]  # the build folder is gone
    assert key != sessions.template_key(REPO / "seeds", "en_core_web_trf", ())


def test_an_old_template_and_a_killed_build_are_cleaned_when_a_new_one_is_built(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = sessions.seed_template("old-version", lambda store: None).parent
    day_ago = time.time() - sessions.STALE_TEMPLATE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    killed = tmp_path / "wirelens-seed" / "new-version" / "building-x"
    killed.mkdir(parents=True)
    os.utime(killed, (day_ago, day_ago))
    sessions.seed_template("new-version", lambda store: None)
    assert sorted(p.name for p in (tmp_path / "wirelens-seed").iterdir()) == ["new-version"]
    assert not killed.exists()


def _limits(tmp_path, monkeypatch, **values: object) -> None:
    config = tmp_path / "wirelens.toml"
    config.write_text("[wirelens]\n" + "".join(f"{k} = {v}\n" for k, v in values.items()))
    monkeypatch.setenv("WIRELENS_CONFIG", str(config))


def test_past_the_session_limit_a_newcomer_gets_a_busy_page_and_members_go_on(hosted, tmp_path, monkeypatch):
    _limits(tmp_path, monkeypatch, max_sessions=2)
    first, second = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    _visit(hosted, first)
    _visit(hosted, second)
    busy = _visit(hosted, secrets.token_urlsafe(32))
    assert busy.title[0].value == "wirelens is busy" and "2 visitors" in busy.warning[0].value
    assert not busy.metric and len(list((tmp_path / "sessions").iterdir())) == 2
    assert _articles(_visit(hosted, first)) == "1"  # a session already kept is never refused
    os.utime(state.session_folder(second) / "last_seen", (time.time() - 7200, time.time() - 7200))
    busy.button(key="_wirelens_busy_retry").click().run()  # a place is free again: the retry gets in
    assert not busy.exception and _articles(busy) == "1" and not busy.info


def test_the_sidebar_warns_before_the_uploads_are_deleted_and_offers_the_zip(hosted, tmp_path, monkeypatch):
    token = secrets.token_urlsafe(32)
    quiet = _visit(hosted, token)
    assert "kept until it is idle for 60 minutes" in quiet.sidebar.caption[-1].value
    _upload(_visit(hosted, token, "upload.py"))
    at = _visit(hosted, token)
    assert "The 1 article(s) you added are kept" in at.sidebar.caption[-1].value and not at.sidebar.warning
    assert at.sidebar.get("download_button")  # the corpus zip, offered while the uploads are there
    # What the sidebar's minute-by-minute redraw (which touches nothing) says as the end comes:
    assert sessions.keep_notice(1, 60, 40 * 60)[0] == "caption"
    level, text = sessions.keep_notice(1, 60, 55 * 60)
    assert level == "warning" and "will be deleted in about 5 minute(s)" in text
    assert sessions.keep_notice(1, 20, 11 * 60)[0] == "warning"  # short idle times: warned 10 minutes ahead


def test_idle_minutes_from_wirelens_toml(tmp_path, monkeypatch):
    config = tmp_path / "wirelens.toml"
    config.write_text("[wirelens]\nsession_idle_minutes = 15\n")
    monkeypatch.delenv("WIRELENS_SESSION_IDLE_MINUTES", raising=False)
    monkeypatch.setenv("WIRELENS_CONFIG", str(config))
    assert state.session_idle_minutes() == 15
    monkeypatch.setenv("WIRELENS_CONFIG", str(tmp_path / "none.toml"))
    assert state.session_idle_minutes() == 60
