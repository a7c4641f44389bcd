//! Reading the store: events with filters and pages, one event with its mentions, one article with
//! all that was coded in it. These are what the HTTP API serves.

use crate::{At, Result, Store};
use flashpoint_core::Date;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

/// Which events. An actor is a country ("TUR": every Turkish actor) or a full code ("TURGOV").
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Two-digit CAMEO root ("19").
    pub cameo_root: Option<String>,
    pub quad_class: Option<u8>,
    /// Only events at least this many sources told.
    pub min_sources: Option<u32>,
}

/// A page of results: `limit` rows after skipping `offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            offset: 0,
            limit: 100,
        }
    }
}

/// An actor as the event table holds it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorCodes {
    pub code: Option<String>,
    pub country: Option<String>,
    pub role: Option<String>,
}

/// A deduplicated event: the fields of its root (earliest) report, and its counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub date: Option<String>,
    pub day_precise: bool,
    pub source: ActorCodes,
    pub target: ActorCodes,
    pub cameo: String,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f64>,
    pub modality: String,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    /// The root mention, its article and sentence.
    pub root_mention: i64,
    pub root_article: i64,
    pub sentence_text: Option<String>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One report of an event in one article: the evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionRow {
    pub id: i64,
    pub event_id: i64,
    pub article_id: i64,
    pub doc_id: String,
    pub url: Option<String>,
    pub source_name: Option<String>,
    pub published: Option<String>,
    pub coded_id: String,
    pub sentence_index: i64,
    pub sentence_text: Option<String>,
    pub trigger: String,
    pub source_text: Option<String>,
    pub source_code: Option<String>,
    pub target_text: Option<String>,
    pub target_code: Option<String>,
    pub cameo: String,
    pub cameo_name: Option<String>,
    pub goldstein: Option<f64>,
    pub date: Option<String>,
    pub modality: String,
    pub confidence: f64,
    pub quote_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventDetail {
    pub event: EventRow,
    pub mentions: Vec<MentionRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: i64,
    pub doc_id: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub source_name: Option<String>,
    pub title: Option<String>,
    pub sentence_count: i64,
    pub event_count: i64,
    pub warnings: Vec<String>,
    pub ingested_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteRow {
    pub quote_id: i64,
    pub span: [i64; 2],
    pub text: String,
    pub speaker_name: Option<String>,
    pub speaker_code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantityRow {
    pub kind: String,
    pub value: i64,
    pub qualifier: Option<String>,
    pub unit: String,
    pub text: String,
    pub span: [i64; 2],
    pub actor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceRow {
    pub text: String,
    pub span: [i64; 2],
    pub name: String,
    pub country: String,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<i64>,
    pub precision: String,
}

/// An article with everything coded in it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleDetail {
    pub article: ArticleRow,
    /// The text, when the article was ingested from text (not from coded output).
    pub text: Option<String>,
    pub mentions: Vec<MentionRow>,
    pub quotes: Vec<QuoteRow>,
    pub quantities: Vec<QuantityRow>,
    pub places: Vec<PlaceRow>,
}

const EVENT_COLUMNS: &str = "e.id, e.date, e.day_precise, e.source_code, e.source_country,
    e.source_role, e.target_code, e.target_country, e.target_role, e.cameo, e.quad_class,
    e.goldstein, e.modality, e.num_mentions, e.num_sources, e.num_articles, e.root_mention,
    m.article_id, s.text, m.place_name, m.place_country, m.place_lat, m.place_lon";

const EVENT_FROM: &str = "events e
    JOIN mentions m ON m.id = e.root_mention
    LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index";

const MENTION_COLUMNS: &str = "m.id, m.event_id, m.article_id, a.doc_id, a.url, a.source_name,
    a.published, m.coded_id, m.sentence_index, s.text, m.trigger_text, m.source_text,
    m.source_code, m.target_text, m.target_code, m.cameo, m.cameo_name, m.goldstein, m.date,
    m.modality, m.confidence, m.quote_id";

const MENTION_FROM: &str = "mentions m
    JOIN articles a ON a.id = m.article_id
    LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index";

fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        date: r.get(1)?,
        day_precise: r.get(2)?,
        source: ActorCodes {
            code: r.get(3)?,
            country: r.get(4)?,
            role: r.get(5)?,
        },
        target: ActorCodes {
            code: r.get(6)?,
            country: r.get(7)?,
            role: r.get(8)?,
        },
        cameo: r.get(9)?,
        quad_class: r.get(10)?,
        goldstein: r.get(11)?,
        modality: r.get(12)?,
        num_mentions: r.get(13)?,
        num_sources: r.get(14)?,
        num_articles: r.get(15)?,
        root_mention: r.get(16)?,
        root_article: r.get(17)?,
        sentence_text: r.get(18)?,
        place_name: r.get(19)?,
        place_country: r.get(20)?,
        lat: r.get(21)?,
        lon: r.get(22)?,
    })
}

pub(crate) fn mention_row(r: &Row) -> rusqlite::Result<MentionRow> {
    Ok(MentionRow {
        id: r.get(0)?,
        event_id: r.get(1)?,
        article_id: r.get(2)?,
        doc_id: r.get(3)?,
        url: r.get(4)?,
        source_name: r.get(5)?,
        published: r.get(6)?,
        coded_id: r.get(7)?,
        sentence_index: r.get(8)?,
        sentence_text: r.get(9)?,
        trigger: r.get(10)?,
        source_text: r.get(11)?,
        source_code: r.get(12)?,
        target_text: r.get(13)?,
        target_code: r.get(14)?,
        cameo: r.get(15)?,
        cameo_name: r.get(16)?,
        goldstein: r.get(17)?,
        date: r.get(18)?,
        modality: r.get(19)?,
        confidence: r.get(20)?,
        quote_id: r.get(21)?,
    })
}

impl EventFilter {
    /// The WHERE clause (over `events e`) and its parameters.
    fn to_sql(&self) -> (String, Vec<Value>) {
        let mut clauses = vec!["1".to_string()];
        let mut values = Vec::new();
        let mut push = |clause: &str, v: Value| {
            values.push(v);
            clauses.push(clause.replace('?', &format!("?{}", values.len())));
        };
        if let Some(d) = self.from {
            push("e.day >= ?", Value::Integer(d.to_days()));
        }
        if let Some(d) = self.to {
            push("e.day <= ?", Value::Integer(d.to_days()));
        }
        // A full code is matched on the actor's key (its code when it has one), which the
        // indexes hold; a value that cannot be a code is matched as a country only.
        if let Some(a) = &self.source {
            let clause = if crate::dedup::is_code_key(a) {
                "(e.source_country = ? OR e.source_key = ?)"
            } else {
                "e.source_country = ?"
            };
            push(clause, Value::Text(a.clone()));
        }
        if let Some(a) = &self.target {
            let clause = if crate::dedup::is_code_key(a) {
                "(e.target_country = ? OR e.target_key = ?)"
            } else {
                "e.target_country = ?"
            };
            push(clause, Value::Text(a.clone()));
        }
        if let Some(root) = &self.cameo_root {
            push("e.cameo_root = ?", Value::Text(root.clone()));
        }
        if let Some(q) = self.quad_class {
            push("e.quad_class = ?", Value::Integer(q.into()));
        }
        if let Some(n) = self.min_sources {
            push("e.num_sources >= ?", Value::Integer(n.into()));
        }
        (clauses.join(" AND "), values)
    }
}

impl Store {
    /// Events matching `filter`, oldest first (then by id), one page of them.
    pub fn events(&self, filter: &EventFilter, page: Page) -> Result<Vec<EventRow>> {
        let (clause, mut values) = filter.to_sql();
        let n = values.len();
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE {clause}
             ORDER BY e.day IS NULL, e.day, e.id LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        values.push(Value::Integer(page.limit.min(i64::MAX as u64) as i64));
        values.push(Value::Integer(page.offset.min(i64::MAX as u64) as i64));
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), event_row)
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// How many events match `filter` (for paging).
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        let (clause, values) = filter.to_sql();
        let sql = format!("SELECT COUNT(*) FROM events e WHERE {clause}");
        let n: i64 = self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(values), |r| r.get(0))
            .at(&self.path)?;
        Ok(n as u64)
    }

    /// One event with all its mentions (earliest report first).
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE e.id = ?1");
        let event = self
            .conn
            .query_row(&sql, [id], event_row)
            .optional()
            .at(&self.path)?;
        let Some(event) = event else {
            return Ok(None);
        };
        let mentions = self.mentions_where(
            "m.event_id = ?1 ORDER BY a.published IS NULL, a.published, m.id",
            id,
        )?;
        Ok(Some(EventDetail { event, mentions }))
    }

    pub(crate) fn mentions_where(&self, clause: &str, id: i64) -> Result<Vec<MentionRow>> {
        let sql = format!("SELECT {MENTION_COLUMNS} FROM {MENTION_FROM} WHERE {clause}");
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt.query_map([id], mention_row).at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Articles, newest first, one page of them.
    pub fn articles(&self, page: Page) -> Result<Vec<ArticleRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, doc_id, url, published, source_name, title, sentence_count,
                        event_count, warnings, ingested_at
                 FROM articles ORDER BY published DESC, id DESC LIMIT ?1 OFFSET ?2",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map(
                params![
                    page.limit.min(i64::MAX as u64) as i64,
                    page.offset.min(i64::MAX as u64) as i64
                ],
                article_row,
            )
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The stored id of an article by its own id (the `id` field of the input).
    pub fn article_id(&self, doc_id: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT id FROM articles WHERE doc_id = ?1 ORDER BY id DESC LIMIT 1",
                [doc_id],
                |r| r.get(0),
            )
            .optional()
            .at(&self.path)
    }

    /// One article with its mentions, quotes, quantities and places.
    pub fn article(&self, id: i64) -> Result<Option<ArticleDetail>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, doc_id, url, published, source_name, title, sentence_count,
                        event_count, warnings, ingested_at, text
                 FROM articles WHERE id = ?1",
                [id],
                |r| Ok((article_row(r)?, r.get::<_, Option<String>>(10)?)),
            )
            .optional()
            .at(&self.path)?;
        let Some((article, text)) = row else {
            return Ok(None);
        };
        Ok(Some(ArticleDetail {
            article,
            text,
            mentions: self.mentions_where("m.article_id = ?1 ORDER BY m.ordinal", id)?,
            quotes: self.rows(
                "SELECT quote_id, span_start, span_end, text, speaker_name, speaker_code
                 FROM quotes WHERE article_id = ?1 ORDER BY idx",
                id,
                |r| {
                    Ok(QuoteRow {
                        quote_id: r.get(0)?,
                        span: [r.get(1)?, r.get(2)?],
                        text: r.get(3)?,
                        speaker_name: r.get(4)?,
                        speaker_code: r.get(5)?,
                    })
                },
            )?,
            quantities: self.rows(
                "SELECT kind, value, qualifier, unit, text, span_start, span_end, actor
                 FROM quantities WHERE article_id = ?1 ORDER BY idx",
                id,
                |r| {
                    Ok(QuantityRow {
                        kind: r.get(0)?,
                        value: r.get(1)?,
                        qualifier: r.get(2)?,
                        unit: r.get(3)?,
                        text: r.get(4)?,
                        span: [r.get(5)?, r.get(6)?],
                        actor: r.get(7)?,
                    })
                },
            )?,
            places: self.rows(
                "SELECT text, span_start, span_end, name, country, admin1, lat, lon, geonameid,
                        precision
                 FROM places WHERE article_id = ?1 ORDER BY idx",
                id,
                |r| {
                    Ok(PlaceRow {
                        text: r.get(0)?,
                        span: [r.get(1)?, r.get(2)?],
                        name: r.get(3)?,
                        country: r.get(4)?,
                        admin1: r.get(5)?,
                        lat: r.get(6)?,
                        lon: r.get(7)?,
                        geonameid: r.get(8)?,
                        precision: r.get(9)?,
                    })
                },
            )?,
        }))
    }

    fn rows<T>(
        &self,
        sql: &str,
        id: i64,
        f: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).at(&self.path)?;
        let rows = stmt.query_map([id], f).at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }
}

fn article_row(r: &Row) -> rusqlite::Result<ArticleRow> {
    let warnings: Option<String> = r.get(8)?;
    Ok(ArticleRow {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        url: r.get(2)?,
        published: r.get(3)?,
        source_name: r.get(4)?,
        title: r.get(5)?,
        sentence_count: r.get(6)?,
        event_count: r.get(7)?,
        warnings: warnings
            .and_then(|w| serde_json::from_str(&w).ok())
            .unwrap_or_default(),
        ingested_at: r.get(9)?,
    })
}
