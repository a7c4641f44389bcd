//! A human-readable account of how a document was coded (`flashpoint explain`), for dictionary
//! authors: per sentence, the model's reading, the mentions, and the event coder's own trace of
//! what it decided on each trigger (see [`super::trace`]).

use super::trace::{summary, EventTrace};
use crate::doc::Doc;
use crate::span::Span;
use crate::tree::Tree;
use flashpoint_core::Trace;
use std::fmt::Write;

/// The model's reading of one sentence: word, lemma, tag, label and head, one line a word.
fn write_tree(out: &mut String, tree: &Tree, span: Span) {
    for w in tree.tokens_in(span.start, span.end) {
        let word = tree.word(w);
        if word.is_space {
            continue;
        }
        let head = tree.head(w).map_or("-", |h| tree.lower(h));
        let _ = writeln!(
            out,
            "    | {w:>4} {:<16} {:<14} {:<5} {:<10} <- {head}",
            tree.lower(w),
            tree.lemma(w),
            word.tag,
            word.dep
        );
    }
}

/// The coded document, sentence by sentence: the model's tree, the mentions and places, every
/// trigger with the decisions the coder took on it (from `trace`, recorded while it coded), what
/// the selection removed, and the events kept.
pub fn explain(doc: &Doc, trace: &Trace) -> String {
    let mut out = String::new();
    let tree = doc.syntax.as_ref().map(|a| Tree::new(a, &doc.lower));
    for (si, s) in doc.sentences.iter().enumerate() {
        let _ = writeln!(out, "[{si}] {}", doc.slice(s.span));
        if let Some(tree) = tree.as_ref() {
            write_tree(&mut out, tree, s.span);
        }
        for m in doc.mentions.iter().filter(|m| m.sentence == si) {
            let _ = writeln!(
                out,
                "    actor {:?} {:?} {:?} {:?}",
                doc.slice(m.span),
                m.kind,
                m.actor.code.map(|c| c.to_string()),
                m.actor.name
            );
        }
        for p in doc.places.iter().filter(|p| p.sentence == si) {
            let _ = writeln!(
                out,
                "    place {:?} {} {:?}",
                doc.slice(p.span),
                p.place.country.as_ref().map_or("", crate::Country::as_str),
                p.place.precision
            );
        }
        if let Some(events) = trace.get::<EventTrace>() {
            events.write_sentence(si, &mut out);
        }
        for e in doc.events.iter().filter(|e| e.sentence == si) {
            let _ = writeln!(out, "    EVENT {} {:?}", summary(doc, e), e.modality);
        }
    }
    out
}
