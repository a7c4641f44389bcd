//! The quote words (`data/lexicon/quotes.tsv`): verbs of saying, documents and their issuers,
//! titles and gender words of speakers. Read by `quotes`; the reporting verbs also by `actors`,
//! `geo` and `events`.

use super::reader::{read, Kind, Layout, LexiconError, Reason, Row, Table};
use super::words::{FromKind, Value, WordMap, WordSet};
use flashpoint_nlp::annotation::Word;
use std::borrow::Cow;
use std::collections::HashSet;

/// The lemma as the lists hold it: the lemmatizer keeps a proper noun's case.
fn lowercase(lemma: &str) -> Cow<'_, str> {
    if lemma.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(lemma.to_lowercase())
    } else {
        Cow::Borrowed(lemma)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Masc,
    Fem,
}

impl Value for Gender {
    const EXPECTED: &'static str = "masc or fem";
    fn read(text: &'static str) -> Option<Self> {
        match text {
            "masc" => Some(Gender::Masc),
            "fem" => Some(Gender::Fem),
            _ => None,
        }
    }
}

/// Two-word phrases, looked up by their two words ("according", "to").
#[derive(Debug, Default)]
pub struct WordPairs(HashSet<(&'static str, &'static str)>);

impl WordPairs {
    pub fn contains(&self, first: &str, second: &str) -> bool {
        self.0.contains(&(first, second))
    }
}

impl FromKind for WordPairs {
    const COLUMNS: usize = 1;
    fn from_rows(table: &Table, rows: &[Row]) -> Result<Self, LexiconError> {
        let mut set = HashSet::new();
        for r in rows {
            let pair = r.cols[0].split_once(' ').filter(|(_, b)| !b.contains(' '));
            let Some(pair) = pair else {
                let reason = Reason::BadValue {
                    value: r.cols[0].to_string(),
                    expected: "two words".into(),
                };
                return Err(table.error(r, reason));
            };
            set.insert(pair);
        }
        Ok(WordPairs(set))
    }
}

#[derive(Debug)]
pub struct QuoteWords {
    /// Lemmas of verbs that report what their subject said ("say", "recall"), for the actor,
    /// place and event stages.
    pub verb: WordSet,
    /// Lemmas of verbs of saying.
    pub speech: WordSet,
    /// Lemmas of verbs that give quoted words to their subject ("call", "describe").
    pub stance: WordSet,
    /// Two-word prepositions naming a source: ("according", "to").
    pub source: WordPairs,
    /// Nouns for issued texts ("statement").
    pub document: WordSet,
    /// Prepositions attaching an issuer to a document ("from", "by").
    pub issuer: WordSet,
    /// Prepositions that introduce the doer of a noun ("by"): not part of a description.
    pub agentive: WordSet,
    /// Courtesy titles ("dr", "mrs"): not the role a name is given.
    pub honorific: WordSet,
    /// Title words that tell a gender ("mrs").
    pub gender: WordMap<Gender>,
    /// Role words stripped from the front of a name ("foreign minister"), words joined by one
    /// space.
    pub titles: WordSet,
    /// Most words in a title.
    pub title_len: usize,
}

impl QuoteWords {
    pub const FILE: &'static str = "quotes.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/quotes.tsv");

    pub fn parse(text: &'static str) -> Result<QuoteWords, LexiconError> {
        const KINDS: &[Kind] = &[
            Kind::of::<WordSet>("verb"),
            Kind::of::<WordSet>("speech"),
            Kind::of::<WordSet>("stance"),
            Kind::of::<WordPairs>("source"),
            Kind::of::<WordSet>("document"),
            Kind::of::<WordSet>("issuer"),
            Kind::of::<WordSet>("agentive"),
            Kind::of::<WordSet>("honorific"),
            Kind::of::<WordMap<Gender>>("gender"),
            Kind::of::<WordSet>("title"),
        ];
        let t = read(Self::FILE, text, Layout::Kinds(KINDS))?;
        let titles = WordSet::build(&t, "title")?;
        Ok(QuoteWords {
            verb: WordSet::build(&t, "verb")?,
            speech: WordSet::build(&t, "speech")?,
            stance: WordSet::build(&t, "stance")?,
            source: WordPairs::build(&t, "source")?,
            document: WordSet::build(&t, "document")?,
            issuer: WordSet::build(&t, "issuer")?,
            agentive: WordSet::build(&t, "agentive")?,
            honorific: WordSet::build(&t, "honorific")?,
            gender: WordMap::build(&t, "gender")?,
            title_len: titles
                .iter()
                .map(|w| w.split(' ').count())
                .max()
                .unwrap_or(0),
            titles,
        })
    }

    /// Whether the model's word is a verb reporting what its subject said ("said", "adding"):
    /// tagged as a verb, its lemma listed, so every inflection is one entry.
    pub fn reports(&self, word: &Word) -> bool {
        word.tag.starts_with("VB") && self.verb.contains(&lowercase(&word.lemma))
    }

    /// Whether a lemma is a verb that attributes quoted words to its subject.
    pub fn attributes(&self, lemma: &str) -> bool {
        self.speech.contains(lemma) || self.stance.contains(lemma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_and_checked() {
        let lex = &crate::lexicon::lexicon().quotes;
        assert!(lex.source.contains("according", "to"));
        assert!(lex.verb.contains("say") && lex.attributes("say"));
        assert_eq!(lex.gender.get("mrs"), Some(&Gender::Fem));
        assert!(lex.titles.contains("foreign minister") && lex.title_len >= 2);
        assert!(QuoteWords::parse("gender\tmr\tmale\n").is_err());
        assert!(QuoteWords::parse("source\taccording\n").is_err());
        assert!(QuoteWords::parse("source\taccording to\n").is_ok());
    }
}
