"""The corpus database: one SQLite file, plain tables (Datasette and DuckDB open it as it is), an FTS5
index over sentences, and views for the common questions. Every row links to its article (and line).

Places are one row across articles when they resolve to the same GeoNames id (else the same name, kind
and country); units when their canonical name and side agree. What an article says about a place or a
unit (its forms, mentions, dates) is in `article_places` / `article_units`, with the exact JSON record
the single-article commands print.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- absolute path: the article's identity between runs
    name TEXT NOT NULL,                 -- the path as given: what query rows print as `article`
    sha256 TEXT NOT NULL,               -- content hash: unchanged → skipped on the next run
    bytes INTEGER NOT NULL,
    mtime_ns INTEGER,                   -- same size and mtime: skipped without reading the file
    title TEXT, chars INTEGER, sections INTEGER, sentences INTEGER,
    meta TEXT, warnings TEXT,           -- JSON: frontmatter fields, input warnings
    indexed_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sections (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    number TEXT NOT NULL, title TEXT, level INTEGER, line INTEGER, slug TEXT, parent TEXT,
    PRIMARY KEY (article_id, number)
);

CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,               -- 0-based position in the article
    line INTEGER NOT NULL,
    section TEXT, section_title TEXT,
    kind TEXT,                          -- paragraph | heading | caption
    text TEXT NOT NULL,
    day TEXT,                           -- the first calendar day (or range) it pins down
    days TEXT, places TEXT, units TEXT, -- JSON lists: every day, place name, unit name in it
    UNIQUE (article_id, idx)
);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
    text, content="sentences", content_rowid="id", tokenize="unicode61 remove_diacritics 2");  -- Datasette finds it by content="…"
-- the writer fills sentences_fts for each article's sentences in one statement (FTS_FILL)
CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE IF NOT EXISTS dates (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    line INTEGER NOT NULL, sentence_idx INTEGER, start_char INTEGER, end_char INTEGER,
    text TEXT, type TEXT, value TEXT, mod TEXT, anchor TEXT, section TEXT, where_ TEXT, rule TEXT,
    record TEXT                         -- JSON: the date record (kyivcli.record)
);

CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,           -- casefolded name | side
    name TEXT NOT NULL, side TEXT NOT NULL, echelon TEXT, tier TEXT
);
CREATE TABLE IF NOT EXISTS article_units (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    parent TEXT, aliases TEXT, mentions INTEGER, first_date TEXT, last_date TEXT,
    record TEXT,                        -- JSON: the unit record for this article
    PRIMARY KEY (article_id, unit_id)
);
CREATE TABLE IF NOT EXISTS unit_mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    line INTEGER NOT NULL, sentence_idx INTEGER, start_char INTEGER, end_char INTEGER, text TEXT
);
CREATE TABLE IF NOT EXISTS unit_path (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    date TEXT, place TEXT, lat REAL, lon REAL, line INTEGER NOT NULL, sentence TEXT
);

CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,           -- gn:<GeoNames id>, else nk:<name>|<kind>|<country>
    name TEXT NOT NULL, kind TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL, geonameid INTEGER
);
CREATE TABLE IF NOT EXISTS place_names (  -- every spelling seen: names, forms in the text, GeoNames variants
    place_id INTEGER NOT NULL REFERENCES places(id),
    norm TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (place_id, norm)
);
CREATE TABLE IF NOT EXISTS article_places (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id),
    aliases TEXT, variants TEXT, mentions INTEGER,
    record TEXT,                        -- JSON: the place record for this article
    PRIMARY KEY (article_id, place_id)
);
CREATE TABLE IF NOT EXISTS place_mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id),
    line INTEGER NOT NULL, sentence_idx INTEGER, start_char INTEGER, end_char INTEGER, text TEXT
);

CREATE TABLE IF NOT EXISTS events (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    date TEXT NOT NULL, day_start TEXT, day_end TEXT, precision TEXT,
    line INTEGER NOT NULL, sentence_idx INTEGER, section TEXT, section_title TEXT, sentence TEXT,
    places TEXT, units TEXT             -- JSON lists of names
);

CREATE INDEX IF NOT EXISTS sentences_article ON sentences(article_id, idx);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article_id, line);
CREATE INDEX IF NOT EXISTS unit_mentions_unit ON unit_mentions(unit_id, article_id, sentence_idx);
CREATE INDEX IF NOT EXISTS unit_mentions_article ON unit_mentions(article_id, sentence_idx);
CREATE INDEX IF NOT EXISTS unit_path_unit ON unit_path(unit_id, date);
CREATE INDEX IF NOT EXISTS unit_path_article ON unit_path(article_id);
CREATE INDEX IF NOT EXISTS place_mentions_place ON place_mentions(place_id, article_id, sentence_idx);
CREATE INDEX IF NOT EXISTS place_mentions_article ON place_mentions(article_id, sentence_idx);
CREATE INDEX IF NOT EXISTS place_names_norm ON place_names(norm);
CREATE INDEX IF NOT EXISTS article_places_place ON article_places(place_id);
CREATE INDEX IF NOT EXISTS article_units_unit ON article_units(unit_id);
CREATE INDEX IF NOT EXISTS events_date ON events(day_start, article_id);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id, sentence_idx);
CREATE INDEX IF NOT EXISTS sections_article ON sections(article_id);

-- events with the places they name (one row per event and place; coordinates where known)
CREATE VIEW IF NOT EXISTS event_places AS
SELECT a.name AS article, e.date, e.precision, e.line, e.section, e.sentence,
       p.name AS place, p.kind, p.country, p.lat, p.lon, p.geonameid
FROM events e JOIN articles a ON a.id = e.article_id
JOIN place_mentions m ON m.article_id = e.article_id AND m.sentence_idx = e.sentence_idx
JOIN places p ON p.id = m.place_id
GROUP BY e.rowid, p.id;

-- events with the units they name (one row per event and unit)
CREATE VIEW IF NOT EXISTS event_units AS
SELECT a.name AS article, e.date, e.precision, e.line, e.section, e.sentence,
       u.name AS unit, u.side, u.echelon
FROM events e JOIN articles a ON a.id = e.article_id
JOIN unit_mentions m ON m.article_id = e.article_id AND m.sentence_idx = e.sentence_idx
JOIN units u ON u.id = m.unit_id
GROUP BY e.rowid, u.id;

-- a unit's path across the corpus: the dated places it is reported at, in time order
CREATE VIEW IF NOT EXISTS unit_paths AS
SELECT u.name AS unit, u.side, p.date, p.place, p.lat, p.lon, a.name AS article, p.line, p.sentence
FROM unit_path p JOIN units u ON u.id = p.unit_id JOIN articles a ON a.id = p.article_id
ORDER BY u.name, p.date, a.name, p.line;

-- places across the corpus: how many articles and mentions, first and last dated event
CREATE VIEW IF NOT EXISTS place_totals AS
SELECT p.id, p.name, p.kind, p.country, p.lat, p.lon, p.geonameid,
       COUNT(DISTINCT ap.article_id) AS articles, SUM(ap.mentions) AS mentions
FROM places p JOIN article_places ap ON ap.place_id = p.id
GROUP BY p.id;
"""


# an article's sentences into the full-text index, all at once (a trigger per row costs ~3x as much)
FTS_FILL = "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences WHERE article_id = ?"


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and, with `create`, set up) a corpus database: WAL, foreign keys on, schema in place."""
    from kyivcli.errors import InputError

    try:
        conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)  # explicit BEGIN/COMMIT
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if create:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(SCHEMA_SQL)
            conn.execute("DROP TRIGGER IF EXISTS sentences_ai")  # older versions filled it row by row: FTS_FILL does it now
            conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    except sqlite3.Error as e:
        raise InputError(f"{path}: cannot use as a corpus database ({e})") from None
    return conn
