//! Links between events of an article: a rejection answers the offer before it, a demand or threat
//! with no one named is addressed to the other party just spoken of.

use super::actor::mention_actor;
use super::is_news_agency;
use crate::doc::{Doc, Event, MentionKind};

/// "We are making our final warnings": a demand, criticism, rejection or threat with no one
/// named is addressed to the other party just spoken of — the latest actor of another country
/// named before it in the sentence or the one before.
/// Whether a later link may give a target-less act its target: statements, demands,
/// disapproval and rejections (roots 10–13) may be aimed at whoever the story names.
pub(super) fn may_link(e: &Event) -> bool {
    (10..=13).contains(&e.cameo.root())
}

pub(super) fn link_addressees(doc: &Doc, events: &mut [Event]) {
    // Who acted together on each trigger: co-sources are not each other's addressees.
    let sources: std::collections::HashSet<(crate::Span, crate::Span)> = events
        .iter()
        .filter_map(|e| Some((e.trigger, e.source.as_ref()?.span)))
        .collect();
    for e in events.iter_mut() {
        if e.target.is_some() || !may_link(e) {
            continue;
        }
        let Some(own) = e.source.as_ref().and_then(|s| s.actor.country) else {
            continue;
        };
        let trigger = e.trigger;
        let other = |m: &&crate::doc::Mention| {
            m.kind != MentionKind::Pronoun
                && !sources.contains(&(trigger, m.span))
                && !is_news_agency(m)
                && m.actor.country.is_some_and(|c| c != own)
        };
        // Before the trigger (what was being spoken of), else later in the same sentence ("warned
        // that it would respond if Pelosi visited Taiwan").
        // (Only the mentions of those two sentences can be either.)
        let near = &doc.mentions[doc.mention_range(e.sentence.saturating_sub(1), e.sentence)];
        let addressee = near
            .iter()
            .rev()
            .filter(other)
            .find(|m| m.span.end <= e.trigger.start && m.sentence + 1 >= e.sentence)
            .or_else(|| {
                near.iter()
                    .filter(other)
                    .find(|m| m.sentence == e.sentence && m.span.start >= e.trigger.end)
            });
        if let Some(m) = addressee {
            e.target = Some(mention_actor(m));
            e.confidence -= 0.25;
        }
    }
}

/// "Ankara rejected the offer": a rejection with no target in its sentence answers the latest
/// offer, appeal or demand made to the rejecting side in the sentences just before.
pub(super) fn link_rejections(events: &mut [Event]) {
    const ANSWERED: [u8; 3] = [2, 3, 10];
    for i in 0..events.len() {
        let e = &events[i];
        if e.target.is_some() || !e.cameo.is_root(12) {
            continue;
        }
        let Some(country) = e.source.as_ref().and_then(|s| s.actor.country) else {
            continue;
        };
        let sentence = e.sentence;
        let offer = events[..i]
            .iter()
            .rev()
            .take_while(|o| o.sentence + 3 >= sentence)
            .find(|o| {
                ANSWERED.contains(&o.cameo.root())
                    && o.target.as_ref().and_then(|t| t.actor.country) == Some(country)
            });
        if let Some(source) = offer.and_then(|o| o.source.clone()) {
            events[i].target = Some(source);
            events[i].confidence -= 0.2;
        }
    }
}
