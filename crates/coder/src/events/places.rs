//! Where an event happened, read through the parse: the place its own clause names (the object of
//! a locating preposition under the event's verb or noun: "shelled villages *in Idlib*", "the
//! attack *near Kabul airport*", "clashes 20 km *north of Aleppo*"), else the place its sentence
//! names, else the article's main place. The place keeps its precision (a city, a region, a
//! country, or an unknown place without a point).

use super::targets::names_actor;
use super::Sentence;
use crate::doc::{Doc, EventActor, Place, PlaceMention, Precision};
use crate::geo::{is_direction, is_event_preposition};
use crate::span::Span;
use crate::tree::Tree;

/// Links that lead from a nominal trigger to the verb of its clause ("launched an *attack*",
/// "the *attack* on the base was condemned").
const NOMINAL_LINKS: &[&str] = &[
    "dobj",
    "pobj",
    "prep",
    "nsubj",
    "nsubjpass",
    "attr",
    "compound",
    "appos",
];
/// Longest climb from a nominal trigger to its verb.
const MAX_CLIMB: usize = 4;

/// Where an event happened: the place its clause names; else the place named nearest its trigger
/// in the sentence, preferring places not used as actors and finer places to countries.
pub(super) fn event_place(
    at: &Sentence,
    trigger: Span,
    source: &EventActor,
    target: Option<&EventActor>,
) -> Option<Place> {
    let actor_spans = [Some(source.span), target.map(|t| t.span)];
    let as_actor = |p: &PlaceMention| {
        actor_spans.iter().flatten().any(|a| a.overlaps(p.span))
            || names_actor(at.doc, at.tree(), p.span)
    };
    place_of(at, trigger, &as_actor)
}

/// Where an act nobody is named for happened: the place its clause names, else the sentence's
/// place nearest it that names no actor.
pub(super) fn act_place(at: &Sentence, trigger: Span) -> Option<Place> {
    place_of(at, trigger, &|p| names_actor(at.doc, at.tree(), p.span))
}

/// The place the trigger's clause names, else the sentence's nearest, ranking places `as_actor`
/// calls actors last.
fn place_of(
    at: &Sentence,
    trigger: Span,
    as_actor: &dyn Fn(&PlaceMention) -> bool,
) -> Option<Place> {
    let (doc, si) = (at.doc, at.si);
    let tree = at.tree();
    tree.and_then(|t| clause_place(doc, t, si, trigger))
        .or_else(|| sentence_place(doc, si, trigger, as_actor))
}

/// The sentence's place nearest the trigger: places named as places first; failing those, the
/// sentence's places even where they name an actor ("Ankara rejected the offer" happened in
/// Ankara as far as the report says).
fn sentence_place(
    doc: &Doc,
    si: usize,
    trigger: Span,
    as_actor: &dyn Fn(&PlaceMention) -> bool,
) -> Option<Place> {
    doc.places_of(si)
        .iter()
        .min_by_key(|p| {
            (
                as_actor(p),
                p.place.precision == Precision::Country,
                p.span.start.abs_diff(trigger.start),
            )
        })
        .map(|p| p.place.clone())
}

/// The place the trigger's own clause names: a locating phrase under the trigger, then under each
/// head up to the clause's verb (not beyond it: "X said in Ankara that Y attacked Z" keeps the
/// attack's place to its own clause). The object of a locating preposition is a place even where
/// the coder also took its country for a party ("clashed in the Galwan Valley").
fn clause_place(doc: &Doc, tree: &Tree, si: usize, trigger: Span) -> Option<Place> {
    let mut at = tree.token_at(trigger.start)?;
    for _ in 0..=MAX_CLIMB {
        for object in locating_objects(tree, at) {
            let (a, b) = tree.extent(object, &|_| false);
            if let Some(p) = place_within(doc, si, tree.span_of(a, b)) {
                return Some(p);
            }
        }
        if tree.is_verbal(at) || !NOMINAL_LINKS.contains(&tree.dep(at)) {
            break;
        }
        at = tree.head(at)?;
    }
    None
}

/// Objects of the locating prepositions under token `h` ("in X", "near X") or under its direct
/// object ("shelled villages in X"), and of "of" after a direction ("north of X").
fn locating_objects(tree: &Tree, h: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let objects: Vec<usize> = tree.kids_with(h, &["dobj"]).collect();
    for &c in tree
        .children(h)
        .iter()
        .chain(objects.iter().flat_map(|&o| tree.children(o)))
    {
        let dep = tree.dep(c);
        if dep == "prep" && is_event_preposition(tree.lower(c)) {
            out.extend(tree.kids_with(c, &["pobj"]));
        } else if matches!(dep, "advmod" | "npadvmod") && is_direction(tree.lower(c)) {
            for p in tree.kids_with(c, &["prep"]) {
                if tree.lower(p) == "of" {
                    out.extend(tree.kids_with(p, &["pobj"]));
                }
            }
        }
    }
    out
}

/// The first place named inside `span`: the most specific one, as phrases name the small place
/// first ("in the town of X in Y province"); a place with a point before one without ("near the
/// X settlement in Nairobi"), and that before a whole country.
fn place_within(doc: &Doc, si: usize, span: Span) -> Option<Place> {
    doc.places_of(si)
        .iter()
        .filter(|p| span.contains(p.span))
        .min_by_key(|p| {
            let rank = match p.place.precision {
                Precision::Country => 2,
                Precision::Unknown => 1,
                _ => 0,
            };
            (rank, p.span.start)
        })
        .map(|p| p.place.clone())
}

/// The article's main place: its most named city or region, else its focus country.
pub(super) fn focus_place(doc: &Doc) -> Option<Place> {
    let mut counts: Vec<(&Place, usize)> = Vec::new();
    for p in doc.places.iter().filter(|p| {
        !matches!(
            p.place.precision,
            Precision::Country | Precision::Unknown | Precision::Region
        )
    }) {
        match counts
            .iter_mut()
            .find(|(q, _)| q.name == p.place.name && q.country == p.place.country)
        {
            Some((_, n)) => *n += 1,
            None => counts.push((&p.place, 1)),
        }
    }
    let mut best: Option<(&Place, usize)> = None;
    for (p, n) in counts {
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((p, n));
        }
    }
    best.map(|(p, _)| p.clone()).or_else(|| {
        let country = crate::geo::focus_country(doc)?;
        doc.places
            .iter()
            .find(|p| p.place.country == Some(country) && p.place.precision == Precision::Country)
            .map(|p| p.place.clone())
    })
}
