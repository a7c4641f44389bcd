//! Storing coded articles: one transaction per batch, so a killed ingest leaves whole articles
//! or none. An article already stored with the same content hash is skipped; one whose content
//! changed under the same key (URL, or id when it has no URL) replaces the old version.

use crate::dedup::{self, MentionKeys};
use crate::record::{CodedArticle, CodedEvent};
use crate::{time, At, Result, Store};
use flashpoint_core::{Country, Role};
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

/// One article to store: the coded record, the hash of what was read, and the text when known.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub article: CodedArticle,
    pub content_hash: [u8; 32],
    pub text: Option<String>,
}

impl Incoming {
    /// An article read as a line of coded JSONL: the hash is the line's (surrounding blanks aside).
    pub fn from_coded_line(line: &[u8]) -> Result<Incoming> {
        let line = line.trim_ascii();
        let article = CodedArticle::from_json(line)?;
        Ok(Incoming {
            article,
            content_hash: hash_bytes(line),
            text: None,
        })
    }
}

/// What happened to one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added,
    /// Same content hash as a stored article: nothing changed.
    Unchanged,
    /// A new version of a stored article (same key, other content) replaced it.
    Replaced,
}

/// What one batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchReport {
    pub added: u64,
    pub unchanged: u64,
    pub replaced: u64,
    /// Mentions stored, and how many of them joined an event already told elsewhere.
    pub mentions: u64,
    pub merged: u64,
}

impl BatchReport {
    pub fn add(&mut self, other: &BatchReport) {
        self.added += other.added;
        self.unchanged += other.unchanged;
        self.replaced += other.replaced;
        self.mentions += other.mentions;
        self.merged += other.merged;
    }
}

/// SHA-256 of a byte string.
pub fn hash_bytes(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// SHA-256 of an article's fields (each length-prefixed, so no two field lists collide).
pub fn hash_article(fields: &[Option<&str>]) -> [u8; 32] {
    let mut h = Sha256::new();
    for f in fields {
        match f {
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update([0u8]),
        }
    }
    h.finalize().into()
}

impl Store {
    /// Whether an article with this content hash is stored, or was and has been replaced by a
    /// newer version (either way, ingesting it changes nothing).
    pub fn is_stored(&self, content_hash: &[u8; 32]) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(SEEN).at(&self.path)?;
        stmt.exists([&content_hash[..]]).at(&self.path)
    }

    /// Store a batch of articles in one transaction: all of them or, on error, none.
    pub fn ingest_batch(&mut self, batch: &[Incoming]) -> Result<BatchReport> {
        self.tune_for_writing()?;
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
        let now = time::now_utc();
        let mut report = BatchReport::default();
        let mut touched = Touched::default();
        for incoming in batch {
            store_one(&tx, incoming, &now, &mut report, &mut touched).at(&path)?;
        }
        touched.index_texts(&tx).at(&path)?;
        tx.commit().at(&path)?;
        Ok(report)
    }
}

/// The events a batch created, and those it changed or deleted, whose text the full-text index
/// must take again once the batch is stored.
#[derive(Default)]
struct Touched {
    created: Vec<i64>,
    changed: Vec<i64>,
}

impl Touched {
    /// Bring `event_text` up to date: out with what the changed events said before the batch,
    /// in with what every touched event that remains says now. Two statements for the whole
    /// batch: FTS5 writes its pending entries to disk at each statement that might be undone.
    fn index_texts(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let created: std::collections::HashSet<i64> = self.created.iter().copied().collect();
        let before: Vec<i64> = self
            .changed
            .iter()
            .copied()
            .filter(|id| !created.contains(id))
            .collect();
        let ids = |v: &[i64]| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_string());
        if !before.is_empty() {
            tx.prepare_cached(
                "DELETE FROM event_text WHERE rowid IN (SELECT value FROM json_each(?1))",
            )?
            .execute([ids(&before)])?;
        }
        let mut all: Vec<i64> = self.created.iter().chain(&self.changed).copied().collect();
        all.sort_unstable();
        all.dedup();
        if !all.is_empty() {
            tx.prepare_cached(
                "INSERT INTO event_text (rowid, text)
                 SELECT id, text FROM events
                 WHERE id IN (SELECT value FROM json_each(?1)) AND text IS NOT NULL
                 ORDER BY id",
            )?
            .execute([ids(&all)])?;
        }
        Ok(())
    }
}

const SEEN: &str = "SELECT 1 FROM articles WHERE content_hash = ?1
                    UNION ALL SELECT 1 FROM superseded WHERE content_hash = ?1";

fn store_one(
    tx: &Transaction,
    inc: &Incoming,
    now: &str,
    report: &mut BatchReport,
    touched: &mut Touched,
) -> rusqlite::Result<()> {
    let hash = &inc.content_hash[..];
    let stored = tx.prepare_cached(SEEN)?.exists([hash])?;
    if stored {
        report.unchanged += 1;
        return Ok(());
    }
    let a = &inc.article;
    let key = a.key();
    let old: Option<i64> = tx
        .prepare_cached("SELECT id FROM articles WHERE key = ?1")?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    match old {
        Some(old) => {
            remove_article(tx, old, now, touched)?;
            report.replaced += 1;
        }
        None => report.added += 1,
    }
    let article_id = insert_article(tx, inc, &key, now)?;
    insert_parts(tx, article_id, a)?;
    // Mention ids are chosen here (as SQLite would: one past the largest) so that a new event
    // names its root report when it is written, instead of being written a second time.
    let first_mention: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM mentions")?
        .query_row([], |r| r.get(0))?;
    let mut merged_into = Vec::new();
    for ((n, e), mention_id) in a.events.iter().enumerate().zip(first_mention..) {
        let keys = MentionKeys::of(e, a.published);
        let event_id = match dedup::find_event(tx, &keys, article_id)? {
            Some(id) => {
                merged_into.push(id);
                report.merged += 1;
                id
            }
            None => {
                let id = dedup::create_event(tx, &keys, e, article_id, mention_id)?;
                touched.created.push(id);
                id
            }
        };
        insert_mention(tx, mention_id, event_id, article_id, n, e, &keys)?;
        report.mentions += 1;
    }
    merged_into.sort_unstable();
    merged_into.dedup();
    for id in merged_into {
        dedup::refresh_event(tx, id)?;
        touched.changed.push(id);
    }
    Ok(())
}

/// Delete an article and all it holds, remembering its hash as superseded; the events it told
/// are recounted (and dropped when no other article tells them).
fn remove_article(
    tx: &Transaction,
    article_id: i64,
    now: &str,
    touched: &mut Touched,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO superseded (content_hash, key, replaced_at)
         SELECT content_hash, key, ?2 FROM articles WHERE id = ?1",
    )?
    .execute(params![article_id, now])?;
    let events: Vec<i64> = tx
        .prepare_cached("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?1")?
        .query_map([article_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached("DELETE FROM articles WHERE id = ?1")?
        .execute([article_id])?;
    for id in events {
        dedup::refresh_event(tx, id)?;
        touched.changed.push(id);
    }
    Ok(())
}

fn insert_article(tx: &Transaction, inc: &Incoming, key: &str, now: &str) -> rusqlite::Result<i64> {
    let a = &inc.article;
    let warnings = if a.warnings.is_empty() {
        None
    } else {
        serde_json::to_string(&a.warnings).ok()
    };
    tx.prepare_cached(
        "INSERT INTO articles (doc_id, url, key, content_hash, published, source_name, title,
                               sentence_count, event_count, warnings, text, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        a.id,
        a.url,
        key,
        &inc.content_hash[..],
        a.published.map(|d| d.to_string()),
        a.source_name,
        a.title,
        a.sentences as i64,
        a.events.len() as i64,
        warnings,
        inc.text,
        now,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Sentences (of events), actors, quotes, quantities and places.
fn insert_parts(tx: &Transaction, id: i64, a: &CodedArticle) -> rusqlite::Result<()> {
    let mut sentence = tx.prepare_cached(
        "INSERT OR IGNORE INTO sentences (article_id, idx, span_start, span_end, text)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for e in &a.events {
        sentence.execute(params![
            id,
            e.sentence_index as i64,
            e.span.start as i64,
            e.span.end as i64,
            e.sentence_text
        ])?;
    }
    let mut actor = tx.prepare_cached(
        "INSERT INTO actors (article_id, idx, span_start, span_end, text, code, name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, x) in a.actors.iter().enumerate() {
        actor.execute(params![
            id,
            i as i64,
            x.span.start as i64,
            x.span.end as i64,
            x.text,
            x.code,
            x.name
        ])?;
    }
    let mut quote = tx.prepare_cached(
        "INSERT INTO quotes (article_id, idx, quote_id, span_start, span_end, text, speaker_name,
                             speaker_code, speaker_start, speaker_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, q) in a.quotes.iter().enumerate() {
        let s = q.speaker.as_ref();
        quote.execute(params![
            id,
            i as i64,
            q.id as i64,
            q.span.start as i64,
            q.span.end as i64,
            q.text,
            s.and_then(|s| s.name.as_deref()),
            s.and_then(|s| s.code.as_deref()),
            s.map(|s| s.span.start as i64),
            s.map(|s| s.span.end as i64),
        ])?;
    }
    let mut quantity = tx.prepare_cached(
        "INSERT INTO quantities (article_id, idx, kind, value, qualifier, unit, text, span_start,
                                 span_end, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, q) in a.quantities.iter().enumerate() {
        quantity.execute(params![
            id,
            i as i64,
            q.kind,
            // Validated to fit (CodedArticle::validate).
            i64::try_from(q.value).unwrap_or(i64::MAX),
            q.qualifier,
            q.unit,
            q.text,
            q.span.start as i64,
            q.span.end as i64,
            q.actor
        ])?;
    }
    let mut place = tx.prepare_cached(
        "INSERT INTO places (article_id, idx, text, span_start, span_end, name, country, admin1,
                             lat, lon, geonameid, precision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (i, p) in a.places.iter().enumerate() {
        let g = &p.place;
        place.execute(params![
            id,
            i as i64,
            p.text,
            p.span.start as i64,
            p.span.end as i64,
            g.name,
            g.country_code(),
            g.admin1,
            g.lat,
            g.lon,
            g.geonameid,
            g.precision.as_str()
        ])?;
    }
    Ok(())
}

fn insert_mention(
    tx: &Transaction,
    id: i64,
    event_id: i64,
    article_id: i64,
    ordinal: usize,
    e: &CodedEvent,
    k: &MentionKeys,
) -> rusqlite::Result<()> {
    let s = e.source.as_ref();
    let t = e.target.as_ref();
    let p = e.place.as_ref();
    let plover = e.plover.as_ref();
    tx.prepare_cached(
        "INSERT INTO mentions (event_id, article_id, ordinal, coded_id, sentence_index,
            trigger_text, trigger_start, trigger_end,
            source_text, source_code, source_country, source_role, source_name,
            target_text, target_code, target_country, target_role, target_name,
            cameo, cameo_name, goldstein, quad_class, plover_event, plover_mode, plover_context,
            negated, modality, date, day, day_precise, date_precision, historical,
            place_name, place_country, place_admin1, place_lat, place_lon, place_geonameid,
            place_precision, quote_id, confidence, source_key, target_key, cameo_root, place_key,
            id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34,
                 ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46)",
    )?
    .execute(params![
        event_id,
        article_id,
        ordinal as i64,
        e.id,
        e.sentence_index as i64,
        e.trigger.text,
        e.trigger.span.start as i64,
        e.trigger.span.end as i64,
        s.map(|x| &x.text),
        s.and_then(|x| x.code.as_deref()),
        s.and_then(|x| x.country.as_ref().map(Country::as_str)),
        s.and_then(|x| x.role.map(Role::as_str)),
        s.and_then(|x| x.name.as_deref()),
        t.map(|x| &x.text),
        t.and_then(|x| x.code.as_deref()),
        t.and_then(|x| x.country.as_ref().map(Country::as_str)),
        t.and_then(|x| x.role.map(Role::as_str)),
        t.and_then(|x| x.name.as_deref()),
        e.cameo.as_str(),
        e.cameo_name,
        e.goldstein,
        e.quad_class,
        plover.map(|x| &x.event),
        plover.and_then(|x| x.mode.as_deref()),
        plover.and_then(|x| x.context.as_deref()),
        e.negated,
        e.modality.as_str(),
        k.date.map(|d| d.to_string()),
        k.day,
        k.day_precise,
        e.date_precision.map(|x| x.as_str()),
        e.historical,
        p.map(|x| &x.name),
        p.map(|x| x.country_code()),
        p.and_then(|x| x.admin1.as_deref()),
        p.map(|x| x.lat),
        p.map(|x| x.lon),
        p.and_then(|x| x.geonameid),
        p.map(|x| x.precision.as_str()),
        e.quote_id.map(|q| q as i64),
        e.confidence,
        k.source,
        k.target,
        k.root,
        k.place,
        id,
    ])?;
    Ok(())
}
