"""Hosted sessions on disk: one folder per browser token, the shared seed template, usage, expiry.

No Streamlit here (state.py draws; this keeps the files), so every rule is testable alone.
A session folder holds ``corpus.duckdb`` (a copy of the seed template), ``last_seen`` (touched on
each page run: its mtime is the session's last activity) and ``usage.json`` (what its uploads
have cost, checked against the limits in :class:`~wirelens.config.Settings`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from wirelens.extraction.provenance import extraction_fingerprint
from wirelens.store.database import Store

CORPUS = "corpus.duckdb"
LAST_SEEN = "last_seen"
USAGE = "usage.json"
# A seed template of another key (another code version, model or seed set) untouched this long is
# deleted when a new one is built: the versions a machine runs side by side keep theirs.
STALE_TEMPLATE_SECONDS = 24 * 3600


class SessionsFull(RuntimeError):
    """As many sessions are kept as the settings allow: a newcomer must come back later."""


@dataclass
class Usage:
    """What a session's uploads have cost so far."""

    upload_bytes: int = 0
    articles: int = 0  # articles its uploads added


def sessions_dir() -> Path:
    """Where hosted sessions' corpora live: one folder per session token (``WIRELENS_SESSIONS_DIR``)."""
    return Path(os.environ.get("WIRELENS_SESSIONS_DIR") or Path(tempfile.gettempdir()) / "wirelens-sessions")


def session_folder(token: str) -> Path:
    """A token's folder: named by a hash of it, so the folder names give no token away."""
    return sessions_dir() / hashlib.sha256(token.encode()).hexdigest()[:32]


def last_activity(folder: Path) -> float | None:
    """When the session was last used (epoch seconds), or None if it is gone."""
    try:
        seen = folder / LAST_SEEN
        return (seen if seen.exists() else folder).stat().st_mtime
    except OSError:
        return None


def live_sessions() -> list[Path]:
    root = sessions_dir()
    return [f for f in root.iterdir() if f.is_dir()] if root.is_dir() else []


def expire_sessions(
    idle_minutes: float, *, now: float | None = None, on_delete: Callable[[Path], None] | None = None
) -> list[Path]:
    """Delete the folders of sessions idle longer than ``idle_minutes``; returns them.

    ``on_delete`` runs first for each (the dashboard closes the session's open store there).
    A folder left by a process killed mid-copy, with no ``last_seen``, ages by its own mtime.
    """
    now = time.time() if now is None else now
    gone = []
    for folder in live_sessions():
        last = last_activity(folder)
        if last is None or now - last <= 60 * idle_minutes:
            continue
        if on_delete is not None:
            on_delete(folder)
        shutil.rmtree(folder, ignore_errors=True)
        gone.append(folder)
    return gone


def keep_notice(added: int, idle_minutes: float, idle_seconds: float) -> tuple[str, str]:
    """What the sidebar says of the session's future: ("caption" | "warning", text).

    The warning comes in the last quarter of the idle time (at least its last 10 minutes), while
    an open tab's redraw can still show it; before anything is lost the visitor can download it.
    """
    if not added:
        return (
            "caption",
            f"Your uploads stay private to this browser and are kept until it is idle for {idle_minutes:g} minutes.",
        )
    left = max(0.0, idle_minutes - idle_seconds / 60)
    if left <= max(10.0, idle_minutes / 4):
        return "warning", (
            f"The {added} article(s) you added will be deleted in about {left:.0f} minute(s) unless you use "
            "the page: download the corpus to keep them."
        )
    return (
        "caption",
        f"The {added} article(s) you added are kept until this browser is idle for {idle_minutes:g} minutes.",
    )


def read_usage(folder: Path) -> Usage:
    try:
        data = json.loads((folder / USAGE).read_text(encoding="utf-8"))
        return Usage(int(data.get("upload_bytes", 0)), int(data.get("articles", 0)))
    except (OSError, ValueError, AttributeError):
        return Usage()


def add_usage(folder: Path, upload_bytes: int, articles: int) -> Usage:
    """Count an upload against its session; written whole (rename), never half."""
    usage = read_usage(folder)
    usage.upload_bytes += upload_bytes
    usage.articles += articles
    partial = folder / (USAGE + ".partial")
    partial.write_text(json.dumps(asdict(usage)), encoding="utf-8")
    partial.replace(folder / USAGE)
    return usage


def create_session(folder: Path, template: Path, max_sessions: int) -> Path:
    """A new session's folder with its copy of the seed corpus; :class:`SessionsFull` past the limit."""
    if len(live_sessions()) >= max_sessions:
        raise SessionsFull(f"{max_sessions} sessions are open")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / CORPUS
    partial = folder / (CORPUS + ".partial")
    shutil.copyfile(template, partial)
    partial.replace(path)  # a copy cut short by a kill is never taken for a corpus
    (folder / LAST_SEEN).touch()
    return path


# --- the seed template: built once per code version, shared by every process ----------------------

_template_lock = threading.Lock()


def template_key(seeds_dir: Path, model: str | None, lexicons: Iterable[str]) -> str:
    """What decides the seed template's content: the seed files, the extraction code, model and lexicons."""
    digest = hashlib.sha256(f"{extraction_fingerprint()}\0{model}\0".encode())
    for lexicon in lexicons:
        digest.update(lexicon.encode() + b"\0")
        if Path(lexicon).is_file():
            digest.update(Path(lexicon).read_bytes())
    files = sorted(p for p in seeds_dir.rglob("*") if p.is_file()) if seeds_dir.is_dir() else []
    for path in files:
        digest.update(path.relative_to(seeds_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def templates_dir() -> Path:
    return Path(tempfile.gettempdir()) / "wirelens-seed"


def seed_template(key: str, build: Callable[[Store], object]) -> Path:
    """The seed corpus for ``key``, built by ``build`` only if no process built it before.

    The file lives at a fixed path named by the key (not a fresh temp folder per process: every
    process, even one stopped by SIGTERM or SIGKILL, used to leave a ``wirelens-seed-*`` folder
    behind). It is built under a private name and renamed into place, so a reader never copies a
    half-built template, and two processes building at once both end with a whole one.
    """
    folder = templates_dir() / key
    path = folder / "seed.duckdb"
    with _template_lock:
        if path.is_file():
            return path
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("building-*"):  # left by a process killed while building
            if time.time() - stale.stat().st_mtime > 3600:
                shutil.rmtree(stale, ignore_errors=True)
        building = Path(tempfile.mkdtemp(prefix="building-", dir=folder))
        try:
            with Store(building / "seed.duckdb") as store:
                build(store)
            (building / "seed.duckdb").replace(path)
        finally:
            shutil.rmtree(building, ignore_errors=True)
        _prune_templates(keep=key)
    return path


def _prune_templates(keep: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    for folder in templates_dir().iterdir():
        try:
            stale = folder.name != keep and now - folder.stat().st_mtime > STALE_TEMPLATE_SECONDS
        except OSError:
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
