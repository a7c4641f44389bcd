//! A small word scanner and phrase lists shared by the quote and quantity stages.
//!
//! The document's own tokens are being rewritten elsewhere, so these stages scan the text
//! themselves: words keep inner apostrophes, hyphens, dots and thousands separators
//! ("Turkey’s", "al-Assad", "U.S", "2.9", "900,000"); every other non-space character is a
//! one-character punctuation word. Spans are byte offsets into the text.

use crate::span::Span;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordKind {
    Word,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub span: Span,
    pub kind: WordKind,
}

/// Characters that may join two alphanumeric runs into one word.
fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '‑')
}

/// Scan `text` into words and punctuation.
pub(crate) fn scan(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Word {
                span: Span::new(chars[k].0, end_of(k + 1)),
                kind: WordKind::Punct,
            });
            k += 1;
            continue;
        }
        let start = k;
        let mut numeric = c.is_ascii_digit();
        k += 1;
        while let Some(&(_, c)) = chars.get(k) {
            if c.is_alphanumeric() {
                numeric &= c.is_ascii_digit();
                k += 1;
                continue;
            }
            let next = chars.get(k + 1).map(|c| c.1);
            if joiner(c) && next.is_some_and(char::is_alphanumeric) {
                k += 2;
                numeric = false;
                continue;
            }
            // A thousands separator: "900,000" but not "1,2" or "2020, 13".
            if c == ',' && numeric {
                let group: Vec<char> = chars.iter().skip(k + 1).take(4).map(|c| c.1).collect();
                if group.len() >= 3
                    && group[..3].iter().all(char::is_ascii_digit)
                    && !group.get(3).is_some_and(char::is_ascii_digit)
                {
                    k += 4;
                    continue;
                }
            }
            break;
        }
        out.push(Word {
            span: Span::new(chars[start].0, end_of(k)),
            kind: WordKind::Word,
        });
    }
    out
}

/// Lowercased word texts for look-ups, with curly apostrophes made straight.
pub(crate) fn lowered(lower: &str, words: &[Word]) -> Vec<String> {
    words
        .iter()
        .map(|w| w.span.of(lower).replace('’', "'"))
        .collect()
}

/// A list of (possibly multi-word) phrases, each with a value, matched on lowercased words.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    /// First word → (phrase words, value), longest first.
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
    max_len: usize,
}

impl Phrases {
    pub fn insert(&mut self, phrase: &str, value: &str) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        self.max_len = self.max_len.max(words.len());
        let list = self.by_first.entry(first).or_default();
        list.push((words, value.to_string()));
        list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    }

    /// The longest phrase starting at word `i`: (length in words, value).
    pub fn at(&self, lw: &[String], i: usize) -> Option<(usize, &str)> {
        let list = self.by_first.get(lw.get(i)?)?;
        list.iter()
            .find(|(p, _)| lw.len() >= i + p.len() && p.iter().zip(&lw[i..]).all(|(a, b)| a == b))
            .map(|(p, v)| (p.len(), v.as_str()))
    }

    /// The longest phrase ending just before word `end`: (length in words, value).
    pub fn ending_at(&self, lw: &[String], end: usize) -> Option<(usize, &str)> {
        (1..=self.max_len.min(end)).rev().find_map(|n| {
            let start = end - n;
            let list = self.by_first.get(lw.get(start)?)?;
            list.iter()
                .find(|(p, _)| p.len() == n && p.iter().zip(&lw[start..end]).all(|(a, b)| a == b))
                .map(|(_, v)| (n, v.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        scan(s).iter().map(|w| w.span.of(s)).collect()
    }

    #[test]
    fn keeps_inner_marks() {
        assert_eq!(
            texts("Turkey’s al-Assad U.S. 900,000 2.9m, don't"),
            vec![
                "Turkey’s",
                "al-Assad",
                "U.S",
                ".",
                "900,000",
                "2.9m",
                ",",
                "don't"
            ]
        );
        assert_eq!(
            texts("2020, 13 “Yes”"),
            vec!["2020", ",", "13", "“", "Yes", "”"]
        );
    }

    #[test]
    fn phrases_match_longest() {
        let mut p = Phrases::default();
        p.insert("more than", "a");
        p.insert("more", "b");
        let lw: Vec<String> = ["some", "more", "than", "9"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(p.at(&lw, 1), Some((2, "a")));
        assert_eq!(p.ending_at(&lw, 3), Some((2, "a")));
        assert_eq!(p.ending_at(&lw, 2), Some((1, "b")));
    }
}
