"""Shared fixtures. Most tests need no model: ``blank_extractor`` runs the same core on a
tokenizer-only pipeline. Tests that need the real model use ``extractor`` (loaded once)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs
import pytest
import spacy
from hypothesis import HealthCheck, settings

from wirelens.config import Settings
from wirelens.extraction.articles import Article
from wirelens.extraction.lexicon import cached_lexicon
from wirelens.extraction.pipeline import Extractor, default_extractor
from wirelens.run.readers import read_paths
from wirelens.store.database import Store

# Property tests: a quick profile for local runs, at least 500 examples each in CI
# (CI sets CI=true). HYPOTHESIS_PROFILE picks one explicitly.
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


# The built gazetteer is derived data: every test (and every process a test starts) shares one,
# built once, instead of rebuilding it in each private data dir below.
os.environ.setdefault("WIRELENS_CACHE", str(Path(platformdirs.user_cache_dir("wirelens")) / "test-gazetteer"))


@pytest.fixture(autouse=True)
def _private_user_data_dir(tmp_path_factory, monkeypatch):
    """No test may touch the real user's store: the default data dir points into tmp."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


@pytest.fixture(autouse=True)
def _restore_main_module():
    """AppTest runs app.py as ``__main__`` and leaves it there; processes spawned by later tests
    (Dask nannies, worker pools) would re-run it. Put the real ``__main__`` back after each test."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def lexicon():
    return cached_lexicon()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real model (en_core_web_sm), loaded once for the whole run."""
    return default_extractor()


@pytest.fixture(scope="session")
def blank_extractor(lexicon) -> Extractor:
    """The extraction core on a blank English pipeline: lexicon matches only, no NER or parse."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # our own blank pipeline, never the shared cached model
    return Extractor(nlp, lexicon, Settings(chunk_chars=5_000))


@pytest.fixture(scope="session")
def seed_article() -> Article:
    items = list(read_paths([SEEDS]))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


@pytest.fixture()
def store(tmp_path) -> Store:
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e/ (a real browser, a fresh install) is slow."""
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.slow)
