//! Sentence segmentation: byte spans of sentences, never rewriting the text.

use crate::doc::{Doc, Sentence};
use crate::pipeline::Stage;
use crate::span::Span;

/// A sentence span and the index of the paragraph it lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    pub span: Span,
    pub paragraph: usize,
}

/// Split `text` into sentences. Spans exclude surrounding whitespace and never overlap.
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    // Placeholder: one sentence per non-empty line. Replaced by the real segmenter.
    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraph = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            paragraph += 1;
        } else {
            let lead = line.len() - line.trim_start().len();
            out.push(SentenceSpan {
                span: Span::new(start + lead, start + lead + trimmed.len()),
                paragraph,
            });
        }
        start += line.len();
    }
    out
}

/// The segmentation stage: fills `Doc::sentences` and `Doc::tokens`.
pub struct Segment;

impl Stage for Segment {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn run(&self, doc: &mut Doc) {
        let spans = split_sentences(doc.text());
        for s in spans {
            let first = doc.tokens.len();
            crate::tokens::tokenize(&doc.article.text, s.span, &mut doc.tokens);
            doc.sentences.push(Sentence {
                span: s.span,
                tokens: first..doc.tokens.len(),
                paragraph: s.paragraph,
            });
        }
    }
}
