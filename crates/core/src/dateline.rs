//! The dateline of a wire report: "ANKARA —", "GENEVA, May 3 (AFP) -", "LAGOS:".
//!
//! It says where the report was filed; it is no part of the lead sentence's grammar, so the
//! parser reads the lead without it (see `syntax`), and actor and place stages can tell the
//! filing place from the places of the story.

use crate::span::Span;

/// How far into the text a dateline may start: after a headline and a byline, not deeper.
const SEARCH_BYTES: usize = 600;
/// A dateline is short: a place, a date and an agency.
const MAX_BYTES: usize = 90;

/// The dateline that opens a paragraph near the top of `text`, up to and including its
/// separator and the spaces after it.
pub fn find(text: &str) -> Option<Span> {
    let mut start = 0;
    while start < text.len().min(SEARCH_BYTES) {
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if let Some(len) = at_line_start(&text[start..line_end]) {
            return Some(Span::new(start, start + len));
        }
        start = line_end + 1;
    }
    None
}

/// The length of the dateline that opens `line`, if it opens with one.
fn at_line_start(line: &str) -> Option<usize> {
    let head = &line[..floor_boundary(line, MAX_BYTES)];
    let (sep_at, sep_len) = separator(head)?;
    let before = head[..sep_at].trim_end();
    let place = before.split([',', '(']).next().unwrap_or("").trim();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let shouting = letters >= 3 && place.chars().all(|c| !c.is_lowercase());
    let plain = place
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''));
    if !(shouting && plain) {
        return None;
    }
    let after = &line[sep_at + sep_len..];
    let spaces = after.len() - after.trim_start().len();
    // A sentence must follow: "ANKARA — Turkey said …", not a lone heading.
    after
        .trim_start()
        .chars()
        .next()
        .filter(|c| !c.is_lowercase())?;
    Some(sep_at + sep_len + spaces)
}

/// Where the first dateline separator of `head` stands and its length: a dash between spaces,
/// or a colon after the place.
fn separator(head: &str) -> Option<(usize, usize)> {
    for (i, c) in head.char_indices() {
        let next = head[i + c.len_utf8()..].chars().next();
        match c {
            '—' | '–' | '-' if next == Some(' ') && head[..i].ends_with(' ') => {
                return Some((i, c.len_utf8()))
            }
            ':' if next == Some(' ') => return Some((i, 1)),
            // A lower-case word before any separator: this is a sentence, not a dateline.
            c if c.is_lowercase() && !inside_parens(&head[..i]) && !after_comma(&head[..i]) => {
                return None
            }
            _ => {}
        }
    }
    None
}

/// Whether byte `i` is inside an open parenthesis ("(Reuters)").
fn inside_parens(before: &str) -> bool {
    before.matches('(').count() > before.matches(')').count()
}

/// Whether a comma stands before: "KINSHASA, Congo —", "GENEVA, May 3 —" may carry lower-case
/// letters after the place.
fn after_comma(before: &str) -> bool {
    before.contains(',')
}

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::find;

    fn dateline(text: &str) -> Option<&str> {
        find(text).map(|s| &text[s.start..s.end])
    }

    #[test]
    fn wire_datelines() {
        assert_eq!(
            dateline("OSLO — The ministry said on Friday."),
            Some("OSLO — ")
        );
        assert_eq!(
            dateline("Headline here\n\nLIMA, March 2 (AFP) - Farmers blocked roads."),
            Some("LIMA, March 2 (AFP) - ")
        );
        assert_eq!(
            dateline("PORT LOUIS: Police arrested two men."),
            Some("PORT LOUIS: ")
        );
        assert_eq!(
            dateline("SAN JOSÉ, Costa Rica – Voters went to the polls."),
            Some("SAN JOSÉ, Costa Rica – ")
        );
    }

    #[test]
    fn sentences_are_no_datelines() {
        assert_eq!(dateline("The army said: We will stay."), None);
        assert_eq!(dateline("NATO and the EU - both said so."), None);
        assert_eq!(dateline("UN - "), None);
        assert_eq!(dateline("Troops moved in - residents said."), None);
        assert_eq!(dateline(""), None);
        assert_eq!(dateline("ÉÉÉ"), None);
    }
}
