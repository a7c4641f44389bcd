//! spaCy's small English pipeline (`en_core_web_sm` 3.8), run by Flashpoint's own code.
//!
//! Text goes through the tokenizer, the shared tok2vec, the tagger, the arc-eager dependency
//! parser (which also sets sentence starts), the attribute ruler and rule lemmatizer, and the
//! entity recogniser with its own tok2vec. The weights and tables are one file under
//! `data/model/`, built into the binary. This crate knows nothing of events.

pub mod annotation;
pub mod conllu;
pub mod fast_hash;
pub mod features;
pub mod lemmatizer;
pub mod linalg;
pub mod model;
pub mod model_file;
pub mod ner;
pub mod parser;
pub mod strings;
pub mod tagger;
pub mod tok2vec;
pub mod tokenizer;
pub mod transition;
pub mod unicode;

pub use annotation::{Annotation, Annotator, EntitySpan, Label, Word};
pub use model::Model;
pub use model_file::{ModelError, ModelFile};

/// The bundled model file (`data/model/en_core_web_sm-3.8.0.fpm`).
pub static MODEL_BYTES: &[u8] = include_bytes!("../../../data/model/en_core_web_sm-3.8.0.fpm");
