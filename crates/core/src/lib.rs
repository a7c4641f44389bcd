//! Flashpoint core: the types every stage shares, and the pipeline that runs them.
//!
//! An [`Article`] comes in (readers for text, HTML and JSONL in [`ingest`]); the pipeline is an
//! ordered list of [`Stage`]s over one [`Doc`] that each declare the layers they read and add
//! ([`pipeline`]); the coded document goes out as the output contract ([`output`]). CAMEO codes,
//! countries and roles are types ([`Cameo`], [`Country`], [`Role`]); [`tree`] is the view of the
//! model's dependency parse that stages read. The stages themselves live in `flashpoint_coder`.
//! Nothing here does I/O beyond reading data files.

pub mod article;
pub mod cameo;
pub mod codebook;
pub mod country;
pub mod date;
pub mod doc;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod role;
pub mod span;
pub mod trace;
pub mod tree;

pub use article::Article;
pub use cameo::Cameo;
pub use country::Country;
pub use date::Date;
pub use doc::Doc;
pub use pipeline::{Layer, Pipeline, Stage};
pub use role::Role;
pub use span::Span;
pub use trace::Trace;
