"""Reading articles: the seed, ids, each input format, bad input and dates. No model needed."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from wirelens.extraction.articles import Article, InputProblem, article_id, make_article, parse_date
from wirelens.run.readers import read_paths

GOOD_TEXT = "A good headline\n\nA good body that is read whatever else is in the batch."

HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>Syria army advances in Aleppo | Example News</title>
<meta property="article:published_time" content="2016-10-04">
<script>var tracker = "SECRET_TRACKER_TOKEN";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Subscribe now</li></ul></nav>
<article>
<h1>Syria army advances in Aleppo</h1>
<p>Syrian regime forces advanced against rebels during intense street battles in the heart
of Aleppo on Tuesday, after the United States abandoned talks with Russia.</p>
<p>US Secretary of State John Kerry insisted the decision to halt talks did not mean
Washington was abandoning the pursuit of peace in the region.</p>
<p>The UN rights chief called for action to halt the ghastly avalanche of violence
unfolding in the second city of the country.</p>
</article>
<footer>Copyright 2016 Example News</footer>
</body></html>
"""


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding, newline="")
    return path


def read(*paths, **kwargs) -> list[Article | InputProblem]:
    return list(read_paths(paths, **kwargs))


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


def jsonl(*records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def csv_text(header, *rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


# --- the seed article --------------------------------------------------------------------


def test_seed_metadata(seed_article):
    assert seed_article.title == "Syria army advances in Aleppo after US drops Russia talks"
    assert seed_article.date == dt.date(2016, 10, 4)
    assert seed_article.source == "AFP"
    assert seed_article.url is None
    assert seed_article.path.endswith("000_b2a18b2bed862a32.txt")


def test_seed_text_is_clean(seed_article):
    text = seed_article.text
    assert text.startswith("Syrian regime forces advanced")
    assert "\\" not in text
    assert "[do_widget_area" not in text
    assert not text.rstrip().endswith("Comments are closed.")
    assert "(AFP Photo" not in text
    assert "Washington’s" in text
    assert "Zeid Ra’ad Al Hussein" in text
    assert text.endswith('small kids, old people."')


def test_seed_id_is_hash_of_its_text(seed_article):
    assert seed_article.id == article_id(seed_article.text)


# --- ids ---------------------------------------------------------------------------------


def test_article_id_is_stable():
    assert article_id("Body text.") == "4319bbb0a28e6761"
    assert article_id("Body text.") == article_id("Body text.")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Washington’s decision.", "Washington\\’s decision.", True),
        ("Body.", "Body.\n\nComments are closed.", True),
        ("Body.", "\ufeffBody.\u200b\n[do_widget_area inner_adsbar]", True),
        ("Body.", "Body!", False),
        ("Body.", "body.", False),
        ("Body one.\n\nBody two.", "Body one.\nBody two.", False),
    ],
)
def test_id_is_hash_of_cleaned_text(a, b, same):
    ida = make_article(a, title="T").id
    idb = make_article(b, title="T").id
    assert (ida == idb) is same


def test_same_text_from_txt_and_jsonl_has_same_id(tmp_path):
    body = "Syrian regime forces advanced.\n\nKerry said Washington\\’s decision stands."
    txt = write(tmp_path / "story.txt", "Syria army advances\n\n" + body)
    with_title = write(tmp_path / "a.jsonl", jsonl({"title": "Another title", "text": body}))
    headline_in_text = write(tmp_path / "b.jsonl", jsonl({"text": "Syria army advances\n\n" + body}))
    items = read(txt, with_title, headline_in_text)
    assert not problems(items)
    assert len({a.id for a in articles(items)}) == 1
    assert len(articles(items)) == 3


def test_different_text_different_id(tmp_path):
    path = write(tmp_path / "a.jsonl", jsonl({"title": "T", "text": "Body one."}, {"title": "T", "text": "Body two."}))
    first, second = read(path)
    assert first.id != second.id


# --- .txt --------------------------------------------------------------------------------


def test_txt_first_non_empty_line_is_the_headline(tmp_path):
    path = write(tmp_path / "story.txt", "\n\n  Syria army advances  \n\nFirst paragraph.\n\nSecond paragraph.\n")
    [article] = read(path)
    assert article.title == "Syria army advances"
    assert article.text == "First paragraph.\n\nSecond paragraph."
    assert (article.date, article.source, article.url) == (None, None, None)
    assert article.path == str(path)


def test_txt_sidecar_overrides_headline(tmp_path):
    path = write(tmp_path / "story.txt", "Headline in the file\n\nThe body.")
    write(
        tmp_path / "story.meta.json",
        json.dumps({"title": "Title from sidecar", "date": "2016-10-04", "source": "AFP", "url": "https://x.test/a"}),
    )
    [article] = read(path)
    assert article.title == "Title from sidecar"
    assert article.text == "The body."  # the file's own headline is still removed
    assert article.date == dt.date(2016, 10, 4)
    assert article.source == "AFP"
    assert article.url == "https://x.test/a"


def test_txt_sidecar_without_title_keeps_headline(tmp_path):
    path = write(tmp_path / "story.txt", "Headline in the file\n\nThe body.")
    write(tmp_path / "story.meta.json", json.dumps({"date": "2016-10-04"}))
    [article] = read(path)
    assert article.title == "Headline in the file"
    assert article.date == dt.date(2016, 10, 4)


def test_txt_sidecar_not_json_is_a_non_skipping_problem(tmp_path):
    path = write(tmp_path / "story.txt", "Headline\n\nThe body.")
    write(tmp_path / "story.meta.json", "{not json")
    problem, article = read(path)
    assert isinstance(problem, InputProblem) and problem.skipped is False
    assert str(problem).startswith(str(path))
    assert "metadata file is not valid JSON" in str(problem)
    assert isinstance(article, Article) and article.title == "Headline"


def test_txt_sidecar_that_is_not_an_object(tmp_path):
    path = write(tmp_path / "story.txt", "Headline\n\nThe body.")
    write(tmp_path / "story.meta.json", "[1, 2]")
    good = write(tmp_path / "zz_good.txt", GOOD_TEXT)
    items = read(path, good)
    assert any(isinstance(i, InputProblem) and i.path == str(path) for i in items)
    assert [a.path for a in articles(items)][-1] == str(good)


# --- .html -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html(tmp_path, suffix):
    path = write(tmp_path / f"page{suffix}", HTML_PAGE)
    [article] = read(path)
    assert article.title == "Syria army advances in Aleppo"
    assert article.date == dt.date(2016, 10, 4)
    assert "Syrian regime forces advanced against rebels" in article.text
    assert "abandoning the pursuit of peace" in article.text
    assert "ghastly avalanche of violence" in article.text
    for boilerplate in ("SECRET_TRACKER_TOKEN", "var tracker", "Subscribe now", "Copyright 2016", "<p>"):
        assert boilerplate not in article.text
    assert article.path == str(path)


def test_html_without_article_text(tmp_path):
    page = "<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>"
    path = write(tmp_path / "empty.html", page)
    [problem] = read(path)
    assert isinstance(problem, InputProblem)
    assert str(problem) == f"{path}: no article text found in the HTML"


# --- .jsonl ------------------------------------------------------------------------------


def test_jsonl_fields(tmp_path):
    path = write(
        tmp_path / "a.jsonl",
        jsonl(
            {"title": "T1", "text": "Body one.", "date": "2016-10-04", "source": "AFP", "url": "https://x.test/1"},
            {"title": "T2", "body": "Body two, from body.", "date": "Oct 5, 2016"},
            {"headline": "T3", "content": "Body three, from content."},
        )
        + "\n   \n",  # blank lines are skipped, not problems
    )
    items = read(path)
    assert not problems(items)
    one, two, three = items
    assert (one.title, one.text, one.date, one.source, one.url) == (
        "T1",
        "Body one.",
        dt.date(2016, 10, 4),
        "AFP",
        "https://x.test/1",
    )
    assert (two.title, two.text, two.date, two.source) == ("T2", "Body two, from body.", dt.date(2016, 10, 5), None)
    assert (three.title, three.text) == ("T3", "Body three, from content.")
    assert [a.path for a in items] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_jsonl_without_title_uses_first_line(tmp_path):
    path = write(tmp_path / "a.jsonl", jsonl({"text": "The headline\n\nThe body.", "title": "  "}))
    [article] = read(path)
    assert (article.title, article.text) == ("The headline", "The body.")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('["a list", "not an object"]', "expected a JSON object per line"),
        ('"a string"', "expected a JSON object per line"),
        ('{"title": "T"}', "no text"),
        ('{"title": "T", "text": "   "}', "no text"),
        ('{"title": "T", "text": 42}', "no text"),
    ],
)
def test_jsonl_bad_line_names_line_and_keeps_the_rest(tmp_path, line, problem):
    first, third = jsonl({"title": "T1", "text": "Body one."}), jsonl({"title": "T3", "text": "Body three."})
    path = write(tmp_path / "a.jsonl", first + line + "\n" + third)
    items = read(path)
    [found] = problems(items)
    assert found.path == f"{path}:2"
    assert str(found).startswith(f"{path}:2: {problem}")
    assert found.skipped
    assert [a.title for a in articles(items)] == ["T1", "T3"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_jsonl_text_with_unicode_line_separator(tmp_path, separator):
    path = write(tmp_path / "a.jsonl", jsonl({"title": "T", "text": f"First part{separator}second part."}))
    items = read(path)
    assert not problems(items)
    assert len(items) == 1
    article = items[0]
    assert article.text.startswith("First part") and article.text.endswith("second part.")


# --- .csv --------------------------------------------------------------------------------


def test_csv_columns_and_quoted_multiline_text(tmp_path):
    path = write(
        tmp_path / "a.csv",
        csv_text(
            ["Title", " TEXT ", "date", "source", "url"],
            [
                "T1",
                'Line one, with a comma.\nLine two, "quoted".\n\nLine four.',
                "2016-10-04",
                "AFP",
                "https://x.test/1",
            ],
            ["T2", "Body two.", "", "", ""],
        ),
    )
    items = read(path)
    assert not problems(items)
    one, two = items
    assert one.title == "T1"
    assert one.text == 'Line one, with a comma.\nLine two, "quoted".\n\nLine four.'
    assert (one.date, one.source, one.url) == (dt.date(2016, 10, 4), "AFP", "https://x.test/1")
    assert (two.title, two.text, two.date, two.source, two.url) == ("T2", "Body two.", None, None, None)


def test_csv_body_column(tmp_path):
    path = write(tmp_path / "a.csv", csv_text(["headline", "body"], ["T", "From body."]))
    [article] = read(path)
    assert (article.title, article.text) == ("T", "From body.")


@pytest.mark.parametrize(
    ("header", "found"),
    [
        (["title", "date"], "found: date, title"),
        (["title", "summary"], "found: summary, title"),
    ],
)
def test_csv_without_text_column(tmp_path, header, found):
    path = write(tmp_path / "a.csv", csv_text(header, ["T", "x"]))
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    problem, article = read(path, good)
    assert isinstance(problem, InputProblem)
    assert str(problem) == f"{path}: no text column ({found}; need 'text')"
    assert isinstance(article, Article)


def test_csv_row_with_empty_text_names_the_row(tmp_path):
    path = write(
        tmp_path / "a.csv",
        csv_text(["title", "text"], ["T1", "Spans\nthree\nlines."], ["T2", ""], ["T3", "Body three."]),
    )
    items = read(path)
    [problem] = problems(items)
    assert str(problem) == f"{path}:5: no text"  # header line 1, first row lines 2-4
    assert [a.title for a in articles(items)] == ["T1", "T3"]
    assert [a.path for a in articles(items)] == [f"{path}:4", f"{path}:6"]


def test_csv_text_with_unicode_line_separator(tmp_path):
    rows = csv_text(["title", "text", "date"], ["T", "First part\u2028second part.", "2016-10-04"])
    path = write(tmp_path / "a.csv", rows)
    items = read(path)
    assert not problems(items)
    assert len(items) == 1
    assert items[0].date == dt.date(2016, 10, 4)


# --- folders -----------------------------------------------------------------------------


def test_folder_is_recursive_sorted_and_skips_sidecars_and_hidden_files(tmp_path):
    write(tmp_path / "b.txt", "B\n\nBody b.")
    write(tmp_path / "b.meta.json", json.dumps({"title": "B from sidecar"}))
    write(tmp_path / "a.txt", "A\n\nBody a.")
    write(tmp_path / "sub" / "c.jsonl", jsonl({"title": "C", "text": "Body c."}))
    write(tmp_path / "sub" / "deeper" / "d.csv", csv_text(["title", "text"], ["D", "Body d."]))
    write(tmp_path / "orphan.meta.json", json.dumps({"title": "no txt for me"}))
    write(tmp_path / ".hidden.txt", "Hidden\n\nNever read.")
    write(tmp_path / "sub" / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    items = read(tmp_path)
    assert not problems(items)
    assert [a.title for a in items] == ["A", "B from sidecar", "C", "D"]
    assert [a.path for a in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        f"{tmp_path / 'sub' / 'c.jsonl'}:1",
        f"{tmp_path / 'sub' / 'deeper' / 'd.csv'}:2",
    ]


def test_folder_reports_unsupported_files_and_reads_the_rest(tmp_path):
    write(tmp_path / "a.txt", GOOD_TEXT)
    write(tmp_path / "notes.docx", b"PK\x03\x04")
    items = read(tmp_path)
    assert len(articles(items)) == 1
    [problem] = problems(items)
    assert str(problem).startswith(f"{tmp_path / 'notes.docx'}: unsupported file type .docx")


def test_folder_skips_files_in_hidden_folders(tmp_path):
    write(tmp_path / "a.txt", GOOD_TEXT)
    write(tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt", GOOD_TEXT)
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    items = read(tmp_path)
    assert [i.path for i in items] == [str(tmp_path / "a.txt")]


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n  ", "empty file"),
        ("blank.jsonl", b"\n\n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
        ("controls.txt", bytes(range(1, 9)) * 20, "binary file, not text"),
        ("latin1.txt", "Headline\n\nUn café à Alep.".encode("latin-1"), "not valid utf-8 (byte 0xe9 at position 16)"),
        ("headline_only.txt", b"Just a headline\n", "no article text after cleaning"),
        (
            "only_furniture.txt",
            b"Head\n[do_widget_area inner_adsbar]\nComments are closed.",
            "no article text after cleaning",
        ),
        ("notes.docx", b"PK\x03\x04", "unsupported file type .docx"),
        ("README", b"hello", "unsupported file type (none)"),
    ],
)
def test_bad_file_is_reported_and_batch_continues(tmp_path, name, content, problem):
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    items = read(bad, good)
    assert len(items) == 2
    found, article = items
    assert isinstance(found, InputProblem) and found.skipped
    assert found.path == str(bad)
    assert str(found).startswith(f"{bad}: {problem}")
    assert isinstance(article, Article) and article.path == str(good)


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    found, article = read(missing, good)
    assert str(found) == f"{missing}: no such file or folder"
    assert isinstance(article, Article)


def test_latin1_file_reads_with_latin1_encoding(tmp_path):
    path = write(tmp_path / "latin1.txt", "Headline\n\nUn café à Alep.".encode("latin-1"))
    [article] = read(path, encoding="latin-1")
    assert article.text == "Un café à Alep."


def test_unknown_encoding_is_a_problem(tmp_path):
    path = write(tmp_path / "a.txt", GOOD_TEXT)
    [problem] = read(path, encoding="no-such-codec")
    assert str(problem) == f"{path}: unknown encoding 'no-such-codec'"


@pytest.mark.parametrize(
    "data",
    [
        "Headline\n\nUn café à Alep, “quoted”.".encode("utf-16"),
        codecs.BOM_UTF16_LE + "Headline\n\nUn café à Alep, “quoted”.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Headline\n\nUn café à Alep, “quoted”.".encode("utf-16-be"),
        codecs.BOM_UTF8 + "Headline\n\nUn café à Alep, “quoted”.".encode(),
        "Headline\n\nUn café à Alep, “quoted”.".encode("utf-32"),
    ],
)
def test_bom_files_are_decoded(tmp_path, data):
    path = write(tmp_path / "bom.txt", data)
    [article] = read(path)
    assert (article.title, article.text) == ("Headline", "Un café à Alep, “quoted”.")


def test_utf16_jsonl_with_bom(tmp_path):
    path = write(tmp_path / "a.jsonl", jsonl({"title": "T", "text": "Un café."}).encode("utf-16"))
    [article] = read(path)
    assert article.text == "Un café."


# --- dates -------------------------------------------------------------------------------


def test_unparseable_date_is_a_non_skipping_problem(tmp_path):
    path = write(tmp_path / "a.jsonl", jsonl({"title": "T", "text": "Body.", "date": "not a date"}))
    problem, article = read(path)
    assert isinstance(problem, InputProblem)
    assert problem.skipped is False
    assert str(problem) == f"{path}:1: date 'not a date' is not a date; read as undated"
    assert isinstance(article, Article)
    assert article.date is None and article.text == "Body."


def test_default_date_only_for_articles_without_a_date(tmp_path):
    default = dt.date(2020, 1, 1)
    path = write(
        tmp_path / "a.jsonl",
        jsonl({"title": "dated", "text": "Body one.", "date": "2016-10-04"}, {"title": "undated", "text": "Body two."}),
    )
    txt = write(tmp_path / "b.txt", "Undated txt\n\nBody three.")
    items = read(path, txt, default_date=default)
    assert {a.title: a.date for a in items} == {
        "dated": dt.date(2016, 10, 4),
        "undated": default,
        "Undated txt": default,
    }
    assert [a.date for a in read(path, txt)] == [dt.date(2016, 10, 4), None, None]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-10-04", dt.date(2016, 10, 4)),
        ("  2016-10-04  ", dt.date(2016, 10, 4)),
        ("2016-10-04T12:30:00Z", dt.date(2016, 10, 4)),
        ("2016-10-04T23:30:00-05:00", dt.date(2016, 10, 4)),  # the date as written, not converted to UTC
        ("2016-10-04 12:30:00", dt.date(2016, 10, 4)),
        (dt.datetime(2016, 10, 4, 23, 59), dt.date(2016, 10, 4)),
        (dt.date(2016, 10, 4), dt.date(2016, 10, 4)),
        ("4 October 2016", dt.date(2016, 10, 4)),
        ("Oct 4, 2016", dt.date(2016, 10, 4)),
        ("Tue, 04 Oct 2016 12:30:00 GMT", dt.date(2016, 10, 4)),
        ("October 2016", dt.date(2016, 10, 1)),
        (None, None),
        ("", None),
        ("   ", None),
        (float("nan"), None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["not a date", "TBD", "unknown", "-"])
def test_parse_date_rejects_non_dates(value):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(value)


@pytest.mark.parametrize("value", ["n/a", "12", "2016", "Tuesday", "yesterday", "2 hours ago"])
def test_parse_date_does_not_invent_dates(value):
    with pytest.raises(ValueError):
        parse_date(value)
