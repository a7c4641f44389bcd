//! GDELT 2.0's event table: the 61 columns of its codebook in order, tab-separated. Our values
//! fill the fields that have a counterpart; the others are empty:
//!
//! - actors: code, name, country (ISO alpha-3, as CAMEO) and role as Type1Code; no known-group,
//!   ethnic or religion codes;
//! - IsRootEvent is 1 when the root report is the article's first sentence (GDELT: its lead);
//! - AvgTone, and Actor1Geo/Actor2Geo (we place the action, not the actors), are empty;
//! - ActionGeo: type from the place's precision (1 country, 4 world city / 3 US city, 5 world
//!   state / 2 US state), full name, latitude, longitude, and the GeoNames id as FeatureID;
//!   GDELT's FIPS country and ADM1 codes have no counterpart in our gazetteer and stay empty;
//! - DATEADDED is when the root article was ingested; SOURCEURL its URL (its id when none).
//!
//! GDELT's own files have no header line; ours starts with the column names.

use super::{compact_date, tsv, ExportRow, RowSink};
use std::borrow::Cow;
use std::io::Write;

pub const COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

pub struct Gdelt;

impl RowSink for Gdelt {
    fn header(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{}", COLUMNS.join("\t"))
    }

    fn row(&mut self, out: &mut dyn Write, r: &ExportRow) -> std::io::Result<()> {
        let fields = fields(r);
        debug_assert_eq!(fields.len(), COLUMNS.len());
        let line: Vec<Cow<str>> = fields.iter().map(|f| tsv(f)).collect();
        writeln!(out, "{}", line.join("\t"))
    }
}

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn num<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// The 61 fields of one event, in column order.
pub fn fields(r: &ExportRow) -> Vec<String> {
    let date = r.day();
    let mut f = Vec::with_capacity(COLUMNS.len());
    f.push(r.event_id.to_string());
    f.push(num(date.map(compact_date)));
    f.push(num(date.map(|d| format!("{:04}{:02}", d.year, d.month))));
    f.push(num(date.map(|d| d.year)));
    f.push(num(date.map(|d| format!("{:.4}", fraction_date(d)))));
    actor(
        &mut f,
        &r.source_code,
        &r.source_actor,
        &r.source_text,
        &r.source_country,
        &r.source_role,
    );
    actor(
        &mut f,
        &r.target_code,
        &r.target_actor,
        &r.target_text,
        &r.target_country,
        &r.target_role,
    );
    f.push(u8::from(r.sentence_index == 0).to_string());
    f.push(r.cameo.clone());
    f.push(r.cameo.chars().take(3).collect());
    f.push(r.cameo.chars().take(2).collect());
    f.push(num(r.quad_class));
    f.push(num(r.goldstein));
    f.push(r.num_mentions.to_string());
    f.push(r.num_sources.to_string());
    f.push(r.num_articles.to_string());
    f.push(String::new()); // AvgTone
    f.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo, Actor2Geo
    action_geo(&mut f, r);
    f.push(added(&r.ingested_at));
    f.push(r.url.clone().unwrap_or_else(|| r.doc_id.clone()));
    f
}

fn actor(
    f: &mut Vec<String>,
    code: &Option<String>,
    name: &Option<String>,
    text_: &Option<String>,
    country: &Option<String>,
    role: &Option<String>,
) {
    f.push(text(code));
    f.push(text(if name.is_some() { name } else { text_ }));
    f.push(text(country));
    f.extend(std::iter::repeat_n(String::new(), 4)); // known group, ethnic, religion 1 and 2
    f.push(text(role));
    f.extend(std::iter::repeat_n(String::new(), 2)); // Type2, Type3
}

fn action_geo(f: &mut Vec<String>, r: &ExportRow) {
    let Some(name) = &r.place_name else {
        f.extend(std::iter::repeat_n(String::new(), 8));
        return;
    };
    let us = r.place_country.as_deref() == Some("USA");
    let kind = match (r.place_precision.as_deref(), us) {
        (Some("country"), _) => "1",
        (Some("admin1"), true) => "2",
        (Some("admin1"), false) => "5",
        (_, true) => "3",
        (_, false) => "4",
    };
    let mut full = vec![name.as_str()];
    if let Some(a) = r.place_admin1.as_deref().filter(|a| *a != name) {
        full.push(a);
    }
    // A country named as a place is its own full name.
    if let Some(c) = r.place_country.as_deref().filter(|_| kind != "1") {
        full.push(c);
    }
    f.push(kind.to_string());
    f.push(full.join(", "));
    f.push(String::new()); // FIPS country code
    f.push(String::new()); // FIPS ADM1 code
    f.push(String::new()); // ADM2 code
    f.push(num(r.lat));
    f.push(num(r.lon));
    f.push(num(r.geonameid));
}

/// GDELT's FractionDate, computed as its codebook says: year + (month × 30 + day) / 365.
fn fraction_date(d: flashpoint_core::Date) -> f64 {
    f64::from(d.year) + f64::from(u16::from(d.month) * 30 + u16::from(d.day)) / 365.0
}

/// `2020-02-20T08:01:02Z` → `20200220080102`.
fn added(ingested_at: &str) -> String {
    ingested_at.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_61_fields() {
        let mut r = ExportRow {
            date: Some("2020-02-27".into()),
            cameo: "1123".into(),
            sentence_index: 0,
            ingested_at: "2020-03-01T10:20:30Z".into(),
            doc_id: "a1".into(),
            ..Default::default()
        };
        let f = fields(&r);
        assert_eq!(f.len(), 61);
        assert_eq!(f[1], "20200227");
        assert_eq!(f[2], "202002");
        assert_eq!(f[4], "2020.2384");
        assert_eq!((&f[26][..], &f[27][..], &f[28][..]), ("1123", "112", "11"));
        assert_eq!(f[25], "1");
        assert_eq!(f[59], "20200301102030");
        assert_eq!(f[60], "a1");
        r.place_name = Some("Springfield".into());
        r.place_country = Some("USA".into());
        r.place_precision = Some("city".into());
        assert_eq!(fields(&r)[51], "3");
    }
}
