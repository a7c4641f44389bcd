//! Acts and parties named again: "condemned the strike", "rejected the offer", "urged both sides";
//! and the country a story is about, for the help and offers it tells without naming for whom.
//!
//! A news story tells an act, then the reactions to it, naming the act again by a noun with a
//! definite determiner. The reaction is aimed at whoever did that act, even when the reacting
//! sentence does not name them. Likewise "both sides" and "all parties" stand for the two sides
//! of the conflict the story has told.
//!
//! Reads: the trigger dictionary (which roots a one-word nominal pattern names) and the events
//! coded so far in the story. Gives: target actors for an act whose target the sentence leaves
//! unnamed.

use super::triggers::Triggers;
use crate::cameo::Cameo;
use crate::country::Country;
use crate::doc::{Event, EventActor};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How far back in the story an act may be named again, in coded events: a reaction follows the
/// act it answers within a few paragraphs, and the bound keeps the search linear.
const LOOK_BACK: usize = 48;

/// The CAMEO roots a noun names: the head noun of the dictionary's nominal patterns ("air
/// strike" → 19), and the verb of its one-word verbal ones, which English also uses as a noun
/// ("the strike", "the attack", "the offer").
fn act_noun_roots() -> &'static HashMap<String, HashSet<u8>> {
    static ROOTS: OnceLock<HashMap<String, HashSet<u8>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut out: HashMap<String, HashSet<u8>> = HashMap::new();
        for p in &Triggers::bundled().patterns {
            let noun = if p.nominal {
                p.text.rsplit(' ').next()
            } else {
                Some(&*p.text).filter(|t| !t.contains(' '))
            };
            if let (Some(noun), Some(code)) = (noun, p.code) {
                if noun != "*" {
                    out.entry(noun.to_string()).or_default().insert(code.root());
                }
            }
        }
        out
    })
}

/// Whether an act of root `root` can be aimed at an earlier act: the acts of words (comment,
/// appeal, approval, acceptance, demand, disapproval, rejection, threat).
pub(super) fn reacts(code: Cameo) -> bool {
    matches!(code.root(), 1 | 2 | 5 | 8 | 10 | 11 | 12 | 13)
}

/// The doers of the earlier act that `noun` names, when none of them is the reacting actor
/// (another actor of the same country may be: "the government rejected the rebels' offer").
/// Every party of a compound subject ("the United States and Britain struck") is a doer.
pub(super) fn doers(prior: &[Event], noun: &str, reactors: &[EventActor]) -> Vec<EventActor> {
    let Some(roots) = act_noun_roots().get(noun) else {
        return Vec::new();
    };
    latest_doers(prior, reactors, |root| roots.contains(&root))
}

/// The doers of the latest deed — an act done, not said (cooperation, aid, yielding, protest,
/// force, sanctions) — that another party did ("welcomed the move", "condemned it").
pub(super) fn deed_doers(prior: &[Event], reactors: &[EventActor]) -> Vec<EventActor> {
    latest_doers(prior, reactors, |root| {
        matches!(root, 6 | 7 | 8 | 14 | 15 | 16 | 17 | 18 | 19 | 20)
    })
}

/// The doers of the latest act of a root `wanted` accepts that someone other than `reactors`
/// did; every party of its compound subject.
fn latest_doers(
    prior: &[Event],
    reactors: &[EventActor],
    wanted: impl Fn(u8) -> bool,
) -> Vec<EventActor> {
    let own: Vec<Option<Country>> = reactors.iter().map(|a| a.actor.country).collect();
    let recent = &prior[prior.len().saturating_sub(LOOK_BACK)..];
    let Some(act) = recent.iter().rev().find(|e| {
        wanted(e.cameo.root())
            && e.source
                .as_ref()
                .is_some_and(|s| s.actor.country.is_some() && !own.contains(&s.actor.country))
    }) else {
        return Vec::new();
    };
    let mut out: Vec<EventActor> = Vec::new();
    for e in recent
        .iter()
        .filter(|e| e.trigger == act.trigger && e.cameo == act.cameo)
    {
        if let Some(s) = &e.source {
            // The code is compared with the reactors' countries: the same only for a code of no
            // role ("UNO"), or for no code and no country.
            let own_code = match s.actor.code {
                None => own.contains(&None),
                Some(c) => c.role.is_none() && own.contains(&Some(c.country)),
            };
            if !own_code && !out.iter().any(|o| o.actor.code == s.actor.code) {
                out.push(s.clone());
            }
        }
    }
    out
}

/// The two sides of the latest act between two countries the story told, neither of them the
/// side of `reactors` ("the EU urged both sides").
pub(super) fn sides(prior: &[Event], reactors: &[EventActor]) -> Vec<EventActor> {
    let own: Vec<Option<Country>> = reactors.iter().map(|a| a.actor.country).collect();
    let recent = &prior[prior.len().saturating_sub(LOOK_BACK)..];
    recent
        .iter()
        .rev()
        .find_map(|e| {
            let (s, t) = (e.source.as_ref()?, e.target.as_ref()?);
            let (a, b) = (s.actor.country?, t.actor.country?);
            (a != b && !own.contains(&Some(a)) && !own.contains(&Some(b)))
                .then(|| vec![s.clone(), t.clone()])
        })
        .unwrap_or_default()
}

/// Acts done for or toward a party (appeals, intentions, consultation, cooperation, aid, posture)
/// that a story about one country tells without naming whom they are for.
pub(super) fn toward_the_story(code: Cameo) -> bool {
    matches!(code.root(), 2 | 3 | 6 | 7 | 15)
}

/// The country of the story's main place, as a target for the acts of parties from elsewhere.
pub(super) fn story_country(
    focus: &Option<crate::doc::Place>,
    trigger: crate::Span,
    sources: &[EventActor],
) -> Vec<EventActor> {
    let Some(country) = focus.as_ref().and_then(|p| p.country) else {
        return Vec::new();
    };
    let foreign = !sources.is_empty() && sources.iter().all(|s| s.actor.country != Some(country));
    if foreign {
        vec![super::actor::country_actor(trigger, Some(country), None)]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    /// (source country, CAMEO code, target country) of every event coded in `text`.
    fn events(text: &str) -> Vec<(String, String, String)> {
        super::super::testing::dyads(text, "2022-03-01")
            .into_iter()
            .map(|(s, t, code)| (s, code, t))
            .collect()
    }

    #[test]
    fn a_reaction_to_an_act_named_again_is_aimed_at_its_doer() {
        let got = events(
            "Norwegian jets bombed a fuel depot in northern Sweden on Monday. \
             Finland condemned the bombing on Tuesday.",
        );
        assert!(
            got.iter()
                .any(|(s, c, t)| s == "FIN" && c.starts_with("11") && t == "NOR"),
            "{got:?}"
        );
    }

    #[test]
    fn a_deed_named_by_a_pronoun_or_a_general_noun_is_aimed_at_its_doer() {
        let got = events(
            "Peruvian warships seized two Ecuadorian trawlers on Monday. \
             Colombia condemned the seizure, while Chile voiced support for it.",
        );
        assert!(
            got.iter()
                .any(|(s, c, t)| s == "CHL" && c.starts_with("05") && t == "PER"),
            "{got:?}"
        );
        let got = events(
            "Kenya closed its border with Somalia on Monday. \
             Ethiopia criticised the move on Tuesday.",
        );
        assert!(
            got.iter()
                .any(|(s, c, t)| s == "ETH" && c.starts_with("11") && t == "KEN"),
            "{got:?}"
        );
    }

    #[test]
    fn both_sides_are_the_parties_of_the_conflict_told() {
        let got = events(
            "Chilean troops shelled Bolivian positions near the border on Monday. \
             Brazil urged both sides to stop the fighting.",
        );
        let brazil: Vec<&String> = got
            .iter()
            .filter(|(s, c, _)| s == "BRA" && c.starts_with("02"))
            .map(|(_, _, t)| t)
            .collect();
        assert!(brazil.contains(&&"CHL".to_string()), "{got:?}");
        assert!(brazil.contains(&&"BOL".to_string()), "{got:?}");
    }

    #[test]
    fn help_for_no_one_named_is_for_the_country_of_the_story() {
        let got = events(
            "Floods swept through the Bolivian town of Cobija on Monday. \
             Chile has promised to send aid.",
        );
        assert!(
            got.iter()
                .any(|(s, c, t)| s == "CHL" && c.starts_with("03") && t == "BOL"),
            "{got:?}"
        );
    }
}
