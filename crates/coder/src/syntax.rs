//! The model's reading of the article: spaCy-compatible tokens with tag, lemma, head and label,
//! and named entities (`flashpoint_nlp`).
//!
//! Reads: the article text and the segmenter's sentences and tokens (the model's own cuts, so
//! the text is cut once and every annotation word that is no whitespace is a `Doc` token at the
//! same span). Adds: `Doc::syntax`.
//!
//! Where the parser and the segmenter disagree on sentences, the segmenter wins for now: every
//! span, `sentence_index` and reading of the coder is built on its sentences, which handle
//! datelines, bylines and quotes running over paragraphs that the parser (trained on edited
//! OntoNotes text) splits differently. [`Syntax::crossing_arcs`] counts the arcs that cross a
//! segmenter boundary so that the choice stays measured.
//!
//! The model reads a long article in windows of whole paragraphs of at most
//! [`WINDOW_TOKENS`] tokens (a news article is one window, so nothing changes for it): the
//! network's per-token buffers then stay bounded whatever the article's length, and the
//! windows' readings are joined into one annotation of the whole text.

use crate::doc::Doc;
use crate::pipeline::{Layer, Stage};
use flashpoint_nlp::tokenizer::WordCut;
use flashpoint_nlp::{Annotation, Model};
use std::ops::Range;

/// Most tokens the model reads at once. The network keeps a few KB per token while it
/// reads; 4,000 tokens (a long feature, ~2,500 words) bound that to tens of MB. Windows end at
/// a paragraph break where one lies inside the limit, else at a sentence break, else (one
/// sentence longer than the limit) at a word.
pub const WINDOW_TOKENS: usize = 4_000;

pub struct Syntax {
    model: Option<&'static Model>,
    window: usize,
}

impl Syntax {
    /// The stage with the model built into the binary.
    pub fn bundled() -> Syntax {
        Syntax {
            model: Model::bundled().ok(),
            window: WINDOW_TOKENS,
        }
    }

    /// The same with another window size (tests of the joins use small ones).
    pub fn with_window(window: usize) -> Syntax {
        Syntax {
            window: window.max(1),
            ..Syntax::bundled()
        }
    }

    /// Arcs of the parse whose head lies in another segmenter sentence than the dependent.
    pub fn crossing_arcs(doc: &Doc, annotation: &Annotation) -> usize {
        let sentence_of = |i: usize| doc.sentence_at(annotation.words[i].start);
        annotation
            .words
            .iter()
            .enumerate()
            .filter(|(i, w)| !w.is_space && sentence_of(*i) != sentence_of(w.head))
            .count()
    }
}

impl Stage for Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }

    fn run(&self, doc: &mut Doc) {
        match self.model {
            Some(model) => doc.syntax = Some(annotate(model, doc, self.window)),
            None => doc
                .warnings
                .push("the bundled model could not be loaded: no syntax".into()),
        }
    }
}

/// The model's reading of the whole text, window by window.
fn annotate(model: &Model, doc: &Doc, window: usize) -> Annotation {
    let text = doc.text();
    let mut all = Annotation::default();
    for bytes in windows(doc, window) {
        if text.get(bytes.clone()).is_none() {
            continue;
        }
        // The segmenter's tokens are the model's cuts; the whitespace tokens the model also
        // reads are restored from the text between them.
        let first = doc.tokens.partition_point(|t| t.span.start < bytes.start);
        let last = doc.tokens.partition_point(|t| t.span.start < bytes.end);
        let words = doc.tokens[first..last].iter().map(|t| WordCut {
            start: t.span.start,
            end: t.span.end,
            norm: t.norm,
        });
        let tokens = model.tokenizer().with_spaces(text, bytes, words);
        append(&mut all, model.annotate_tokens(text, &tokens));
    }
    // The words grew by doubling: give back the unused part (up to half of the largest buffer
    // a long article keeps).
    all.words.shrink_to_fit();
    all
}

/// Add a window's annotation after the ones before it: token indices shift by the tokens
/// already there (byte offsets are the text's already).
fn append(all: &mut Annotation, part: Annotation) {
    let base = all.words.len();
    let shift = |r: Range<usize>| r.start + base..r.end + base;
    all.words.extend(part.words.into_iter().map(|mut w| {
        w.head += base;
        w
    }));
    all.sentences.extend(part.sentences.into_iter().map(shift));
    all.entities.extend(part.entities.into_iter().map(|mut e| {
        e.tokens = shift(e.tokens);
        e
    }));
}

/// Byte ranges of the windows, covering the text. Cuts fall where a segmenter sentence or
/// token starts, so that each window begins a word after whitespace (or, inside an overlong
/// sentence, at least a token): the tokens are the text's, cut once, whatever the windows.
fn windows(doc: &Doc, window: usize) -> Vec<Range<usize>> {
    let cuts = cut_points(doc, window);
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            out.push(start..cut);
            start = cut;
        }
    }
    out.push(start..doc.text().len());
    out
}

/// Where windows end, as byte offsets, chosen by token counts.
fn cut_points(doc: &Doc, window: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    // First token of the current window; the latest paragraph and sentence breaks after it
    // (token index, byte offset).
    let mut first = 0usize;
    let mut paragraph: Option<(usize, usize)> = None;
    let mut sentence: Option<(usize, usize)> = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        if i > 0 && s.tokens.start > first {
            let at = Some((s.tokens.start, s.span.start));
            if doc.sentences[i - 1].paragraph != s.paragraph {
                paragraph = at;
            }
            sentence = at;
        }
        while s.tokens.end - first > window {
            // A paragraph break unless it would leave a small window, else the last sentence
            // break, else a word inside this (overlong) sentence.
            let pick = match (paragraph, sentence) {
                (Some(p), _) if p.0 - first >= window / 4 => Some(p),
                (_, Some(s)) => Some(s),
                (p, None) => p,
            };
            let (token, byte) = match pick {
                Some(p) => p,
                None => inner_cut(doc, first, window),
            };
            cuts.push(byte);
            first = token;
            paragraph = paragraph.filter(|p| p.0 > first);
            sentence = sentence.filter(|p| p.0 > first);
        }
    }
    cuts
}

/// A cut inside a sentence longer than a window: the token `window` after `first`, or the last
/// one before it that follows whitespace (so the model sees whole words), within half a window.
fn inner_cut(doc: &Doc, first: usize, window: usize) -> (usize, usize) {
    let text = doc.text().as_bytes();
    let last = first + window;
    let after_space = |t: usize| {
        let at = doc.tokens[t].span.start;
        at > 0 && text[at - 1].is_ascii_whitespace()
    };
    let token = (first + window / 2 + 1..=last)
        .rev()
        .find(|&t| after_space(t))
        .unwrap_or(last);
    (token, doc.tokens[token].span.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::segment::Segment;
    use flashpoint_nlp::Annotator;

    fn segmented(text: &str) -> Doc {
        let mut doc = Doc::new(Article {
            text: text.into(),
            ..Article::default()
        });
        Segment.run(&mut doc);
        doc
    }

    /// Paragraphs of my own short report sentences.
    fn report(paragraphs: usize) -> String {
        let p = "The mayor of Brindle opened the new bridge on Monday. \
                 \u{201c}It took nine years,\u{201d} she said. Traffic was light.";
        vec![p; paragraphs].join("\n\n")
    }

    #[test]
    fn windows_cover_the_text_and_respect_the_size() {
        let doc = segmented(&report(40));
        for window in [1, 7, 20, 64, 10_000] {
            let w = windows(&doc, window);
            assert_eq!(w.first().map(|r| r.start), Some(0));
            assert_eq!(w.last().map(|r| r.end), Some(doc.text().len()));
            for pair in w.windows(2) {
                assert_eq!(pair[0].end, pair[1].start, "window {window}");
            }
            for r in &w {
                let tokens = doc.tokens.iter().filter(|t| r.contains(&t.span.start));
                assert!(tokens.count() <= window.max(1), "{r:?} over {window}");
            }
        }
        // Paragraph breaks are preferred: a window of two paragraphs' tokens cuts at them.
        let per_paragraph = doc.sentences[..3]
            .iter()
            .map(|s| s.tokens.len())
            .sum::<usize>();
        for r in windows(&doc, per_paragraph * 2 + 3) {
            assert!(
                r.start == 0 || doc.text()[..r.start].ends_with("\n\n"),
                "{r:?}"
            );
        }
    }

    #[test]
    fn an_overlong_sentence_is_cut_between_words() {
        let text = "word ".repeat(300);
        let doc = segmented(&text);
        let w = windows(&doc, 50);
        assert!(w.len() >= 6);
        for r in &w[1..] {
            assert_eq!(&text[r.start - 1..r.start], " ");
        }
    }

    #[test]
    fn a_short_article_reads_as_one_window() {
        let Ok(model) = Model::bundled() else {
            eprintln!("no bundled model: skipped");
            return;
        };
        let mut doc = segmented(&report(5));
        Syntax::bundled().run(&mut doc);
        assert_eq!(doc.syntax.as_ref(), Some(&model.annotate(doc.text())));
    }

    #[test]
    fn windows_join_into_one_sound_annotation() {
        let Ok(model) = Model::bundled() else {
            eprintln!("no bundled model: skipped");
            return;
        };
        let text = report(12);
        let mut doc = segmented(&text);
        Syntax::with_window(30).run(&mut doc);
        let joined = doc.syntax.clone().unwrap();
        let whole = model.annotate(&text);
        // Cut at sentence starts, the model's tokens are the same as for the whole text.
        let spans = |a: &Annotation| a.words.iter().map(|w| (w.start, w.end)).collect::<Vec<_>>();
        assert_eq!(spans(&joined), spans(&whole));
        let n = joined.words.len();
        assert!(joined.words.iter().all(|w| w.head < n));
        let covered: usize = joined.sentences.iter().map(|r| r.len()).sum();
        assert_eq!(covered, n);
        assert!(joined.sentences.windows(2).all(|p| p[0].end == p[1].start));
        for e in &joined.entities {
            assert_eq!(joined.words[e.tokens.start].start, e.start);
            assert_eq!(joined.words[e.tokens.end - 1].end, e.end);
        }
        // Each paragraph is a report of its own, so every window reads the same names.
        let labels = |a: &Annotation| {
            a.entities
                .iter()
                .map(|e| e.label.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(&joined), labels(&whole));
    }
}
