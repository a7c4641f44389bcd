//! The truecasing tables (data/casing, made by scripts/build_casing.py) and the abbreviations
//! that do not end a sentence (data/lexicon). Loaded on first use: text that carries its own
//! case never pays for them.

use std::collections::HashMap;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../../../data/casing/words.tsv");
const PHRASES: &str = include_str!("../../../../data/casing/phrases.tsv");
const CUES: &str = include_str!("../../../../data/casing/cues.tsv");
const COMMON: &str = include_str!("../../../../data/casing/common.txt");
const ABBREVIATIONS: &str = include_str!("../../../../data/lexicon/abbreviations.txt");

/// When a listed form is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Wherever the word or phrase appears ("Turkey", "United Nations").
    Name,
    /// Only right before a name ("President", "Foreign Minister").
    Title,
    /// A frequent word too ("us"): only beside a context word.
    Ambiguous,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Form {
    pub text: &'static str,
    pub class: Class,
}

/// Where a context word stands to an ambiguous name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// "the US"
    Before,
    /// "US troops"
    After,
}

pub struct Tables {
    words: HashMap<&'static str, Form>,
    /// Keyed by the lowercase words joined by single spaces.
    phrases: HashMap<&'static str, Form>,
    /// Most words in a phrase.
    pub longest_phrase: usize,
    cues: HashMap<&'static str, Cue>,
    /// Words of the language in lower case, sorted (byte order).
    common: Vec<&'static str>,
    /// Lowercase abbreviations without their final dot ("gen", "u.s", "e.g").
    abbreviations: HashMap<String, ()>,
}

impl Tables {
    pub fn bundled() -> &'static Tables {
        static TABLES: OnceLock<Tables> = OnceLock::new();
        TABLES.get_or_init(|| Tables::parse([WORDS, PHRASES, CUES, COMMON], ABBREVIATIONS))
    }

    /// Tables from the text of `words.tsv`, `phrases.tsv`, `cues.tsv`, `common.txt` and the
    /// abbreviations; malformed lines are skipped (the tests check that the bundled files have
    /// none).
    pub fn parse(files: [&'static str; 4], abbreviations: &str) -> Tables {
        let [words, phrases, cues, common] = files;
        let mut common: Vec<&'static str> = common
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        // Sorted by the script already; sorting again costs little and makes the search safe.
        common.sort_unstable();
        let phrases: HashMap<&'static str, Form> = rows(phrases).filter_map(form_row).collect();
        let longest_phrase = phrases
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        Tables {
            words: rows(words).filter_map(form_row).collect(),
            phrases,
            longest_phrase,
            cues: rows(cues).filter_map(cue_row).collect(),
            common,
            abbreviations: rows(abbreviations)
                .filter_map(|cols| cols.first().map(|a| a.trim_end_matches('.').to_lowercase()))
                .map(|a| (a, ()))
                .collect(),
        }
    }

    pub fn word(&self, key: &str) -> Option<Form> {
        self.words.get(key).copied()
    }

    pub fn phrase(&self, key: &str) -> Option<Form> {
        self.phrases.get(key).copied()
    }

    pub fn cue(&self, key: &str) -> Option<Cue> {
        self.cues.get(key).copied()
    }

    /// Whether a lowercase word is a word of the language (else, when no table lists it, it is
    /// taken for a name).
    pub fn is_common(&self, key: &str) -> bool {
        self.common.binary_search(&key).is_ok()
    }

    /// Whether a word followed by a dot is a listed abbreviation (its dot ends no sentence).
    pub fn is_abbreviation(&self, key: &str) -> bool {
        self.abbreviations.contains_key(key)
    }
}

/// The tab-separated columns of each data line (comments and blank lines skipped).
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn form_row(cols: Vec<&'static str>) -> Option<(&'static str, Form)> {
    let class = match *cols.get(2)? {
        "name" => Class::Name,
        "title" => Class::Title,
        "ambiguous" => Class::Ambiguous,
        _ => return None,
    };
    let (key, text) = (*cols.first()?, *cols.get(1)?);
    Some((key, Form { text, class }))
}

fn cue_row(cols: Vec<&'static str>) -> Option<(&'static str, Cue)> {
    let cue = match *cols.get(1)? {
        "before" => Cue::Before,
        "after" => Cue::After,
        _ => return None,
    };
    Some((*cols.first()?, cue))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_lines(text: &str) -> usize {
        rows(text).count()
    }

    #[test]
    fn bundled_tables_parse_whole() {
        let t = Tables::bundled();
        assert_eq!(t.words.len(), data_lines(WORDS));
        assert_eq!(t.phrases.len(), data_lines(PHRASES));
        assert_eq!(t.cues.len(), data_lines(CUES));
        assert_eq!(t.common.len(), data_lines(COMMON));
        assert!(t.longest_phrase >= 3);
    }

    #[test]
    fn forms_keep_their_letters() {
        // The runtime copies case letter by letter: a form must spell its key.
        for (key, form) in Tables::bundled().words.iter() {
            assert_eq!(form.text.to_lowercase(), *key, "{key}");
        }
    }

    #[test]
    fn knows_the_dictionaries() {
        let t = Tables::bundled();
        assert_eq!(t.word("turkey").map(|f| f.text), Some("Turkey"));
        assert_eq!(t.word("nato").map(|f| f.text), Some("NATO"));
        assert_eq!(t.word("us").map(|f| f.class), Some(Class::Ambiguous));
        assert_eq!(t.word("president").map(|f| f.class), Some(Class::Title));
        assert_eq!(
            t.phrase("united nations").map(|f| f.text),
            Some("United Nations")
        );
        assert!(t.is_common("ceasefire"));
        assert!(!t.is_common("idlib"));
        assert!(t.is_abbreviation("gen"));
        assert!(t.is_abbreviation("u.s"));
        assert_eq!(t.cue("the"), Some(Cue::Before));
        assert_eq!(t.cue("troops"), Some(Cue::After));
    }
}
