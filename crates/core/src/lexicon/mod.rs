//! Word-level tools shared by the dictionaries: inflection and token-sequence phrase matching.

pub mod inflect;
pub mod trie;
