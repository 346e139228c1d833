"""Model loading and chunked parsing (the blank pipeline stands in for the model)."""

from __future__ import annotations

import pytest

from wirelens.config import OFFICIAL_SM, PYPI_SM, load_settings
from wirelens.extraction.articles import make_article
from wirelens.extraction.nlp import chunk_bounds, load_model, resolve_model_name


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("", 10, [(0, 0)]),
        ("short", 10, [(0, 5)]),
        ("aaaa bbbb cccc", 10, [(0, 10), (10, 14)]),  # cut after the last space in the window
        ("aa.\n\nbbbbbbb", 8, [(0, 5), (5, 12)]),  # paragraph break preferred
        ("x" * 25, 10, [(0, 10), (10, 20), (20, 25)]),  # no break at all: hard cut
    ],
)
def test_chunk_bounds(text, size, expected):
    assert chunk_bounds(text, size) == expected


def test_chunks_cover_the_text_exactly():
    text = ("Rebels advanced. " * 50 + "\n") * 40
    bounds = chunk_bounds(text, 700)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(b - a <= 700 for a, b in bounds)


def test_chunk_size_must_be_positive():
    with pytest.raises(ValueError):
        chunk_bounds("abc", 0)


def test_long_article_is_processed_in_chunks_with_exact_offsets(blank_extractor):
    paragraph = "Syrian regime forces shelled the rebels near the city.\n"
    article = make_article(paragraph * 3000, title="Long")  # ~165k chars, chunk_chars=5000
    result = blank_extractor.extract_one(article)
    assert len(result.actors) == 2 * 3000
    assert all(article.text[e.start : e.end] == e.text for e in result.actors)
    assert result.actors[-1].start > len(article.text) - len(paragraph)


def test_model_name_setting_and_env(monkeypatch, tmp_path):
    assert resolve_model_name("en_core_web_trf") == "en_core_web_trf"
    assert resolve_model_name(None) in (OFFICIAL_SM, PYPI_SM)
    monkeypatch.setenv("WIRELENS_MODEL", "en_core_web_trf")
    assert load_settings().model == "en_core_web_trf"
    monkeypatch.delenv("WIRELENS_MODEL")
    config = tmp_path / "wirelens.toml"
    config.write_text('[wirelens]\nmodel = "en_core_web_md"\ndb = "~/x.duckdb"\n', encoding="utf-8")
    monkeypatch.setenv("WIRELENS_CONFIG", str(config))
    settings = load_settings()
    assert settings.model == "en_core_web_md" and settings.db_path.name == "x.duckdb"


def test_missing_model_gives_a_clear_error():
    with pytest.raises(RuntimeError, match="not installed"):
        load_model("en_core_web_nonexistent")


def test_model_is_loaded_once_and_left_untouched(extractor, seed_article):
    before = list(extractor.nlp.pipe_names)
    assert load_model(None) is extractor.nlp
    extractor.extract_one(seed_article)
    assert extractor.nlp.pipe_names == before
