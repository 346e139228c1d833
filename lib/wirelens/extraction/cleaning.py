"""Turn raw article text into the clean text that every reported offset indexes into.

Cleaning happens once, before parsing, and the cleaned text is what the store keeps:
so offsets never need mapping back to the raw file.
"""

from __future__ import annotations

import re

import ftfy

# CMS exports escape punctuation (``Washington\’s``); the backslash is never content.
_ESCAPED_PUNCT = re.compile(r"\\+([’‘'\"“”\[\](){}*_#&-])")  # also double-escaped exports
# Whole lines that are a CMS shortcode such as ``[do_widget_area inner_adsbar]``.
_SHORTCODE_LINE = re.compile(r"^[ \t]*\[/?[A-Za-z_][\w-]*(?:[ \t][^\]\n]*)?\][ \t]*$", re.M)
# A caption line ends in a photo credit: ``… (AFP Photo/Thaer Mohammed)``.
_CAPTION_LINE = re.compile(
    r"^[^\n]*\((?:[A-Z][\w.]*\s)?(?:Photo|Photos|Image|Picture)\s*/[^)\n]*\)[ \t]*$", re.M | re.I
)
# Site furniture that trails the article body.
_TRAILING_BOILERPLATE = {
    "comments are closed.",
    "comments are closed",
    "share this:",
    "share this article",
    "advertisement",
    "related articles",
    "related:",
    "read more",
    "leave a comment",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(raw: str) -> str:
    """Fix mojibake, unescape CMS escapes, drop shortcodes, captions and trailing furniture.

    Repeated until nothing changes (at most a few passes): one fix can expose another,
    e.g. mojibake that ftfy only recognises once trailing spaces are gone.
    """
    text = _clean_once(raw)
    for _ in range(3):
        again = _clean_once(text)
        if again == text:
            break
        text = again
    return text


def _clean_once(raw: str) -> str:
    text = _CONTROL.sub("", raw)  # before ftfy, so invisible characters cannot split mojibake
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True)
    text = _CONTROL.sub("", text)
    text = _ESCAPED_PUNCT.sub(r"\1", text)
    text = _SHORTCODE_LINE.sub("", text)
    text = _CAPTION_LINE.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and (not lines[-1].strip() or lines[-1].strip().lower() in _TRAILING_BOILERPLATE):
        lines.pop()
    text = "\n".join(lines)
    return _MANY_BLANK_LINES.sub("\n\n", text).strip()


def split_headline(text: str) -> tuple[str, str]:
    """Split a plain-text article into (headline, body): the headline is the first non-empty line."""
    stripped = text.lstrip()
    headline, _, body = stripped.partition("\n")
    return headline.strip(), body.strip()
