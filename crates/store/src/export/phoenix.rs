//! The Phoenix event table (Open Event Data Alliance): 26 tab-separated columns under a header.
//! SentenceID is `article-id_sentence-index` of the root report; URLs and NewsSources list every
//! article and outlet that told the event, separated by `;`. Issues and the actor attributes
//! have no counterpart and stay empty; PentaClass is Phoenix's five classes (0 neutral 01–02,
//! 1 verbal cooperation 03–05, 2 material cooperation 06–08, 3 verbal conflict 09–13,
//! 4 material conflict 14–20).

use super::{compact_date, tsv, ExportRow, RowSink};
use std::io::Write;

pub const COLUMNS: [&str; 26] = [
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "SourceActorRole",
    "SourceActorAttribute",
    "TargetActorFull",
    "TargetActorEntity",
    "TargetActorRole",
    "TargetActorAttribute",
    "EventCode",
    "EventRootCode",
    "PentaClass",
    "GoldsteinScore",
    "Issues",
    "Lat",
    "Lon",
    "LocationName",
    "StateName",
    "CountryCode",
    "SentenceID",
    "URLs",
    "NewsSources",
];

pub struct Phoenix;

impl RowSink for Phoenix {
    fn header(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{}", COLUMNS.join("\t"))
    }

    fn row(&mut self, out: &mut dyn Write, r: &ExportRow) -> std::io::Result<()> {
        let f = fields(r);
        debug_assert_eq!(f.len(), COLUMNS.len());
        let line: Vec<_> = f.iter().map(|s| tsv(s)).collect();
        writeln!(out, "{}", line.join("\t"))
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn fields(r: &ExportRow) -> Vec<String> {
    let d = r.day();
    let root: String = r.cameo.chars().take(2).collect();
    vec![
        r.event_id.to_string(),
        d.map(compact_date).unwrap_or_default(),
        d.map(|d| d.year.to_string()).unwrap_or_default(),
        d.map(|d| d.month.to_string()).unwrap_or_default(),
        d.map(|d| d.day.to_string()).unwrap_or_default(),
        opt(&r.source_code),
        opt(&r.source_country),
        opt(&r.source_role),
        String::new(),
        opt(&r.target_code),
        opt(&r.target_country),
        opt(&r.target_role),
        String::new(),
        r.cameo.clone(),
        root.clone(),
        penta_class(&root)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        r.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        String::new(),
        r.lat.map(|x| x.to_string()).unwrap_or_default(),
        r.lon.map(|x| x.to_string()).unwrap_or_default(),
        opt(&r.place_name),
        opt(&r.place_admin1),
        opt(&r.place_country),
        format!("{}_{}", r.doc_id, r.sentence_index),
        r.urls.join(";"),
        r.news_sources.join(";"),
    ]
}

fn penta_class(root: &str) -> Option<u8> {
    match root.parse::<u8>().ok()? {
        1..=2 => Some(0),
        3..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_have_26_fields_and_the_five_classes() {
        let r = ExportRow {
            cameo: "0256".into(),
            doc_id: "d".into(),
            sentence_index: 3,
            urls: vec!["u1".into(), "u2".into()],
            ..Default::default()
        };
        let f = fields(&r);
        assert_eq!(f.len(), 26);
        assert_eq!(f[15], "0");
        assert_eq!(f[23], "d_3");
        assert_eq!(f[24], "u1;u2");
        assert_eq!(penta_class("14"), Some(4));
        assert_eq!(penta_class("21"), None);
    }
}
