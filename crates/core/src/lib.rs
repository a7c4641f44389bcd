//! Flashpoint core: articles in, coded documents out.
//!
//! The pipeline is an ordered list of [`Stage`]s over one [`Doc`]; each stage lives in the module its
//! name suggests and only adds to the document. Nothing here does I/O beyond reading data files.

pub mod actors;
pub mod article;
pub mod cameo;
pub mod casing;
pub mod codebook;
pub mod country;
pub mod date;
pub mod doc;
pub mod events;
pub mod geo;
pub mod ingest;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod quantities;
pub mod quotes;
pub mod role;
pub mod segment;
pub mod span;
pub mod syntax;
pub mod tokens;
pub mod tree;

pub use article::Article;
pub use cameo::Cameo;
pub use country::Country;
pub use date::Date;
pub use doc::Doc;
pub use pipeline::{Layer, Pipeline, Stage};
pub use role::Role;
pub use span::Span;
