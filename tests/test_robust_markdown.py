"""Issue 22: text from an article is never read as markdown, HTML or LaTeX, nor turned into a
link, an image, an emoji or an icon: the reader's title and source caption, the network panels."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from page_runner import open_page
from wirelens.dashboard.markdown import escape_markdown, highlight_markdown, markdown_link

REPO = Path(__file__).resolve().parents[1]
JOINER = "\u2060"
PAYLOAD = (
    "![x](http://attacker.example/p.png) [link](http://attacker.example) <img src=x onerror=alert(1)> "
    "$x^2$ :red[red] :material/home: :smile: **bold** # head http://bare.example/a www.bare.example "
    "mail@attacker.example"
)


def unescaped(markdown: str) -> str:
    """What a reader sees: the escapes resolved, the invisible joiners gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(JOINER, "")


def assert_inert(markdown: str) -> None:
    """No markdown, LaTeX, HTML, directive or autolink can start anywhere in ``markdown``."""
    assert not re.search(r"(?<!\\)[\[\]()!$*_`<>#~|]", markdown), markdown  # every special escaped
    assert not re.search(r"(?<!\\):(?!\u2060)", markdown)  # no colon that ":name[" or ":smile:" could use
    assert "://" not in markdown.replace("\\", "") and not re.search(r"(?i)www\\\.", markdown)
    assert not re.search(r"\w@", markdown)  # no bare e-mail address


@pytest.mark.parametrize(
    "text",
    [
        PAYLOAD,
        "javascript:alert(1)",
        "http://x.org/a) ![i](http://evil/p.png)",
        "WWW.Example.com and https://example.com/path?q=1",
    ],
)
def test_escape_markdown_leaves_nothing_to_interpret(text):
    markdown = escape_markdown(text)
    assert_inert(markdown)
    assert unescaped(markdown) == re.sub(r"\s+", " ", text)  # and every character is still shown


def test_urls_in_an_article_body_are_not_links():
    body = highlight_markdown("See http://bare.example/a or www.bare.example, mail@x.example.", [])
    assert "://" not in body.replace("\\", "") and "www\\." not in body and "l@" not in body


def test_the_original_link_cannot_be_broken_out_of():
    link = markdown_link("original", "http://x.org/a) ![i](http://evil/p.png)")
    assert link.startswith("[original](http://x.org/a") and link.count("(") == 1 and link.count(")") == 1
    assert " " not in link and "![" not in link
    assert markdown_link("original", "javascript:alert(1)") == escape_markdown("javascript:alert(1)")


@pytest.fixture()
def payload_corpus(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "payload.jsonl").write_text(
        json.dumps(
            {
                "title": PAYLOAD,
                "source": "$\\$evil$ :blue[src] [s](http://attacker.example)",
                "url": "http://x.org/a) ![i](http://attacker.example/p.png)",
                "date": "2016-10-04",
                "text": "Rebels said on Monday that http://attacker.example/x and www.attacker.example were theirs.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("WIRELENS_SEEDS", str(seeds))
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "payload.duckdb"))
    monkeypatch.chdir(REPO)


def test_reader_shows_a_payload_title_and_source_literally(payload_corpus):
    at = open_page("reader.py")
    [heading] = [h.value for h in at.subheader]
    assert_inert(heading)
    assert unescaped(heading) == PAYLOAD
    caption = at.caption[0].value
    source, _date, link = caption.split(" · ")
    assert_inert(source)
    assert unescaped(source) == "$\\$evil$ :blue[src] [s](http://attacker.example)"
    assert link == "[original](http://x.org/a%29%20!%5Bi%5D%28http://attacker.example/p.png%29)"
    body = at.markdown[-1].value
    assert "://" not in body.replace("\\", "") and "www\\." not in body


@pytest.mark.parametrize("selected", [f"node|{PAYLOAD}", f"edge|{PAYLOAD}|United States|statement"])
def test_network_panel_heading_shows_an_actor_name_literally(tmp_path, monkeypatch, selected):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "seed.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("network.py", net_selected=selected)
    [heading] = [h.value for h in at.subheader]
    assert_inert(heading.replace(" → ", " "))
    assert unescaped(heading).startswith(PAYLOAD)
