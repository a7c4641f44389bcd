//! The words of a sentence as trigger matching and dates read them: lowercase keys, which tokens
//! are words, and the sentence's mentions by position. Every reading of the sentence's structure
//! is done on the dependency tree (`events::roles`, `events::modality`, `events::reports`);
//! nothing here reads who did what or how it is told.

use std::borrow::Cow;

/// A sentence's words.
pub struct Words<'a> {
    /// Lower-cased token texts: what trigger patterns and date words are matched against.
    pub keys: Vec<Cow<'a, str>>,
    /// Whether each token is a word or a number (not punctuation): pattern gaps skip words only.
    pub is_word: Vec<bool>,
    /// Mentions in the sentence: (index in `Doc::mentions`, first token, one past last token),
    /// sentence-relative and sorted; those that may be parties to an act.
    pub mentions: Vec<(usize, usize, usize)>,
}
