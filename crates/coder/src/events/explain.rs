//! A human-readable account of how a document was coded (`flashpoint explain`), for dictionary
//! authors: per sentence, the model's reading, the mentions, and the event coder's own trace of
//! what it decided on each trigger (see [`super::trace`]).

use super::trace::{summary, EventTrace};
use crate::actors::ActorTrace;
use crate::doc::Doc;
use crate::geo::PlaceTrace;
use crate::quotes::{Decision, QuoteTrace};
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
                "    actor {:?} {:?} {:?} {:?}{}",
                doc.slice(m.span),
                m.kind,
                m.actor.code.map(|c| c.to_string()),
                m.actor.name,
                m.entity.map(|e| format!(" {e:?}")).unwrap_or_default()
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
        if let Some(actors) = trace.get::<ActorTrace>() {
            write_pronouns(&mut out, doc, actors, s.span);
        }
        if let Some(places) = trace.get::<PlaceTrace>() {
            write_names(&mut out, doc, places, s.span);
        }
        if let Some(quotes) = trace.get::<QuoteTrace>() {
            write_quotes(&mut out, doc, quotes, s.span);
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

/// The actor stage's decision on each pronoun of the sentence `span`: what it stands for, by
/// which rule, and what told the gender of the person it stands for.
fn write_pronouns(out: &mut String, doc: &Doc, trace: &ActorTrace, span: Span) {
    for d in trace.pronouns.iter().filter(|d| span.contains(d.pronoun)) {
        let to = d.antecedent.map_or("nobody", |a| doc.slice(a));
        let gender = d
            .gender
            .map(|(g, e)| format!(" ({g:?} by {e:?})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    pronoun {:?} -> {to:?}{gender}: {}",
            doc.slice(d.pronoun),
            d.rule.describe()
        );
    }
}

/// The places stage's verdict on each name of the gazetteer in the sentence `span`.
fn write_names(out: &mut String, doc: &Doc, trace: &PlaceTrace, span: Span) {
    for (name, verdict) in trace.decisions.iter().filter(|(n, _)| span.contains(*n)) {
        let _ = writeln!(
            out,
            "    name {:?}: {}",
            doc.slice(*name),
            verdict.describe()
        );
    }
}

/// The quote stage's decisions on the marks that open in the sentence `span`: the first words
/// quoted, the speaker reported and the rule that gave it.
fn write_quotes(out: &mut String, doc: &Doc, trace: &QuoteTrace, span: Span) {
    let opens_here = |d: &&Decision| span.start <= d.span.start && d.span.start < span.end;
    for d in trace.decisions.iter().filter(opens_here) {
        let words: Vec<&str> = doc.slice(d.span).split_whitespace().collect();
        let shown = if words.len() > 8 {
            format!("{} …", words[..8].join(" "))
        } else {
            words.join(" ")
        };
        let speaker = doc
            .quotes
            .iter()
            .find(|q| q.span == d.span)
            .and_then(|q| q.speaker.as_ref())
            .map(|s| {
                s.name
                    .clone()
                    .unwrap_or_else(|| doc.slice(s.span).to_string())
            });
        let _ = writeln!(
            out,
            "    quote «{shown}» speaker {:?}: {}",
            speaker.unwrap_or_default(),
            d.rule.describe()
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::Article;

    #[test]
    fn quotes_show_their_speaker_and_rule() {
        let article = Article {
            text: "\"The port stays shut,\" the Ghanaian harbour master said.".into(),
            ..Article::default()
        };
        let mut trace = flashpoint_core::Trace::default();
        let doc = crate::standard().run_traced(article, &mut trace);
        let text = super::explain(&doc, &trace);
        assert!(
            text.contains("quote «The port stays shut» speaker \"the Ghanaian harbour master\": the subject of the verb of saying it hangs on"),
            "{text}"
        );
    }
}
