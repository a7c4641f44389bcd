//! spaCy's rule lemmatizer (mode `rule`) with the English `is_base_form` (SPEC §15.2).

use super::morph;
use crate::fast_hash::{FastMap, FastSet};
use crate::unicode::CharClasses;
use serde::Deserialize;
use std::collections::HashMap;

/// POS values (lower-cased) that get the lower-cased text without looking at any table.
const NO_LEMMA_POS: [&str; 3] = ["", "eol", "space"];
/// The one POS whose table-less lemma keeps the text's case.
const PROPER_NOUN: &str = "propn";

/// The three lookup tables as the model file stores them, keyed by lower-case UPOS.
#[derive(Debug, Deserialize)]
pub struct TableDocument {
    lemma_rules: HashMap<String, Vec<(String, String)>>,
    lemma_exc: HashMap<String, FastMap<String, Vec<String>>>,
    lemma_index: HashMap<String, FastSet<String>>,
}

/// The tables of one part of speech.
#[derive(Debug, Default)]
pub struct PosTables {
    /// Suffix rewrites `(old, new)`, in table order.
    rules: Vec<(String, String)>,
    /// Irregular forms: lower-cased word to its lemmas.
    exceptions: FastMap<String, Vec<String>>,
    /// Known lemmas.
    index: FastSet<String>,
}

/// Every part of speech's tables.
#[derive(Debug, Default)]
pub struct Tables {
    by_pos: FastMap<String, PosTables>,
}

impl Tables {
    pub fn new(doc: TableDocument) -> Self {
        let mut by_pos: FastMap<String, PosTables> = FastMap::default();
        for (pos, rules) in doc.lemma_rules {
            by_pos.entry(pos).or_default().rules = rules;
        }
        for (pos, exceptions) in doc.lemma_exc {
            by_pos.entry(pos).or_default().exceptions = exceptions;
        }
        for (pos, index) in doc.lemma_index {
            by_pos.entry(pos).or_default().index = index;
        }
        // spaCy treats empty tables as missing ones (`if not (index or exc or rules)`).
        by_pos
            .retain(|_, t| !(t.rules.is_empty() && t.exceptions.is_empty() && t.index.is_empty()));
        Tables { by_pos }
    }

    /// The tables of a lower-case UPOS, if it has any.
    pub fn get(&self, upos: &str) -> Option<&PosTables> {
        self.by_pos.get(upos)
    }
}

/// The lemma of one token: the first of spaCy's `rule_lemmatize` candidates.
/// `upos` is the lower-cased POS ("" when unset), `lower` the lower-cased text.
pub fn lemma(
    tables: Option<&PosTables>,
    classes: &CharClasses,
    text: &str,
    lower: &str,
    upos: &str,
    features: &str,
) -> String {
    if NO_LEMMA_POS.contains(&upos) || is_base_form(upos, features) {
        return lower.to_string();
    }
    let Some(tables) = tables else {
        return if upos == PROPER_NOUN {
            text.to_string()
        } else {
            lower.to_string()
        };
    };
    let (mut forms, unknown) = tables.rule_forms(classes, lower);
    // Each exception goes in front of the rule forms, so the last new one ends up first.
    if let Some(exceptions) = tables.exceptions.get(lower) {
        for form in exceptions {
            if !forms.contains(form) {
                forms.insert(0, form.clone());
            }
        }
    }
    forms
        .into_iter()
        .chain(unknown)
        .next()
        .unwrap_or_else(|| text.to_string())
}

impl PosTables {
    /// The suffix rules' candidates, split into known and out-of-vocabulary forms. Known forms
    /// are those in the index (each put in front) and non-alphabetic ones, which the index
    /// cannot hold (put at the back); duplicates keep their first place.
    fn rule_forms(&self, classes: &CharClasses, lower: &str) -> (Vec<String>, Vec<String>) {
        let mut known: Vec<String> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        for (old, new) in &self.rules {
            let Some(stem) = lower.strip_suffix(old.as_str()) else {
                continue;
            };
            let form = format!("{stem}{new}");
            if form.is_empty() {
                continue;
            }
            if self.index.contains(&form) {
                known.insert(0, form);
            } else if !classes.is_alpha_str(&form) {
                known.push(form);
            } else {
                unknown.push(form);
            }
        }
        dedup_keep_first(&mut known);
        (known, unknown)
    }
}

fn dedup_keep_first(forms: &mut Vec<String>) {
    let mut seen: Vec<String> = Vec::with_capacity(forms.len());
    forms.retain(|f| {
        let fresh = !seen.contains(f);
        if fresh {
            seen.push(f.clone());
        }
        fresh
    });
}

/// English: is the token already uninflected, so that its lemma is its lower-cased text?
pub fn is_base_form(upos: &str, features: &str) -> bool {
    let get = |field| morph::value(features, field);
    let verb_form = get("VerbForm");
    match upos {
        "noun" if get("Number") == Some("Sing") => return true,
        "verb" if verb_form == Some("Inf") => return true,
        "verb"
            if verb_form == Some("Fin")
                && get("Tense") == Some("Pres")
                && get("Number").is_none() =>
        {
            return true
        }
        "adj" if get("Degree") == Some("Pos") => return true,
        _ => {}
    }
    // spaCy's morphology can hold the literal value "None".
    matches!(verb_form, Some("Inf") | Some("None")) || get("Degree") == Some("Pos")
}
