//! Whose a thing is, read from the dependency tree: "tanks belonging to the government",
//! "targets of the government", "the government's depots", "positions held by the rebels".
//! An act done to a thing that is no actor is done to its owner.
//!
//! Reads: `Doc::syntax` (heads, labels, lemmas), `Doc::mentions`, `data/lexicon/ownership.txt`.

use crate::doc::Doc;
use flashpoint_nlp::Annotation;

/// Mentions (indices into `doc.mentions`, coded with a country) that own what the act whose
/// trigger starts at byte `trigger_at` is done to.
pub fn of_object(doc: &Doc, trigger_at: usize) -> Vec<usize> {
    let Some(ann) = doc.syntax.as_ref() else {
        return Vec::new();
    };
    let Some(verb) = word_at(ann, trigger_at) else {
        return Vec::new();
    };
    let mut owners = Vec::new();
    for thing in with_conjuncts(ann, patients(ann, verb)) {
        for owner in owner_words(ann, thing) {
            if let Some(m) = mention_at(doc, ann, owner) {
                if !owners.contains(&m) {
                    owners.push(m);
                }
            }
        }
    }
    owners
}

/// Mentions (coded with a country) that own the thing named by the word at byte `at`: its
/// possessor or "of" object, or a naming adjective or compound ("the Bolivian decree").
pub fn of_word(doc: &Doc, at: usize) -> Vec<usize> {
    let Some(ann) = doc.syntax.as_ref() else {
        return Vec::new();
    };
    let Some(thing) = word_at(ann, at) else {
        return Vec::new();
    };
    let naming =
        children(ann, thing).filter(|&c| matches!(ann.words[c].dep.as_str(), "amod" | "compound"));
    let mut owners: Vec<usize> = Vec::new();
    for w in owner_words(ann, thing).into_iter().chain(naming) {
        if let Some(m) = mention_at(doc, ann, w) {
            if !owners.contains(&m) {
                owners.push(m);
            }
        }
    }
    owners
}

fn word_at(ann: &Annotation, at: usize) -> Option<usize> {
    let i = ann.words.partition_point(|w| w.end <= at);
    ann.words.get(i).filter(|w| w.start <= at).map(|_| i)
}

/// Children of `head`, searched in its sentence only (a head and its dependents share one), so
/// that the cost does not grow with the length of the article.
fn children<'a>(ann: &'a Annotation, head: usize) -> impl Iterator<Item = usize> + 'a {
    let within = ann
        .sentence_of(head)
        .map_or(0..ann.words.len(), |k| ann.sentences[k].clone());
    within.filter(move |&i| ann.words[i].head == head && i != head)
}

/// What the act is done to: its direct object, a passive subject, or — when the act's doer is
/// told in a "by" phrase ("came under fire by …") — its grammatical subject.
fn patients(ann: &Annotation, verb: usize) -> Vec<usize> {
    let has_agent = children(ann, verb).any(|c| {
        ann.words[c].dep == "agent"
            || (ann.words[c].dep == "prep" && ann.words[c].lemma == "by")
            || children(ann, c).any(|g| ann.words[g].dep == "prep" && ann.words[g].lemma == "by")
    });
    children(ann, verb)
        .filter(|&c| match ann.words[c].dep.as_str() {
            "dobj" | "nsubjpass" => true,
            "nsubj" => has_agent,
            _ => false,
        })
        .collect()
}

/// A thing and the things coordinated with it ("tanks, howitzers and vehicles").
fn with_conjuncts(ann: &Annotation, mut things: Vec<usize>) -> Vec<usize> {
    let mut k = 0;
    while k < things.len() {
        let more: Vec<usize> = children(ann, things[k])
            .filter(|&c| ann.words[c].dep == "conj" && !things.contains(&c))
            .collect();
        things.extend(more);
        k += 1;
    }
    things
}

/// The words naming a thing's owner: its possessor, the object of its "of", or the object of
/// "to"/"by" after an ownership participle ("belonging to", "held by").
fn owner_words(ann: &Annotation, thing: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for c in children(ann, thing) {
        let w = &ann.words[c];
        match w.dep.as_str() {
            "poss" => out.push(c),
            "prep" if w.lemma == "of" => out.extend(objects(ann, c)),
            "acl" if crate::lexicon::lexicon().ownership.0.contains(&w.lemma) => {
                for p in children(ann, c) {
                    let pw = &ann.words[p];
                    if matches!(pw.dep.as_str(), "prep" | "agent")
                        && matches!(pw.lemma.as_str(), "to" | "by")
                    {
                        out.extend(objects(ann, p));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn objects(ann: &Annotation, prep: usize) -> Vec<usize> {
    let first: Vec<usize> = children(ann, prep)
        .filter(|&c| ann.words[c].dep == "pobj")
        .collect();
    with_conjuncts(ann, first)
}

/// The coded mention that covers word `i`.
fn mention_at(doc: &Doc, ann: &Annotation, i: usize) -> Option<usize> {
    let w = &ann.words[i];
    // Only the mentions of the word's sentence can cover it.
    let near = doc
        .sentence_at(w.start)
        .map_or(0..doc.mentions.len(), |si| doc.mention_range(si, si));
    doc.mentions[near.clone()]
        .iter()
        .position(|m| m.span.start <= w.start && w.end <= m.span.end && m.actor.country.is_some())
        .map(|k| near.start + k)
}

#[cfg(test)]
mod tests {
    /// (source country, target country, CAMEO root) of every event coded in `text`.
    fn events(text: &str) -> Vec<(String, String, String)> {
        super::super::testing::dyads(text, "2021-06-01")
            .into_iter()
            .map(|(s, t, code)| (s, t, code[..2].to_string()))
            .collect()
    }

    #[test]
    fn an_act_on_a_thing_is_an_act_on_its_owner() {
        let found = events(
            "The ministry said that Greek jets had destroyed radars and depots belonging to the Turkish army.",
        );
        assert!(
            found.iter().any(|(s, t, _)| s == "GRC" && t == "TUR"),
            "{found:?}"
        );
        let found = events(
            "Several positions of the Malian army came under fire by Algerian units on Monday.",
        );
        assert!(
            found.iter().any(|(s, t, _)| s == "DZA" && t == "MLI"),
            "{found:?}"
        );
    }
}
