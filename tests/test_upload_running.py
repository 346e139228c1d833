"""An upload's run, however Streamlit stops it, always ends its RunningUpload (the second-upload hang).

Streamlit stops a page run at any st call once another run is asked for, session_state reads
included. The upload page registered its RunningUpload in session_state and then read session_state
again before the block that ends it: a run stopped at that read left a RunningUpload that never
ended, and every later run of the page waited 300 s for it (the browser test's second upload after a
Cancel never showed "1 added"). Here the stop is a BaseException raised where Streamlit would raise it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.dashboard.uploads import RunningUpload, running_upload

REPO = Path(__file__).resolve().parents[1]


class Stopped(BaseException):
    """Stands for Streamlit's StopException (a BaseException: no ``except Exception`` catches it)."""


def test_a_run_stopped_after_registering_its_upload_ends_it():
    registered: list[RunningUpload] = []
    with pytest.raises(Stopped):
        with running_upload(registered.append):
            raise Stopped  # the first st call after registering: where the old page stopped for good
    assert registered[0].ended.is_set()


def test_a_run_stopped_while_registering_ends_its_upload():
    made: list[RunningUpload] = []

    def register(running: RunningUpload) -> None:
        made.append(running)
        raise Stopped  # the session_state write itself is where Streamlit stopped the run

    with pytest.raises(Stopped):
        with running_upload(register):
            pytest.fail("the block runs only once the upload is registered")
    assert made[0].ended.is_set()


def test_a_finished_upload_ends_its_running_upload():
    with running_upload(lambda running: None) as running:
        assert not running.ended.is_set()
    assert running.ended.is_set()
