//! A small word scanner for place recognition, independent of the pipeline's tokenizer: words
//! with inner apostrophes ("Ma'arrat") and the gap that separates each word from the previous one,
//! which decides whether two words may belong to one name ("Ras al-Ain", "New York").

use super::normalize::{is_apostrophe, is_dash};
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// First word of the scanned text.
    Start,
    /// One space (or no-break space).
    Space,
    /// A hyphen or dash with no spaces ("al-Numan", "Ankara-based").
    Hyphen,
    /// A comma and spaces ("Tripoli, Lebanon").
    Comma,
    /// Anything else: other punctuation, line breaks, several spaces.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// Starts with an uppercase letter.
    pub cap: bool,
    pub gap: Gap,
}

/// The words of `text[span]`, offsets into `text`.
pub fn words(text: &str, span: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let Some(s) = text.get(span.start..span.end) else {
        return out;
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut prev_end: Option<usize> = None;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = at;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
            if c.is_alphanumeric() || ((is_apostrophe(c) || c == '.') && next_alnum) {
                j += 1;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(s.len(), |x| x.0);
        // "U.S." keeps its final dot.
        if chars.get(j).is_some_and(|x| x.1 == '.') && s[start..end].contains('.') {
            end += 1;
            j += 1;
        }
        // A possessive is not part of the name: "Idlib's".
        for pos in ["'s", "’s"] {
            if end - start > pos.len() + 1 && s[start..end].ends_with(pos) {
                end -= pos.len();
            }
        }
        let gap = match prev_end {
            None => Gap::Start,
            Some(p) => gap_of(&s[p..start]),
        };
        out.push(Word {
            span: Span::new(span.start + start, span.start + end),
            cap: c.is_uppercase(),
            gap,
        });
        prev_end = Some(end);
        i = j;
    }
    out
}

fn gap_of(between: &str) -> Gap {
    match between {
        " " | "\u{a0}" => Gap::Space,
        _ if between.chars().count() == 1 && between.chars().all(is_dash) => Gap::Hyphen,
        ", " => Gap::Comma,
        _ => Gap::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(t: &str) -> Vec<(&str, bool, Gap)> {
        words(t, Span::new(0, t.len()))
            .into_iter()
            .map(|w| (w.span.of(t), w.cap, w.gap))
            .collect()
    }

    #[test]
    fn splits_names_and_gaps() {
        assert_eq!(
            scan("in Ma'arrat al-Nu'man, Syria."),
            vec![
                ("in", false, Gap::Start),
                ("Ma'arrat", true, Gap::Space),
                ("al", false, Gap::Space),
                ("Nu'man", true, Gap::Hyphen),
                ("Syria", true, Gap::Comma),
            ]
        );
        assert_eq!(scan("the U.S. said")[1], ("U.S.", true, Gap::Space));
        assert_eq!(scan("Idlib's  north")[0].0, "Idlib");
        assert_eq!(scan("Idlib's  north")[1].2, Gap::Other);
        assert_eq!(scan("İdlib")[0], ("İdlib", true, Gap::Start));
    }
}
