"""The house rules, checked where a newcomer runs the tests: layering, no cycles, lint, packaging."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _lint_imports(root: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


def test_import_contracts_hold():
    """dashboard/cli > run | exports > store > extraction > geo; the core imports no UI; no cycles."""
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("extraction/records.py", "import wirelens.store\n", "Layers"),
        ("geo/distance.py", "import streamlit\n", "The core imports no UI"),
        ("store/__init__.py", "import wirelens.exports.formats\n", "Layers"),
    ],
)
def test_a_change_that_breaks_a_contract_fails_the_check(tmp_path, module, line, broken):
    """The contracts are not decoration: the same check on a copy with one forbidden import fails."""
    copy = tmp_path / "lib" / "wirelens"
    shutil.copytree(REPO / "lib" / "wirelens", copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    if not target.exists():
        pytest.skip(f"{module} is not in this tree")
    target.write_text(line + target.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "lib")}
    result = _lint_imports(tmp_path, env)
    assert result.returncode != 0
    assert f"{broken}" in result.stdout and "BROKEN" in result.stdout, result.stdout


def test_ruff_lint_is_clean():
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "--no-cache", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wheel_carries_the_seeds_and_the_data_files(tmp_path):
    """An installed wheel finds the seed corpus and every data file the code reads from its package."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path), str(REPO)], check=True, capture_output=True, timeout=300
    )
    (wheel,) = tmp_path.glob("wirelens-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = {p.name for p in (REPO / "seeds").iterdir() if p.is_file()}
    assert seeds and {f"wirelens/seeds/{name}" for name in seeds} <= names
    shipped = {
        p.relative_to(REPO / "lib").as_posix()
        for p in (REPO / "lib" / "wirelens").rglob("*")
        if p.is_file() and p.suffix in (".toml", ".csv", ".gz", ".parquet", ".json")
    }
    assert shipped and shipped <= names, shipped - names
