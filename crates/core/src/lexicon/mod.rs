//! Word-level tools shared by the dictionaries: inflection, token-sequence phrase matching and
//! the speech verbs several stages look for.

pub mod inflect;
pub mod trie;

use std::collections::HashSet;
use std::sync::OnceLock;

/// Nouns that name part of a group ("a member of the parliament", "thousands of Kurds"): the
/// group after their "of" acts through them; it is no prepositional object.
pub const PARTITIVES: &[&str] = &[
    "member",
    "members",
    "group",
    "groups",
    "leader",
    "leaders",
    "head",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "delegation",
    "one",
    "some",
    "many",
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "tens",
    "millions",
    "supporters",
    "units",
    "unit",
    "representatives",
    "envoy",
    "minister",
    "ministers",
    "troops",
    "soldiers",
    "forces",
    "army",
];

const QUOTE_WORDS: &str = include_str!("../../../../data/lexicon/quotes.tsv");

/// Verbs of saying ("said", "announced", "told"), from `data/lexicon/quotes.tsv`.
pub fn speech_verbs() -> &'static HashSet<String> {
    static VERBS: OnceLock<HashSet<String>> = OnceLock::new();
    VERBS.get_or_init(|| {
        crate::codebook::tsv_rows(QUOTE_WORDS)
            .filter(|(_, f)| f.first() == Some(&"verb"))
            .filter_map(|(_, f)| f.get(1).map(|w| w.to_string()))
            .collect()
    })
}
