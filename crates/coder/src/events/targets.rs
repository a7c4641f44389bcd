//! Whom an act is done to when its clause names no one: home for protest and repression, the
//! place a strike hit, the place an act was done to.

use super::actor::{country_actor, mention_actor};
use super::{codes, Sentence};
use crate::cameo::Cameo;
use crate::country::Country;
use crate::doc::{ActorCode, Doc, EventActor, MentionKind, Precision};
use crate::role::Role;
use crate::tree::Tree;

/// The target of an act whose clause names none, from `sources` (the act's doers), its `code`,
/// and its head word `head` on the tree: whom its condition names, the place it was done to, else
/// home.
pub(super) fn unnamed_target(
    at: &Sentence,
    head: Option<usize>,
    code: Cameo,
    trigger: crate::Span,
    sources: &[EventActor],
) -> Vec<EventActor> {
    let (doc, si) = (at.doc, at.si);
    let own_countries: Vec<Option<Country>> = sources.iter().map(|a| a.actor.country).collect();
    // "threatened to ban voting if Hamas ran": a threat is aimed at whoever the condition names.
    if code.is_root(13) {
        let party = at
            .roles
            .as_ref()
            .zip(head)
            .map(|(r, h)| condition_party(r, h, trigger));
        let named: Vec<EventActor> = party
            .unwrap_or_default()
            .into_iter()
            .map(|i| mention_actor(&doc.mentions[i]))
            .filter(|t| t.actor.country.is_some() && !own_countries.contains(&t.actor.country))
            .collect();
        if !named.is_empty() {
            return named;
        }
    }
    // "arrived in Amman", "troops to a force in Liberia": the place acted on. Institutions act on
    // places at home only by force, restriction or concession ("lifted the curfew in West
    // Darfur"); "committed to the Sochi deal" is no act on Sochi.
    let violent = code.is_violent();
    let at_home = violent || matches!(code.root(), 8 | 14 | 15 | 17);
    let own = sources
        .first()
        .and_then(|a| Some((a.actor.country?, a.actor.role.is_some() && at_home)));
    // "met in Geneva", "held talks in Doha": where parties meet is no party to the meeting.
    if !super::is_reciprocal(code) {
        if let Some(place) = place_target(doc, at.tree(), si, trigger, own) {
            return vec![place];
        }
    }
    // "An Israeli air strike on a building in Beirut killed five": violence is done to the place
    // it struck, wherever the sentence names it.
    if violent {
        if let Some(place) = struck_place(doc, at.tree(), si, own.map(|o| o.0)) {
            return vec![place];
        }
    }
    // Protest, repression, concessions and home-grown violence with no one named are aimed at
    // home: protesters at their government, police at their own people. Only a state has a home:
    // not the UN, NATO or the Islamic State.
    let state = |c: &Country| crate::geo::Gazetteer::bundled().country(*c).is_some();
    let Some(source) = sources.first().filter(|s| aimed_at_home(code, &s.actor)) else {
        return Vec::new();
    };
    let Some(country) = source.actor.country.filter(state) else {
        return Vec::new();
    };
    // Protest is aimed at the government; what a state does at home is done to its people, when
    // the state itself is the doer ("Iraq imposed martial law").
    let role = if code.is_root(14) || code == codes::THREATEN_PROTEST {
        Some(Role::Gov)
    } else if source.actor.role.is_none() {
        Some(Role::Cvl)
    } else {
        None
    };
    vec![country_actor(trigger, Some(country), role)]
}

/// The parties a condition on the act headed by `head` and told by the words `trigger` names as
/// its subject ("threatened to ban the vote if the party ran", "will strike unless the troops are
/// withdrawn by the council"): the conditional clause on the act's words, else on the nearest word
/// above them.
fn condition_party(r: &super::roles::Roles, head: usize, trigger: crate::Span) -> Vec<usize> {
    let t = r.tree();
    let conditionals = &crate::lexicon::lexicon().modality.conditionals;
    let conditional = |c: &usize| {
        t.kids_with(*c, &["mark"])
            .any(|m| conditionals.contains(t.lower(m)))
    };
    let own = t.tokens_in(trigger.start, trigger.end);
    own.chain(ancestors(t, head))
        .find_map(|n| t.kids_with(n, &["advcl"]).find(conditional))
        .map(|c| r.read(c, t.span(c)).sources)
        .unwrap_or_default()
}

/// Whether an act with no one named is done to the actor's own country: protest (14) and
/// threats of it (133), repression (17) and threats of it (137), concessions (08, 035), and
/// violence by police, rebels, insurgents and militias (18–20), who fight at home.
fn aimed_at_home(code: Cameo, source: &ActorCode) -> bool {
    let domestic_force = source.role.is_some_and(Role::fights_at_home);
    matches!(code.root(), 14 | 17 | 8)
        || codes::THREATS_AT_HOME.contains(&code)
        || code.is_under(codes::INTENT_TO_YIELD)
        || (domestic_force && code.is_violent())
}

/// A place in the sentence, in another country than the source's and not named as an actor:
/// where a violent act with no named victim struck.
fn struck_place(
    doc: &Doc,
    tree: Option<&Tree>,
    si: usize,
    own: Option<Country>,
) -> Option<EventActor> {
    let p = doc.places_of(si).iter().find(|p| {
        p.sentence == si
            && own.is_none_or(|o| p.place.country != Some(o))
            && !names_actor(doc, tree, p.span)
    })?;
    Some(country_actor(p.span, p.place.country, None))
}

/// The first place named after the trigger in the clause, in another country than the source's,
/// as a target.
fn place_target(
    doc: &Doc,
    tree: Option<&Tree>,
    si: usize,
    trigger: crate::Span,
    own: Option<(Country, bool)>,
) -> Option<EventActor> {
    // A place of the source's own country is a target only where the source is one of its
    // institutions ("Sudan's government lifted … in West Darfur").
    let p = doc.places_of(si).iter().find(|p| {
        let foreign = own.is_none_or(|o| p.place.country != Some(o.0));
        p.sentence == si
            && p.span.start >= trigger.end
            && in_act(tree, p.span, trigger)
            // … and only a place within it, not the country's own name.
            && (foreign || (own.is_some_and(|o| o.1) && p.place.precision != Precision::Country))
            && !names_actor(doc, tree, p.span)
    })?;
    Some(country_actor(p.span, p.place.country, None))
}

/// Dependency labels of a clause with its own subject or say: a place inside one that does not
/// hold the act is not where the act was done.
const OWN_CLAUSE: &[&str] = &["ccomp", "advcl", "relcl", "parataxis", "csubj"];

/// Whether the place named at `span` may be where the act told by the words `trigger` was done,
/// read on the tree: not inside a clause of its own that does not hold the act ("vowed to fight
/// on until they hold the hills"), not in the attribution of the act ("…," said the envoy of X:
/// the place and the act meet first at a verb of saying).
fn in_act(tree: Option<&Tree>, span: crate::Span, trigger: crate::Span) -> bool {
    let Some(t) = tree else {
        return true;
    };
    let (Some(mut w), Some(act)) = (
        t.token_at(span.end.saturating_sub(1)),
        t.token_at(trigger.start),
    ) else {
        return true;
    };
    let inside = |i: usize| trigger.contains(t.span(i));
    let above_act = ancestors(t, act);
    for _ in 0..t.len() {
        if inside(w) {
            return true;
        }
        if above_act.contains(&w) {
            return !crate::lexicon::reports_speech(t, w);
        }
        let Some(h) = t.head(w) else {
            return true;
        };
        if OWN_CLAUSE.contains(&t.dep(w)) && closed(t, w, inside(h)) {
            return false;
        }
        w = h;
    }
    true
}

/// Whether the clause headed by `w` keeps its places from the act above it. A clause on the
/// act's own words tells what the act was about or when ("warned that the strikes could hit X",
/// "a day after X launched an offensive"), unless it opens with a word that sets it apart
/// ("until they hold the hills": `place_clause_end`); a clause on other words is apart when it
/// has a subject or subordinator of its own, not as the purpose infinitive "to show their anger
/// at X".
fn closed(t: &Tree, w: usize, on_act: bool) -> bool {
    if on_act {
        let ends = &crate::lexicon::lexicon().clauses.place_clause_ends;
        t.kids_with(w, &["mark"]).any(|m| ends.contains(t.lower(m)))
    } else {
        t.kids_with(w, &["nsubj", "nsubjpass", "expl", "mark"])
            .next()
            .is_some()
    }
}

/// The words above `w` on the tree, nearest first.
fn ancestors(t: &Tree, w: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut n = t.head(w);
    while let Some(h) = n.filter(|_| out.len() < t.len()) {
        out.push(h);
        n = t.head(h);
    }
    out
}

/// Whether a place name is used as an actor ("between Ankara, Moscow and Tehran").
/// A capital after "in", "at" or "near" ("a bus in southern Jerusalem") is a place there.
pub(super) fn names_actor(doc: &Doc, tree: Option<&Tree>, span: crate::Span) -> bool {
    // Only the mentions of the span's sentence can overlap it.
    let near = doc
        .sentence_at(span.start)
        .map_or(0..doc.mentions.len(), |si| doc.mention_range(si, si));
    doc.mentions[near].iter().any(|m| {
        matches!(m.kind, MentionKind::Metonym)
            && m.span.overlaps(span)
            && !tree.is_some_and(|t| after_locative(t, m))
    })
}

/// Whether a mention is the object of a locative preposition on the tree, itself or as part of
/// the phrase that is ("in the Libyan capital Tripoli", "near southern Jerusalem", "in Ankara
/// and Izmir", "at the port of Aden"): a name there is where something happens, not who does it.
fn after_locative(t: &Tree, m: &crate::doc::Mention) -> bool {
    let Some(mut w) = t.token_at(m.span.end.saturating_sub(1)) else {
        return false;
    };
    let words = &crate::lexicon::lexicon().clauses;
    // Up through the phrase the name is part of, never past its own clause.
    for _ in 0..t.len() {
        let Some(h) = t.head(w) else {
            return false;
        };
        match t.dep(w) {
            "compound" | "appos" | "conj" | "amod" | "nmod" => w = h,
            "pobj" => {
                let said = t.lower(h);
                // "the capital city of X" is the phrase X is part of.
                match t.head(h) {
                    Some(noun) if said == "of" && t.dep(h) == "prep" => w = noun,
                    _ => return words.place_preps.contains(said),
                }
            }
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::reports::tests::has;

    fn names_an_actor(text: &str, name: &str) -> bool {
        let doc = crate::standard().run(crate::Article {
            text: text.into(),
            ..crate::Article::default()
        });
        let at = text.find(name).unwrap_or_else(|| panic!("no {name}"));
        let tree = doc
            .syntax
            .as_ref()
            .map(|a| crate::tree::Tree::new(a, &doc.lower));
        super::names_actor(&doc, tree.as_ref(), crate::Span::new(at, at + name.len()))
    }

    #[test]
    fn a_capital_after_a_locative_preposition_is_a_place() {
        assert!(!names_an_actor(
            "A car bomb exploded near a market in the Iraqi capital Baghdad.",
            "Baghdad"
        ));
        assert!(!names_an_actor(
            "Protesters gathered in the old city of Ankara on Friday.",
            "Ankara"
        ));
        assert!(!names_an_actor(
            "Talks will be held in Cairo and Amman next week.",
            "Amman"
        ));
        // The same capital as a doer stands for its government.
        assert!(names_an_actor(
            "Baghdad rejected the demand on Monday.",
            "Baghdad"
        ));
        assert!(names_an_actor(
            "The deal was signed by Cairo and Amman.",
            "Amman"
        ));
    }

    #[test]
    fn a_place_is_the_target_of_the_act_it_belongs_to() {
        // The place of the act, and of its purpose.
        assert!(has(
            "Turkish jets struck targets in northern Iraq on Monday.",
            "TUR",
            "IRQ",
            "19"
        ));
        assert!(has(
            "Kenyan students blocked a road to show their anger at Uganda.",
            "KEN",
            "UGA",
            "14"
        ));
        // Not a place of the attribution, nor of a clause apart from the act.
        assert!(has(
            "The Turkish envoy arrived in Iraq on Monday.",
            "TUR",
            "IRQ",
            "04"
        ));
        assert!(!has(
            "The Turkish envoy arrived on Monday, an official from Iraq said.",
            "TUR",
            "IRQ",
            "04"
        ));
        assert!(!has(
            "The Turkish envoy arrived in the capital while officials met in Iraq.",
            "TUR",
            "IRQ",
            "04"
        ));
    }

    #[test]
    fn a_threat_is_aimed_at_whom_its_condition_names() {
        assert!(has(
            "Chad threatened to close the border if Sudan armed the rebels.",
            "TCD",
            "SDN",
            "13"
        ));
        assert!(has(
            "Chad threatened on Monday to close the border unless Sudan disarmed the rebels.",
            "TCD",
            "SDN",
            "13"
        ));
    }
}
