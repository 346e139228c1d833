"""Issue 22, what a reader must survive: every failure is one file's or one line's, dates are
plausible, names cannot forge report lines, nothing in a folder or zip is dropped unreported."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tomllib
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import wirelens.run.readers as readers
from wirelens import cli
from wirelens.dashboard.uploads import ingest_uploads, save_uploads
from wirelens.extraction.articles import Article, InputProblem, make_article
from wirelens.run.ingest import ingest_articles
from wirelens.run.readers import printable, read_paths
from wirelens.store.database import Store

NESTED = "[" * 100_000  # json.loads raised RecursionError, and the CLI stored 0 of the batch
GOOD = "Rebels retake town\nRebels retook the town of Saraqeb on Monday, a monitor said.\n"


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def by_kind(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)]


# --- one bad line costs that line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (NESTED, "not valid JSON (nested too deeply)"),
        ('{"text": ' * 5_000 + '"x"' + "}" * 5_000, "not valid JSON (nested too deeply)"),
        ("{not json", "not valid JSON"),
        ('["a", "list"]', "expected a JSON object per line"),
        ("42", "expected a JSON object per line"),
        ('{"text": 1' + "0" * 5_000 + "}", "not valid JSON"),  # more digits than Python converts
    ],
)
def test_a_malformed_jsonl_line_is_reported_by_line_and_the_rest_is_read(tmp_path, line, problem):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl({"title": "One", "text": "Body one."}, line, {"title": "Three", "text": "Body three."}))
    articles, problems = by_kind(read_paths([path]))
    assert [a.title for a in articles] == ["One", "Three"]
    [found] = problems
    assert found.path == f"{path}:2" and found.skipped and found.problem.startswith(problem)


def test_a_title_of_nested_lists_is_not_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl({"title": [[[["x"]]]], "text": "Headline\nBody."}))
    [article] = read_paths([path])
    assert article.title == "Headline"


def test_a_bad_csv_row_costs_that_row(tmp_path, monkeypatch):
    path = tmp_path / "a.csv"
    long = b"Rebels shelled the town. " * 400  # past the first 8 KB, where binary files are told apart
    path.write_bytes(
        b'title,text\nOne,"' + long + b'"\nTwo,"Body \x00two."\nThree,"Body three."\n'
        b'Four,"Caf\xe9 four."\nFive,"Body five."\n'
    )
    articles, problems = by_kind(read_paths([path]))
    assert [a.title for a in articles] == ["One", "Two", "Three", "Five"]  # a NUL is text to Python 3.11's csv
    assert [(p.path, p.problem.split(" (")[0]) for p in problems] == [(f"{path}:5", "not valid utf-8")]


def test_cli_ingest_stores_the_whole_batch_around_a_poisoned_line(tmp_path, monkeypatch, blank_extractor, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(5):
        (folder / f"story{i}.txt").write_text(f"Story {i}\nRebels retook village number {i} on Monday.\n")
    (folder / "poison.jsonl").write_text(
        jsonl({"title": "Before", "text": "Line one."}, NESTED, {"title": "After", "text": "Line three."})
    )
    monkeypatch.setattr(cli.Extractor, "from_settings", classmethod(lambda cls, settings=None: blank_extractor))
    db = tmp_path / "corpus.duckdb"
    code = cli.main(["ingest", str(folder), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1  # one line refused, reported by name and number
    assert f"{folder / 'poison.jsonl'}:2: not valid JSON (nested too deeply)" in err
    assert "7 added" in err
    with Store(db, read_only=True) as store:
        assert store.article_count() == 7


def test_upload_of_a_poisoned_file_keeps_the_other_file(tmp_path, blank_extractor, store):
    saved = save_uploads([("poison.jsonl", (NESTED + "\n").encode()), ("story.txt", GOOD.encode())], tmp_path)
    rows = ingest_uploads(saved, store, blank_extractor)
    assert ("poison.jsonl:1", "refused") in {(r.file, r.status) for r in rows}
    assert ("story.txt", "added", "Rebels retake town") in rows


def test_anything_unforeseen_in_one_file_is_that_files_problem(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD.replace("Saraqeb", "Idlib"))

    def explode(where, *args, **kwargs):
        if where.endswith("a.txt"):
            raise RuntimeError("boom")
        yield make_article(args[0], path=where, headline_first=True)

    monkeypatch.setattr(readers, "_from_txt", explode)
    articles, problems = by_kind(read_paths([tmp_path]))
    assert [p.problem for p in problems] == ["could not be read (RuntimeError: boom)"]
    assert len(articles) == 1 and articles[0].path.endswith("b.txt")


# --- JSONL and CSV are read a line at a time -------------------------------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_jsonl_and_csv_are_streamed_not_read_whole(tmp_path, monkeypatch, suffix):
    path = tmp_path / f"big{suffix}"
    line = json.dumps({"title": "T", "text": "Rebels shelled the town on Monday, a monitor said. " * 3})
    with path.open("w") as fh:
        if suffix == ".csv":
            fh.write("title,text\n")
            line = 'T,"' + "Rebels shelled the town on Monday, a monitor said. " * 3 + '"'
        for _ in range(150_000):
            fh.write(line + "\n")
    assert path.stat().st_size > 20_000_000
    monkeypatch.setattr(readers, "make_article", lambda text, **kw: Article("x", "T", text, path=kw.get("path")))
    count = 0
    tracemalloc.start()
    try:
        for item in read_paths([path]):
            count += isinstance(item, Article)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 150_000
    assert peak < 5_000_000, f"peak {peak:,} bytes for a {path.stat().st_size:,}-byte file"


def test_utf16_jsonl_without_bom_is_still_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl({"title": "T", "text": "Un café."}, {"title": "U", "text": "Deux."}).encode("utf-16-le"))
    articles, problems = by_kind(read_paths([path]))
    assert [a.text for a in articles] == ["Un café.", "Deux."]
    assert [p.skipped for p in problems] == [False]  # "read as UTF-16-LE"


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1850-06-01"])
def test_an_implausible_date_is_a_warning_and_the_article_is_undated(tmp_path, date):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl({"title": "T", "text": "Body.", "date": date}))
    problem, article = read_paths([path])
    assert problem.skipped is False and "outside the plausible range 1900-01-01 to" in problem.problem
    assert article.date is None


def test_tomorrow_is_plausible_and_the_day_after_is_not(tmp_path):
    today = dt.date.today()
    path = tmp_path / "a.jsonl"
    path.write_text(
        jsonl(
            {"title": "A", "text": "One.", "date": str(today + dt.timedelta(days=1))},
            {"title": "B", "text": "Two.", "date": str(today + dt.timedelta(days=2))},
        )
    )
    articles, problems = by_kind(read_paths([path]))
    assert [a.date for a in articles] == [today + dt.timedelta(days=1), None] and len(problems) == 1


def test_the_plausible_range_comes_from_wirelens_toml(tmp_path, monkeypatch):
    config = tmp_path / "wirelens.toml"
    config.write_text('[wirelens]\nearliest_date = 2000-01-01\nlatest_date = "2020-12-31"\n')
    monkeypatch.setenv("WIRELENS_CONFIG", str(config))
    path = tmp_path / "a.jsonl"
    path.write_text(
        jsonl(
            {"title": "A", "text": "One.", "date": "1999-12-31"},
            {"title": "B", "text": "Two.", "date": "2016-10-04"},
            {"title": "C", "text": "Three.", "date": "2021-01-01"},
        )
    )
    articles, _ = by_kind(read_paths([path]))
    assert [a.date for a in articles] == [None, dt.date(2016, 10, 4), None]


def test_an_article_built_by_hand_with_year_one_is_stored_undated(blank_extractor, store):
    article = make_article("Headline\nRebels retook the town.", date=dt.date(1, 1, 1), path="mine")
    report = ingest_articles([article], store, blank_extractor)
    assert report.added == [article.id]
    assert [(p.path, p.skipped) for p in report.problems] == [("mine", False)]
    assert store.article(article.id).date is None


def test_an_implausible_default_date_is_refused_at_once(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    with pytest.raises(ValueError, match="plausible range"):
        list(read_paths([tmp_path], default_date=dt.date(1, 1, 1)))


# --- names cannot forge report lines --------------------------------------------------------------


def test_printable_escapes_every_control_character():
    assert printable("a\n999 added.txt") == "a\\n999 added.txt"
    assert printable("\x1b[2K\rok\u202e") == "\\x1b[2K\\rok\\u202e"
    assert printable("Aleppo – café.txt") == "Aleppo – café.txt"


def test_a_file_name_with_a_newline_cannot_forge_a_cli_line(tmp_path, monkeypatch, blank_extractor, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\n999 added, 0 already stored, 0 refused.txt").write_bytes(b"")
    (folder / "b\x1b[32m.txt").write_text(GOOD)
    monkeypatch.setattr(cli.Extractor, "from_settings", classmethod(lambda cls, settings=None: blank_extractor))
    cli.main(["ingest", str(folder), "--db", str(tmp_path / "c.duckdb")])
    lines = capsys.readouterr().err.splitlines()
    reports = [line for line in lines if "refused" in line or "empty file" in line]
    assert all(line.startswith("wirelens: ") or line.startswith("1 added") for line in reports), reports
    assert not any(line.startswith("999 added") for line in lines)
    assert "\x1b" not in "".join(lines).replace("\x1b[A", "")  # tqdm's own cursor moves aside


def test_an_upload_name_with_control_characters_is_escaped_in_its_row(tmp_path, blank_extractor, store):
    saved = save_uploads([("a\n999 added\x1b[31m.txt", GOOD.encode())], tmp_path)
    rows = ingest_uploads(saved, store, blank_extractor)
    assert rows[0].file == "a\\n999 added\\x1b[31m.txt" and rows[0].status == "added"


# --- nothing dropped unreported --------------------------------------------------------------------


def test_zip_members_leaving_the_archive_get_a_row(tmp_path):
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../evil.txt", GOOD)
        zf.writestr("/abs.txt", GOOD)
        zf.writestr("ok.txt", GOOD)
        zf.writestr(".DS_Store", b"x")  # hidden: still skipped silently
    articles, problems = by_kind(read_paths([archive]))
    assert len(articles) == 1 and articles[0].path.endswith("!ok.txt")
    assert sorted(p.path.split("!")[1] for p in problems) == ["../evil.txt", "/abs.txt"]
    assert all("leaves the archive" in p.problem and p.skipped for p in problems)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlinks_are_not_followed_out_of_the_folder_and_broken_ones_are_reported(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\nThe server's own file.\n")
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.txt").write_text(GOOD)
    os.symlink(outside / "secret.txt", folder / "to_outside.txt")
    os.symlink(outside, folder / "sub" / "linked_dir")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink(folder / "real.txt", folder / "sub" / "alias.txt")  # inside the folder: read
    articles, problems = by_kind(read_paths([folder]))
    assert "Secret" not in {a.title for a in articles}
    assert {Path(a.path).name for a in articles} == {"real.txt", "alias.txt"}
    found = {Path(p.path).name: p.problem for p in problems}
    assert found["to_outside.txt"] == "symbolic link to outside the folder; not followed"
    assert found["linked_dir"] == "symbolic link to outside the folder; not followed"
    assert found["dangling.txt"].startswith("broken symbolic link")


# --- .json and sidecars, in zips as on the CLI ------------------------------------------------------


def test_json_files_hold_one_article_or_an_array(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"title": "One", "text": "Body one.", "date": "2004-05-06"}))
    (tmp_path / "many.json").write_text(
        json.dumps([{"title": "A", "text": "Body a."}, "nope", {"title": "B", "text": "Body b."}])
    )
    (tmp_path / "lines.json").write_text(jsonl({"title": "L1", "text": "Line one."}, {"title": "L2", "text": "Two."}))
    (tmp_path / "deep.json").write_text(NESTED)
    articles, problems = by_kind(read_paths([tmp_path]))
    assert sorted(a.title for a in articles) == ["A", "B", "L1", "L2", "One"]
    assert {Path(p.path).name: p.problem for p in problems} == {
        "many.json[1]": "expected an article object",
        "deep.json": "not valid JSON (nested too deeply)",
    }


def test_a_sidecar_inside_a_zip_is_honoured(tmp_path):
    archive = tmp_path / "bbc.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2004/story.txt", "Old headline\nTroops entered the town.\n")
        zf.writestr(
            "2004/story.meta.json",
            json.dumps({"title": "BBC title", "date": "2004-05-06", "source": "BBC", "url": "http://bbc.co.uk/x"}),
        )
        zf.writestr("2004/bad.txt", "Headline\nBody.\n")
        zf.writestr("2004/bad.meta.json", "{not json")
    articles, problems = by_kind(read_paths([archive]))
    story = next(a for a in articles if a.path.endswith("story.txt"))
    assert (story.title, story.date, story.source) == ("BBC title", dt.date(2004, 5, 6), "BBC")
    assert [p.path.split("!")[1] for p in problems] == ["2004/bad.txt"] and not problems[0].skipped


def test_an_uploaded_sidecar_goes_with_its_text(tmp_path, blank_extractor, store):
    saved = save_uploads(
        [
            ("story.txt", GOOD.encode()),
            ("story.meta.json", json.dumps({"date": "2004-05-06"}).encode()),
            ("orphan.meta.json", b"{}"),
        ],
        tmp_path,
    )
    rows = ingest_uploads(saved, store, blank_extractor)
    assert ("story.txt", "added", "Rebels retake town") in rows
    assert {r.file: r.status for r in rows}["orphan.meta.json"] == "refused"
    assert set(store.articles()["date"].dt.date) == {dt.date(2004, 5, 6)}


def test_an_undated_upload_is_stored_undated_with_a_warning(tmp_path, blank_extractor, store):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("story.txt", GOOD)
    saved = save_uploads([("bundle.zip", buffer.getvalue())], tmp_path)
    rows = ingest_uploads(saved, store, blank_extractor)
    assert [r.status for r in rows] == ["added", "warning"]
    assert "no publication date" in rows[1].detail
    assert store.articles()["date"].isna().all()


# --- production settings ----------------------------------------------------------------------------


def test_streamlit_runs_with_production_settings():
    config = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())
    server = config["server"]
    assert server["fileWatcherType"] == "none"  # the watcher filled the log with "Inotify queue overflowed"
    assert server["runOnSave"] is False and server["headless"] is True
    assert 1 <= server["maxUploadSize"] <= 200
