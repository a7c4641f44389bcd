//! A human-readable trace of how a document was coded: per sentence, the mentions, the trigger
//! patterns found and what governs them. For dictionary authors (`flashpoint explain`).

use super::triggers::Triggers;
use super::Events;
use crate::doc::{Doc, TokenKind};
use crate::lexicon::trie::key;
use std::fmt::Write;

impl Events {
    pub fn explain(&self, doc: &Doc) -> String {
        let mut out = String::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let toks = doc.sentence_tokens(si);
            let keys: Vec<_> = toks.iter().map(|t| key(doc.lower_slice(t.span))).collect();
            let is_word: Vec<bool> = toks
                .iter()
                .map(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                .collect();
            let _ = writeln!(out, "[{si}] {}", doc.slice(s.span));
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
                    p.code,
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
                    "    EVENT {:?} -> {:?} {} {:?}",
                    side(&e.source),
                    side(&e.target),
                    e.cameo,
                    e.modality
                );
            }
        }
        out
    }
}
