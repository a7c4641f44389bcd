//! Judgements one party passes on another: "X called the raid an act of aggression", "Y described
//! the vote as illegal", "Z said it was outraged by the strike".
//!
//! No trigger word tells these acts: "call" and "describe" are neutral, and the judgement lies in
//! the description given to the object or in the feeling the party says it has. A description
//! with a condemning word is disapproval (CAMEO 111), one with a praising word is praise (051); a
//! feeling of outrage or dismay is disapproval. The act is aimed at the party the object names or
//! owns, or at the doer of the act the object names again ("the raid").
//!
//! Reads: the sentence's tree and mentions (through [`Roles`]), `data/lexicon/judgements.tsv`, the
//! events of the story's earlier sentences. Gives: events, with the judging verb or the feeling
//! word as trigger.

use super::roles::Roles;
use super::{antecedents, codes, mention_actor, owners};
use crate::cameo::Cameo;
use crate::doc::{Doc, EventActor};

fn lexicon() -> &'static crate::lexicon::JudgementWords {
    &crate::lexicon::lexicon().judgements
}

/// One judgement found in a sentence: who judges whom, the code, and the tree word telling it.
pub(super) struct Judgement {
    pub word: usize,
    pub code: Cameo,
    pub sources: Vec<EventActor>,
    pub targets: Vec<EventActor>,
}

/// Words of a description that can carry its judgement: the description's own subtree, bounded
/// so that a long clause does not lend its words.
const DESCRIPTION_WORDS: usize = 12;

/// Every judgement in the sentence whose tree words are `words`.
pub(super) fn find(
    doc: &Doc,
    r: &Roles,
    words: std::ops::Range<usize>,
    prior: &[crate::doc::Event],
) -> Vec<Judgement> {
    let t = r.tree();
    let lexicon = lexicon();
    let mut out = Vec::new();
    for w in words {
        if t.kids_with(w, &["neg"]).next().is_some() {
            continue;
        }
        let lemma = t.lemma(w);
        let found = if t.is_verbal(w) && lexicon.verbs.contains(&lemma) {
            description(r, w)
        } else if lexicon.feelings.contains(t.lower(w)) {
            feeling(r, w)
        } else {
            None
        };
        let Some((code, object)) = found else {
            continue;
        };
        let sources = judges(doc, r, w);
        if sources.is_empty() {
            continue;
        }
        let targets = judged(doc, r, object, prior, &sources);
        if !targets.is_empty() {
            out.push(Judgement {
                word: w,
                code,
                sources,
                targets,
            });
        }
    }
    out
}

/// "called X a criminal", "described X as illegal": the code the description gives and the
/// object described. Not "what he called a coup", which only names what another act is about.
fn description(r: &Roles, verb: usize) -> Option<(Cameo, usize)> {
    let t = r.tree();
    let object = t.kids_with(verb, &["dobj"]).next()?;
    if matches!(t.tag(object), "WP" | "WDT") {
        return None;
    }
    let mut predicate: Vec<usize> = t
        .kids_with(verb, &["oprd", "xcomp", "ccomp", "attr", "acomp"])
        .collect();
    predicate.extend(
        t.kids_with(verb, &["prep"])
            .chain(t.kids_with(object, &["prep"]))
            .filter(|&p| t.lower(p) == "as")
            .flat_map(|p| {
                t.kids_with(p, &["pobj", "amod", "acomp"])
                    .collect::<Vec<_>>()
            }),
    );
    let code = polarity(r, &predicate)?;
    Some((code, object))
}

/// "was outraged by the strike": disapproval of what the feeling is about.
fn feeling(r: &Roles, word: usize) -> Option<(Cameo, usize)> {
    let t = r.tree();
    let about = t
        .kids_with(word, &["prep", "agent"])
        .filter(|&p| lexicon().feeling_preps.contains(t.lower(p)))
        .flat_map(|p| t.kids_with(p, &["pobj"]).collect::<Vec<_>>())
        .next()?;
    Some((codes::DISAPPROVE, about))
}

/// The code a description's words give: disapproval when a condemning word is in it and no
/// praising one, praise the other way round.
fn polarity(r: &Roles, predicate: &[usize]) -> Option<Cameo> {
    let t = r.tree();
    let lexicon = lexicon();
    let (mut bad, mut good) = (false, false);
    for &p in predicate {
        let (a, b) = t.extent(p, &|_| false);
        for w in a..=b.min(a + DESCRIPTION_WORDS) {
            let lemma = t.lemma(w);
            bad |= lexicon.negative.contains(&lemma) || lexicon.negative.contains(t.lower(w));
            good |= lexicon.positive.contains(&lemma) || lexicon.positive.contains(t.lower(w));
        }
    }
    match (bad, good) {
        (true, false) => Some(codes::DISAPPROVE),
        (false, true) => Some(codes::PRAISE),
        _ => None,
    }
}

/// Who passes the judgement: the subject of the judging word (of its copula, for a feeling), or,
/// when that is a pronoun no mention codes, the subject of the verb of saying it is told under.
fn judges(doc: &Doc, r: &Roles, word: usize) -> Vec<EventActor> {
    let t = r.tree();
    let mut clause = word;
    if t.dep(word) == "acomp" {
        clause = t.head(word).unwrap_or(word);
    }
    for _ in 0..3 {
        let span = t.span(clause);
        let sources: Vec<EventActor> = r
            .read(clause, span)
            .sources
            .into_iter()
            .map(|m| mention_actor(&doc.mentions[m]))
            .filter(|a| a.actor.country.is_some())
            .collect();
        if !sources.is_empty() {
            return sources;
        }
        match t.head(clause) {
            Some(h) if t.dep(clause) == "ccomp" && t.is_verbal(h) => clause = h,
            _ => break,
        }
    }
    Vec::new()
}

/// Whom the judgement is aimed at: the party the object names, else its owner ("the court's
/// ruling"), else the doer of the act it names again ("the raid").
fn judged(
    doc: &Doc,
    r: &Roles,
    object: usize,
    prior: &[crate::doc::Event],
    sources: &[EventActor],
) -> Vec<EventActor> {
    let t = r.tree();
    // A judge may judge its own country's other side ("the army called the militia criminal").
    let own: Vec<Option<crate::country::Code>> = sources.iter().map(|a| a.actor.code).collect();
    let keep = |a: &EventActor| a.actor.country.is_some() && !own.contains(&a.actor.code);
    let named: Vec<EventActor> = r
        .mention_of(object)
        .into_iter()
        .chain(owners::of_word(doc, t.span(object).start))
        .map(|m| mention_actor(&doc.mentions[m]))
        .filter(keep)
        .collect();
    if !named.is_empty() {
        return named;
    }
    // "horrified by the bombing of the village by Sudanese jets", "by reports of the raid": an
    // act the object tells, or the act its "of" names, is judged in its doers.
    let of_object = t
        .kids_with(object, &["prep"])
        .filter(|&p| t.lower(p) == "of")
        .flat_map(|p| t.kids_with(p, &["pobj"]).collect::<Vec<_>>());
    for act in std::iter::once(object).chain(of_object) {
        if !t.tag(act).starts_with("NN") {
            continue;
        }
        let doers: Vec<EventActor> = r
            .read(act, t.span(act))
            .sources
            .into_iter()
            .map(|m| mention_actor(&doc.mentions[m]))
            .filter(keep)
            .collect();
        if !doers.is_empty() {
            return doers;
        }
        let earlier = r
            .referring_noun(act)
            .map(|noun| antecedents::doers(prior, &noun, sources))
            .unwrap_or_default();
        if !earlier.is_empty() {
            return earlier;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    /// (source country, CAMEO code, target country) of every event coded in `text`.
    fn events(text: &str) -> Vec<(String, String, String)> {
        super::super::testing::dyads(text, "2023-05-01")
            .into_iter()
            .map(|(s, t, code)| (s, code, t))
            .collect()
    }

    fn has(found: &[(String, String, String)], s: &str, code: &str, t: &str) -> bool {
        found
            .iter()
            .any(|(a, c, b)| a == s && c.starts_with(code) && b == t)
    }

    #[test]
    fn a_condemning_description_is_disapproval_of_the_one_described() {
        let found = events(
            "The Peruvian president called Ecuador's blockade of the river an act of piracy.",
        );
        assert!(has(&found, "PER", "111", "ECU"), "{found:?}");
        let found = events("Chile described the Bolivian decree as illegal on Friday.");
        assert!(has(&found, "CHL", "11", "BOL"), "{found:?}");
    }

    #[test]
    fn a_feeling_about_an_act_is_disapproval_of_its_doers() {
        let found = events(
            "The Chilean envoy said he was \"appalled\" by the shelling of a school in Tarija \
             by Bolivian troops.",
        );
        assert!(has(&found, "CHL", "111", "BOL"), "{found:?}");
    }

    #[test]
    fn a_praising_description_is_praise() {
        let found =
            events("Kenya's foreign minister called the peace plan of Uganda a historic step.");
        assert!(has(&found, "KEN", "051", "UGA"), "{found:?}");
    }

    #[test]
    fn a_neutral_or_denied_description_is_no_judgement() {
        let found = events("The Peruvian president called Ecuador's offer a proposal.");
        assert!(
            !found.iter().any(|(_, c, _)| c == "111" || c == "051"),
            "{found:?}"
        );
        let found = events("Chile did not describe the Bolivian decree as illegal.");
        assert!(!found.iter().any(|(_, c, _)| c == "111"), "{found:?}");
    }

    #[test]
    fn outrage_at_an_act_told_before_is_aimed_at_its_doer() {
        let found = events(
            "Serbian artillery shelled a Croatian border village on Sunday. \
             Slovenia said it was outraged by the shelling.",
        );
        assert!(has(&found, "SVN", "111", "SRB"), "{found:?}");
    }
}
