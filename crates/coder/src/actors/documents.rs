//! "The statement also accused …": a text named again as the doer of what it says stands for
//! whoever issued it.
//!
//! A story tells that a body spoke through a text ("the ministry said in a statement", "the
//! council issued a communique") and goes on with the text as the subject ("the statement
//! accused …"). Reads: the model's tree and the mentions resolved so far. Adds: a mention for
//! each such text, coded as its issuer.

use crate::doc::{Doc, Mention, MentionKind};
use crate::lexicon::lexicon;
use crate::tree::Tree;

/// How many sentences back the text may have been issued: a story names the text again within
/// a few paragraphs.
const LOOK_BACK: usize = 6;

/// Mentions for the texts that are the subject of a clause and were issued, earlier in the
/// story, by a coded actor.
pub fn issued(doc: &Doc, mentions: &[Mention]) -> Vec<Mention> {
    let Some(ann) = doc.syntax.as_ref() else {
        return Vec::new();
    };
    let t = Tree::new(ann, &doc.lower);
    let mut out = Vec::new();
    for w in 0..t.len() {
        if !matches!(t.dep(w), "nsubj" | "nsubjpass") || !told_again(&t, w) {
            continue;
        }
        let span = t.span(w);
        let Some(si) = doc.sentence_at(span.start) else {
            continue;
        };
        if mentions
            .iter()
            .any(|m| m.sentence == si && m.span.overlaps(span))
        {
            continue;
        }
        let Some(issuer) = issuer(doc, &t, mentions, w, si) else {
            continue;
        };
        let first = doc.sentences[si].tokens.start;
        let tokens = doc.sentence_tokens(si);
        let at = tokens.partition_point(|k| k.span.end <= span.start);
        out.push(Mention {
            span,
            sentence: si,
            tokens: first + at..first + at + 1,
            kind: MentionKind::Pronoun,
            actor: issuer.actor.clone(),
            implicit: false,
            entity: None,
        });
    }
    out
}

/// Whether tree word `w` is a text named again: a document noun with "the" or "this".
fn told_again(t: &Tree, w: usize) -> bool {
    let lex = lexicon();
    lex.quotes.document.contains(&t.lemma(w))
        && t.kids_with(w, &["det"])
            .any(|d| lex.mentions.text_determiners.contains(t.lower(d)))
}

/// The coded actor that issued the text `w` names, in sentence `si` or the few before: the
/// subject of the verb an earlier mention of the same noun hangs on ("said in a statement",
/// "issued a statement").
fn issuer<'m>(
    doc: &Doc,
    t: &Tree,
    mentions: &'m [Mention],
    w: usize,
    si: usize,
) -> Option<&'m Mention> {
    let noun = t.lower(w);
    let from = doc.sentences.get(si.saturating_sub(LOOK_BACK))?.span.start;
    let earlier = t.token_at(from)?..w;
    earlier.rev().find_map(|e| {
        if t.lower(e) != noun {
            return None;
        }
        let verb = verb_of(t, e)?;
        let subject = t.kids_with(verb, &["nsubj"]).next()?;
        let at = t.word(subject).start;
        mentions
            .iter()
            .find(|m| m.span.start <= at && at < m.span.end && m.actor.code.is_some())
    })
}

/// The verb a text noun hangs on: as its object ("issued a statement") or through a
/// preposition ("said in a statement").
fn verb_of(t: &Tree, e: usize) -> Option<usize> {
    let head = match t.dep(e) {
        "dobj" => t.head(e)?,
        "pobj" => t.head(t.head(e)?)?,
        _ => return None,
    };
    t.tag(head).starts_with("VB").then_some(head)
}

#[cfg(test)]
mod tests {
    use super::super::tests::code_of;

    #[test]
    fn a_text_named_again_is_its_issuer() {
        let text = "Ghana's foreign ministry said in a statement that Togo had closed the border. \
                    The statement also accused Lome of arming smugglers.";
        assert_eq!(code_of(text, "statement").as_deref(), Some("GHAGOV"));
        let text = "The Kenyan cabinet issued a communique on Monday. \
                    The communique condemned the raid.";
        assert_eq!(code_of(text, "communique").as_deref(), Some("KENGOV"));
    }

    #[test]
    fn a_text_no_one_is_said_to_have_issued_names_no_one() {
        let text = "A statement was read on state radio. The statement accused Togo of lying.";
        let all = super::super::tests::mentions(text);
        assert!(all.iter().all(|(t, _)| t != "statement"), "{all:?}");
    }
}
