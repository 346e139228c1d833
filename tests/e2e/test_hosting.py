"""The deploy as Community Cloud runs it: installed from uv.lock alone, every page in Chromium.

A missing runtime dependency (scipy, pulled in only by the dev group, once broke the network
page) shows only in such an install, so CI runs the hosting check too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

if not any(map(shutil.which, ("chromium", "chromium-browser"))) and not os.environ.get("CI"):
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)


@pytest.mark.timeout(1200)
def test_a_fresh_install_serves_every_page_within_the_memory_allowance():
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("the hosting check exports the committed tree with git")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "hosting.py"), "--no-write"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1100,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "problems: none" in done.stdout, done.stdout
    assert "files written outside TMPDIR and the data dir: none" in done.stdout, done.stdout
    peak = float(re.search(r"peak resident memory: (\d+) MB", done.stdout).group(1))
    assert peak <= 700, done.stdout
    # SIGTERM leaves the shared seed template and the sessions (deleted when idle), nothing per process.
    left = re.search(r"left in TMPDIR after SIGTERM: (.*)", done.stdout).group(1)
    assert set(left.split(", ")) <= {"wirelens-seed", "wirelens-sessions", "nothing"}, left
