//! Readers that turn bytes into `Article`s: plain text, HTML and JSONL. Pure functions, no I/O;
//! the caller reads files and walks directories.

mod charset;
pub mod html;
pub mod jsonl;
pub mod mojibake;
mod sniff;
pub mod txt;

pub use sniff::{sniff, Content, SNIFF_BYTES};

use crate::date::{Date, DateError};
use regex::Regex;
use std::sync::OnceLock;

/// What the user said about plain files on the command line.
#[derive(Clone, Debug, Default)]
pub struct PlainOptions {
    pub id: Option<String>,
    pub published: Option<Date>,
    pub source_name: Option<String>,
    pub url: Option<String>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode bytes as UTF-8 (dropping a BOM); invalid sequences are replaced and reported with the
/// byte offset (in `bytes`, BOM included) of the first one.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let (body, skipped) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (
            String::from_utf8_lossy(body).into_owned(),
            Some(format!(
                "invalid UTF-8 at byte {}: decoded lossily",
                e.valid_up_to() + skipped
            )),
        ),
    }
}

/// CRLF and lone CR become LF, so that byte spans computed downstream see one kind of line end.
/// Borrows when there is nothing to change (the common case).
pub fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A publication date: `YYYY-MM-DD`, or an ISO 8601 / RFC 3339 timestamp whose date part is kept
/// as written (no time-zone shift: the outlet's local date is the date it published).
/// Stricter than `Date::from_str`, which ignores anything after the tenth byte.
pub fn parse_published(s: &str) -> Result<Date, DateError> {
    static TIME: OnceLock<Option<Regex>> = OnceLock::new();
    let time = TIME.get_or_init(|| {
        Regex::new(
            r"^(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$",
        )
        .ok()
    });
    let t = s.trim();
    let date: Date = t.parse()?;
    let rest = t.get(10..).unwrap_or("");
    match time {
        Some(re) if re.is_match(rest) => Ok(date),
        _ => Err(DateError(s.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_reports_offset_in_file() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), ("abc".to_string(), None));
        let (text, warning) = decode(b"\xEF\xBB\xBFab\xFFc");
        assert_eq!(text, "ab\u{FFFD}c");
        assert_eq!(
            warning.as_deref(),
            Some("invalid UTF-8 at byte 5: decoded lossily")
        );
    }

    #[test]
    fn newlines_normalised() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n\r\n"), "a\nb\nc\n\n");
        assert!(matches!(
            normalize_newlines("a\nb"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn published_forms() {
        let d = Date::new(2020, 2, 20);
        for ok in [
            "2020-02-20",
            " 2020-02-20 ",
            "2020-02-20T08:00:00Z",
            "2020-02-20T23:59:59.123+03:00",
            "2020-02-20 08:00",
            "2020-02-20T08:00:00-0500",
        ] {
            assert_eq!(parse_published(ok).ok(), d, "{ok}");
        }
        for bad in [
            "",
            "2020-02-30",
            "20 Feb 2020",
            "2020-02-20garbage",
            "2020-2-20",
            "2020-02-20T8",
        ] {
            assert!(parse_published(bad).is_err(), "{bad}");
        }
    }
}
