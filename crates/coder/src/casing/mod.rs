//! Text as feeds deliver it: mojibake repaired and lost case restored before anything reads the
//! text, so that sentence splitting, the model and the dictionaries see ordinary text.
//!
//! Reads: the article text. Adds: `Doc::received` (what came in, when the stages read a repaired
//! copy) and a warning for each repair; replaces the text the later stages read
//! (`doc.article.text`, `doc.lower`) with the repaired copy. Output spans and texts are mapped
//! back through `Doc::received`, so they always point into the text as it came in.
//!
//! Case restoration changes only case, letter for letter with the same UTF-8 length, so offsets
//! are unchanged by it; mojibake repair shortens the text and keeps a map of offsets.

mod detect;
mod scan;
mod tables;
mod truecase;

pub use detect::{caseless_paragraphs, title_line, Caseless};
pub use tables::Tables;

use crate::doc::{Doc, Received};
use crate::ingest::mojibake;
use crate::pipeline::{Layer, Stage};
use crate::segment::MAX_ARTICLE_BYTES;
use std::ops::Range;

/// The stage: repair, then restore case where the text has none (within the first
/// [`MAX_ARTICLE_BYTES`], the part that is coded).
pub struct Casing;

/// The same with another limit on the part coded (`CasingUpTo(n)` before `SegmentUpTo(n)`).
pub struct CasingUpTo(pub usize);

impl Stage for Casing {
    fn name(&self) -> &'static str {
        "casing"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn run(&self, doc: &mut Doc) {
        CasingUpTo(MAX_ARTICLE_BYTES).run(doc);
    }
}

impl Stage for CasingUpTo {
    fn name(&self) -> &'static str {
        "casing"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn run(&self, doc: &mut Doc) {
        let repair = mojibake::repair(&doc.article.text);
        let caseless = {
            let text = repair.as_ref().map_or(&doc.article.text, |r| &r.text);
            within(text, caseless_paragraphs(text), self.0)
        };
        let titles = {
            let text = repair.as_ref().map_or(&doc.article.text, |r| &r.text);
            headlines(text, &caseless, self.0)
        };
        if repair.is_none() && caseless.is_empty() && titles.is_empty() {
            return;
        }
        let (mut text, passes) = match repair {
            Some(r) => {
                doc.warnings
                    .push(mojibake_warning(r.groups, r.passes.len()));
                (r.text, r.passes)
            }
            None => (doc.article.text.clone(), Vec::new()),
        };
        if !caseless.is_empty() {
            text = restore_case(&text, &caseless, Tables::bundled());
            doc.warnings.push(case_warning(&caseless));
        }
        // A headline in title case is ordinary news style, not damage: no warning.
        let titles: Vec<(Range<usize>, Caseless)> =
            titles.into_iter().map(|r| (r, Caseless::Title)).collect();
        if !titles.is_empty() {
            text = restore_case(&text, &titles, Tables::bundled());
        }
        let received = std::mem::replace(&mut doc.article.text, text);
        doc.lower = doc.article.text.to_ascii_lowercase();
        doc.received = Some(Received::new(received, passes));
    }
}

/// The headline in title case, when it lies within the first `limit` bytes outside the
/// caseless paragraphs.
fn headlines(text: &str, caseless: &[(Range<usize>, Caseless)], limit: usize) -> Vec<Range<usize>> {
    let overlaps = |r: &Range<usize>| {
        caseless
            .iter()
            .any(|(c, _)| c.start < r.end && r.start < c.end)
    };
    title_line(text)
        .filter(|r| r.end <= limit && !overlaps(r))
        .into_iter()
        .collect()
}

/// The text with the case of the given paragraphs restored (one copy of the text).
fn restore_case(text: &str, paragraphs: &[(Range<usize>, Caseless)], tables: &Tables) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, _) in paragraphs {
        out.push_str(&text[at..range.start]);
        out.push_str(&truecase::restore(&text[range.clone()], tables));
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The paragraphs, or their parts, that lie within the first `limit` bytes: the segmenter codes no
/// more than that, so case is not restored past it (a huge caseless text costs no more than a
/// long article).
fn within(
    text: &str,
    paragraphs: Vec<(Range<usize>, Caseless)>,
    limit: usize,
) -> Vec<(Range<usize>, Caseless)> {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    paragraphs
        .into_iter()
        .filter(|(r, _)| r.start < end)
        .map(|(r, k)| (r.start..r.end.min(end), k))
        .collect()
}

fn mojibake_warning(groups: usize, passes: usize) -> String {
    let times = if passes > 1 { " more than once" } else { "" };
    format!(
        "mojibake repaired ({groups} garbled characters: UTF-8 read as Windows-1252/Latin-1{times}); \
         the coder read the repaired text, spans and texts point into the text as received"
    )
}

fn case_warning(caseless: &[(Range<usize>, Caseless)]) -> String {
    let count = |k| caseless.iter().filter(|(_, c)| *c == k).count();
    let (lower, upper) = (count(Caseless::Lower), count(Caseless::Upper));
    let what = match (lower, upper) {
        (0, n) => format!("{n} paragraph(s) in capitals"),
        (n, 0) => format!("{n} paragraph(s) in lower case"),
        (l, u) => format!("{l} paragraph(s) in lower case and {u} in capitals"),
    };
    format!(
        "{what}: case restored from the dictionaries and word statistics before coding; \
         spans and texts point into the text as received"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn run(text: &str) -> Doc {
        let mut doc = Doc::new(Article {
            text: text.into(),
            ..Article::default()
        });
        Casing.run(&mut doc);
        doc
    }

    #[test]
    fn ordinary_text_is_not_copied() {
        let doc = run("Turkey warned Syria on Monday. Talks resumed in Geneva.");
        assert!(doc.received.is_none() && doc.warnings.is_empty());
    }

    #[test]
    fn repaired_and_restored_text_maps_back() {
        let original = "turkey’s army shelled positions near idlib.";
        let received = mojibake::garble(original, 1);
        let doc = run(&received);
        assert_eq!(doc.text(), "Turkey’s army shelled positions near Idlib.");
        assert_eq!(doc.lower, doc.text().to_ascii_lowercase());
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
        let at = doc.text().find("Idlib").unwrap();
        let span = crate::span::Span::new(at, at + 5);
        assert_eq!(doc.received_slice(span), "idlib");
        assert_eq!(doc.received_span(span).end, received.len() - 1);
    }

    #[test]
    fn case_is_restored_only_within_the_coded_length() {
        let text = "the talks resumed in geneva. ".repeat(20);
        let parts = within(&text, caseless_paragraphs(&text), 100);
        assert_eq!(parts, [(0..100, Caseless::Lower)]);
        assert!(within(&text, caseless_paragraphs(&text), 0).is_empty());
    }

    #[test]
    fn a_title_case_headline_is_read_in_sentence_case() {
        let text = "Chile Recalls Envoy as Border Talks With Peru Collapse\n\n\
                    SANTIAGO — The talks ended on Monday.";
        let doc = run(text);
        assert!(
            doc.text()
                .starts_with("Chile recalls envoy as border talks with Peru collapse"),
            "{}",
            doc.text()
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        // What the output points at is the headline as it came in.
        let span = crate::span::Span::new(6, 13);
        assert_eq!(doc.received_slice(span), "Recalls");
        // The coder then reads the headline's verb as a verb.
        let coded = crate::standard().run(Article {
            text: text.into(),
            ..Article::default()
        });
        assert!(
            coded
                .events
                .iter()
                .any(|e| e.sentence == 0 && e.cameo.root() == 16),
            "{:?}",
            coded.events
        );
    }
}
