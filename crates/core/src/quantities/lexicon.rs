//! The quantity word lists (`data/lexicon/quantities.tsv`), loaded once.

use crate::codebook::tsv_rows;
use crate::doc::QuantityKind;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const SOURCE: &str = include_str!("../../../../data/lexicon/quantities.tsv");

/// Which argument of a verb the act happens to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Undergoer {
    /// The object, or the subject of the passive ("were killed") or of a bare participle.
    Object,
    /// The subject ("fled", "died").
    Subject,
}

#[derive(Debug, Default)]
pub(super) struct Lexicon {
    pub number: HashMap<String, u64>,
    pub scale: HashMap<String, u64>,
    /// Vague count phrases ("hundreds", "tens of thousands") and their lower bounds.
    pub vague: HashMap<String, u64>,
    /// First words of the vague phrases, which make a token count-like.
    pub vague_first: HashSet<String>,
    pub qualifier: HashSet<String>,
    /// Longest qualifier, in words.
    pub qualifier_len: usize,
    pub size: HashSet<String>,
    pub verb: HashMap<String, (QuantityKind, Undergoer)>,
    pub adjective: HashMap<String, QuantityKind>,
    pub event: HashMap<String, QuantityKind>,
    pub noun: HashMap<String, QuantityKind>,
    pub tally: HashSet<String>,
    pub subset: HashSet<String>,
    pub refuge: HashSet<String>,
    pub modal: HashSet<String>,
    pub measure: HashSet<String>,
}

pub(super) fn kind_of(name: &str) -> Option<QuantityKind> {
    Some(match name {
        "killed" => QuantityKind::Killed,
        "wounded" => QuantityKind::Wounded,
        "displaced" => QuantityKind::Displaced,
        "refugees" => QuantityKind::Refugees,
        "arrested" => QuantityKind::Arrested,
        "troops" => QuantityKind::Troops,
        "other" => QuantityKind::Other,
        _ => return None,
    })
}

pub(super) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(SOURCE))
}

impl Lexicon {
    fn parse(src: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for (_, f) in tsv_rows(src) {
            let (Some(&list), Some(&entry)) = (f.first(), f.get(1)) else {
                continue;
            };
            let value = f.get(2).copied().unwrap_or("");
            lex.add(list, entry, value, f.get(3).copied().unwrap_or(""));
        }
        lex.qualifier_len = lex
            .qualifier
            .iter()
            .map(|q| q.split(' ').count())
            .max()
            .unwrap_or(0);
        lex
    }

    fn add(&mut self, list: &str, entry: &str, value: &str, class: &str) {
        let entry = entry.to_string();
        let number = value.parse::<u64>().ok();
        let kind = kind_of(value);
        match (list, number, kind) {
            ("number", Some(v), _) => drop(self.number.insert(entry, v)),
            ("scale", Some(v), _) => drop(self.scale.insert(entry, v)),
            ("vague", Some(v), _) => {
                if let Some(first) = entry.split(' ').next() {
                    self.vague_first.insert(first.to_string());
                }
                self.vague.insert(entry, v);
            }
            ("verb", _, Some(k)) => {
                let who = if class == "subject" {
                    Undergoer::Subject
                } else {
                    Undergoer::Object
                };
                self.verb.insert(entry, (k, who));
            }
            ("adjective", _, Some(k)) => drop(self.adjective.insert(entry, k)),
            ("event", _, Some(k)) => drop(self.event.insert(entry, k)),
            ("noun", _, Some(k)) => drop(self.noun.insert(entry, k)),
            ("qualifier", ..) => drop(self.qualifier.insert(entry)),
            ("size", ..) => drop(self.size.insert(entry)),
            ("tally", ..) => drop(self.tally.insert(entry)),
            ("subset", ..) => drop(self.subset.insert(entry)),
            ("refuge", ..) => drop(self.refuge.insert(entry)),
            ("modal", ..) => drop(self.modal.insert(entry)),
            ("measure", ..) => drop(self.measure.insert(entry)),
            _ => {}
        }
    }

    /// A word that can be (part of) a number: "four", "dozens", "hundred".
    pub fn is_number_word(&self, w: &str) -> bool {
        self.number.contains_key(w)
            || self.vague_first.contains(w)
            || (w.len() > 2 && self.scale.contains_key(w))
            || hyphenated_value(self, w).is_some()
    }
}

/// "twenty-five" → 25.
pub(super) fn hyphenated_value(lex: &Lexicon, w: &str) -> Option<u64> {
    let (tens, ones) = w.split_once('-')?;
    let (t, o) = (*lex.number.get(tens)?, *lex.number.get(ones)?);
    (t >= 20 && t % 10 == 0 && o < 10).then_some(t + o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_understood() {
        // A row whose list or kind is misspelt would be dropped silently.
        let lex = lexicon();
        let rows = tsv_rows(SOURCE).count();
        let kept = lex.number.len()
            + lex.scale.len()
            + lex.vague.len()
            + lex.qualifier.len()
            + lex.size.len()
            + lex.verb.len()
            + lex.adjective.len()
            + lex.event.len()
            + lex.noun.len()
            + lex.tally.len()
            + lex.subset.len()
            + lex.refuge.len()
            + lex.modal.len()
            + lex.measure.len();
        assert_eq!(rows, kept);
        assert_eq!(
            lex.verb.get("flee"),
            Some(&(QuantityKind::Displaced, Undergoer::Subject))
        );
    }
}
