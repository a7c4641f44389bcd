//! spaCy's attribute_ruler and English rule lemmatizer (SPEC §15), run after the tagger and
//! parser: they fix up TAG and DEP of whitespace tokens, set POS and MORPH from the tag (with
//! word- and dependency-specific exceptions) and find each token's LEMMA.
//!
//! The rules and tables are the model file's `lemmatizer` document.

mod morph;
mod ruler;
mod rules;

use crate::model_file::{ModelError, ModelFile};
use crate::unicode::CharClasses;
use serde::Deserialize;
use std::borrow::Cow;

pub use morph::normalise as normalise_morph;

/// The final annotation of one token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    pub tag: String,
    pub dep: String,
    /// Universal POS, "" when no rule set one.
    pub pos: String,
    /// Normalised features (`Field=Value|…`), "" when empty.
    pub morph: String,
    pub lemma: String,
}

#[derive(Deserialize)]
struct Document {
    attribute_ruler: ruler::RuleDocument,
    lemmatizer: LemmatizerDocument,
}

#[derive(Deserialize)]
struct LemmatizerDocument {
    tables: rules::TableDocument,
}

/// The attribute ruler and the rule lemmatizer together.
#[derive(Debug)]
pub struct Lemmatizer {
    ruler: ruler::AttributeRuler,
    tables: rules::Tables,
    classes: CharClasses,
}

/// What the ruler has written onto one token so far.
#[derive(Clone, Copy)]
struct Slots<'a> {
    tag: &'a str,
    dep: &'a str,
    pos: Option<&'a ruler::Pos>,
    morph: &'a str,
    lemma: Option<&'a str>,
}

impl Lemmatizer {
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        let doc: Document = model.document("lemmatizer")?;
        let ruler = ruler::AttributeRuler::new(doc.attribute_ruler).map_err(|reason| {
            ModelError::Section {
                name: "lemmatizer".to_string(),
                reason,
            }
        })?;
        Ok(Lemmatizer {
            ruler,
            tables: rules::Tables::new(doc.lemmatizer.tables),
            classes: CharClasses::load(model)?,
        })
    }

    /// One document: per token its text, the tagger's TAG and the parser's DEP (after
    /// deprojectivisation; "" where unset). Returns the final TAG, DEP, POS, MORPH, LEMMA per
    /// token. Missing tags or deps (shorter slices) count as unset.
    pub fn analyse(&self, words: &[&str], tags: &[&str], deps: &[&str]) -> Vec<Analysis> {
        let lowers: Vec<Cow<str>> = words.iter().map(|w| lower(w)).collect();
        let views: Vec<ruler::View> = words
            .iter()
            .enumerate()
            .map(|(i, w)| ruler::View {
                tag: tags.get(i).copied().unwrap_or(""),
                dep: deps.get(i).copied().unwrap_or(""),
                lower: &lowers[i],
                space: self.classes.is_space_str(w),
            })
            .collect();
        let slots = self.apply_rules(&views);
        slots
            .iter()
            .zip(words)
            .zip(&lowers)
            .map(|((s, word), low)| Analysis {
                tag: s.tag.to_string(),
                dep: s.dep.to_string(),
                pos: s.pos.map_or_else(String::new, |p| p.name.clone()),
                morph: s.morph.to_string(),
                lemma: match s.lemma {
                    Some(lemma) => lemma.to_string(),
                    None => self.lemma(word, low, s.pos, s.morph),
                },
            })
            .collect()
    }

    /// All matches are found on the original values first; then rules write in list order
    /// (within a rule, by match start), a later write replacing an earlier one.
    fn apply_rules<'a>(&'a self, views: &[ruler::View<'a>]) -> Vec<Slots<'a>> {
        let mut slots: Vec<Slots> = views
            .iter()
            .map(|v| Slots {
                tag: v.tag,
                dep: v.dep,
                pos: None,
                morph: "",
                lemma: None,
            })
            .collect();
        for hit in self.ruler.matches(views) {
            let (token, attrs) = self.ruler.target(&hit);
            let Some(slot) = slots.get_mut(token) else {
                continue;
            };
            if let Some(v) = &attrs.pos {
                slot.pos = Some(v);
            }
            if let Some(v) = &attrs.morph {
                slot.morph = v;
            }
            if let Some(v) = &attrs.lemma {
                slot.lemma = Some(v);
            }
            if let Some(v) = &attrs.tag {
                slot.tag = v;
            }
            if let Some(v) = &attrs.dep {
                slot.dep = v;
            }
        }
        slots
    }

    /// The rule lemmatizer for a token the ruler gave no lemma.
    fn lemma(&self, word: &str, lower: &str, pos: Option<&ruler::Pos>, features: &str) -> String {
        let upos = pos.map_or("", |p| p.upos.as_str());
        let tables = self.tables.get(upos);
        rules::lemma(tables, &self.classes, word, lower, upos, features)
    }
}

/// Python's `str.lower()`, without a copy when there is nothing to change.
fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn model() -> &'static Lemmatizer {
        static LEMMATIZER: OnceLock<Lemmatizer> = OnceLock::new();
        LEMMATIZER.get_or_init(|| {
            let file = ModelFile::parse(crate::MODEL_BYTES).expect("bundled model");
            Lemmatizer::load(&file).expect("lemmatizer document")
        })
    }

    /// Lemmas of single tokens given their tags, no dependencies.
    fn lemmas(words: &[&str], tags: &[&str]) -> Vec<String> {
        let deps = vec![""; words.len()];
        model()
            .analyse(words, tags, &deps)
            .into_iter()
            .map(|a| a.lemma)
            .collect()
    }

    #[test]
    fn exceptions_go_in_front_last_one_first() {
        // "better" has the adjective exceptions [good, well]: each is put in front.
        assert_eq!(lemmas(&["better"], &["JJR"]), ["well"]);
        // "leaves": the rule already gives "leave", so only "leaf" is put in front of it.
        assert_eq!(lemmas(&["Leaves"], &["NNS"]), ["leaf"]);
        assert_eq!(lemmas(&["ran", "mice"], &["VBD", "NNS"]), ["run", "mouse"]);
    }

    #[test]
    fn forms_in_the_index_come_first() {
        // -ed→e gives "hope", then -ed→"" gives "hop"; both are known, the later goes in front.
        assert_eq!(lemmas(&["hoped"], &["VBD"]), ["hop"]);
        assert_eq!(
            lemmas(&["stopped", "buses"], &["VBD", "NNS"]),
            ["stop", "bus"]
        );
        // no form is known: the first out-of-vocabulary form, in rule order
        assert_eq!(lemmas(&["glorped"], &["VBD"]), ["glorpe"]);
        // no rule applies at all: the text as it was
        assert_eq!(lemmas(&["Qwzx"], &["VBD"]), ["Qwzx"]);
    }

    #[test]
    fn non_alphabetic_forms_count_as_known() {
        assert_eq!(
            lemmas(&["1970s", "F-16s"], &["NNS", "NNS"]),
            ["1970", "f-16"]
        );
        // the punctuation table straightens curly quotes
        assert_eq!(lemmas(&["\u{201d}"], &["''"]), ["\""]);
    }

    #[test]
    fn proper_nouns_keep_their_case() {
        let out = model().analyse(&["Mosul", "NATO"], &["NNP", "NNP"], &["", ""]);
        assert_eq!(
            (out[0].pos.as_str(), out[0].lemma.as_str()),
            ("PROPN", "Mosul")
        );
        assert_eq!(out[1].lemma, "NATO");
        // other parts of speech without tables are lower-cased
        assert_eq!(
            lemmas(&["Seven", "Which"], &["CD", "WDT"]),
            ["seven", "which"]
        );
    }

    #[test]
    fn base_forms_are_only_lower_cased() {
        // a singular noun is not looked up, even when it looks plural
        assert_eq!(lemmas(&["Geese"], &["NN"]), ["geese"]);
        assert_eq!(lemmas(&["Walks"], &["VBP"]), ["walks"]);
        assert!(rules::is_base_form("noun", "Number=Sing"));
        assert!(rules::is_base_form("verb", "Tense=Pres|VerbForm=Fin"));
        assert!(!rules::is_base_form(
            "verb",
            "Number=Sing|Tense=Pres|VerbForm=Fin"
        ));
        assert!(rules::is_base_form("adv", "Degree=Pos"));
        assert!(rules::is_base_form("aux", "VerbForm=None"));
        assert!(!rules::is_base_form("noun", "Number=Plur"));
        assert!(!rules::is_base_form("adj", "Degree=Cmp"));
    }

    #[test]
    fn word_rules_set_pos_morph_and_lemma() {
        let out = model().analyse(
            &["They", "saw", "me"],
            &["PRP", "VBD", "PRP"],
            &["nsubj", "ROOT", "dobj"],
        );
        assert_eq!(out[2].pos, "PRON");
        assert_eq!(out[2].lemma, "I");
        assert!(out[2].morph.contains("Case=Acc"));
        assert_eq!(out[1].lemma, "see");
        assert_eq!(out[1].morph, "Tense=Past|VerbForm=Fin");
    }

    #[test]
    fn two_token_rules_write_one_token_each() {
        let out = model().analyse(&["gon", "na", "win"], &["VBG", "TO", "VB"], &["", "", ""]);
        let got: Vec<&str> = out.iter().map(|a| a.lemma.as_str()).collect();
        assert_eq!(got, ["go", "to", "win"]);
    }

    #[test]
    fn whitespace_gets_sp_and_dep_but_rules_see_the_tagger_values() {
        let out = model().analyse(&["\n\n", "  "], &["NN", "_SP"], &["appos", ""]);
        assert_eq!((out[0].tag.as_str(), out[0].dep.as_str()), ("_SP", "dep"));
        assert_eq!((out[0].pos.as_str(), out[0].morph.as_str()), ("SPACE", ""));
        assert_eq!((out[1].tag.as_str(), out[1].dep.as_str()), ("_SP", ""));
        assert_eq!(out[0].lemma, "\n\n");
        // a non-space token that the tagger called _SP is X, not SPACE
        let odd = model().analyse(&["~"], &["_SP"], &[""]);
        assert_eq!((odd[0].tag.as_str(), odd[0].pos.as_str()), ("_SP", "X"));
    }

    #[test]
    fn missing_values_are_unset() {
        let out = model().analyse(&["that"], &[], &[]);
        assert_eq!(out[0].tag, "");
        assert_eq!(out[0].pos, "");
        assert_eq!(out[0].lemma, "that");
        assert!(model().analyse(&[], &[], &[]).is_empty());
    }
}
