"""What the store holds: its tables, and the DDL of each numbered schema step.

The DDL is frozen as each step first shipped: a migration must build the same store today as
it did then. :mod:`wirelens.store.migrations` numbers the steps and runs the ones a store lacks.
"""

from __future__ import annotations

TABLES = ("articles", "sentences", "entities", "places", "quotes", "events", "interactions")
EXPORTED = (*TABLES, "corrections")

# 1. The original store (d72adc3): articles, sentences and what the first extractors found.
ORIGINAL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, source VARCHAR, url VARCHAR,
    text VARCHAR NOT NULL, path VARCHAR, model VARCHAR, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
    label VARCHAR, actor VARCHAR, actor_type VARCHAR, sent_start INTEGER, sent_end INTEGER
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR,
    lat DOUBLE, lon DOUBLE, country_code VARCHAR, geonameid BIGINT, feature_type VARCHAR, metonymic BOOLEAN
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
    speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER, cue VARCHAR, date DATE, date_inferred BOOLEAN
);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, sentence VARCHAR, type VARCHAR,
    sub_type VARCHAR, date DATE, place VARCHAR, lat DOUBLE, lon DOUBLE, actors VARCHAR[], fatalities INTEGER
);
CREATE OR REPLACE VIEW actors AS
    SELECT actor AS name, any_value(actor_type) AS type, count(*) AS mentions,
           count(DISTINCT article_id) AS articles
    FROM entities WHERE actor IS NOT NULL GROUP BY actor;
"""

# 2. The layers wired in (44ed285): quote speakers' types, the events layer's columns, the network.
LAYERS = """
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_type VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS cue VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS sent_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS sent_end INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_inferred BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS country_code VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_type VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_inferred BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor1 VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor2 VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS fatalities_text VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS civilian_targeting BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS aggregate BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS period VARCHAR;
CREATE TABLE IF NOT EXISTS interactions (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, source VARCHAR, target VARCHAR, verb VARCHAR,
    interaction_class VARCHAR, sent_start INTEGER, sent_end INTEGER, date DATE, origin VARCHAR
);
"""

# 3. Corrections (163dc7b): the corrections table and the *_corrected views, in store/corrections.py.

# 4. Provenance (45314c0): which extraction code read each article (see wirelens.extraction.provenance).
EXTRACTOR = "ALTER TABLE articles ADD COLUMN IF NOT EXISTS extractor VARCHAR;"

# 5. Background events: an event more than a year before its article (issue 17), hidden by default.
BACKGROUND = "ALTER TABLE events ADD COLUMN IF NOT EXISTS background BOOLEAN DEFAULT false;"
