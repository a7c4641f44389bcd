//! Where an event happened: the place its sentence names, else the article's main place.

use super::targets::names_actor;
use crate::doc::{Doc, EventActor, Place, Precision};

/// Where an event happened: the place named nearest its trigger in the sentence, preferring
/// places not used as actors and finer places to countries.
pub(super) fn event_place(
    doc: &Doc,
    si: usize,
    trigger: crate::Span,
    source: &EventActor,
    target: Option<&EventActor>,
) -> Option<Place> {
    let actor_spans = [Some(source.span), target.map(|t| t.span)];
    let as_actor = |p: &&crate::doc::PlaceMention| {
        actor_spans.iter().flatten().any(|a| a.overlaps(p.span)) || names_actor(doc, p.span)
    };
    // Places named as places first; failing those, the sentence's places even where they name an
    // actor ("Ankara rejected the offer" happened in Ankara as far as the report says).
    doc.places_of(si)
        .iter()
        .filter(|p| p.sentence == si)
        .min_by_key(|p| {
            (
                as_actor(p),
                p.place.precision == Precision::Country,
                p.span.start.abs_diff(trigger.start),
            )
        })
        .map(|p| p.place.clone())
}

/// The article's main place: its most named city or region, else its focus country.
pub(super) fn focus_place(doc: &Doc) -> Option<Place> {
    let mut counts: Vec<(&Place, usize)> = Vec::new();
    for p in doc
        .places
        .iter()
        .filter(|p| p.place.precision != Precision::Country)
    {
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
            .find(|p| p.place.country == country && p.place.precision == Precision::Country)
            .map(|p| p.place.clone())
    })
}
