"""wirelens: actors, places, quotes and events in news coverage of a conflict.

In a notebook::

    import wirelens
    extractor = wirelens.default_extractor()          # loads the spaCy model once
    for item in wirelens.read_paths(["seeds/"]):
        if isinstance(item, wirelens.Article):
            result = extractor.extract_one(item)
            print([(e.text, e.actor) for e in result.actors])
"""

from wirelens.actors import Entity
from wirelens.articles import Article, InputProblem, make_article, read_paths
from wirelens.config import Settings, load_settings
from wirelens.extract import Extraction, Extractor, Sentence, default_extractor, to_json
from wirelens.ingest import IngestReport, ensure_seeds, ingest_articles, ingest_paths
from wirelens.store import Filters, Store

__all__ = [
    "Article", "Entity", "Extraction", "Extractor", "Filters", "IngestReport", "InputProblem",
    "Sentence", "Settings", "Store", "default_extractor", "ensure_seeds", "ingest_articles",
    "ingest_paths", "load_settings", "make_article", "read_paths", "to_json",
]
__version__ = "0.1.0"
