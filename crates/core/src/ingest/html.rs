//! HTML articles: main text extracted with a real parser. Placeholder.

use super::PlainOptions;
use crate::article::Article;

pub fn parse(bytes: &[u8], stem: &str, opts: &PlainOptions) -> Article {
    super::txt::parse(bytes, stem, opts)
}
