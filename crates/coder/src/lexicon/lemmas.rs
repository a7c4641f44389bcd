//! The model's misreadings of dictionary words: where the rule lemmatizer gives an inflected form
//! of a pattern verb or noun another lemma ("staged" → "stag", "cordoned" → "cordone"), the lemma
//! the trigger patterns write, from `data/lexicon/lemmas.tsv`.

use super::reader::{read, Kind, Layout, LexiconError};
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct LemmaFixes {
    verbs: HashMap<&'static str, &'static str>,
    nouns: HashMap<&'static str, &'static str>,
}

const KINDS: &[Kind] = &[
    Kind {
        name: "verb",
        columns: 2,
        key: 1,
    },
    Kind {
        name: "noun",
        columns: 2,
        key: 1,
    },
];

impl LemmaFixes {
    pub const FILE: &'static str = "lemmas.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/lemmas.tsv");

    /// Parse `kind model_lemma lemma` rows.
    pub fn parse(src: &'static str) -> Result<LemmaFixes, LexiconError> {
        let table = read(Self::FILE, src, Layout::Kinds(KINDS))?;
        let map = |kind: &str| -> Result<HashMap<&'static str, &'static str>, LexiconError> {
            Ok(table
                .rows(kind)?
                .iter()
                .map(|r| (r.cols[0], r.cols[1]))
                .collect())
        };
        Ok(LemmaFixes {
            verbs: map("verb")?,
            nouns: map("noun")?,
        })
    }

    /// The lemma of a verb the model reads as `lemma`.
    pub fn verb<'a>(&self, lemma: &'a str) -> &'a str {
        self.verbs.get(lemma).copied().unwrap_or(lemma)
    }

    /// The lemma of a noun the model reads as `lemma`.
    pub fn noun<'a>(&self, lemma: &'a str) -> &'a str {
        self.nouns.get(lemma).copied().unwrap_or(lemma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misreadings_are_fixed_by_class() {
        let f = LemmaFixes::parse("# h\nverb\tstag\tstage\nnoun\ttaxis\ttax\n").unwrap();
        assert_eq!(f.verb("stag"), "stage");
        assert_eq!(f.verb("hold"), "hold");
        assert_eq!(f.noun("stag"), "stag");
        assert_eq!(f.noun("taxis"), "tax");
        assert!(LemmaFixes::parse("verb\tstag\n").is_err());
        assert!(LemmaFixes::parse("verb\tstag\tstage\nverb\tstag\tstack\n").is_err());
    }
}
