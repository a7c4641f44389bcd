//! The quantity words (`data/lexicon/quantities.tsv`): number words and what happened to a
//! counted noun. Read by `quantities`.

use super::phrases::{Literal, Phrases};
use super::reader::{read, Kind, Layout, LexiconError, Row, Table};
use super::words::{value, FromKind, Value, WordMap, WordSet};
use crate::doc::QuantityKind;

/// Which argument of a verb the act happens to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undergoer {
    /// The object, or the subject of the passive ("were killed") or of a bare participle.
    Object,
    /// The subject ("fled", "died").
    Subject,
}

impl Value for QuantityKind {
    const EXPECTED: &'static str =
        "a quantity kind (killed, wounded, displaced, refugees, arrested, troops, other)";
    fn read(text: &'static str) -> Option<Self> {
        Some(match text {
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
}

impl Value for Undergoer {
    const EXPECTED: &'static str = "object or subject";
    fn read(text: &'static str) -> Option<Self> {
        match text {
            "object" => Some(Undergoer::Object),
            "subject" => Some(Undergoer::Subject),
            _ => None,
        }
    }
}

/// Verb lemmas with the kind of what they do to a counted noun and the argument it is done to.
#[derive(Debug, Default)]
pub struct QuantityVerbs(std::collections::HashMap<&'static str, (QuantityKind, Undergoer)>);

impl QuantityVerbs {
    pub fn get(&self, lemma: &str) -> Option<&(QuantityKind, Undergoer)> {
        self.0.get(lemma)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromKind for QuantityVerbs {
    const COLUMNS: usize = 3;
    fn from_rows(table: &Table, rows: &[Row]) -> Result<Self, LexiconError> {
        let mut map = std::collections::HashMap::with_capacity(rows.len());
        for r in rows {
            map.insert(r.cols[0], (value(table, r, 1)?, value(table, r, 2)?));
        }
        Ok(QuantityVerbs(map))
    }
}

#[derive(Debug)]
pub struct QuantityWords {
    pub number: WordMap<u64>,
    pub scale: WordMap<u64>,
    /// Vague count phrases ("hundreds", "tens of thousands") and their lower bounds.
    pub vague: WordMap<u64>,
    /// First words of the vague phrases, which make a token count-like.
    pub vague_first: WordSet,
    /// Short words and dashes inside a number ("a dozen", "3,000 to 4,000").
    pub inside: WordSet,
    /// Of those, the ones that may begin a number.
    pub opening: WordSet,
    /// Of those, the ones that join two numbers into a range.
    pub range: WordSet,
    pub qualifier: WordSet,
    /// The qualifiers as phrases of words ("more than", "at least").
    pub qualifiers: Phrases<(), Literal>,
    pub size: WordSet,
    pub verb: QuantityVerbs,
    pub adjective: WordMap<QuantityKind>,
    pub event: WordMap<QuantityKind>,
    pub noun: WordMap<QuantityKind>,
    pub tally: WordSet,
    pub subset: WordSet,
    pub refuge: WordSet,
    pub modal: WordSet,
    pub measure: WordSet,
}

impl QuantityWords {
    pub const FILE: &'static str = "quantities.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/quantities.tsv");

    pub fn parse(text: &'static str) -> Result<QuantityWords, LexiconError> {
        const KINDS: &[Kind] = &[
            Kind::of::<WordMap<u64>>("number"),
            Kind::of::<WordMap<u64>>("scale"),
            Kind::of::<WordMap<u64>>("vague"),
            Kind::of::<WordSet>("inside"),
            Kind::of::<WordSet>("opening"),
            Kind::of::<WordSet>("range"),
            Kind::of::<WordSet>("qualifier"),
            Kind::of::<WordSet>("size"),
            Kind::of::<QuantityVerbs>("verb"),
            Kind::of::<WordMap<QuantityKind>>("adjective"),
            Kind::of::<WordMap<QuantityKind>>("event"),
            Kind::of::<WordMap<QuantityKind>>("noun"),
            Kind::of::<WordSet>("tally"),
            Kind::of::<WordSet>("subset"),
            Kind::of::<WordSet>("refuge"),
            Kind::of::<WordSet>("modal"),
            Kind::of::<WordSet>("measure"),
        ];
        let t = read(Self::FILE, text, Layout::Kinds(KINDS))?;
        let vague = WordMap::build(&t, "vague")?;
        let qualifier = WordSet::build(&t, "qualifier")?;
        Ok(QuantityWords {
            number: WordMap::build(&t, "number")?,
            scale: WordMap::build(&t, "scale")?,
            vague_first: t
                .rows("vague")?
                .iter()
                .filter_map(|r| r.cols[0].split(' ').next())
                .collect(),
            vague,
            inside: WordSet::build(&t, "inside")?,
            opening: WordSet::build(&t, "opening")?,
            range: WordSet::build(&t, "range")?,
            qualifiers: Phrases::from_spaced(qualifier.iter().map(|q| (q, ()))),
            qualifier,
            size: WordSet::build(&t, "size")?,
            verb: QuantityVerbs::build(&t, "verb")?,
            adjective: WordMap::build(&t, "adjective")?,
            event: WordMap::build(&t, "event")?,
            noun: WordMap::build(&t, "noun")?,
            tally: WordSet::build(&t, "tally")?,
            subset: WordSet::build(&t, "subset")?,
            refuge: WordSet::build(&t, "refuge")?,
            modal: WordSet::build(&t, "modal")?,
            measure: WordSet::build(&t, "measure")?,
        })
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
pub fn hyphenated_value(lex: &QuantityWords, w: &str) -> Option<u64> {
    let (tens, ones) = w.split_once('-')?;
    let (t, o) = (*lex.number.get(tens)?, *lex.number.get(ones)?);
    (t >= 20 && t % 10 == 0 && o < 10).then_some(t + o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_read() {
        // Each data line lands in one list (derived lists aside).
        let lex = QuantityWords::parse(QuantityWords::TEXT).unwrap();
        let rows = QuantityWords::TEXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        let sets = [
            &lex.inside,
            &lex.opening,
            &lex.range,
            &lex.qualifier,
            &lex.size,
            &lex.tally,
            &lex.subset,
            &lex.refuge,
            &lex.modal,
            &lex.measure,
        ];
        let kept = sets.iter().map(|s| s.len()).sum::<usize>()
            + lex.number.len()
            + lex.scale.len()
            + lex.vague.len()
            + lex.verb.len()
            + lex.adjective.len()
            + lex.event.len()
            + lex.noun.len();
        assert_eq!(rows, kept);
    }

    #[test]
    fn values_are_read_and_checked() {
        let lex = &crate::lexicon::lexicon().quantities;
        assert_eq!(
            lex.verb.get("flee"),
            Some(&(QuantityKind::Displaced, Undergoer::Subject))
        );
        assert_eq!(lex.vague.get("tens of thousands"), Some(&10_000));
        assert!(lex.vague_first.contains("tens"));
        assert_eq!(
            lex.qualifiers.longest(&["at", "least", "40"]),
            Some((2, &()))
        );
        assert_eq!(hyphenated_value(lex, "twenty-five"), Some(25));
        let e = QuantityWords::parse("verb\tflee\tdisplaced\tsideways\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("object or subject"), "{e}");
        assert!(QuantityWords::parse("noun\trefugee\tfled\n").is_err());
    }
}
