//! A human-readable trace of how a document was coded: per sentence, the mentions, the trigger
//! patterns found and what governs them. For dictionary authors (`flashpoint explain`).

use super::triggers::Triggers;
use super::Events;
use crate::doc::{Doc, TokenKind};
use crate::lexicon::trie::key;
use crate::span::Span;
use crate::tree::Tree;
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

impl Events {
    pub fn explain(&self, doc: &Doc) -> String {
        let mut out = String::new();
        let tree = doc.syntax.as_ref().map(|a| Tree::new(a, &doc.lower));
        for (si, s) in doc.sentences.iter().enumerate() {
            let toks = doc.sentence_tokens(si);
            let keys: Vec<_> = toks.iter().map(|t| key(doc.lower_slice(t.span))).collect();
            let is_word: Vec<bool> = toks
                .iter()
                .map(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                .collect();
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
                    m.actor.code,
                    m.actor.name
                );
            }
            for p in doc.places.iter().filter(|p| p.sentence == si) {
                let _ = writeln!(
                    out,
                    "    place {:?} {} {:?}",
                    doc.slice(p.span),
                    p.place.country,
                    p.place.precision
                );
            }
            let triggers: &Triggers = self.triggers;
            for m in triggers.find(&keys, &is_word) {
                let p = &triggers.patterns[m.pattern];
                let words: Vec<&str> = keys[m.start..m.end].iter().map(|k| k.as_ref()).collect();
                let governor = self.rules.governor(&keys, m.start);
                let _ = writeln!(
                    out,
                    "    trigger {:?} = {} {} {:?} negated={} governor={:?}",
                    words.join(" "),
                    p.code.map_or_else(|| "-".to_string(), |c| c.to_string()),
                    if p.nominal { "n" } else { "v" },
                    p.text,
                    self.rules.negated(&keys, m.start),
                    governor.map(|g| (g.class, keys[g.at].to_string())),
                );
            }
            for e in doc.events.iter().filter(|e| e.sentence == si) {
                let side = |a: &Option<crate::doc::EventActor>| {
                    a.as_ref().and_then(|a| a.actor.code.clone())
                };
                let _ = writeln!(
                    out,
                    "    EVENT {:?} -> {:?} {} {:?} «{}»",
                    side(&e.source),
                    side(&e.target),
                    e.cameo,
                    e.modality,
                    doc.slice(e.trigger)
                );
            }
        }
        out
    }
}
