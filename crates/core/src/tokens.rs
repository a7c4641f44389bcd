//! Word tokens with byte spans.

use crate::doc::{Token, TokenKind};
use crate::span::Span;

/// Append the tokens of `text[span]` to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    // Placeholder: whitespace-separated chunks. Replaced by the real tokenizer.
    let slice = span.of(text);
    let mut pos = 0;
    for chunk in slice.split_whitespace() {
        let Some(rel) = slice[pos..].find(chunk) else {
            continue;
        };
        let start = span.start + pos + rel;
        pos += rel + chunk.len();
        out.push(Token {
            span: Span::new(start, start + chunk.len()),
            kind: TokenKind::Word,
        });
    }
}
