//! The words around place names (`data/gazetteer/cues.txt`): prepositions, directions, kinds of
//! place. Parsed once.

use crate::country::Country;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const CUES: &str = include_str!("../../../../data/gazetteer/cues.txt");
/// The actors' country table: its adjectives ("Israeli", "Tajik") say which country a place is in
/// ("the Israeli village of X") and are no places themselves.
const COUNTRIES: &str = include_str!("../../../../data/actors/countries.tsv");

/// Word lists by section; multiword cues keep their spaces ("air base").
#[derive(Debug, Default)]
pub struct Cues {
    pub connectors: HashSet<&'static str>,
    pub article_starts: HashSet<&'static str>,
    pub prepositions: HashSet<&'static str>,
    /// Words after an unknown place that lead to the known one locating it ("X in Mogadishu").
    pub locating: HashSet<&'static str>,
    /// Verbs between a place and its locating word ("X lies in Y").
    pub locating_verbs: HashSet<&'static str>,
    /// Units of a distance before a direction ("20 km north of X").
    pub distance_units: HashSet<&'static str>,
    /// "X and neighbouring Y".
    pub neighbour_words: HashSet<&'static str>,
    /// "the capital's X", "the city's X".
    pub story_town_words: HashSet<&'static str>,
    /// Prepositions under an event's verb or noun that say where it happened.
    pub event_prepositions: HashSet<&'static str>,
    pub of_heads: HashSet<&'static str>,
    pub region_words: HashSet<&'static str>,
    pub region_plurals: HashSet<&'static str>,
    pub town_words: HashSet<&'static str>,
    pub divisions: HashSet<&'static str>,
    pub institutions: HashSet<&'static str>,
    pub titles: HashSet<&'static str>,
    pub directions: HashSet<&'static str>,
    /// Lowercase words after a name: cue → kind ("crossing" → "crossing").
    pub features: HashMap<String, &'static str>,
    /// Capitalised last words of a name, lowercased: "valley" → "area".
    pub feature_names: HashMap<String, &'static str>,
    /// Capitalised first words of a name, lowercased: "lake" → "water".
    pub feature_starts: HashMap<String, &'static str>,
    /// Longest feature cue, in words.
    pub feature_words: usize,
    /// Lowercase facility nouns ("embassy", "air base") → kind.
    pub facility_nouns: HashMap<String, &'static str>,
    /// Longest facility noun, in words.
    pub facility_words: usize,
    /// Country adjectives, lowercase → country ("israeli" → ISR).
    pub demonyms: HashMap<String, Country>,
}

impl Cues {
    pub fn bundled() -> &'static Cues {
        static CUES_SET: OnceLock<Cues> = OnceLock::new();
        CUES_SET.get_or_init(|| {
            let mut c = Cues::parse(CUES);
            c.demonyms = demonyms(COUNTRIES);
            c
        })
    }

    pub fn parse(text: &'static str) -> Cues {
        let mut c = Cues::default();
        let mut section = "";
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            if let Some(map) = c.map(section) {
                let Some((kind, words)) = line.split_once(':') else {
                    continue;
                };
                let kind = kind.trim();
                for w in words.split_whitespace() {
                    map.insert(w.replace('_', " "), kind);
                }
                continue;
            }
            if let Some(set) = c.set(section) {
                set.extend(line.split_whitespace());
            }
        }
        c.feature_words = c
            .features
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        c.facility_words = c
            .facility_nouns
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        c
    }

    fn set(&mut self, section: &str) -> Option<&mut HashSet<&'static str>> {
        Some(match section {
            "connectors" => &mut self.connectors,
            "article_starts" => &mut self.article_starts,
            "prepositions" => &mut self.prepositions,
            "locating" => &mut self.locating,
            "locating_verbs" => &mut self.locating_verbs,
            "distance_units" => &mut self.distance_units,
            "neighbour_words" => &mut self.neighbour_words,
            "story_town_words" => &mut self.story_town_words,
            "event_prepositions" => &mut self.event_prepositions,
            "of_heads" => &mut self.of_heads,
            "region_words" => &mut self.region_words,
            "region_plurals" => &mut self.region_plurals,
            "town_words" => &mut self.town_words,
            "divisions" => &mut self.divisions,
            "institutions" => &mut self.institutions,
            "titles" => &mut self.titles,
            "directions" => &mut self.directions,
            _ => return None,
        })
    }

    fn map(&mut self, section: &str) -> Option<&mut HashMap<String, &'static str>> {
        Some(match section {
            "features" => &mut self.features,
            "feature_names" => &mut self.feature_names,
            "feature_starts" => &mut self.feature_starts,
            "facility_nouns" => &mut self.facility_nouns,
            _ => return None,
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
        assert!(c.prepositions.contains("near"));
        assert!(c.directions.contains("northern"));
        assert_eq!(c.features.get("air base"), Some(&"airport"));
        assert_eq!(c.features.get("crossing"), Some(&"crossing"));
        assert_eq!(c.feature_names.get("valley"), Some(&"area"));
        assert_eq!(c.feature_starts.get("lake"), Some(&"water"));
        assert!(c.feature_words >= 3);
        assert_eq!(c.facility_nouns.get("embassy"), Some(&"facility"));
        assert_eq!(c.facility_nouns.get("air base"), Some(&"airport"));
        assert_eq!(c.facility_words, 3);
        assert_eq!(c.demonyms.get("israeli"), Some(&Country::of("ISR")));
    }
}
