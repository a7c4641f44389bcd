//! The coded article as `flashpoint code` writes it (DESIGN §3), owned and readable back, so that
//! coded output from anywhere (this binary, a Spark job, a pipe) can be stored without re-coding.

use crate::error::InputError;
use flashpoint_core::{Cameo, Country, Date, Role, Span};
use serde::{Deserialize, Serialize};

/// One coded article: one line of `flashpoint code` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodedArticle {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub source_name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Number of sentences in the article.
    #[serde(default)]
    pub sentences: usize,
    pub events: Vec<CodedEvent>,
    #[serde(default)]
    pub quotes: Vec<CodedQuote>,
    #[serde(default)]
    pub quantities: Vec<CodedQuantity>,
    #[serde(default)]
    pub places: Vec<CodedPlace>,
    #[serde(default)]
    pub actors: Vec<CodedActor>,
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// An event's source or target as written in the text, with its code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    pub text: String,
    #[serde(default)]
    pub code: Option<String>,
    /// A country or organisation code: one the coder does not know is an input error.
    #[serde(default)]
    pub country: Option<Country>,
    /// A CAMEO role: one the coder does not know is an input error.
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    pub event: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Threatened,
    Intended,
    Hypothetical,
    ReportedDenied,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Threatened => "threatened",
            Modality::Intended => "intended",
            Modality::Hypothetical => "hypothetical",
            Modality::ReportedDenied => "reported_denied",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    Site,
    City,
    Admin2,
    Admin1,
    Country,
    Region,
    /// Named in the text but in no gazetteer: no coordinates.
    Unknown,
}

impl PlacePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            PlacePrecision::Site => "site",
            PlacePrecision::City => "city",
            PlacePrecision::Admin2 => "admin2",
            PlacePrecision::Admin1 => "admin1",
            PlacePrecision::Country => "country",
            PlacePrecision::Region => "region",
            PlacePrecision::Unknown => "unknown",
        }
    }
}

/// A gazetteer entry (an event's place, or a place named in the text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// `None` for a place in no country (a sea), which the coder writes as null. A code the
    /// coder does not know is an input error.
    #[serde(default)]
    pub country: Option<Country>,
    #[serde(default)]
    pub admin1: Option<String>,
    /// `None` for an unknown place.
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub geonameid: Option<u32>,
    pub precision: PlacePrecision,
}

impl Place {
    /// The country's code, empty for none: how the store's tables keep it.
    pub fn country_code(&self) -> &str {
        self.country.as_ref().map_or("", Country::as_str)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodedEvent {
    /// `article:sentence:n`, unique within the article.
    pub id: String,
    pub sentence_index: usize,
    /// The sentence's byte span in the article text.
    pub span: Span,
    pub sentence_text: String,
    #[serde(default)]
    pub source: Option<ActorRef>,
    #[serde(default)]
    pub target: Option<ActorRef>,
    /// Read through the codebook: a code it does not know is an input error.
    pub cameo: Cameo,
    #[serde(default)]
    pub cameo_name: Option<String>,
    #[serde(default)]
    pub goldstein: Option<f64>,
    #[serde(default)]
    pub quad_class: Option<u8>,
    #[serde(default)]
    pub plover: Option<Plover>,
    pub trigger: Trigger,
    #[serde(default)]
    pub negated: bool,
    pub modality: Modality,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub date_precision: Option<DatePrecision>,
    #[serde(default)]
    pub historical: bool,
    #[serde(default)]
    pub place: Option<Place>,
    #[serde(default)]
    pub quote_id: Option<usize>,
    #[serde(default)]
    pub confidence: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodedQuote {
    pub id: usize,
    pub span: Span,
    pub text: String,
    #[serde(default)]
    pub speaker: Option<Speaker>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodedQuantity {
    /// killed, wounded, displaced, refugees, arrested, troops, other.
    pub kind: String,
    pub value: u64,
    #[serde(default)]
    pub qualifier: Option<String>,
    pub unit: String,
    pub text: String,
    pub span: Span,
    #[serde(default)]
    pub actor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodedPlace {
    pub text: String,
    pub span: Span,
    #[serde(flatten)]
    pub place: Place,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodedActor {
    pub text: String,
    pub span: Span,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

impl CodedArticle {
    /// Parse one line of `flashpoint code` output; the error names the field that is wrong
    /// (`events[3].date`).
    pub fn from_json(line: &[u8]) -> Result<CodedArticle, InputError> {
        let de = &mut serde_json::Deserializer::from_slice(line);
        let article: CodedArticle = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            InputError {
                field: if field == "." { None } else { Some(field) },
                reason: without_position(e.into_inner()),
            }
        })?;
        article.validate()?;
        Ok(article)
    }

    /// What serde cannot check: the values the store relies on.
    pub fn validate(&self) -> Result<(), InputError> {
        if self.id.trim().is_empty() {
            return Err(InputError::at("id", "empty article id"));
        }
        for (i, e) in self.events.iter().enumerate() {
            validate_event(e).map_err(|err| err.under(&format!("events[{i}]")))?;
        }
        for (i, q) in self.quantities.iter().enumerate() {
            if i64::try_from(q.value).is_err() {
                return Err(InputError::at(
                    &format!("quantities[{i}].value"),
                    "value too large",
                ));
            }
        }
        Ok(())
    }

    /// The identity of an article across versions: its URL, or its id when it has none. A new
    /// text under the same key replaces the old one.
    pub fn key(&self) -> String {
        match &self.url {
            Some(url) if !url.is_empty() => format!("url:{url}"),
            _ => format!("id:{}", self.id),
        }
    }
}

/// serde_json's message without its " at line 1 column N": the caller names the input line, and
/// the column is given on its own.
fn without_position(e: serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(head) if e.column() > 0 => format!("{head} (column {})", e.column()),
        Some(head) => head.to_string(),
        None => text,
    }
}

fn validate_event(e: &CodedEvent) -> Result<(), InputError> {
    if let Some(q) = e.quad_class {
        if !(1..=4).contains(&q) {
            return Err(InputError::at(
                "quad_class",
                &format!("quad class {q} is not 1-4"),
            ));
        }
    }
    if let Some(g) = e.goldstein {
        if !(-10.0..=10.0).contains(&g) {
            return Err(InputError::at(
                "goldstein",
                &format!("Goldstein value {g} is outside -10..10"),
            ));
        }
    }
    if e.span.start > e.span.end {
        return Err(InputError::at("span", "span ends before it starts"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"id":"a1","url":null,"published":"2020-02-20","source_name":"Desk","sentences":2,
      "events":[{"id":"a1:0:0","sentence_index":0,"span":[0,30],"sentence_text":"Ruritania shelled Freedonia.",
      "source":{"text":"Ruritania","code":"XRU","country":"XRU","role":null,"name":null},
      "target":{"text":"Freedonia","code":"XFR","country":"XFR","role":null,"name":null},
      "cameo":"190","cameo_name":"Use conventional military force","goldstein":-10.0,"quad_class":4,
      "plover":{"event":"ASSAULT","mode":null,"context":"military"},"trigger":{"text":"shelled","span":[10,17]},
      "negated":false,"modality":"asserted","date":"2020-02-19","date_precision":"day","historical":false,
      "place":null,"quote_id":null,"confidence":0.8}],
      "quotes":[],"quantities":[],"places":[],"actors":[],"warnings":[]}"#;

    #[test]
    fn reads_the_output_contract() {
        let a = CodedArticle::from_json(LINE.as_bytes()).unwrap();
        assert_eq!(a.events.len(), 1);
        assert_eq!(a.events[0].cameo.as_str(), "190");
        assert_eq!(a.events[0].source.as_ref().unwrap().role, None);
        let mil = LINE.replace(
            r#""country":"XRU","role":null"#,
            r#""country":"XRU","role":"MIL""#,
        );
        let a = CodedArticle::from_json(mil.as_bytes()).unwrap();
        assert_eq!(a.events[0].source.as_ref().unwrap().role, Some(Role::Mil));
        assert_eq!(a.events[0].modality, Modality::Asserted);
        assert_eq!(a.key(), "id:a1");
    }

    #[test]
    fn errors_name_the_field() {
        let bad = LINE.replace(r#""date":"2020-02-19""#, r#""date":"2020-02-31""#);
        let e = CodedArticle::from_json(bad.as_bytes()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("events[0].date"));
        let bad = LINE.replace(r#""cameo":"190""#, r#""cameo":"19x""#);
        let e = CodedArticle::from_json(bad.as_bytes()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("events[0].cameo"));
        assert!(e.reason.contains("\"19x\""), "{e}");
        let bad = LINE.replace(r#""cameo":"190""#, r#""cameo":"1999""#);
        let e = CodedArticle::from_json(bad.as_bytes()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("events[0].cameo"));
        assert!(e.reason.contains("unknown CAMEO code 1999"), "{e}");
        let bad = LINE.replace(
            r#""country":"XFR","role":null"#,
            r#""country":"XFR","role":"ARMY""#,
        );
        let e = CodedArticle::from_json(bad.as_bytes()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("events[0].target.role"));
        assert!(e.reason.contains("unknown CAMEO role code \"ARMY\""), "{e}");
        let e = CodedArticle::from_json(br#"{"id":"x"}"#).unwrap_err();
        assert!(e.reason.contains("missing field `events`"), "{e}");
    }

    #[test]
    fn an_unknown_country_is_an_error_naming_the_field() {
        let a = CodedArticle::from_json(LINE.as_bytes()).unwrap();
        let source = a.events[0].source.as_ref().unwrap();
        assert_eq!(
            source.country.map(|c| c.to_string()).as_deref(),
            Some("XRU")
        );
        let cases = [
            (
                r#""code":"XRU","country":"XRU""#,
                r#""code":"RUR","country":"RUR""#,
                "source",
            ),
            (
                r#""code":"XFR","country":"XFR""#,
                r#""code":"XFR","country":"xfr""#,
                "target",
            ),
        ];
        for (good, bad, side) in cases {
            let line = LINE.replace(good, bad);
            let e = CodedArticle::from_json(line.as_bytes()).unwrap_err();
            let field = format!("events[0].{side}.country");
            assert_eq!(e.field.as_deref(), Some(field.as_str()), "{e}");
            assert!(e.reason.contains("country code"), "{e}");
        }
        let placed = LINE.replace(
            r#""place":null"#,
            r#""place":{"name":"Port","country":"NATO","lat":1.0,"lon":2.0,"precision":"city"}"#,
        );
        assert!(CodedArticle::from_json(placed.as_bytes()).is_ok());
        let e = CodedArticle::from_json(placed.replace("NATO", "NATX").as_bytes()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("events[0].place.country"), "{e}");
        assert!(e.reason.contains("\"NATX\""), "{e}");
        let sea = LINE.replace(
            r#""place":null"#,
            r#""place":{"name":"Sea","country":null,"precision":"region"}"#,
        );
        let a = CodedArticle::from_json(sea.as_bytes()).unwrap();
        assert_eq!(a.events[0].place.as_ref().unwrap().country_code(), "");
    }
}
