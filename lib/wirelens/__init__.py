"""wirelens: actors, places, quotes and events in news coverage of a conflict.

In a notebook::

    import wirelens
    extractor = wirelens.default_extractor()          # loads the spaCy model once
    for item in wirelens.read_paths(["seeds/"]):
        if isinstance(item, wirelens.Article):
            result = extractor.extract_one(item)
            print([(e.text, e.actor) for e in result.actors])
"""

from __future__ import annotations

import importlib
from typing import Any

# Names are imported on first use: a dashboard page that only reads the store never pays for
# importing spaCy (seconds of a cold start).
_EXPORTS = {
    "Entity": "wirelens.extraction.actors",
    "Article": "wirelens.extraction.articles",
    "InputProblem": "wirelens.extraction.articles",
    "make_article": "wirelens.extraction.articles",
    "read_paths": "wirelens.run.readers",
    "Settings": "wirelens.config",
    "load_settings": "wirelens.config",
    "Extraction": "wirelens.extraction.pipeline",
    "Extractor": "wirelens.extraction.pipeline",
    "Sentence": "wirelens.extraction.pipeline",
    "default_extractor": "wirelens.extraction.pipeline",
    "to_json": "wirelens.extraction.pipeline",
    "IngestReport": "wirelens.run.ingest",
    "ensure_seeds": "wirelens.run.ingest",
    "ingest_articles": "wirelens.run.ingest",
    "ingest_paths": "wirelens.run.ingest",
    "Filters": "wirelens.store",
    "Store": "wirelens.store",
}
__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'wirelens' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
