//! The flat event record shared by CSV and Parquet (one column per field; the lists of articles,
//! URLs and outlets joined by `;`), and JSONL (the record as a JSON object, lists as arrays).

use super::{ExportRow, RowSink};
use std::io::Write;

/// One field of the flat record.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bool(bool),
}

/// The flat record's fields, except `date` (Parquet holds it in the partition path).
pub fn cells(r: &ExportRow) -> Vec<(&'static str, Cell)> {
    use Cell::*;
    let t = |s: &Option<String>| Text(s.clone());
    vec![
        ("event_id", Int(Some(r.event_id))),
        ("day_precise", Bool(r.day_precise)),
        ("source_code", t(&r.source_code)),
        ("source_country", t(&r.source_country)),
        ("source_role", t(&r.source_role)),
        ("source_actor", t(&r.source_actor)),
        ("source_text", t(&r.source_text)),
        ("target_code", t(&r.target_code)),
        ("target_country", t(&r.target_country)),
        ("target_role", t(&r.target_role)),
        ("target_actor", t(&r.target_actor)),
        ("target_text", t(&r.target_text)),
        ("cameo", Text(Some(r.cameo.clone()))),
        ("cameo_name", t(&r.cameo_name)),
        ("quad_class", Int(r.quad_class)),
        ("goldstein", Real(r.goldstein)),
        ("plover_event", t(&r.plover_event)),
        ("plover_mode", t(&r.plover_mode)),
        ("plover_context", t(&r.plover_context)),
        ("modality", Text(Some(r.modality.clone()))),
        ("historical", Bool(r.historical)),
        ("num_mentions", Int(Some(r.num_mentions))),
        ("num_sources", Int(Some(r.num_sources))),
        ("num_articles", Int(Some(r.num_articles))),
        ("place_name", t(&r.place_name)),
        ("place_country", t(&r.place_country)),
        ("place_admin1", t(&r.place_admin1)),
        ("lat", Real(r.lat)),
        ("lon", Real(r.lon)),
        ("geonameid", Int(r.geonameid)),
        ("place_precision", t(&r.place_precision)),
        ("article_id", Int(Some(r.article_id))),
        ("doc_id", Text(Some(r.doc_id.clone()))),
        ("url", t(&r.url)),
        ("news_source", t(&r.news_source)),
        ("published", t(&r.published)),
        ("sentence_index", Int(Some(r.sentence_index))),
        ("sentence_text", t(&r.sentence_text)),
        ("confidence", Real(Some(r.confidence))),
        ("ingested_at", Text(Some(r.ingested_at.clone()))),
        ("articles", Text(Some(r.articles.join(";")))),
        ("urls", Text(Some(r.urls.join(";")))),
        ("news_sources", Text(Some(r.news_sources.join(";")))),
    ]
}

pub struct Csv;

impl RowSink for Csv {
    fn header(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        let names: Vec<&str> = std::iter::once("date")
            .chain(cells(&ExportRow::default()).into_iter().map(|(n, _)| n))
            .collect();
        write!(out, "{}\r\n", names.join(","))
    }

    fn row(&mut self, out: &mut dyn Write, r: &ExportRow) -> std::io::Result<()> {
        let mut fields = vec![quote(r.date.as_deref().unwrap_or(""))];
        for (_, cell) in cells(r) {
            fields.push(match cell {
                Cell::Int(v) => v.map(|x| x.to_string()).unwrap_or_default(),
                Cell::Real(v) => v.map(|x| x.to_string()).unwrap_or_default(),
                Cell::Text(v) => quote(v.as_deref().unwrap_or("")),
                Cell::Bool(b) => b.to_string(),
            });
        }
        write!(out, "{}\r\n", fields.join(","))
    }
}

/// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub struct Jsonl;

impl RowSink for Jsonl {
    fn header(&mut self, _out: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, r: &ExportRow) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, r)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"no\""), "\"say \"\"no\"\"\"");
    }

    #[test]
    fn csv_rows_match_the_header() {
        let mut head = Vec::new();
        Csv.header(&mut head).unwrap();
        let mut row = Vec::new();
        let r = ExportRow {
            cameo: "190".into(),
            ..Default::default()
        };
        Csv.row(&mut row, &r).unwrap();
        let count = |b: &[u8]| String::from_utf8_lossy(b).matches(',').count();
        assert_eq!(count(&head), count(&row));
    }
}
