//! Flashpoint coder: the stages that read an article and code its events.
//!
//! Each stage lives in the module its name says and adds one layer to the [`Doc`]: `casing`
//! (repaired text), `segment` (sentences and tokens), `syntax` (the model's tags, lemmas, tree and
//! entities), `geo` (places), `actors` (coded mentions), `quotes`, `quantities` and `events`.
//! `lexicon` is the one registry of the English word lists in `data/lexicon`. [`standard`] builds
//! the pipeline in its order.

pub mod actors;
pub mod casing;
pub mod events;
pub mod geo;
pub mod lexicon;
pub mod quantities;
pub mod quotes;
pub mod segment;
pub mod standard;
pub mod syntax;

// The core's modules and types by the short paths the stages use (`crate::doc::Doc`).
#[cfg(test)]
pub(crate) use flashpoint_core::{article, Article, Pipeline};
pub(crate) use flashpoint_core::{
    cameo, codebook, country, date, doc, ingest, pipeline, role, span, tree,
};
pub(crate) use flashpoint_core::{Country, Date, Span};

pub use standard::{standard, with_options, Options};
