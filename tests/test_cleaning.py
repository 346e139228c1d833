"""clean_text and split_headline: input -> expected tables, with negative cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.extraction.cleaning import clean_text, split_headline

SEED_RAW = (Path(__file__).resolve().parents[1] / "seeds" / "000_b2a18b2bed862a32.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Washington\\’s decision", "Washington’s decision"),
        ("Syria\\‘s war", "Syria‘s war"),
        ("it wasn\\'t", "it wasn't"),
        ('not \\"abandoning\\" peace', 'not "abandoning" peace'),
        ("he said \\“enough\\”", "he said “enough”"),
        ("the army \\(SAA\\)", "the army (SAA)"),
        ("pro\\-regime", "pro-regime"),
        # negative: a backslash before anything else is left alone
        ("C:\\Users\\afp", "C:\\Users\\afp"),
        ("a literal \\n", "a literal \\n"),
        ("up 50\\%", "up 50\\%"),
    ],
)
def test_escaped_punctuation(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Body one.\n[do_widget_area inner_adsbar]\nBody two.", "Body one.\n\nBody two."),
        ("Body.\n  [do_widget_area inner_adsbar]  ", "Body."),
        ('[caption id="attachment_1" align="alignnone"]\nBody.', "Body."),
        ("[/caption]\nBody.", "Body."),
        ("[ad]\nBody.", "Body."),
        # an escaped shortcode is unescaped first, then dropped
        ("Body.\n\\[do_widget_area inner_adsbar\\]", "Body."),
        # negative: brackets inside a sentence, or not shortcode-shaped, stay
        ("The official said [the army] had advanced.", "The official said [the army] had advanced."),
        ("[The minister] said it was over.", "[The minister] said it was over."),
        ("[1]\nBody.", "[1]\nBody."),
    ],
)
def test_shortcode_lines(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Body.\n\nComments are closed.", "Body."),
        ("Body.\nComments are closed", "Body."),
        ("Body.\nShare this:\nComments are closed.\n\n", "Body."),
        ("Body.\nADVERTISEMENT", "Body."),
        ("Body.\nRelated articles\n  \nRead more", "Body."),
        # negative: only trailing furniture goes, never the same words mid-text
        ("Comments are closed.\nBody continues.", "Comments are closed.\nBody continues."),
        ("Body.\nAdvertisement\nMore body.", "Body.\nAdvertisement\nMore body."),
        ("He said comments are closed.", "He said comments are closed."),
    ],
)
def test_trailing_boilerplate(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Aleppo is reeling from some of the most brutal fighting (AFP Photo/Thaer Mohammed)\nBody.",
            "Body.",
        ),
        ("Smoke rises over Aleppo (AFP PHOTO/GEORGE OURFALIAN)\nBody.", "Body."),
        ("Smoke rises over Aleppo (Photo/Reuters)\nBody.", "Body."),
        ("Body.\nA boy in the rubble (Reuters Image/Abdalrhman Ismail)  ", "Body."),
        # negative: a credit mid-line, or a parenthesis without a credit, stays
        ("The image (AFP Photo/X) shows damage.", "The image (AFP Photo/X) shows damage."),
        ("Rami Abdel Rahman told AFP (by phone)", "Rami Abdel Rahman told AFP (by phone)"),
        ("He posted a photo (AFP)", "He posted a photo (AFP)"),
    ],
)
def test_caption_lines(raw, expected):
    assert clean_text(raw) == expected


def test_caption_line_with_spaced_slash():
    assert clean_text("Smoke rises over Aleppo (AFP Photo / George Ourfalian)\nBody.") == "Body."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("cafÃ©", "café"),
        ("Â£5", "£5"),
        ("Ã©tÃ©", "été"),
        # a mis-decoded curly apostrophe comes back curly, not straightened
        ("donâ€™t", "don’t"),
        ("â€œhiâ€\x9d", "“hi”"),
        # negative: correct text is untouched
        ("café £5", "café £5"),
    ],
)
def test_mojibake_fixed(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["He said “hi” and ‘bye’.", "Washington’s", "« guillemets »", 'don\'t "straight" stays'],
)
def test_quotes_not_straightened(text):
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\u200bb", "ab"),  # zero-width space
        ("\ufeffBody", "Body"),  # BOM
        ("mid\ufeffdle", "middle"),
        ("a\u200eb\u200fc", "abc"),  # direction marks
        ("x\x00y", "xy"),
        ("x\x07y", "xy"),
        ("a\x0cb", "ab"),
        ("a\x7fb", "ab"),
        # negative: tabs and line breaks are content
        ("a\tb", "a\tb"),
        ("a\nb", "a\nb"),
    ],
)
def test_control_and_invisible_characters(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\n\n\nb", "a\n\nb"),
        ("a\n\n\n\n\n\nb", "a\n\nb"),
        ("a\n \n\t\n\nb", "a\n\nb"),  # whitespace-only lines count as blank
        ("a\r\n\r\n\r\nb", "a\n\nb"),
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("  \n\na  \n\n", "a"),
        # negative: one blank line (a paragraph break) is kept
        ("a\n\nb", "a\n\nb"),
        ("a\nb", "a\nb"),
    ],
)
def test_blank_lines_and_line_endings(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        SEED_RAW,
        "Head\n\n\n\ncafÃ© \\’s [x] (AFP Photo/Y)\nBody.\n[do_widget_area a]\n\nComments are closed.",
        "Body.\nShare this:\n\\[ad\\]\nComments are closed.",
        "\ufeff  Line one\u200b\r\n\r\n\r\n\r\nLine two\x07  ",
        "",
    ],
)
def test_idempotent(raw):
    once = clean_text(raw)
    assert clean_text(once) == once


@pytest.mark.parametrize("raw", ["Washington\\\\’s", "it wasn\\\\\\'t"])
def test_idempotent_on_double_escapes(raw):
    once = clean_text(raw)
    assert "\\" not in once
    assert clean_text(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Head\nbody", ("Head", "body")),
        ("\n\n  Head  \n\nbody\nmore  ", ("Head", "body\nmore")),
        ("Head\r\nbody", ("Head", "body")),
        ("only a headline", ("only a headline", "")),
        ("Head\n\n\n", ("Head", "")),
        ("", ("", "")),
        ("   \n  ", ("", "")),
    ],
)
def test_split_headline(text, expected):
    assert split_headline(text) == expected
