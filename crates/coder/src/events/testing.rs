//! What the event tests of every module share: the standard pipeline, run once, and the dyads
//! it codes in a text of their own.

use crate::doc::{Doc, EventActor};
use crate::{Article, Pipeline};
use std::sync::OnceLock;

/// `text` coded by the standard pipeline as an article published on `published`.
pub(super) fn run(text: &str, published: &str) -> Doc {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    let article = Article {
        id: "t".into(),
        text: text.into(),
        published: published.parse().ok(),
        ..Article::default()
    };
    PIPELINE.get_or_init(crate::standard).run(article)
}

/// (source country, target country, CAMEO code) of every event coded in `text`; a side with no
/// country is "".
pub(super) fn dyads(text: &str, published: &str) -> Vec<(String, String, String)> {
    let country = |a: &Option<EventActor>| {
        a.as_ref()
            .and_then(|a| a.actor.country.map(|c| c.to_string()))
            .unwrap_or_default()
    };
    run(text, published)
        .events
        .iter()
        .map(|e| (country(&e.source), country(&e.target), e.cameo.to_string()))
        .collect()
}
