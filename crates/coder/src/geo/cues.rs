//! The words around place names (prepositions, directions, kinds of place: the lexicon's
//! `places.tsv`) and the country adjectives of the actors' country table, loaded once.

use crate::country::Country;
use crate::lexicon::phrases::{Literal, Phrases};
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
    /// The feature cues ("crossing", "air base") with their kind, as phrases.
    pub features: Phrases<&'static str, Literal>,
    /// The facility nouns ("airport", "air base") with their kind, as phrases.
    pub facility_nouns: Phrases<&'static str, Literal>,
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
                features: Phrases::from_spaced(words.features.iter().map(|(k, v)| (k, *v))),
                facility_nouns: Phrases::from_spaced(
                    words.facility_nouns.iter().map(|(k, v)| (k, *v)),
                ),
                demonyms: demonyms(COUNTRIES),
            }
        })
    }
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
        assert_eq!(
            c.features.longest(&["air", "base", "road"]),
            Some((2, &"airport"))
        );
        assert_eq!(c.words.facility_nouns.get("embassy"), Some(&"facility"));
        assert_eq!(c.words.facility_nouns.get("air base"), Some(&"airport"));
        assert_eq!(
            c.facility_nouns.longest(&["embassy", "in"]),
            Some((1, &"facility"))
        );
        assert_eq!(c.demonyms.get("israeli"), Some(&Country::of("ISR")));
    }
}
