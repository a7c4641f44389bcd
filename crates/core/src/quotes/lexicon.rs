//! The quote stage's word lists, from `data/lexicon/quotes.tsv`.

use crate::codebook::tsv_rows;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../../../data/lexicon/quotes.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Masc,
    Fem,
}

#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Lemmas of verbs of saying.
    pub speech: HashSet<String>,
    /// Lemmas of verbs that give quoted words to their subject ("call", "describe").
    pub stance: HashSet<String>,
    /// Two-word prepositions naming a source: ("according", "to").
    pub source: HashSet<(String, String)>,
    /// Nouns for issued texts ("statement").
    pub document: HashSet<String>,
    /// Prepositions attaching an issuer to a document ("from", "by").
    pub issuer: HashSet<String>,
    /// Prepositions that introduce the doer of a noun ("by"): not part of a description.
    pub agentive: HashSet<String>,
    /// Courtesy titles ("dr", "mrs"): not the role a name is given.
    pub honorific: HashSet<String>,
    /// Title words that tell a gender ("mrs").
    pub gender: HashMap<String, Gender>,
    /// Role words stripped from the front of a name, as word lists ("foreign minister").
    pub titles: HashSet<Vec<String>>,
    /// Most words in a title.
    pub title_len: usize,
}

impl Lexicon {
    /// Whether a lemma is a verb that attributes quoted words to its subject.
    pub fn attributes(&self, lemma: &str) -> bool {
        self.speech.contains(lemma) || self.stance.contains(lemma)
    }
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon::default();
        for (_, f) in tsv_rows(LEXICON) {
            let (Some(&kind), Some(&entry)) = (f.first(), f.get(1)) else {
                continue;
            };
            let entry = entry.to_string();
            match kind {
                "speech" => {
                    lex.speech.insert(entry);
                }
                "stance" => {
                    lex.stance.insert(entry);
                }
                "document" => {
                    lex.document.insert(entry);
                }
                "agentive" => {
                    lex.agentive.insert(entry);
                }
                "honorific" => {
                    lex.honorific.insert(entry);
                }
                "issuer" => {
                    lex.issuer.insert(entry);
                }
                "source" => {
                    if let Some((a, b)) = entry.split_once(' ') {
                        lex.source.insert((a.to_string(), b.to_string()));
                    }
                }
                "gender" => {
                    let g = match f.get(2).copied() {
                        Some("masc") => Gender::Masc,
                        Some("fem") => Gender::Fem,
                        _ => continue,
                    };
                    lex.gender.insert(entry, g);
                }
                "title" => {
                    let words: Vec<String> = entry.split_whitespace().map(str::to_string).collect();
                    lex.title_len = lex.title_len.max(words.len());
                    lex.titles.insert(words);
                }
                _ => {}
            }
        }
        lex
    })
}
