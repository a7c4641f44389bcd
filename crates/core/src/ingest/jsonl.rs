//! JSONL feeds: one article object per line,
//! `{"id", "text", "published"?, "url"?, "source_name"?, "title"?}`; other fields are ignored.

use super::{decode, normalize_newlines, parse_published};
use crate::article::Article;
use serde_json::{Map, Value};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {reason}")]
pub struct LineError {
    pub line: usize,
    /// The article's id when the line got as far as naming one (a bad date, a missing text), so
    /// that a pipe can say which article it could not code.
    pub id: Option<String>,
    pub reason: String,
}

/// Parse one raw line (1-based `line` for messages): invalid UTF-8 is decoded lossily and noted in
/// the article's warnings. Blank lines give `Ok(None)`.
pub fn parse_bytes(bytes: &[u8], line: usize) -> Result<Option<Article>, LineError> {
    let (text, warning) = decode(bytes);
    let mut article = parse_line(&text, line)?;
    if let (Some(a), Some(w)) = (article.as_mut(), warning) {
        a.warnings.push(w);
    }
    Ok(article)
}

/// Parse one JSONL line (1-based `line` for error messages). Blank lines give `Ok(None)`.
pub fn parse_line(line_text: &str, line: usize) -> Result<Option<Article>, LineError> {
    let trimmed = line_text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let err = |reason: String| LineError {
        line,
        id: None,
        reason,
    };
    let value: Value =
        serde_json::from_str(trimmed).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(err(format!(
            "expected a JSON object, found {}",
            kind(&value)
        )));
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => return Err(err("missing field `id`".into())),
        // Numeric ids are common in feeds; keep their JSON spelling.
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(err("empty field `id`".into()))
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(err(wrong_type("id", "a string", other))),
    };
    let err = |reason: String| LineError {
        line,
        id: Some(id.clone()),
        reason,
    };
    let text = match obj.get("text") {
        None | Some(Value::Null) => return Err(err("missing field `text`".into())),
        // An empty text is a (dull) article, not a broken line: it is coded to an empty result.
        Some(Value::String(s)) => normalize_newlines(s).into_owned(),
        Some(other) => return Err(err(wrong_type("text", "a string", other))),
    };
    let published = match optional_string(&obj, "published").map_err(err)? {
        None => None,
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(parse_published(s).map_err(|_| {
            err(format!(
                "field `published`: not a date (YYYY-MM-DD or RFC 3339): {s:?}"
            ))
        })?),
    };
    let field = |name: &str| {
        optional_string(&obj, name)
            .map(|s| s.map(str::to_string))
            .map_err(err)
    };
    let (url, source_name, title) = (field("url")?, field("source_name")?, field("title")?);
    Ok(Some(Article {
        id,
        url,
        published,
        source_name,
        title,
        text,
        warnings: Vec::new(),
    }))
}

/// An optional string field: absent and `null` are `None`; any other type is an error.
fn optional_string<'a>(
    obj: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a str>, String> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong_type(field, "a string", other)),
    }
}

fn wrong_type(field: &str, expected: &str, found: &Value) -> String {
    format!(
        "field `{field}`: expected {expected}, found {}",
        kind(found)
    )
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use proptest::prelude::*;

    fn reason(line: &str) -> String {
        parse_line(line, 3).unwrap_err().reason
    }

    #[test]
    fn full_record() {
        let a = parse_line(
            r#"{"id":"a1","text":"Body.","published":"2020-02-20","url":"https://x.org/a",
                "source_name":"Wire","title":"Head"}"#,
            1,
        )
        .unwrap()
        .unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.text, "Body.");
        assert_eq!(a.published, Date::new(2020, 2, 20));
        assert_eq!(a.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(a.source_name.as_deref(), Some("Wire"));
        assert_eq!(a.title.as_deref(), Some("Head"));
    }

    #[test]
    fn minimal_record_and_unknown_fields_ignored() {
        let a = parse_line(r#"{"id":"a","text":"t","lang":"en","extra":{"x":[1]}}"#, 1)
            .unwrap()
            .unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("a", "t"));
        assert_eq!((a.published, a.url, a.title), (None, None, None));
    }

    #[test]
    fn blank_lines_skipped() {
        assert_eq!(parse_line("", 1), Ok(None));
        assert_eq!(parse_line("  \t\r\n", 1), Ok(None));
    }

    #[test]
    fn missing_and_empty_text() {
        assert_eq!(reason(r#"{"id":"a"}"#), "missing field `text`");
        assert_eq!(reason(r#"{"id":"a","text":null}"#), "missing field `text`");
        let empty = parse_line(r#"{"id":"a","text":"  "}"#, 1).unwrap().unwrap();
        assert_eq!(empty.text.trim(), "");
    }

    #[test]
    fn missing_and_empty_id() {
        assert_eq!(reason(r#"{"text":"t"}"#), "missing field `id`");
        assert_eq!(reason(r#"{"id":"","text":"t"}"#), "empty field `id`");
        let a = parse_line(r#"{"id":42,"text":"t"}"#, 1).unwrap().unwrap();
        assert_eq!(a.id, "42");
    }

    #[test]
    fn wrong_types_name_the_field() {
        assert_eq!(
            reason(r#"{"id":["a"],"text":"t"}"#),
            "field `id`: expected a string, found an array"
        );
        assert_eq!(
            reason(r#"{"id":"a","text":5}"#),
            "field `text`: expected a string, found a number"
        );
        assert_eq!(
            reason(r#"{"id":"a","text":"t","url":true}"#),
            "field `url`: expected a string, found a boolean"
        );
        assert_eq!(
            reason(r#"{"id":"a","text":"t","source_name":{}}"#),
            "field `source_name`: expected a string, found an object"
        );
        assert_eq!(
            reason(r#"{"id":"a","text":"t","title":1}"#),
            "field `title`: expected a string, found a number"
        );
        assert_eq!(
            reason(r#"{"id":"a","text":"t","published":20200220}"#),
            "field `published`: expected a string, found a number"
        );
    }

    #[test]
    fn published_forms() {
        let p = |v: &str| {
            parse_line(&format!(r#"{{"id":"a","text":"t","published":{v}}}"#), 1)
                .map(|a| a.and_then(|a| a.published))
        };
        assert_eq!(p(r#""2020-02-20""#), Ok(Date::new(2020, 2, 20)));
        assert_eq!(p(r#""2020-02-20T08:15:00Z""#), Ok(Date::new(2020, 2, 20)));
        assert_eq!(
            p(r#""2020-02-20T23:15:00-05:00""#),
            Ok(Date::new(2020, 2, 20))
        );
        assert_eq!(p("null"), Ok(None));
        assert_eq!(p(r#""""#), Ok(None));
        for bad in [r#""2020-02-30""#, r#""Feb 20, 2020""#, r#""2020-02-20xyz""#] {
            let e = p(bad).unwrap_err();
            assert!(e.reason.starts_with("field `published`: not a date"), "{e}");
        }
    }

    #[test]
    fn errors_keep_the_id_once_it_is_known() {
        let id = |line: &str| parse_line(line, 1).unwrap_err().id;
        assert_eq!(id(r#"{"id":"a7"}"#), Some("a7".to_string()));
        assert_eq!(
            id(r#"{"id":12,"text":"t","published":"May"}"#),
            Some("12".into())
        );
        assert_eq!(id(r#"{"text":"t"}"#), None);
        assert_eq!(id(r#"{"id":"a7","text":"t""#), None);
    }

    #[test]
    fn invalid_json_and_non_objects() {
        assert!(reason(r#"{"id":"a","text":"t""#).starts_with("invalid JSON: "));
        assert_eq!(reason("[1,2]"), "expected a JSON object, found an array");
        assert_eq!(reason("\"s\""), "expected a JSON object, found a string");
        let e = parse_line("nope", 7).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.to_string().starts_with("line 7: invalid JSON"));
    }

    #[test]
    fn crlf_inside_text_normalised() {
        let a = parse_line(r#"{"id":"a","text":"A.\r\n\r\nB.\rC."}"#, 1)
            .unwrap()
            .unwrap();
        assert_eq!(a.text, "A.\n\nB.\nC.");
    }

    #[test]
    fn crlf_line_end_and_bom_tolerated() {
        let a = parse_bytes(b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"t\"}\r\n", 1)
            .unwrap()
            .unwrap();
        assert_eq!(a.id, "a");
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_line_decoded_with_warning() {
        let a = parse_bytes(b"{\"id\":\"a\",\"text\":\"caf\xE9\"}", 1)
            .unwrap()
            .unwrap();
        assert_eq!(a.text, "caf\u{FFFD}");
        assert_eq!(
            a.warnings,
            vec!["invalid UTF-8 at byte 21: decoded lossily".to_string()]
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = parse_bytes(&bytes, 1);
        }

        #[test]
        fn json_like_lines_never_panic(s in r#"\{("(id|text|published|url|title)":("[^"\\]{0,12}"|[0-9]{1,3}|null|true|\[\]),?){0,6}\}"#) {
            if let Ok(Some(a)) = parse_line(&s, 1) {
                prop_assert!(!a.id.is_empty());
                prop_assert!(!a.text.trim().is_empty());
            }
        }
    }
}
