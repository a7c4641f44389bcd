//! The output contract (DESIGN §3): one JSON object per article. Spans and texts point into the
//! article text as it came in, also where the coder read a repaired copy (`Doc::received`).

use crate::codebook::{Codebook, Plover};
use crate::date::Date;
use crate::doc::{ActorCode, DatePrecision, Doc, MentionKind, Modality, Place, Quantity, Quote};
use crate::span::Span;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
pub struct Output<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub published: Option<Date>,
    pub source_name: Option<&'a str>,
    pub title: Option<&'a str>,
    pub sentences: usize,
    pub events: Vec<EventOut<'a>>,
    pub quotes: Vec<QuoteOut<'a>>,
    pub quantities: Vec<QuantityOut<'a>>,
    pub places: Vec<PlaceOut<'a>>,
    pub actors: Vec<ActorOut<'a>>,
    pub warnings: &'a [String],
}

#[derive(Serialize)]
pub struct ActorRef<'a> {
    pub text: &'a str,
    #[serde(flatten)]
    pub actor: &'a ActorCode,
    /// The model's entity label of the mention the party was read from, if any (a party the
    /// coder inferred, as a quote's speaker for "we", may have none).
    pub entity: Option<crate::doc::EntityLabel>,
}

#[derive(Serialize)]
pub struct Trigger<'a> {
    pub text: &'a str,
    pub span: Span,
}

#[derive(Serialize)]
pub struct EventOut<'a> {
    pub id: String,
    pub sentence_index: usize,
    pub span: Span,
    pub sentence_text: &'a str,
    pub source: Option<ActorRef<'a>>,
    pub target: Option<ActorRef<'a>>,
    pub cameo: crate::Cameo,
    pub cameo_name: Option<&'a str>,
    pub goldstein: Option<f32>,
    pub quad_class: Option<u8>,
    pub plover: Option<&'a Plover>,
    pub trigger: Trigger<'a>,
    pub negated: bool,
    pub modality: Modality,
    pub date: Option<Date>,
    pub date_precision: Option<DatePrecision>,
    pub historical: bool,
    pub place: Option<&'a Place>,
    pub quote_id: Option<usize>,
    pub confidence: f32,
}

#[derive(Serialize)]
pub struct QuoteOut<'a> {
    pub text: &'a str,
    #[serde(flatten)]
    pub quote: Cow<'a, Quote>,
}

#[derive(Serialize)]
pub struct QuantityOut<'a> {
    pub text: &'a str,
    #[serde(flatten)]
    pub quantity: Cow<'a, Quantity>,
}

#[derive(Serialize)]
pub struct PlaceOut<'a> {
    pub text: &'a str,
    pub span: Span,
    #[serde(flatten)]
    pub place: &'a Place,
}

#[derive(Serialize)]
pub struct ActorOut<'a> {
    pub text: &'a str,
    pub span: Span,
    pub code: Option<crate::country::Code>,
    /// The country of the actor: the code's, or for a name the dictionaries do not know the one
    /// the context gives ("the Shura Council of Mali"), if any.
    pub country: Option<crate::Country>,
    pub name: Option<&'a str>,
    /// The model's entity label ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"), if the mention
    /// lies in an entity of a kind that names actors.
    pub entity: Option<crate::doc::EntityLabel>,
}

impl<'a> Output<'a> {
    pub fn new(doc: &'a Doc, book: &'a Codebook) -> Output<'a> {
        let a = &doc.article;
        let events = doc
            .events
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let sentence = doc.sentences.get(e.sentence);
                let span = sentence.map_or(Span::default(), |s| s.span);
                let code = book.get(e.cameo);
                let actor = |x: &'a Option<crate::doc::EventActor>| {
                    x.as_ref().map(|x| ActorRef {
                        text: doc.received_slice(x.span),
                        actor: &x.actor,
                        entity: doc
                            .mentions_of(e.sentence)
                            .find(|(_, m)| m.span == x.span)
                            .and_then(|(_, m)| m.entity),
                    })
                };
                EventOut {
                    id: format!("{}:{}:{}", a.id, e.sentence, n),
                    sentence_index: e.sentence,
                    span: doc.received_span(span),
                    sentence_text: doc.received_slice(span),
                    source: actor(&e.source),
                    target: actor(&e.target),
                    cameo: e.cameo,
                    cameo_name: code.map(|c| c.name.as_str()),
                    goldstein: code.map(|c| c.goldstein),
                    quad_class: code.map(|c| c.quad_class),
                    plover: code.and_then(|c| c.plover.as_ref()),
                    trigger: Trigger {
                        text: doc.received_slice(e.trigger),
                        span: doc.received_span(e.trigger),
                    },
                    negated: e.negated,
                    modality: e.modality,
                    date: e.date,
                    date_precision: e.date_precision,
                    historical: e.historical,
                    place: e.place.as_ref(),
                    quote_id: e.quote_id,
                    // Two decimals: the figure is a ranking aid, not a measured probability.
                    confidence: (e.confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0,
                }
            })
            .collect();
        Output {
            id: &a.id,
            url: a.url.as_deref(),
            published: a.published,
            source_name: a.source_name.as_deref(),
            title: a.title.as_deref(),
            sentences: doc.sentences.len(),
            events,
            quotes: doc
                .quotes
                .iter()
                .map(|q| QuoteOut {
                    text: doc.received_slice(q.span),
                    quote: received_quote(doc, q),
                })
                .collect(),
            quantities: doc
                .quantities
                .iter()
                .map(|q| QuantityOut {
                    text: doc.received_slice(q.span),
                    quantity: received_quantity(doc, q),
                })
                .collect(),
            places: doc
                .places
                .iter()
                .map(|p| PlaceOut {
                    text: doc.received_slice(p.span),
                    span: doc.received_span(p.span),
                    place: &p.place,
                })
                .collect(),
            actors: doc
                .mentions
                .iter()
                // A pronoun that resolved to nobody names nobody.
                .filter(|m| m.kind != MentionKind::Pronoun || m.actor.code.is_some())
                .map(|m| ActorOut {
                    text: doc.received_slice(m.span),
                    span: doc.received_span(m.span),
                    code: m.actor.code,
                    country: m.actor.country,
                    name: m.actor.name.as_deref(),
                    entity: m.entity,
                })
                .collect(),
            warnings: &doc.warnings,
        }
    }
}

/// A quote with its spans in the text as received (borrowed when the text was not repaired).
fn received_quote<'a>(doc: &'a Doc, q: &'a Quote) -> Cow<'a, Quote> {
    if doc.received.is_none() {
        return Cow::Borrowed(q);
    }
    let mut q = q.clone();
    q.span = doc.received_span(q.span);
    if let Some(s) = q.speaker.as_mut() {
        s.span = doc.received_span(s.span);
    }
    Cow::Owned(q)
}

fn received_quantity<'a>(doc: &'a Doc, q: &'a Quantity) -> Cow<'a, Quantity> {
    if doc.received.is_none() {
        return Cow::Borrowed(q);
    }
    let mut q = q.clone();
    q.span = doc.received_span(q.span);
    Cow::Owned(q)
}
