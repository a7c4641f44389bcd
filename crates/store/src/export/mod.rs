//! Exports of the deduplicated events: GDELT 2.0's event table, Phoenix, JSONL, CSV and Parquet
//! (partitioned by date). One row per event, with the fields of its root report and the lists of
//! every article, URL and outlet that told it.

mod flat;
mod gdelt;
#[cfg(feature = "parquet")]
mod parquet;
mod phoenix;

use crate::{time, At, Error, Result, Store};
use flashpoint_core::Date;
use rusqlite::params;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// GDELT 2.0 event table: its 61 columns in order, tab-separated, under a header line.
    Gdelt,
    /// Phoenix (Open Event Data Alliance) event table: 26 columns, tab-separated, under a header.
    Phoenix,
    /// One JSON object per event.
    Jsonl,
    /// Comma-separated, RFC 4180 quoting, the same columns as Parquet plus the date.
    Csv,
    /// Parquet files partitioned by date (`events/date=YYYY-MM-DD/part-0.parquet`).
    Parquet,
}

impl FromStr for ExportFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<ExportFormat> {
        match s {
            "gdelt" => Ok(ExportFormat::Gdelt),
            "phoenix" => Ok(ExportFormat::Phoenix),
            "jsonl" => Ok(ExportFormat::Jsonl),
            "csv" => Ok(ExportFormat::Csv),
            "parquet" => Ok(ExportFormat::Parquet),
            _ => Err(Error::Invalid(format!(
                "unknown export format {s:?} (gdelt, phoenix, jsonl, csv, parquet)"
            ))),
        }
    }
}

/// What to export, and where.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// The folder the files are written in (created when missing).
    pub out_dir: PathBuf,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    pub files: Vec<PathBuf>,
    pub events: u64,
}

/// One event as exported: its root report's fields, its counts, and who told it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExportRow {
    pub event_id: i64,
    pub date: Option<String>,
    pub day_precise: bool,
    pub source_code: Option<String>,
    pub source_country: Option<String>,
    pub source_role: Option<String>,
    pub source_actor: Option<String>,
    pub source_text: Option<String>,
    pub target_code: Option<String>,
    pub target_country: Option<String>,
    pub target_role: Option<String>,
    pub target_actor: Option<String>,
    pub target_text: Option<String>,
    pub cameo: String,
    pub cameo_name: Option<String>,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub plover_context: Option<String>,
    pub modality: String,
    pub historical: bool,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub place_admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<i64>,
    pub place_precision: Option<String>,
    /// The root report: its article (stored id and own id), URL, outlet and sentence.
    pub article_id: i64,
    pub doc_id: String,
    pub url: Option<String>,
    pub news_source: Option<String>,
    pub published: Option<String>,
    pub sentence_index: i64,
    pub sentence_text: Option<String>,
    pub confidence: f64,
    pub ingested_at: String,
    /// Every article (own ids), URL (or id when none) and outlet that told the event.
    pub articles: Vec<String>,
    pub urls: Vec<String>,
    pub news_sources: Vec<String>,
}

impl ExportRow {
    pub(crate) fn day(&self) -> Option<Date> {
        self.date.as_deref().and_then(|d| d.parse().ok())
    }
}

const ROWS: &str = "
SELECT e.id, e.date, e.day_precise, e.cameo, e.quad_class, e.goldstein, e.modality,
       e.num_mentions, e.num_sources, e.num_articles,
       m.source_code, m.source_country, m.source_role, m.source_name, m.source_text,
       m.target_code, m.target_country, m.target_role, m.target_name, m.target_text,
       m.cameo_name, m.plover_event, m.plover_mode, m.plover_context, m.historical,
       m.place_name, m.place_country, m.place_admin1, m.place_lat, m.place_lon,
       m.place_geonameid, m.place_precision, m.sentence_index, m.confidence,
       a.id, a.doc_id, a.url, a.source_name, a.published, a.ingested_at, s.text,
       (SELECT group_concat(v, char(31)) FROM
          (SELECT a2.doc_id AS v FROM mentions m2 JOIN articles a2 ON a2.id = m2.article_id
           WHERE m2.event_id = e.id GROUP BY v ORDER BY MIN(m2.id))),
       (SELECT group_concat(v, char(31)) FROM
          (SELECT COALESCE(a2.url, a2.doc_id) AS v FROM mentions m2
           JOIN articles a2 ON a2.id = m2.article_id
           WHERE m2.event_id = e.id GROUP BY v ORDER BY MIN(m2.id))),
       (SELECT group_concat(v, char(31)) FROM
          (SELECT a2.source_name AS v FROM mentions m2 JOIN articles a2 ON a2.id = m2.article_id
           WHERE m2.event_id = e.id AND a2.source_name IS NOT NULL
           GROUP BY v ORDER BY MIN(m2.id)))
FROM events e
JOIN mentions m ON m.id = e.root_mention
JOIN articles a ON a.id = m.article_id
LEFT JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index
WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2)
ORDER BY e.day IS NULL, e.day, e.id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<ExportRow> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let v: Option<String> = r.get(i)?;
        Ok(v.map(|s| s.split('\u{1f}').map(String::from).collect())
            .unwrap_or_default())
    };
    Ok(ExportRow {
        event_id: r.get(0)?,
        date: r.get(1)?,
        day_precise: r.get(2)?,
        cameo: r.get(3)?,
        quad_class: r.get(4)?,
        goldstein: r.get(5)?,
        modality: r.get(6)?,
        num_mentions: r.get(7)?,
        num_sources: r.get(8)?,
        num_articles: r.get(9)?,
        source_code: r.get(10)?,
        source_country: r.get(11)?,
        source_role: r.get(12)?,
        source_actor: r.get(13)?,
        source_text: r.get(14)?,
        target_code: r.get(15)?,
        target_country: r.get(16)?,
        target_role: r.get(17)?,
        target_actor: r.get(18)?,
        target_text: r.get(19)?,
        cameo_name: r.get(20)?,
        plover_event: r.get(21)?,
        plover_mode: r.get(22)?,
        plover_context: r.get(23)?,
        historical: r.get(24)?,
        place_name: r.get(25)?,
        place_country: r.get(26)?,
        place_admin1: r.get(27)?,
        lat: r.get(28)?,
        lon: r.get(29)?,
        geonameid: r.get(30)?,
        place_precision: r.get(31)?,
        sentence_index: r.get(32)?,
        confidence: r.get(33)?,
        article_id: r.get(34)?,
        doc_id: r.get(35)?,
        url: r.get(36)?,
        news_source: r.get(37)?,
        published: r.get(38)?,
        ingested_at: r.get(39)?,
        sentence_text: r.get(40)?,
        articles: list(41)?,
        urls: list(42)?,
        news_sources: list(43)?,
    })
}

/// A writer of one text format.
pub(crate) trait RowSink {
    fn header(&mut self, out: &mut dyn Write) -> std::io::Result<()>;
    fn row(&mut self, out: &mut dyn Write, row: &ExportRow) -> std::io::Result<()>;
}

impl Store {
    /// Write the events (all, or those dated `from..=to`) in `format` into `out_dir`.
    pub fn export(&self, opts: &ExportOptions) -> Result<ExportReport> {
        std::fs::create_dir_all(&opts.out_dir).map_err(|e| io_at(&opts.out_dir, e))?;
        let (name, mut sink): (&str, Box<dyn RowSink>) = match opts.format {
            ExportFormat::Gdelt => ("events.gdelt.tsv", Box::new(gdelt::Gdelt)),
            ExportFormat::Phoenix => ("events.phoenix.tsv", Box::new(phoenix::Phoenix)),
            ExportFormat::Jsonl => ("events.jsonl", Box::new(flat::Jsonl)),
            ExportFormat::Csv => ("events.csv", Box::new(flat::Csv)),
            ExportFormat::Parquet => return self.export_parquet(opts),
        };
        let path = opts.out_dir.join(name);
        let file = File::create(&path).map_err(|e| io_at(&path, e))?;
        let mut out = BufWriter::new(file);
        sink.header(&mut out).map_err(|e| io_at(&path, e))?;
        let mut events = 0;
        self.each_row(opts.from, opts.to, &mut |r| {
            events += 1;
            sink.row(&mut out, &r).map_err(|e| io_at(&path, e))
        })?;
        out.flush().map_err(|e| io_at(&path, e))?;
        Ok(ExportReport {
            files: vec![path],
            events,
        })
    }

    #[cfg(feature = "parquet")]
    fn export_parquet(&self, opts: &ExportOptions) -> Result<ExportReport> {
        parquet::export(self, opts)
    }

    #[cfg(not(feature = "parquet"))]
    fn export_parquet(&self, _opts: &ExportOptions) -> Result<ExportReport> {
        Err(Error::Invalid(
            "this build has no Parquet export (built without the `parquet` feature)".into(),
        ))
    }

    /// Every exported row in date order, handed to `f` one at a time.
    pub(crate) fn each_row(
        &self,
        from: Option<Date>,
        to: Option<Date>,
        f: &mut dyn FnMut(ExportRow) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(ROWS).at(&self.path)?;
        let mut rows = stmt
            .query(params![from.map(time::day_of), to.map(time::day_of)])
            .at(&self.path)?;
        while let Some(r) = rows.next().at(&self.path)? {
            f(row(r).at(&self.path)?)?;
        }
        Ok(())
    }
}

pub(crate) fn io_at(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A field for a tab-separated line: tabs and line breaks become spaces.
pub(crate) fn tsv(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

/// YYYYMMDD.
pub(crate) fn compact_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}
