//! The schema and its versioned migrations. `PRAGMA application_id` marks a Flashpoint database
//! (so that a foreign SQLite file is refused, not altered); `PRAGMA user_version` is the number of
//! migrations applied. Each migration runs in its own transaction.

use rusqlite::Connection;

/// "FLPT": the SQLite application id of a Flashpoint store.
pub const APPLICATION_ID: i64 = 0x464C_5054;

/// Migrations in order; `user_version` = how many have been applied. Append, never edit.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5];

/// Version 1: articles and what was coded in them; events (deduplicated) and their mentions.
const V1: &str = r#"
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL,           -- the article's own id
    url            TEXT,
    key            TEXT NOT NULL UNIQUE,    -- 'url:…' or 'id:…': a new version replaces the old
    content_hash   BLOB NOT NULL UNIQUE,    -- SHA-256 of what was ingested
    published      TEXT,                    -- YYYY-MM-DD
    source_name    TEXT,
    title          TEXT,
    sentence_count INTEGER NOT NULL,
    event_count    INTEGER NOT NULL,        -- events coded in it (= its mentions once stored)
    warnings       TEXT,                    -- JSON array, or NULL when none
    text           TEXT,                    -- the article text, when ingested from text
    ingested_at    TEXT NOT NULL            -- UTC, YYYY-MM-DDTHH:MM:SSZ
);

-- The sentences events were found in: the evidence behind each mention.
CREATE TABLE sentences (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

-- One row per real-world event; its fields are those of its root (earliest) mention.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    root_mention   INTEGER NOT NULL,
    day            INTEGER,                 -- days since 1970-01-01; NULL when undated
    date           TEXT,
    day_precise    INTEGER NOT NULL,        -- 1 when the date is known to the day
    source_key     TEXT NOT NULL,           -- dedup keys: actor code (or ~text), CAMEO root, place
    target_key     TEXT NOT NULL,
    cameo_root     TEXT NOT NULL,
    place_key      TEXT,
    source_code    TEXT,
    source_country TEXT,
    source_role    TEXT,
    target_code    TEXT,
    target_country TEXT,
    target_role    TEXT,
    cameo          TEXT NOT NULL,
    quad_class     INTEGER,
    goldstein      REAL,
    modality       TEXT NOT NULL,
    num_mentions   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL
);
CREATE INDEX events_match ON events (source_key, target_key, cameo_root, day);
CREATE INDEX events_country_dyad ON events (source_country, target_country, day);
CREATE INDEX events_code_dyad ON events (source_code, target_code, day);
CREATE INDEX events_day ON events (day);

-- One row per event as coded in one article (GDELT's mentions table).
CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events(id),
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,        -- position in the article's list of events
    coded_id       TEXT NOT NULL,
    sentence_index INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    source_text    TEXT,
    source_code    TEXT,
    source_country TEXT,
    source_role    TEXT,
    source_name    TEXT,
    target_text    TEXT,
    target_code    TEXT,
    target_country TEXT,
    target_role    TEXT,
    target_name    TEXT,
    cameo          TEXT NOT NULL,
    cameo_name     TEXT,
    goldstein      REAL,
    quad_class     INTEGER,
    plover_event   TEXT,
    plover_mode    TEXT,
    plover_context TEXT,
    negated        INTEGER NOT NULL,
    modality       TEXT NOT NULL,
    date           TEXT,
    day            INTEGER,                 -- the date's day number (the article's date if none)
    day_precise    INTEGER NOT NULL,
    date_precision TEXT,
    historical     INTEGER NOT NULL,
    place_name     TEXT,
    place_country  TEXT,
    place_admin1   TEXT,
    place_lat      REAL,
    place_lon      REAL,
    place_geonameid INTEGER,
    place_precision TEXT,
    quote_id       INTEGER,
    confidence     REAL NOT NULL,
    source_key     TEXT NOT NULL,
    target_key     TEXT NOT NULL,
    cameo_root     TEXT NOT NULL,
    place_key      TEXT,
    UNIQUE (article_id, ordinal)
);
CREATE INDEX mentions_event ON mentions (event_id);

-- Actor mentions in the text.
CREATE TABLE actors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    code       TEXT,
    name       TEXT,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX actors_code ON actors (code);

CREATE TABLE quotes (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    quote_id      INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text          TEXT NOT NULL,
    speaker_name  TEXT,
    speaker_code  TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE quantities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    value      INTEGER NOT NULL,
    qualifier  TEXT,
    unit       TEXT NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    actor      TEXT,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE places (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL,
    admin1     TEXT,
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    geonameid  INTEGER,
    precision  TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
"#;

/// Version 2: the hashes of article versions that a newer one replaced, so that reading an old
/// version again (a re-run over a feed that holds both) changes nothing.
const V2: &str = r#"
CREATE TABLE superseded (
    content_hash BLOB PRIMARY KEY,
    key          TEXT NOT NULL,
    replaced_at  TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// Version 3: a place named in the text but in no gazetteer has no coordinates (the coder writes
/// them as null), so `places.lat` and `lon` may be NULL. SQLite cannot drop a NOT NULL, so the
/// table is rebuilt.
const V3: &str = r#"
CREATE TABLE places_v3 (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL,
    admin1     TEXT,
    lat        REAL,
    lon        REAL,
    geonameid  INTEGER,
    precision  TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
INSERT INTO places_v3 SELECT * FROM places;
DROP TABLE places;
ALTER TABLE places_v3 RENAME TO places;
"#;

/// Version 4: what the API's event filters need to find a page without reading every event.
/// - The root report's place on the event (`place_lat`, `place_lon`), so that a bounding box is
///   an index range instead of a join to every candidate's report.
/// - Indexes whose leading columns are what a filter fixes and whose next is the day: an actor
///   on either side and in either form (country or full code) in every source/target pairing,
///   CAMEO root and quad class, quad class, CAMEO code, place. A page sorted by date then reads
///   in index order; a count reads the index alone. (Each index costs the ingest some 4 %: a
///   filter that narrows little, as `min_sources` alone, reads every event instead.)
/// - `events.text`: the sentences that report the event, in the order the reports were stored,
///   joined by U+001E (written by the ingest with the event's other fields), so that a text is
///   matched on the event's own row.
/// - `event_text`: a full-text index (FTS5) of `events.text` in trigram tokens (any substring of
///   three characters or more, case-insensitive), rowid = event id. Contentless: it holds the
///   index only. The ingest brings it up to date at the end of each batch, in two statements
///   (FTS5 writes what it holds in memory to disk at every statement that might be undone, so
///   a row at a time, as triggers would, makes it write thousands of tiny segments). A text few
///   events hold is looked up there.
const V4: &str = r#"
ALTER TABLE events ADD COLUMN place_lat REAL;
ALTER TABLE events ADD COLUMN place_lon REAL;
ALTER TABLE events ADD COLUMN text TEXT;
UPDATE events SET (place_lat, place_lon) =
    (SELECT m.place_lat, m.place_lon FROM mentions m WHERE m.id = events.root_mention);
UPDATE events SET text =
    (SELECT group_concat(s.text, char(30) ORDER BY m.id) FROM mentions m
     JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index
     WHERE m.event_id = events.id);

CREATE INDEX events_country_code_dyad ON events (source_country, target_code, day);
CREATE INDEX events_code_country_dyad ON events (source_code, target_country, day);
CREATE INDEX events_target_country ON events (target_country, day);
CREATE INDEX events_target_code ON events (target_code, day);
CREATE INDEX events_root_quad ON events (cameo_root, quad_class, day);
CREATE INDEX events_quad ON events (quad_class, day);
CREATE INDEX events_cameo ON events (cameo, num_sources, day);
CREATE INDEX events_place ON events (place_lat, place_lon, num_sources, day);

CREATE VIRTUAL TABLE event_text USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 0');
INSERT INTO event_text (rowid, text) SELECT id, text FROM events WHERE text IS NOT NULL;
"#;

/// Version 5: one index fewer for the ingest to write. The dedup's index (`events_match`:
/// source and target keys, CAMEO root, day) and the code dyad's (`events_code_dyad`: source and
/// target codes, day) held the same actors: an actor's key is its code when it has one (an
/// uncoded actor's key is its text, marked `~`, which no code equals). One index on the keys,
/// with the day before the CAMEO root, serves both: the dedup reads the dyad's events of three
/// days and tests the root in the index; a dyad filter reads its events in day order. Filters on
/// a full code now test the key columns, so the other code indexes move to them too.
const V5: &str = r#"
DROP INDEX events_match;
DROP INDEX events_code_dyad;
DROP INDEX events_code_country_dyad;
DROP INDEX events_country_code_dyad;
DROP INDEX events_target_code;
CREATE INDEX events_key_dyad ON events (source_key, target_key, day, cameo_root);
CREATE INDEX events_key_country_dyad ON events (source_key, target_country, day);
CREATE INDEX events_country_key_dyad ON events (source_country, target_key, day);
CREATE INDEX events_target_key ON events (target_key, day);
"#;

/// The character between the sentences of one event in `events.text`: a search for text holding
/// it could match across two sentences, so such a search reads the sentences themselves.
pub const TEXT_SEPARATOR: char = '\u{1e}';

/// Bring a Flashpoint database up to the newest schema. Returns the version found before.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", n as i64 + 1)?;
        tx.commit()?;
    }
    Ok(found)
}

/// The newest schema version this build knows.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_database_is_migrated_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.execute_batch(V1).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        drop(c);
        let store = crate::Store::open(&path).unwrap();
        assert!(!store.is_stored(&[0; 32]).unwrap(), "the v2 table is there");
        let c = Connection::open(&path).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest());
    }

    #[test]
    fn a_version_2_database_keeps_its_places_and_takes_unknown_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.execute_batch(V1).unwrap();
        c.execute_batch(V2).unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
        c.execute_batch(
            "INSERT INTO articles (id, doc_id, key, content_hash, sentence_count, event_count,
                                   ingested_at)
             VALUES (1, 'a', 'id:a', x'00', 1, 0, '2020-01-01T00:00:00Z');
             INSERT INTO places VALUES (1, 0, 'Amran', 0, 5, 'Amran', 'YEM', NULL, 15.6, 43.9,
                                        NULL, 'city');",
        )
        .unwrap();
        drop(c);
        drop(crate::Store::open(&path).unwrap());
        let c = Connection::open(&path).unwrap();
        let lat: f64 = c
            .query_row("SELECT lat FROM places WHERE idx = 0", [], |r| r.get(0))
            .unwrap();
        assert_eq!(lat, 15.6);
        c.execute(
            "INSERT INTO places VALUES (1, 1, 'Qarya', 6, 11, 'Qarya', '', NULL, NULL, NULL,
                                        NULL, 'unknown')",
            [],
        )
        .unwrap();
    }

    const TABLES: [&str; 9] = [
        "articles",
        "sentences",
        "events",
        "mentions",
        "actors",
        "quotes",
        "quantities",
        "places",
        "superseded",
    ];

    fn rows(c: &Connection, table: &str) -> Vec<Vec<rusqlite::types::Value>> {
        let mut stmt = c
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn columns(c: &Connection, table: &str) -> Vec<String> {
        let mut stmt = c
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn text_hits(c: &Connection, text: &str) -> Vec<i64> {
        let mut stmt = c
            .prepare("SELECT rowid FROM event_text WHERE event_text MATCH ?1 ORDER BY rowid")
            .unwrap();
        stmt.query_map([format!("\"{text}\"")], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// Every table, index and trigger: type, name and the SQL that made it.
    fn schema_objects(c: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut stmt = c
            .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A version 3 file holding what `built` (a store ingested by this build) holds, row for
    /// row, minus what version 4 adds.
    fn version_3_copy(built: &std::path::Path, path: &std::path::Path) -> Connection {
        let c = Connection::open(path).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        for sql in &MIGRATIONS[..3] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 3).unwrap();
        c.execute("ATTACH ?1 AS built", [built.to_str().unwrap()])
            .unwrap();
        for table in TABLES {
            let cols = columns(&c, table).join(", ");
            c.execute_batch(&format!(
                "INSERT INTO main.{table} ({cols}) SELECT {cols} FROM built.{table}"
            ))
            .unwrap();
        }
        c.execute_batch("DETACH built").unwrap();
        c
    }

    #[test]
    fn a_version_3_store_is_upgraded_to_what_this_build_would_have_written() {
        let dir = tempfile::tempdir().unwrap();
        let built = dir.path().join("built.db");
        let mut store = crate::Store::create(&built).unwrap();
        // Revised versions among the articles replace earlier ones: reports come and go.
        let lines = crate::synthetic::corpus(11, 400);
        let mut replaced = 0;
        for chunk in lines.chunks(40) {
            let batch: Vec<_> = chunk
                .iter()
                .map(|l| crate::Incoming::from_coded_line(l.as_bytes()).unwrap())
                .collect();
            replaced += store.ingest_batch(&batch).unwrap().replaced;
        }
        assert!(replaced > 0, "the corpus replaces some articles");
        drop(store);

        let old = dir.path().join("v3.db");
        let c = version_3_copy(&built, &old);
        let before: Vec<_> = TABLES.iter().map(|t| rows(&c, t)).collect();
        assert!(columns(&c, "events").iter().all(|n| n != "text"));
        drop(c);

        let store = crate::Store::open(&old).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        drop(store);
        let upgraded = Connection::open(&old).unwrap();
        let fresh = Connection::open(&built).unwrap();
        let v: i64 = upgraded
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest());
        for (table, old_rows) in TABLES.iter().zip(&before) {
            let now = rows(&upgraded, table);
            assert_eq!(now.len(), old_rows.len(), "{table}: same rows");
            assert_eq!(
                now,
                rows(&fresh, table),
                "{table}: as ingested by this build"
            );
        }
        assert_eq!(
            schema_objects(&upgraded),
            schema_objects(&fresh),
            "the same tables and indexes"
        );
        let with_text: i64 = upgraded
            .query_row(
                "SELECT COUNT(*) FROM events WHERE text IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            with_text as usize,
            before[2].len(),
            "every event has its text"
        );
        for text in ["report 3", "XAX", "version", "item 7.", "towards XB"] {
            let hits = text_hits(&upgraded, text);
            assert!(!hits.is_empty(), "{text}");
            assert_eq!(hits, text_hits(&fresh, text), "{text}");
        }
    }

    #[test]
    fn a_newer_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(crate::Store::create(&path).unwrap());
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", latest() + 1).unwrap();
        drop(c);
        let e = crate::Store::open(&path).err().unwrap();
        assert!(e.to_string().contains("newer Flashpoint"), "{e}");
    }
}
