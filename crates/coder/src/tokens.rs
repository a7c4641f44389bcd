//! Word tokens with byte spans.
//!
//! A word is a run of letters and digits with inner apostrophes, hyphens and (for abbreviations,
//! initials, domains and decimals) dots; a possessive "'s" is its own token so that "Syria's"
//! yields the name "Syria". Numbers keep their inner separators ("900,000", "2.5"); a unit glued to
//! a number ("1.3bn") is a word of its own, while ordinals and decades ("20th", "1990s") stay whole.

use crate::doc::{Token, TokenKind};
use crate::segment::{abbreviation, is_mark};
use crate::span::Span;

/// Append the tokens of `text[span]` to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let Some(slice) = text.get(span.start..span.end) else {
        return;
    };
    let mut i = 0;
    while let Some(c) = slice[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let (end, kind) = if is_word_char(c) {
            if let Some(end) = url_end(slice, i) {
                (end, TokenKind::Word)
            } else {
                let (end, kind) = word_end(slice, i);
                push(out, span.start, i, end, kind);
                i = end;
                if let Some(len) = possessive_at(slice, i) {
                    push(out, span.start, i, i + len, TokenKind::Word);
                    i += len;
                }
                continue;
            }
        } else if is_quote(c) {
            (i + c.len_utf8(), TokenKind::Quote)
        } else if c == '.' || c == '-' {
            // "..." and "--" are one token; a lone "." or "-" is itself.
            let run = slice[i..].bytes().take_while(|&b| b == c as u8).count();
            (i + if run >= 2 { run } else { 1 }, TokenKind::Punct)
        } else {
            (i + c.len_utf8(), TokenKind::Punct)
        };
        push(out, span.start, i, end, kind);
        i = end;
    }
}

fn push(out: &mut Vec<Token>, base: usize, start: usize, end: usize, kind: TokenKind) {
    out.push(Token {
        span: Span::new(base + start, base + end),
        kind,
    });
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A quotation mark, straight, curly or guillemet (shared with the segmenter).
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '„'
            | '‚'
            | '‟'
            | '`'
            | '「'
            | '」'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Length of a possessive "'s" / "’s" at `i` that ends a word.
fn possessive_at(s: &str, i: usize) -> Option<usize> {
    let mut it = s[i..].chars();
    let a = it.next().filter(|&c| is_apostrophe(c))?;
    it.next().filter(|&c| c == 's' || c == 'S')?;
    if it.next().is_some_and(|c| is_word_char(c) || is_mark(c)) {
        return None;
    }
    Some(a.len_utf8() + 1)
}

/// End of a URL starting at `i` ("https://…", "www.…"), without trailing punctuation.
fn url_end(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    let lower = rest.get(..8).unwrap_or(rest);
    let is_url = lower.starts_with("http://")
        || lower.starts_with("https://")
        || (lower.starts_with("www.") && rest[4..].starts_with(|c: char| c.is_alphanumeric()));
    if !is_url {
        return None;
    }
    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let url = rest[..len].trim_end_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}') || is_quote(c)
    });
    Some(i + url.len())
}

/// End and kind of the word or number starting at `i` (a word char).
fn word_end(s: &str, i: usize) -> (usize, TokenKind) {
    let mut j = i;
    let mut numeric = true;
    // Letters of the current dot-separated part: single letters make acronyms ("U.S.").
    let mut part_len = 0;
    let mut acronym = true;
    let mut dotted = false;
    loop {
        // A run of letters, digits and marks.
        let mut chars = s[j..].char_indices();
        let mut run_end = s.len() - j;
        for (k, c) in chars.by_ref() {
            if is_mark(c) {
                continue;
            }
            if !is_word_char(c) {
                run_end = k;
                break;
            }
            if numeric && !c.is_numeric() {
                // Digits before `c` in this run: a glued unit, unless it is an ordinal.
                if k > 0 && !glued_suffix(&s[j + k..]) {
                    // A unit glued to a number ("1.3bn", "5km") is its own word.
                    return (j + k, TokenKind::Number);
                }
                numeric = false;
            }
            part_len += 1;
        }
        j += run_end;
        let mut rest = s[j..].chars();
        let (Some(sep), Some(next)) = (rest.next(), rest.next()) else {
            break;
        };
        if !is_word_char(next) {
            break;
        }
        let prev = s[..j].chars().next_back().unwrap_or(' ');
        let joins = if is_apostrophe(sep) {
            !numeric && possessive_at(s, j).is_none()
        } else if is_hyphen(sep) {
            // "2018-2019" is a range; "30-year-old" and "al-Assad" are one word.
            !(numeric && next.is_numeric())
        } else if sep == ',' {
            numeric && next.is_numeric()
        } else if sep == '.' {
            if numeric {
                next.is_numeric()
            } else {
                // "U.S", "e.g", "trtworld.com" join; "Idlib.The" (a missing space) does not.
                (part_len == 1 && next.is_alphabetic())
                    || (prev.is_lowercase() && next.is_lowercase())
            }
        } else if sep == '@' {
            !numeric
        } else {
            false
        };
        if !joins {
            break;
        }
        if sep == '.' {
            dotted = true;
            acronym &= part_len == 1;
        } else {
            acronym = false;
        }
        part_len = 0;
        j += sep.len_utf8();
    }
    if numeric {
        return (j, TokenKind::Number);
    }
    // Keep the final dot of an abbreviation or initial ("U.S.", "Gen.", "W.").
    if s[j..].starts_with('.') {
        let word = &s[i..j + 1];
        let initial = part_len == 1 && !dotted && s[i..j].chars().all(char::is_uppercase);
        if (dotted && acronym && part_len == 1) || initial || abbreviation(word).is_some() {
            return (j + 1, TokenKind::Word);
        }
    }
    (j, TokenKind::Word)
}

/// Is `rest` (letters right after digits) an ordinal or decade suffix ("th", "s") that stays with
/// its number?
fn glued_suffix(rest: &str) -> bool {
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    crate::lexicon::lexicon()
        .writing
        .number_suffixes
        .contains(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out.into_iter().map(|t| (t.span.of(text), t.kind)).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        let t = toks("Hello, world.");
        assert_eq!(
            t,
            [
                ("Hello", TokenKind::Word),
                (",", TokenKind::Punct),
                ("world", TokenKind::Word),
                (".", TokenKind::Punct)
            ]
        );
    }

    #[test]
    fn respects_span_offset() {
        let text = "xx Ankara's yy";
        let mut out = Vec::new();
        tokenize(text, Span::new(3, 11), &mut out);
        let got: Vec<&str> = out.iter().map(|t| t.span.of(text)).collect();
        assert_eq!(got, ["Ankara", "'s"]);
    }

    #[test]
    fn out_of_bounds_span_is_empty() {
        let mut out = Vec::new();
        tokenize("abc", Span::new(2, 10), &mut out);
        assert!(out.is_empty());
    }
}
