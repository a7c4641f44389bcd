//! The words around place names (prepositions, directions, kinds of place: the lexicon's
//! `places.tsv`) and the country adjectives of the actors' country table, loaded once.

use crate::country::Country;
use crate::lexicon::PlaceWords;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The actors' country table: its adjectives ("Israeli", "Tajik") say which country a place is in
/// ("the Israeli village of X") and are no places themselves.
const COUNTRIES: &str = include_str!("../../../../data/actors/countries.tsv");

/// The place words of the lexicon (`data/lexicon/places.tsv`), with what the places stage derives
/// from them and from the country table.
#[derive(Debug)]
pub struct Cues {
    pub words: &'static PlaceWords,
    /// Longest feature cue, in words.
    pub feature_words: usize,
    /// Longest facility noun, in words.
    pub facility_words: usize,
    /// Country adjectives, lowercase → country ("israeli" → ISR).
    pub demonyms: HashMap<String, Country>,
}

impl Cues {
    pub fn bundled() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        CUES.get_or_init(|| {
            let words = &crate::lexicon::lexicon().places;
            Cues {
                words,
                feature_words: longest(words.features.iter().map(|(k, _)| k)),
                facility_words: longest(words.facility_nouns.iter().map(|(k, _)| k)),
                demonyms: demonyms(COUNTRIES),
            }
        })
    }
}

/// The most words any of the phrases has (1 for none).
fn longest<'a>(phrases: impl Iterator<Item = &'a str>) -> usize {
    phrases.map(|p| p.split(' ').count()).max().unwrap_or(1)
}

/// The `adj` rows of the actors' country table: lowercase adjective → country. A row whose code
/// is no country is left out: the actor dictionary, reading the same table, names its line.
fn demonyms(table: &'static str) -> HashMap<String, Country> {
    let mut out = HashMap::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(iso3), Some("adj"), Some(words)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let Ok(iso3) = iso3.parse::<Country>() else {
            continue;
        };
        for w in words.split('|') {
            out.insert(w.to_lowercase(), iso3);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_cues_parse() {
        let c = Cues::bundled();
        assert!(c.words.prepositions.contains("near"));
        assert!(c.words.directions.contains("northern"));
        assert_eq!(c.words.features.get("air base"), Some(&"airport"));
        assert_eq!(c.words.features.get("crossing"), Some(&"crossing"));
        assert_eq!(c.words.feature_names.get("valley"), Some(&"area"));
        assert_eq!(c.words.feature_starts.get("lake"), Some(&"water"));
        assert!(c.feature_words >= 3);
        assert_eq!(c.words.facility_nouns.get("embassy"), Some(&"facility"));
        assert_eq!(c.words.facility_nouns.get("air base"), Some(&"airport"));
        assert_eq!(c.facility_words, 3);
        assert_eq!(c.demonyms.get("israeli"), Some(&Country::of("ISR")));
    }
}
