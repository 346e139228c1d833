"""Worker processes and memory zones give exactly what one process gives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wirelens.extraction.articles import make_article
from wirelens.run.parallel import batches, extract_all, extract_in_processes


def _articles(seed_article):
    other = make_article("Rebels shelled the city.\nKerry said the talks were over.", title="Short one")
    return [seed_article, other, replace(seed_article, id="copy")]


def test_batches_cover_the_input_in_order():
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []


@pytest.mark.slow  # starts worker processes that each load the model
def test_two_worker_processes_match_one_process(extractor, seed_article):
    articles = _articles(seed_article)
    single = list(extractor.extract(articles))
    multi = list(extract_in_processes(articles, extractor.settings, n_process=2, batch_size=1))
    assert [m.article.id for m in multi] == [a.id for a in articles]  # input order kept
    assert [m.entities for m in multi] == [s.entities for s in single]
    assert [m.sentences for m in multi] == [s.sentences for s in single]


def test_release_memory_path_matches(extractor, seed_article):
    articles = _articles(seed_article)
    plain = list(extract_all(articles, extractor))
    zoned = list(extract_all(articles, extractor, release_memory=True))
    assert [z.entities for z in zoned] == [p.entities for p in plain]


@pytest.mark.slow  # starts worker processes that each load the model
def test_workers_never_run_the_parents_main_script(extractor, seed_article, tmp_path, monkeypatch):
    """Under Streamlit, __main__ is app.py; a spawned worker must not execute it."""
    import sys
    import types

    fake_main = types.ModuleType("__main__")
    script = tmp_path / "app_like.py"
    script.write_text("raise SystemExit('the parent script ran in a worker')\n", encoding="utf-8")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    (result,) = extract_in_processes([seed_article], extractor.settings, n_process=1)
    assert result.entities == extractor.extract_one(seed_article).entities


def test_a_worker_parses_in_its_own_process(extractor):
    """With the parent's n_process a worker's nlp.pipe would fork more workers per batch."""
    from dataclasses import replace as with_

    from wirelens.run import parallel

    parallel._init_worker(with_(extractor.settings, n_process=2))
    assert parallel._worker_extractor.settings.n_process == 1
