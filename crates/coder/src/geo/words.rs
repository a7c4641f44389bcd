//! The words place recognition reads: the Doc's tokens that hold a letter or digit, each with
//! the gap that separates it from the previous one, which decides whether two words may belong to
//! one name ("Ras al-Ain", "New York").

use super::normalize::is_dash;
use crate::doc::Doc;
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

/// The words of the tokens that lie in `span` (a sentence), offsets into the text.
pub fn words(doc: &Doc, span: Span) -> Vec<Word> {
    let text = doc.text();
    let first = doc.tokens.partition_point(|t| t.span.start < span.start);
    let mut out = Vec::new();
    let mut prev_end: Option<usize> = None;
    for t in doc.tokens[first..]
        .iter()
        .take_while(|t| t.span.end <= span.end)
    {
        // A hyphen the tokenizer leaves inside a token ("U.S.-led") parts words as one between
        // tokens does ("al-Ain").
        let mut at = t.span.start;
        for part in t.span.of(text).split(is_dash) {
            let piece = Span::new(at, at + part.len());
            at = piece.end + text[piece.end..].chars().next().map_or(0, char::len_utf8);
            let Some(word) = name_part(text, piece) else {
                continue;
            };
            let gap = match prev_end {
                None => Gap::Start,
                Some(p) => gap_of(text.get(p..word.start).unwrap_or("")),
            };
            out.push(Word {
                span: word,
                cap: word.of(text).starts_with(char::is_uppercase),
                gap,
            });
            prev_end = Some(word.end);
        }
    }
    out
}

/// The part of a token a name can be made of: its letters and digits and what lies between them,
/// without punctuation glued to its ends ("Beijing--"), keeping the final dot of an abbreviation
/// ("U.S."). A possessive ("'s", a token of its own) is no part of a name.
fn name_part(text: &str, span: Span) -> Option<Span> {
    let s = span.of(text);
    if matches!(s, "'s" | "’s" | "'S" | "’S") {
        return None;
    }
    let start = s.find(char::is_alphanumeric)?;
    let (last, c) = s.char_indices().rev().find(|(_, c)| c.is_alphanumeric())?;
    let mut end = last + c.len_utf8();
    if s[end..].starts_with('.') && s[start..end].contains('.') {
        end += 1;
    }
    Some(Span::new(span.start + start, span.start + end))
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
        use crate::pipeline::Stage;
        let mut doc = Doc::new(crate::article::Article {
            text: t.into(),
            ..Default::default()
        });
        crate::segment::SegmentWhole.run(&mut doc);
        words(&doc, Span::new(0, t.len()))
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
        assert_eq!(scan("Beijing-- the")[0], ("Beijing", true, Gap::Start));
        assert_eq!(
            scan("U.S.-led")[..2],
            [("U.S.", true, Gap::Start), ("led", false, Gap::Hyphen)]
        );
    }
}
