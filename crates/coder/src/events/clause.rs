//! The word view of a sentence that trigger matching and dates read: lowercase keys, which
//! tokens are words, and the sentence's mentions by position. Every reading of the sentence's
//! structure is done on the dependency tree (`events::roles`, `events::modality`,
//! `events::reports`); nothing here reads who did what or how it is told.

use std::borrow::Cow;

/// A sentence as trigger matching and dates see it.
pub struct View<'a> {
    /// Speech verbs ("said", "announced"). Read by nothing any more; `Events::read` still fills it.
    pub speech: &'a crate::lexicon::WordSet,
    /// Lower-cased token texts: what trigger patterns and date words are matched against.
    pub keys: Vec<Cow<'a, str>>,
    /// Whether each token is a word or a number (not punctuation): pattern gaps skip words only.
    pub is_word: Vec<bool>,
    /// Whether each token is a quotation mark. Read by nothing any more; `Events::read` still
    /// fills it.
    pub is_quote: Vec<bool>,
    /// Mentions in the sentence: (index in `Doc::mentions`, first token, one past last token),
    /// sentence-relative and sorted; those that may be parties to an act.
    pub mentions: Vec<(usize, usize, usize)>,
    /// Verb triggers by token range. Read by nothing any more; `Events::read` still fills it.
    pub verbs: Vec<(usize, usize)>,
}
