//! Queries behind the HTTP API and the dashboard: events found by any combination of filters
//! (dates, actors, dyad, CAMEO, quad class, PLOVER, bounding box, sentence text) with sorting and
//! keyset (cursor) pages; one event with the evidence of every report, its trigger and actors
//! located in the sentence; a timeline and map points for a filter; actor totals and the extent
//! of the data.

use crate::query::QuoteRow;
use crate::series::{bucket, Interval, SeriesPoint, Tick};
use crate::{time, At, Counts, Error, Result, Store};
use flashpoint_core::Date;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Which events. Actors are countries ("TUR": every Turkish actor) or full codes ("TURGOV").
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Either side of the event.
    pub actor: Option<String>,
    /// The directed dyad: who acted, and on whom.
    pub source: Option<String>,
    pub target: Option<String>,
    /// Two-digit CAMEO root ("19").
    pub cameo_root: Option<String>,
    /// A CAMEO code and the codes under it ("19" = 19x, "190" = 190 and 190x).
    pub cameo: Option<String>,
    pub quad_class: Option<u8>,
    /// PLOVER event category ("ASSAULT").
    pub plover: Option<String>,
    pub bbox: Option<BBox>,
    /// Words that a sentence reporting the event contains (case-insensitive for ASCII).
    pub text: Option<String>,
    pub min_sources: Option<u32>,
}

/// A box of longitudes and latitudes (degrees). `min_lon > max_lon` crosses the antimeridian.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

/// The order of an event list; every order ends with the event id for a stable page boundary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EventSort {
    #[default]
    DateAsc,
    DateDesc,
    GoldsteinAsc,
    GoldsteinDesc,
    SourcesDesc,
}

impl EventSort {
    pub const NAMES: [&'static str; 5] = ["date", "-date", "goldstein", "-goldstein", "-sources"];

    pub fn name(self) -> &'static str {
        match self {
            EventSort::DateAsc => "date",
            EventSort::DateDesc => "-date",
            EventSort::GoldsteinAsc => "goldstein",
            EventSort::GoldsteinDesc => "-goldstein",
            EventSort::SourcesDesc => "-sources",
        }
    }

    /// The sort key; missing values (undated events, no Goldstein value) sort last both ways.
    fn key(self) -> &'static str {
        match self {
            EventSort::DateAsc => "COALESCE(e.day, 1e15)",
            EventSort::DateDesc => "COALESCE(e.day, -1e15)",
            EventSort::GoldsteinAsc => "COALESCE(e.goldstein, 1e15)",
            EventSort::GoldsteinDesc => "COALESCE(e.goldstein, -1e15)",
            EventSort::SourcesDesc => "e.num_sources",
        }
    }

    /// The order of a page: the key's order written so that an index on the column gives it
    /// (missing values last both ways, as the key sorts them), then the event id.
    fn order_by(self) -> &'static str {
        match self {
            EventSort::DateAsc => "e.day ASC NULLS LAST, e.id ASC",
            EventSort::DateDesc => "e.day DESC NULLS LAST, e.id DESC",
            EventSort::GoldsteinAsc => "e.goldstein ASC NULLS LAST, e.id ASC",
            EventSort::GoldsteinDesc => "e.goldstein DESC NULLS LAST, e.id DESC",
            EventSort::SourcesDesc => "e.num_sources DESC, e.id DESC",
        }
    }

    fn descending(self) -> bool {
        matches!(
            self,
            EventSort::DateDesc | EventSort::GoldsteinDesc | EventSort::SourcesDesc
        )
    }
}

impl FromStr for EventSort {
    type Err = String;
    fn from_str(s: &str) -> Result<EventSort, String> {
        let all = [
            EventSort::DateAsc,
            EventSort::DateDesc,
            EventSort::GoldsteinAsc,
            EventSort::GoldsteinDesc,
            EventSort::SourcesDesc,
        ];
        all.into_iter().find(|o| o.name() == s).ok_or_else(|| {
            format!(
                "unknown sort {s:?} (one of {})",
                EventSort::NAMES.join(", ")
            )
        })
    }
}

/// Where a page ends: the last row's sort key and id, and the order they belong to. Written as
/// `ORDER~KEY~ID`; opaque to clients.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cursor {
    pub sort: EventSort,
    pub key: f64,
    pub id: i64,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}~{}~{}", self.sort.name(), self.key, self.id)
    }
}

impl FromStr for Cursor {
    type Err = String;
    fn from_str(s: &str) -> Result<Cursor, String> {
        let bad = || format!("not a cursor from this API: {s:?}");
        let mut parts = s.split('~');
        let (Some(sort), Some(key), Some(id), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let key: f64 = key.parse().map_err(|_| bad())?;
        if !key.is_finite() {
            return Err(bad());
        }
        Ok(Cursor {
            sort: sort.parse().map_err(|_| bad())?,
            key,
            id: id.parse().map_err(|_| bad())?,
        })
    }
}

/// An actor of an event: the codes of the root report and how its text named it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventActor {
    pub code: Option<String>,
    pub country: Option<String>,
    pub role: Option<String>,
    pub text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventPlace {
    pub name: Option<String>,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// A deduplicated event as lists show it: the fields of its root (earliest) report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventSummary {
    pub id: i64,
    pub date: Option<String>,
    pub day_precise: bool,
    pub source: EventActor,
    pub target: EventActor,
    pub cameo: String,
    pub cameo_name: Option<String>,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f64>,
    pub plover: Option<String>,
    pub modality: String,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub trigger: String,
    pub sentence_text: Option<String>,
    pub article_id: i64,
    pub doc_id: String,
    pub source_name: Option<String>,
    pub url: Option<String>,
    pub place: Option<EventPlace>,
}

/// One page of events, the cursor of the next page (none at the end), and how many match.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventPage {
    pub total: u64,
    pub events: Vec<EventSummary>,
    pub next_cursor: Option<String>,
}

const SUMMARY_COLUMNS: &str = "e.id, e.date, e.day_precise, e.source_code, e.source_country,
    e.source_role, m.source_text, e.target_code, e.target_country, e.target_role, m.target_text,
    e.cameo, m.cameo_name, e.quad_class, e.goldstein, m.plover_event, e.modality, e.num_mentions,
    e.num_sources, e.num_articles, m.trigger_text, s.text, m.article_id, a.doc_id,
    a.source_name, a.url, m.place_name, m.place_country, m.place_lat, m.place_lon";

/// Every event with its root report, that report's article and sentence.
const EVENTS_FROM: &str = "events e
    JOIN mentions m ON m.id = e.root_mention
    JOIN articles a ON a.id = m.article_id
    LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index";

fn summary_row(r: &Row) -> rusqlite::Result<EventSummary> {
    let actor = |i: usize| -> rusqlite::Result<EventActor> {
        Ok(EventActor {
            code: r.get(i)?,
            country: r.get(i + 1)?,
            role: r.get(i + 2)?,
            text: r.get(i + 3)?,
        })
    };
    let lat: Option<f64> = r.get(28)?;
    let lon: Option<f64> = r.get(29)?;
    Ok(EventSummary {
        id: r.get(0)?,
        date: r.get(1)?,
        day_precise: r.get(2)?,
        source: actor(3)?,
        target: actor(7)?,
        cameo: r.get(11)?,
        cameo_name: r.get(12)?,
        quad_class: r.get(13)?,
        goldstein: r.get(14)?,
        plover: r.get(15)?,
        modality: r.get(16)?,
        num_mentions: r.get(17)?,
        num_sources: r.get(18)?,
        num_articles: r.get(19)?,
        trigger: r.get(20)?,
        sentence_text: r.get(21)?,
        article_id: r.get(22)?,
        doc_id: r.get(23)?,
        source_name: r.get(24)?,
        url: r.get(25)?,
        place: match (lat, lon) {
            (Some(lat), Some(lon)) => Some(EventPlace {
                name: r.get(26)?,
                country: r.get(27)?,
                lat,
                lon,
            }),
            _ => None,
        },
    })
}

/// What the conditions of `w` need joined to select events. Every event has its root report,
/// article and at most one sentence row, so counting or choosing a page needs the report only
/// where a condition reads it: 100,000 events are then counted in milliseconds instead of a
/// third of a second. A text that few events hold is looked up first and the events read by id
/// (SQLite cannot tell a rare text from a common one, and would start from the other filters).
/// `by_day` reads the events in day order (a page of a date sort that many events match).
fn matching_from(w: &Where, by_day: bool) -> &'static str {
    match (w.text_first, by_day, w.on_mention) {
        (true, _, false) => "event_text f CROSS JOIN events e ON e.id = f.rowid",
        (true, _, true) => {
            "event_text f CROSS JOIN events e ON e.id = f.rowid
             JOIN mentions m ON m.id = e.root_mention"
        }
        (false, false, false) => "events e",
        (false, false, true) => "events e JOIN mentions m ON m.id = e.root_mention",
        (false, true, false) => "events e INDEXED BY events_day",
        (false, true, true) => {
            "events e INDEXED BY events_day JOIN mentions m ON m.id = e.root_mention"
        }
    }
}

/// How a text filter is looked up. Whichever way, an event matches when one of its reports'
/// sentences contains the text (SQLite `LIKE`: case-insensitive for ASCII letters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TextPlan {
    /// In the event's own text (`events.text`), as a condition on each event the other filters
    /// find: a text many events hold, or one too short for the index (under three characters).
    Row,
    /// In the full-text index first (trigrams), then on the few events it names as in `Row`
    /// (the index folds more than ASCII case, so its answer is checked).
    IndexFirst,
    /// In the sentences of each report: a text holding the separator of `events.text`.
    Sentences,
}

/// At most this many events holding a text: look the text up in the index first.
const RARE_TEXT: i64 = 5_000;

/// A WHERE clause being built, with numbered parameters.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    values: Vec<Value>,
    /// A condition reads the root report (`m.`): counting must join it.
    on_mention: bool,
    /// A condition reads the full-text index as a table (`f.`), which leads the FROM clause.
    text_first: bool,
}

impl Where {
    /// Add a condition; each `?` in it takes the next value of `values`.
    fn add(&mut self, clause: &str, values: Vec<Value>) {
        let mut out = String::with_capacity(clause.len() + 8);
        let mut next = values.into_iter();
        for ch in clause.chars() {
            if ch == '?' {
                if let Some(v) = next.next() {
                    self.values.push(v);
                }
                out.push_str(&format!("?{}", self.values.len()));
            } else {
                out.push(ch);
            }
        }
        self.clauses.push(out);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1".to_string()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// `s` as a LIKE pattern matching any text that contains it.
fn contains_pattern(s: &str) -> String {
    let mut p = String::with_capacity(s.len() + 2);
    p.push('%');
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// Columns an actor is matched against: its country or its full code, on each side. A full code
/// is matched on the actor's dedup key, which is its code when it has one (and which the
/// indexes hold); a key that is not a code (an uncoded actor's text, marked `~`) is never
/// matched.
const SOURCE_COLUMNS: [&str; 2] = ["e.source_country", "e.source_key"];
const TARGET_COLUMNS: [&str; 2] = ["e.target_country", "e.target_key"];

/// The actor conditions (either side, source, target) as one OR of ANDed equalities: each term
/// fixes the columns that an index of `events` leads with, so SQLite reads a few index ranges
/// instead of every event of one side. Terms that fix one column to two values are left out.
/// `None` when no actor is asked for.
fn actor_terms(q: &EventQuery) -> Option<(String, Vec<Value>)> {
    let either: Vec<&str> = SOURCE_COLUMNS
        .iter()
        .chain(&TARGET_COLUMNS)
        .copied()
        .collect();
    let mut choices: Vec<(&str, &[&str])> = Vec::new();
    if let Some(a) = &q.actor {
        choices.push((a, &either));
    }
    if let Some(a) = &q.source {
        choices.push((a, &SOURCE_COLUMNS));
    }
    if let Some(a) = &q.target {
        choices.push((a, &TARGET_COLUMNS));
    }
    if choices.is_empty() {
        return None;
    }
    let mut terms: Vec<Vec<(&str, &str)>> = vec![Vec::new()];
    for (value, columns) in choices {
        let mut next = Vec::new();
        for term in &terms {
            for &col in columns {
                if col.ends_with("_key") && !crate::dedup::is_code_key(value) {
                    continue;
                }
                match term.iter().find(|(c, _)| *c == col) {
                    Some((_, v)) if *v != value => {}
                    Some(_) => next.push(term.clone()),
                    None => {
                        let mut t = term.clone();
                        t.push((col, value));
                        next.push(t);
                    }
                }
            }
        }
        terms = next;
    }
    terms.sort();
    terms.dedup();
    if terms.is_empty() {
        return Some(("0".to_string(), Vec::new()));
    }
    let mut sql = String::from("(");
    let mut values = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            sql.push_str(" OR ");
        }
        sql.push('(');
        for (j, (col, value)) in term.iter().enumerate() {
            if j > 0 {
                sql.push_str(" AND ");
            }
            sql.push_str(col);
            sql.push_str(" = ?");
            values.push(text(value));
        }
        sql.push(')');
    }
    sql.push(')');
    Some((sql, values))
}

/// The least string greater than every string that starts with `prefix` (SQLite compares text
/// byte by byte, which for UTF-8 is code point order); `None` when there is none.
fn prefix_end(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last {
            '\u{d7ff}' => Some('\u{e000}'),
            c => char::from_u32(u32::from(c) + 1),
        };
        if let Some(n) = next {
            chars.push(n);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// `text` as an FTS5 phrase: the whole string, quotes doubled. With trigram tokens a phrase
/// matches where the text holds it as a substring.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

impl EventQuery {
    /// How the text filter is looked up without asking the index how many events hold it.
    fn text_plan(&self) -> Option<TextPlan> {
        let t = self.text.as_deref()?;
        Some(if t.contains(crate::schema::TEXT_SEPARATOR) {
            TextPlan::Sentences
        } else {
            TextPlan::Row
        })
    }

    fn to_where(&self, text_plan: Option<TextPlan>) -> Where {
        let mut w = Where::default();
        if let Some(d) = self.from {
            w.add("e.day >= ?", vec![Value::Integer(time::day_of(d))]);
        }
        if let Some(d) = self.to {
            w.add("e.day <= ?", vec![Value::Integer(time::day_of(d))]);
        }
        if let Some((clause, values)) = actor_terms(self) {
            w.add(&clause, values);
        }
        if let Some(root) = &self.cameo_root {
            w.add("e.cameo_root = ?", vec![text(root)]);
        }
        if let Some(code) = &self.cameo {
            // A range of the code index rather than a test of every event's code.
            w.add("e.cameo >= ?", vec![text(code)]);
            if let Some(end) = prefix_end(code) {
                w.add("e.cameo < ?", vec![Value::Text(end)]);
            }
        }
        if let Some(q) = self.quad_class {
            // One event in four has a given quad class: its index is worth reading only when
            // no filter that narrows more has one (a leading `+` keeps SQLite from choosing it,
            // as SQLite takes any equality to be narrow).
            let narrower = self.actor.is_some()
                || self.source.is_some()
                || self.target.is_some()
                || self.cameo.is_some()
                || self.bbox.is_some();
            let clause = if narrower {
                "+e.quad_class = ?"
            } else {
                "e.quad_class = ?"
            };
            w.add(clause, vec![Value::Integer(q.into())]);
        }
        if let Some(p) = &self.plover {
            w.add("upper(m.plover_event) = upper(?)", vec![text(p)]);
            w.on_mention = true;
        }
        if let Some(b) = self.bbox {
            add_bbox(&mut w, b);
        }
        if let (Some(t), Some(plan)) = (&self.text, text_plan) {
            add_text(&mut w, t, plan);
        }
        if let Some(n) = self.min_sources {
            w.add("e.num_sources >= ?", vec![Value::Integer(n.into())]);
        }
        w
    }
}

fn add_bbox(w: &mut Where, b: BBox) {
    w.add(
        "e.place_lat BETWEEN ? AND ?",
        vec![Value::Real(b.min_lat), Value::Real(b.max_lat)],
    );
    let lon = if b.min_lon <= b.max_lon {
        "e.place_lon BETWEEN ? AND ?"
    } else {
        "(e.place_lon >= ? OR e.place_lon <= ?)"
    };
    w.add(lon, vec![Value::Real(b.min_lon), Value::Real(b.max_lon)]);
}

fn add_text(w: &mut Where, t: &str, plan: TextPlan) {
    let pattern = Value::Text(contains_pattern(t));
    match plan {
        TextPlan::Row => w.add("e.text LIKE ? ESCAPE '\\'", vec![pattern]),
        TextPlan::IndexFirst => {
            w.add("f.event_text MATCH ?", vec![Value::Text(phrase(t))]);
            w.add("e.text LIKE ? ESCAPE '\\'", vec![pattern]);
            w.text_first = true;
        }
        TextPlan::Sentences => w.add(
            "EXISTS (SELECT 1 FROM mentions mm JOIN sentences ss
                ON ss.article_id = mm.article_id AND ss.idx = mm.sentence_index
              WHERE mm.event_id = e.id AND ss.text LIKE ? ESCAPE '\\')",
            vec![pattern],
        ),
    }
}

/// The evidence of one report of an event: where it was told, the sentence, and in it the
/// trigger and the actors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionEvidence {
    pub id: i64,
    pub article_id: i64,
    pub doc_id: String,
    pub title: Option<String>,
    pub source_name: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub coded_id: String,
    pub sentence_index: i64,
    pub sentence_text: Option<String>,
    /// The sentence's byte span in the article text.
    pub sentence_span: Option<[i64; 2]>,
    pub trigger: Marked,
    pub source: Marked,
    pub target: Marked,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    pub cameo: String,
    pub cameo_name: Option<String>,
    pub goldstein: Option<f64>,
    pub quad_class: Option<u8>,
    pub plover: Option<String>,
    pub modality: String,
    pub negated: bool,
    pub confidence: f64,
    pub date: Option<String>,
    pub place: Option<EventPlace>,
    /// The quote the event was told in, when it was.
    pub quote: Option<QuoteRow>,
    /// The sentence cut at the marks, in order: concatenated, the segments are the sentence.
    pub segments: Vec<Segment>,
}

/// A piece of text and where it stands in the sentence (byte offsets into `sentence_text`), when
/// it could be found there (an actor resolved from another sentence has no span).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Marked {
    pub text: Option<String>,
    pub span: Option<[usize; 2]>,
}

/// A run of sentence text, marked `trigger`, `source` or `target`, or plain (no mark).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Segment {
    pub text: String,
    pub mark: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventEvidence {
    pub event: EventSummary,
    pub mentions: Vec<MentionEvidence>,
}

/// Events at one place: counts by quad class.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapPoint {
    pub lat: f64,
    pub lon: f64,
    pub name: Option<String>,
    pub country: Option<String>,
    pub events: u64,
    pub quad: [u64; 4],
}

/// How often a country (or code) acts or is acted on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorTotal {
    pub actor: String,
    pub events: u64,
}

/// What the store holds and the days its events span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overview {
    pub counts: Counts,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

const EVIDENCE_COLUMNS: &str = "m.id, m.article_id, a.doc_id, a.title, a.source_name, a.url,
    a.published, m.coded_id, m.sentence_index, s.text, s.span_start, s.span_end, m.trigger_text,
    m.trigger_start, m.trigger_end, m.source_text, m.source_code, m.target_text, m.target_code,
    m.cameo, m.cameo_name, m.goldstein, m.quad_class, m.plover_event, m.modality, m.negated,
    m.confidence, m.date, m.place_name, m.place_country, m.place_lat, m.place_lon, m.quote_id";

/// A mention row before its marks are placed.
struct RawEvidence {
    ev: MentionEvidence,
    trigger_start: i64,
    trigger_end: i64,
    quote_id: Option<i64>,
}

fn evidence_row(r: &Row) -> rusqlite::Result<RawEvidence> {
    let span: (Option<i64>, Option<i64>) = (r.get(10)?, r.get(11)?);
    let lat: Option<f64> = r.get(30)?;
    let lon: Option<f64> = r.get(31)?;
    let marked = |t: Option<String>| Marked {
        text: t,
        span: None,
    };
    let ev = MentionEvidence {
        id: r.get(0)?,
        article_id: r.get(1)?,
        doc_id: r.get(2)?,
        title: r.get(3)?,
        source_name: r.get(4)?,
        url: r.get(5)?,
        published: r.get(6)?,
        coded_id: r.get(7)?,
        sentence_index: r.get(8)?,
        sentence_text: r.get(9)?,
        sentence_span: match span {
            (Some(a), Some(b)) => Some([a, b]),
            _ => None,
        },
        trigger: marked(r.get(12)?),
        source: marked(r.get(15)?),
        source_code: r.get(16)?,
        target: marked(r.get(17)?),
        target_code: r.get(18)?,
        cameo: r.get(19)?,
        cameo_name: r.get(20)?,
        goldstein: r.get(21)?,
        quad_class: r.get(22)?,
        plover: r.get(23)?,
        modality: r.get(24)?,
        negated: r.get(25)?,
        confidence: r.get(26)?,
        date: r.get(27)?,
        place: match (lat, lon) {
            (Some(lat), Some(lon)) => Some(EventPlace {
                name: r.get(28)?,
                country: r.get(29)?,
                lat,
                lon,
            }),
            _ => None,
        },
        quote: None,
        segments: Vec::new(),
    };
    Ok(RawEvidence {
        ev,
        trigger_start: r.get(13)?,
        trigger_end: r.get(14)?,
        quote_id: r.get(32)?,
    })
}

impl RawEvidence {
    /// Place the trigger (from its stored span) and the actors (found by their text) in the
    /// sentence, and cut the sentence into segments.
    fn mark(mut self) -> (MentionEvidence, Option<i64>) {
        let ev = &mut self.ev;
        let Some(sentence) = ev.sentence_text.clone() else {
            return (self.ev, self.quote_id);
        };
        let start = ev.sentence_span.map_or(0, |s| s[0]);
        let trigger = relative_span(
            &sentence,
            self.trigger_start - start,
            self.trigger_end - start,
        )
        .or_else(|| {
            ev.trigger
                .text
                .as_deref()
                .and_then(|t| find_word(&sentence, t, 0))
        });
        ev.trigger.span = trigger;
        let near = trigger.map_or(0, |t| t[0]);
        let mut marks: Vec<([usize; 2], &'static str)> = Vec::new();
        if let Some(t) = trigger {
            marks.push((t, "trigger"));
        }
        for (actor, name) in [(&mut ev.source, "source"), (&mut ev.target, "target")] {
            let found = actor
                .text
                .as_deref()
                .and_then(|t| find_word_avoiding(&sentence, t, near, &marks));
            if let Some(span) = found {
                actor.span = Some(span);
                marks.push((span, name));
            }
        }
        ev.segments = segments(&sentence, marks);
        (self.ev, self.quote_id)
    }
}

/// A byte span of `sentence` if it lies inside it on character boundaries.
fn relative_span(sentence: &str, a: i64, b: i64) -> Option<[usize; 2]> {
    let (a, b) = (usize::try_from(a).ok()?, usize::try_from(b).ok()?);
    (a < b && b <= sentence.len() && sentence.is_char_boundary(a) && sentence.is_char_boundary(b))
        .then_some([a, b])
}

/// The occurrence of `word` in `sentence` (as a whole word) nearest to byte `near`.
fn find_word(sentence: &str, word: &str, near: usize) -> Option<[usize; 2]> {
    find_word_avoiding(sentence, word, near, &[])
}

fn find_word_avoiding(
    sentence: &str,
    word: &str,
    near: usize,
    taken: &[([usize; 2], &str)],
) -> Option<[usize; 2]> {
    if word.is_empty() {
        return None;
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    sentence
        .match_indices(word)
        .map(|(i, _)| [i, i + word.len()])
        .filter(|[a, b]| {
            !is_word(sentence[..*a].chars().next_back()) && !is_word(sentence[*b..].chars().next())
        })
        .filter(|s| !taken.iter().any(|(t, _)| s[0] < t[1] && t[0] < s[1]))
        .min_by_key(|s| s[0].abs_diff(near))
}

/// Cut `sentence` at non-overlapping marks.
fn segments(sentence: &str, mut marks: Vec<([usize; 2], &'static str)>) -> Vec<Segment> {
    marks.sort_by_key(|(s, _)| s[0]);
    let mut out = Vec::new();
    let mut at = 0;
    for ([a, b], mark) in marks {
        if a < at {
            continue;
        }
        if a > at {
            out.push(Segment {
                text: sentence[at..a].to_string(),
                mark: None,
            });
        }
        out.push(Segment {
            text: sentence[a..b].to_string(),
            mark: Some(mark),
        });
        at = b;
    }
    if at < sentence.len() {
        out.push(Segment {
            text: sentence[at..].to_string(),
            mark: None,
        });
    }
    out
}

/// The statement that counts the events matching `q`, and its parameters.
fn count_sql(q: &EventQuery, text: Option<TextPlan>) -> (String, Vec<Value>) {
    let w = q.to_where(text);
    let from = matching_from(&w, false);
    let sql = format!("SELECT COUNT(*) FROM {from} WHERE {}", w.sql());
    (sql, w.values)
}

/// The statement that reads one page (and one event more, to know whether another page
/// follows), and its parameters. Each row ends with its sort key (column 30).
fn page_sql(
    q: &EventQuery,
    text: Option<TextPlan>,
    sort: EventSort,
    cursor: Option<Cursor>,
    limit: i64,
    by_day: bool,
) -> Result<(String, Vec<Value>)> {
    let mut w = q.to_where(text);
    let key = sort.key();
    let order_by = sort.order_by();
    let cmp = if sort.descending() { "<" } else { ">" };
    if let Some(c) = cursor {
        if c.sort != sort {
            return Err(Error::Invalid(format!(
                "the cursor belongs to sort {}, not {}",
                c.sort.name(),
                sort.name()
            )));
        }
        w.add(
            &format!("({key} {cmp} ? OR ({key} = ? AND e.id {cmp} ?))"),
            vec![Value::Real(c.key), Value::Real(c.key), Value::Integer(c.id)],
        );
    }
    // The page is chosen on the events alone (joined to their report only where a condition
    // reads it) and only its rows are joined to reports, articles and sentences: sorting
    // thousands of matches with all their columns took most of a request's time.
    let from = matching_from(&w, by_day);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, {key} FROM {EVENTS_FROM} WHERE e.id IN (
            SELECT e.id FROM {from} WHERE {} ORDER BY {order_by} LIMIT {})
         ORDER BY {order_by}",
        w.sql(),
        limit + 1
    );
    Ok((sql, w.values))
}

/// Longest timeline served: more periods than this is a question for a wider interval.
pub const MAX_PERIODS: usize = 5_000;

impl Store {
    /// One page of the events matching `q`, in `sort` order, after `cursor` (which must come
    /// from the same order).
    pub fn find_events(
        &self,
        q: &EventQuery,
        sort: EventSort,
        cursor: Option<Cursor>,
        limit: u64,
    ) -> Result<EventPage> {
        let text = self.text_plan(q)?;
        let total = self.count_with(q, text)?;
        let limit = limit.clamp(1, 10_000) as i64;
        let by_day = self.page_by_day(sort, text, total, limit)?;
        let (sql, values) = page_sql(q, text, sort, cursor, limit, by_day)?;
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), |r| {
                Ok((summary_row(r)?, r.get::<_, f64>(30)?))
            })
            .at(&self.path)?;
        let mut rows: Vec<(EventSummary, f64)> =
            rows.collect::<rusqlite::Result<_>>().at(&self.path)?;
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = match rows.last() {
            Some((e, k)) if more => Some(
                Cursor {
                    sort,
                    key: *k,
                    id: e.id,
                }
                .to_string(),
            ),
            _ => None,
        };
        Ok(EventPage {
            total,
            events: rows.into_iter().map(|(e, _)| e).collect(),
            next_cursor,
        })
    }

    /// How many events match `q`.
    pub fn count_matching(&self, q: &EventQuery) -> Result<u64> {
        self.count_with(q, self.text_plan(q)?)
    }

    fn count_with(&self, q: &EventQuery, text: Option<TextPlan>) -> Result<u64> {
        let (sql, values) = count_sql(q, text);
        let n: i64 = self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(values), |r| r.get(0))
            .at(&self.path)?;
        Ok(n as u64)
    }

    /// Whether a page of `total` matches is read in day order (the day index), stopping at the
    /// page's end: for a date sort that at least a quarter of all events match, some four events
    /// are read per event shown. SQLite, taking any equality to be narrow, would rather read all
    /// the matches and sort them. (Where the matches are mostly at the far end of the order, it
    /// reads up to every event: at most four times what reading the matches costs.)
    fn page_by_day(
        &self,
        sort: EventSort,
        text: Option<TextPlan>,
        total: u64,
        limit: i64,
    ) -> Result<bool> {
        let by_date = matches!(sort, EventSort::DateAsc | EventSort::DateDesc);
        if !by_date || text == Some(TextPlan::IndexFirst) || total <= limit as u64 {
            return Ok(false);
        }
        let events: i64 = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM events")
            .at(&self.path)?
            .query_row([], |r| r.get(0))
            .at(&self.path)?;
        Ok(total.saturating_mul(4) >= events as u64)
    }

    /// How the text filter of `q` is looked up: in the index first when it is long enough for
    /// it and at most [`RARE_TEXT`] events hold it (counting them stops there, so asking costs
    /// little even for a text every event holds).
    fn text_plan(&self, q: &EventQuery) -> Result<Option<TextPlan>> {
        let plan = q.text_plan();
        let Some(t) = q.text.as_deref() else {
            return Ok(plan);
        };
        if plan != Some(TextPlan::Row) || t.chars().count() < 3 {
            return Ok(plan);
        }
        let held: i64 = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM
                    (SELECT 1 FROM event_text WHERE event_text MATCH ?1 LIMIT ?2)",
            )
            .at(&self.path)?
            .query_row(rusqlite::params![phrase(t), RARE_TEXT + 1], |r| r.get(0))
            .at(&self.path)?;
        Ok(Some(if held <= RARE_TEXT {
            TextPlan::IndexFirst
        } else {
            TextPlan::Row
        }))
    }

    /// How SQLite runs [`Store::find_events`] for `q` (a first page of 100): the lines of
    /// `EXPLAIN QUERY PLAN` of the count, then of the page. For finding what a slow filter lacks.
    pub fn find_events_plan(&self, q: &EventQuery, sort: EventSort) -> Result<Vec<String>> {
        let text = self.text_plan(q)?;
        let total = self.count_with(q, text)?;
        let by_day = self.page_by_day(sort, text, total, 100)?;
        let mut lines = vec![
            format!("text: {text:?}, page by day: {by_day}"),
            "count:".into(),
        ];
        let (sql, values) = count_sql(q, text);
        lines.extend(self.plan(&sql, values)?);
        lines.push("page:".to_string());
        let (sql, values) = page_sql(q, text, sort, None, 100, by_day)?;
        lines.extend(self.plan(&sql, values)?);
        Ok(lines)
    }

    fn plan(&self, sql: &str, values: Vec<Value>) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .at(&self.path)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .at(&self.path)?;
        let rows: Vec<(i64, i64, String)> = rows.collect::<rusqlite::Result<_>>().at(&self.path)?;
        // Indent each step under its parent.
        let mut depth: Vec<(i64, usize)> = Vec::new();
        let mut out = Vec::with_capacity(rows.len());
        for (id, parent, detail) in rows {
            let level = depth
                .iter()
                .find(|(i, _)| *i == parent)
                .map_or(0, |(_, l)| l + 1);
            depth.push((id, level));
            out.push(format!("{}{detail}", "  ".repeat(level + 1)));
        }
        Ok(out)
    }

    /// One event and the evidence of each of its reports (earliest publication first).
    pub fn event_evidence(&self, id: i64) -> Result<Option<EventEvidence>> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM {EVENTS_FROM} WHERE e.id = ?1");
        let event = self
            .conn
            .query_row(&sql, [id], summary_row)
            .optional()
            .at(&self.path)?;
        let Some(event) = event else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT {EVIDENCE_COLUMNS} FROM mentions m
             JOIN articles a ON a.id = m.article_id
             LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index
             WHERE m.event_id = ?1
             ORDER BY a.published IS NULL, a.published, m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let raw: Vec<RawEvidence> = stmt
            .query_map([id], evidence_row)
            .at(&self.path)?
            .collect::<rusqlite::Result<_>>()
            .at(&self.path)?;
        let mut mentions = Vec::with_capacity(raw.len());
        for r in raw {
            let (mut ev, quote_id) = r.mark();
            if let Some(q) = quote_id {
                ev.quote = self.quote(ev.article_id, q)?;
            }
            mentions.push(ev);
        }
        Ok(Some(EventEvidence { event, mentions }))
    }

    fn quote(&self, article_id: i64, quote_id: i64) -> Result<Option<QuoteRow>> {
        self.conn
            .prepare_cached(
                "SELECT quote_id, span_start, span_end, text, speaker_name, speaker_code
                 FROM quotes WHERE article_id = ?1 AND quote_id = ?2 ORDER BY idx LIMIT 1",
            )
            .at(&self.path)?
            .query_row([article_id, quote_id], |r| {
                Ok(QuoteRow {
                    quote_id: r.get(0)?,
                    span: [r.get(1)?, r.get(2)?],
                    text: r.get(3)?,
                    speaker_name: r.get(4)?,
                    speaker_code: r.get(5)?,
                })
            })
            .optional()
            .at(&self.path)
    }

    /// Counts and Goldstein mean per period of the events matching `q` that are dated to the day
    /// (an event known only by its year or month, often a historical one, has no week), from the
    /// first such event to the last (empty periods included). More than [`MAX_PERIODS`] periods is
    /// [`Error::Invalid`].
    pub fn timeline(&self, q: &EventQuery, interval: Interval) -> Result<Vec<SeriesPoint>> {
        let w = q.to_where(q.text_plan());
        let sql = format!(
            "SELECT e.day, e.quad_class, e.goldstein FROM {EVENTS_FROM}
             WHERE e.day IS NOT NULL AND e.day_precise = 1 AND {} ORDER BY e.day",
            w.sql()
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let ticks: Vec<Tick> = stmt
            .query_map(rusqlite::params_from_iter(w.values), |r| {
                Ok(Tick {
                    day: r.get(0)?,
                    quad: r.get(1)?,
                    goldstein: r.get(2)?,
                })
            })
            .at(&self.path)?
            .collect::<rusqlite::Result<_>>()
            .at(&self.path)?;
        let (Some(first), Some(last)) = (ticks.first(), ticks.last()) else {
            return Ok(Vec::new());
        };
        let periods = (interval.start(last.day) - interval.start(first.day)) / interval.days() + 1;
        if periods as usize > MAX_PERIODS {
            return Err(Error::Invalid(format!(
                "the events span {periods} periods (at most {MAX_PERIODS}): use a wider \
                 interval or a narrower date range"
            )));
        }
        Ok(bucket(&ticks, first.day, last.day, interval))
    }

    /// The places of the events matching `q` (their root report's place), busiest first.
    pub fn map_points(&self, q: &EventQuery, limit: u64) -> Result<Vec<MapPoint>> {
        let w = q.to_where(q.text_plan());
        let sql = format!(
            "SELECT m.place_lat, m.place_lon, MIN(m.place_name), MIN(m.place_country),
                    e.quad_class, COUNT(*)
             FROM {EVENTS_FROM}
             WHERE m.place_lat IS NOT NULL AND m.place_lon IS NOT NULL AND {}
             GROUP BY m.place_lat, m.place_lon, e.quad_class",
            w.sql()
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(w.values), |r| {
                Ok((
                    r.get::<_, f64>(0)?,
                    r.get::<_, f64>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<u8>>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })
            .at(&self.path)?;
        let mut points: Vec<MapPoint> = Vec::new();
        for row in rows {
            let (lat, lon, name, country, quad, n) = row.at(&self.path)?;
            let i = match points.iter().position(|p| p.lat == lat && p.lon == lon) {
                Some(i) => i,
                None => {
                    points.push(MapPoint {
                        lat,
                        lon,
                        name,
                        country,
                        events: 0,
                        quad: [0; 4],
                    });
                    points.len() - 1
                }
            };
            let p = &mut points[i];
            p.events += n as u64;
            if let Some(q @ 1..=4) = quad {
                p.quad[usize::from(q) - 1] += n as u64;
            }
        }
        points.sort_by(|a, b| b.events.cmp(&a.events).then(a.lat.total_cmp(&b.lat)));
        points.truncate(limit.min(usize::MAX as u64) as usize);
        Ok(points)
    }

    /// Countries by the number of events they act in or are acted on, busiest first.
    pub fn actor_totals(&self, limit: u64) -> Result<Vec<ActorTotal>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c, SUM(n) AS total FROM (
                    SELECT source_country AS c, COUNT(*) AS n FROM events
                     WHERE source_country IS NOT NULL GROUP BY source_country
                    UNION ALL
                    SELECT target_country, COUNT(*) FROM events
                     WHERE target_country IS NOT NULL GROUP BY target_country)
                 GROUP BY c ORDER BY total DESC, c LIMIT ?1",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([limit.min(i64::MAX as u64) as i64], |r| {
                Ok(ActorTotal {
                    actor: r.get(0)?,
                    events: r.get::<_, i64>(1)? as u64,
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Row counts and the first and last day of the events dated to the day.
    pub fn overview(&self) -> Result<Overview> {
        let sql = "SELECT MIN(day), MAX(day) FROM events WHERE day_precise = 1";
        let (first, last): (Option<i64>, Option<i64>) = self
            .conn
            .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
            .at(&self.path)?;
        Ok(Overview {
            counts: self.counts()?,
            first_date: first.map(|d| time::date_of(d).to_string()),
            last_date: last.map(|d| time::date_of(d).to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_and_refuse_strangers() {
        let c = Cursor {
            sort: EventSort::GoldsteinDesc,
            key: -9.5,
            id: 42,
        };
        assert_eq!(c.to_string(), "-goldstein~-9.5~42");
        assert_eq!(c.to_string().parse::<Cursor>(), Ok(c));
        for bad in [
            "",
            "date~1",
            "date~x~1",
            "date~1~2~3",
            "size~1~2",
            "date~inf~1",
        ] {
            assert!(bad.parse::<Cursor>().is_err(), "{bad}");
        }
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn segments_cover_the_sentence_and_skip_overlaps() {
        let s = "Ankara said Damascus shelled the post.";
        let marks = vec![
            ([21, 28], "trigger"),
            ([0, 6], "source"),
            ([3, 9], "target"),
        ];
        let segs = segments(s, marks);
        let joined: String = segs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(joined, s);
        let marked: Vec<_> = segs
            .iter()
            .filter_map(|g| g.mark.map(|m| (m, g.text.as_str())))
            .collect();
        assert_eq!(marked, [("source", "Ankara"), ("trigger", "shelled")]);
    }

    #[test]
    fn actors_are_found_as_whole_words_near_the_trigger() {
        let s = "Iranians said Iran warned Iran's rivals.";
        let trigger = find_word(s, "warned", 0).unwrap();
        assert_eq!(trigger, [19, 25]);
        // "Iran" inside "Iranians" is not a word; of the two others the nearer wins.
        let found = find_word(s, "Iran", trigger[0]).unwrap();
        assert_eq!(&s[found[0]..found[1]], "Iran");
        assert_eq!(found[0], 14);
        assert_eq!(relative_span(s, 3, 2), None);
        assert_eq!(relative_span("é", 1, 2), None);
    }
}
