//! Word tokens with byte spans. (Interim tokenizer; the segment branch replaces it.)

use crate::doc::{Token, TokenKind};
use crate::span::Span;

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '`')
}

/// Append the tokens of `text[span]` to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let slice = span.of(text);
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let kind = if c.is_alphanumeric() {
            while j < chars.len() {
                let d = chars[j].1;
                let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if d.is_alphanumeric() || (matches!(d, '-' | '.' | ',' | '\'' | '’') && next_alnum)
                {
                    // "'s" is its own token
                    if matches!(d, '\'' | '’')
                        && chars.get(j + 1).is_some_and(|n| n.1 == 's')
                        && !chars.get(j + 2).is_some_and(|n| n.1.is_alphanumeric())
                    {
                        break;
                    }
                    if d == ','
                        && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit())
                    {
                        break;
                    }
                    j += 1;
                } else if d == '.' && slice[start..chars[j].0].len() == 1 && c.is_uppercase() {
                    // initial or abbreviation letter: "U.S." keeps its dots
                    j += 1;
                } else {
                    break;
                }
            }
            // keep a final dot of an abbreviation like "U.S."
            let word = &slice[start..chars.get(j).map_or(slice.len(), |x| x.0)];
            if word.contains('.') && chars.get(j).is_some_and(|x| x.1 == '.') && word.len() <= 4 {
                j += 1;
            }
            if c.is_ascii_digit()
                && word
                    .chars()
                    .all(|x| x.is_ascii_digit() || x == ',' || x == '.')
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else if (c == '\'' || c == '’')
            && chars.get(i + 1).is_some_and(|n| n.1 == 's')
            && !chars.get(i + 2).is_some_and(|n| n.1.is_alphanumeric())
        {
            j = i + 2;
            TokenKind::Word
        } else if is_quote(c) {
            TokenKind::Quote
        } else {
            TokenKind::Punct
        };
        let end = chars.get(j).map_or(slice.len(), |x| x.0);
        out.push(Token {
            span: Span::new(span.start + start, span.start + end),
            kind,
        });
        i = j;
    }
}
