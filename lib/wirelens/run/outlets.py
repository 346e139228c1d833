"""Outlets: the ``source`` of an article, normalised when it is read.

In order: the metadata's ``source`` (an alias such as "Agence France-Presse" or a domain such as
"reuters.com" becomes the outlet's name in ``outlets.toml``; any other name is kept as given), else
the URL's domain (a known one as its outlet, else the domain itself, "example.org"), else a dateline
or byline in the first lines naming a known outlet: "(AFP) -", "BEIRUT (Reuters) -",
"By Jane Doe, Associated Press". ``wirelens set-source`` corrects it afterwards.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

OUTLETS_PATH = Path(__file__).with_name("outlets.toml")
_DATELINE = re.compile(r"\((?P<outlet>[A-Za-z][A-Za-z .'&/-]{0,40})\)\s*(?:[-\u2013\u2014:]|$)", re.MULTILINE)
_BYLINE = re.compile(r"^\s*By\s+[^\n,]{2,60},\s*(?P<outlet>[A-Za-z][A-Za-z .'&-]{1,40}?)\s*$", re.MULTILINE)
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")
_HEAD_CHARS = 400  # datelines and bylines are looked for only here


def _key(name: str) -> str:
    key = re.sub(r"[.\s]+", " ", name.casefold()).strip()
    return re.sub(r"^the\s+", "", key)


@cache
def outlet_table(path: Path = OUTLETS_PATH) -> tuple[dict[str, str], dict[str, str]]:
    """(alias key -> name, domain -> name) from ``outlets.toml``."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    aliases: dict[str, str] = {}
    domains: dict[str, str] = {}
    for outlet in data.get("outlet", []):
        name = outlet["name"]
        for alias in [name, *outlet.get("aliases", [])]:
            aliases[_key(alias)] = name
        for domain in outlet.get("domains", []):
            domains[domain.lower()] = name
    return aliases, domains


def known_outlet(name: str | None) -> str | None:
    """The outlet ``name`` is an alias or a domain of, if the table knows it."""
    if not name or not name.strip():
        return None
    aliases, _ = outlet_table()
    return aliases.get(_key(name)) or _known_domain(name.strip().lower())


def normalise_outlet(name: str | None) -> str | None:
    """A metadata source as stored: a known outlet's name, a domain's outlet or the domain, else as given."""
    if name is None or not name.strip():
        return None
    text = name.strip()
    if known := known_outlet(text):
        return known
    lowered = text.lower()
    if lowered.startswith(("http://", "https://")):
        return outlet_from_url(lowered)
    if _DOMAIN.match(lowered):
        return lowered.removeprefix("www.")
    return text


def outlet_from_url(url: str | None) -> str | None:
    if not url or not url.strip():
        return None
    text = url.strip()
    host = (urlsplit(text if "//" in text else "//" + text).hostname or "").lower().removeprefix("www.")
    if not host or "." not in host:
        return None
    return _known_domain(host) or host


def outlet_from_text(text: str | None) -> str | None:
    """A known outlet named by a dateline ("BEIRUT (Reuters) -", "(AFP) -") or byline in the text's first lines."""
    if not text:
        return None
    head = text[:_HEAD_CHARS]
    for pattern in (_DATELINE, _BYLINE):
        for match in pattern.finditer(head):
            if known := known_outlet(match.group("outlet")):
                return known
    return None


def article_outlet(source: str | None, url: str | None, text: str | None) -> str | None:
    """What an article's ``source`` is stored as: from its metadata, else its URL, else its dateline."""
    return normalise_outlet(source) or outlet_from_url(url) or outlet_from_text(text)


def _known_domain(host: str) -> str | None:
    _, domains = outlet_table()
    parts = host.split(".")
    for i in range(len(parts) - 1):  # uk.reuters.com, then reuters.com
        if name := domains.get(".".join(parts[i:])):
            return name
    return None
