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

pub use detect::{caseless_paragraphs, Caseless};
pub use tables::Tables;

use crate::doc::Doc;
use crate::ingest::mojibake;
use crate::pipeline::Stage;
use crate::span::Span;

/// The article text as it came in, kept when the stages read a repaired copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Received {
    pub text: String,
    /// Offset maps of the mojibake repair passes (empty when only case changed).
    passes: Vec<mojibake::Points>,
}

impl Received {
    /// The span of the received text that a span of the repaired text came from.
    pub fn span(&self, span: Span) -> Span {
        if self.passes.is_empty() {
            return span;
        }
        Span::new(
            mojibake::source_offset(&self.passes, span.start),
            mojibake::source_offset(&self.passes, span.end),
        )
    }
}

/// The stage: repair, then restore case where the text has none.
pub struct Casing;

impl Stage for Casing {
    fn name(&self) -> &'static str {
        "casing"
    }

    fn run(&self, doc: &mut Doc) {
        let repair = mojibake::repair(&doc.article.text);
        let caseless = {
            let text = repair.as_ref().map_or(&doc.article.text, |r| &r.text);
            caseless_paragraphs(text)
        };
        if repair.is_none() && caseless.is_empty() {
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
            let tables = Tables::bundled();
            for (range, _) in &caseless {
                truecase::restore(&mut text, range.clone(), tables);
            }
            doc.warnings.push(case_warning(&caseless));
        }
        let received = std::mem::replace(&mut doc.article.text, text);
        doc.lower = doc.article.text.to_ascii_lowercase();
        doc.received = Some(Received {
            text: received,
            passes,
        });
    }
}

fn mojibake_warning(groups: usize, passes: usize) -> String {
    let times = if passes > 1 { " more than once" } else { "" };
    format!(
        "mojibake repaired ({groups} garbled characters: UTF-8 read as Windows-1252/Latin-1{times}); \
         the coder read the repaired text, spans and texts point into the text as received"
    )
}

fn case_warning(caseless: &[(std::ops::Range<usize>, Caseless)]) -> String {
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
