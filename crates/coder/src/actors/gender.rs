//! A person's gender as the text tells it, so that "he" and "she" find whom they stand for: a
//! courtesy title or gendered title ("Mrs", "King"), a noun of kinship or role ("the
//! spokeswoman"), an earlier "he"/"she" bound to the same person, or the given name the mention
//! opens with (`data/lexicon/persons.tsv`). Where nothing tells, the gender is unknown and a
//! pronoun of either gender may take the person.

use crate::doc::{Doc, Mention};
use crate::lexicon::lexicon;
use crate::lexicon::quotes::Gender;
use std::collections::HashMap;

/// What told a person's gender, for `flashpoint explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A courtesy or gendered title in or before the mention ("Mrs", "Queen").
    Title,
    /// A noun of kinship or role in the mention ("the widow", "the spokesman").
    Noun,
    /// An earlier "he" or "she" bound to the same person as the speaker of its sentence ("X
    /// said she …"), the binding that does not guess.
    Pronoun,
    /// The given name the mention opens with.
    GivenName,
}

/// The genders learnt while reading an article: a speaker a gendered pronoun was bound to ("X
/// said she …") keeps that gender for the rest of the article.
#[derive(Default)]
pub struct Genders {
    learnt: HashMap<String, Gender>,
}

/// The key a person is known by across mentions: the dictionary's or the name's full form, which
/// a surname re-mention copies.
fn key(doc: &Doc, m: &Mention) -> String {
    m.actor
        .name
        .clone()
        .unwrap_or_else(|| doc.slice(m.span).to_string())
}

impl Genders {
    /// The gender of the person `m` names, and what told it.
    pub fn of(&self, doc: &Doc, m: &Mention) -> Option<(Gender, Evidence)> {
        let words = |i: usize| doc.tokens.get(i).map(|t| doc.lower_slice(t.span));
        let titles = &lexicon().quotes.gender;
        let nouns = &lexicon().persons.gender_nouns;
        let before = m.tokens.start.checked_sub(1).and_then(words);
        let inside = m.tokens.clone().filter_map(words);
        if let Some(&g) = before
            .into_iter()
            .chain(inside.clone())
            .find_map(|w| titles.get(w))
        {
            return Some((g, Evidence::Title));
        }
        if let Some(&g) = inside.clone().find_map(|w| nouns.get(w)) {
            return Some((g, Evidence::Noun));
        }
        if let Some(&g) = self.learnt.get(&key(doc, m)) {
            return Some((g, Evidence::Pronoun));
        }
        // The name as written, else the dictionary's form of it ("Svetlana" / "Sviatlana").
        given_name(doc.slice(m.span))
            .or_else(|| given_name(m.actor.name.as_deref()?))
            .map(|g| (g, Evidence::GivenName))
    }

    /// Remember that a pronoun of gender `g` was bound to the person `m` names.
    pub fn learn(&mut self, doc: &Doc, m: &Mention, g: Gender) {
        self.learnt.entry(key(doc, m)).or_insert(g);
    }
}

/// The gender of the first capitalised word of a name that is a given name the lexicon knows
/// ("President Maria Lopez": Maria). Only the first such word is read, so that a surname which
/// is also a given name elsewhere ("Ana Thomas") tells nothing against it.
fn given_name(name: &str) -> Option<Gender> {
    let names = &lexicon().persons.given_names;
    let titles = &lexicon().quotes.titles;
    let honorific = &lexicon().quotes.honorific;
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.starts_with(char::is_uppercase))
        .map(str::to_lowercase)
        .find(|w| !titles.contains(w) && !honorific.contains(w))
        .and_then(|w| names.get(w.as_str()).copied())
}

/// Whether a person of known gender `known` (if known) fits a pronoun of gender `wanted`.
pub fn fits(known: Option<Gender>, wanted: Option<Gender>) -> bool {
    match (known, wanted) {
        (Some(k), Some(w)) => k == w,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_given_name_tells() {
        assert_eq!(given_name("Maria Lopez"), Some(Gender::Fem));
        assert_eq!(given_name("President Ahmed Farouk"), Some(Gender::Masc));
        // A surname is not read once a first word is: "Lopez" tells nothing, nor does "Thomas".
        assert_eq!(given_name("Lopez"), None);
        assert_eq!(given_name("Zhu Thomas"), None);
    }

    #[test]
    fn unknown_fits_both() {
        assert!(fits(None, Some(Gender::Fem)));
        assert!(fits(Some(Gender::Masc), None));
        assert!(!fits(Some(Gender::Masc), Some(Gender::Fem)));
    }
}
