//! Plain text articles.

use super::{decode, PlainOptions};
use crate::article::Article;

/// A `.txt` article: UTF-8 (BOM and CRLF tolerated); the first line is the title when a blank
/// line follows it.
pub fn parse(bytes: &[u8], stem: &str, opts: &PlainOptions) -> Article {
    let (text, warning) = decode(bytes);
    Article {
        id: opts.id.clone().unwrap_or_else(|| stem.to_string()),
        url: opts.url.clone(),
        published: opts.published,
        source_name: opts.source_name.clone(),
        title: None,
        text,
        warnings: warning.into_iter().collect(),
    }
}
