//! Readers that turn bytes into `Article`s: plain text, HTML and JSONL. Pure functions, no I/O;
//! the caller reads files and walks directories.

pub mod html;
pub mod jsonl;
pub mod txt;

use crate::date::Date;

/// What the user said about plain files on the command line.
#[derive(Clone, Debug, Default)]
pub struct PlainOptions {
    pub id: Option<String>,
    pub published: Option<Date>,
    pub source_name: Option<String>,
    pub url: Option<String>,
}

/// Decode bytes as UTF-8 (dropping a BOM); invalid sequences are replaced and reported.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(format!(
                "invalid UTF-8 at byte {}: decoded lossily",
                e.valid_up_to()
            )),
        ),
    }
}
