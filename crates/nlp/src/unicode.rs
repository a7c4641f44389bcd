//! Python's character predicates (`str.isalpha`, `isdigit`, `isupper`, `islower`, `isspace`).
//!
//! spaCy's features and tokenizer are defined by them, and Rust's `char` methods differ on real
//! text: `is_alphabetic` also takes letter numbers and combining vowel signs, `is_whitespace`
//! lacks U+001C..U+001F, `is_numeric` takes fractions. The ranges come from the model file's
//! `unicode` document, written by the Python that exported the model.

use crate::model_file::{ModelError, ModelFile};
use serde::Deserialize;

/// One predicate as sorted, disjoint, inclusive code-point ranges.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct CharSet(Vec<(u32, u32)>);

impl CharSet {
    pub fn contains(&self, c: char) -> bool {
        let c = c as u32;
        let i = self.0.partition_point(|&(_, hi)| hi < c);
        self.0.get(i).is_some_and(|&(lo, _)| lo <= c)
    }
}

/// The five predicates the model's features and tokenizer use.
#[derive(Clone, Debug, Deserialize)]
pub struct CharClasses {
    pub unicode_version: String,
    pub alpha: CharSet,
    pub digit: CharSet,
    pub upper: CharSet,
    pub lower: CharSet,
    pub space: CharSet,
}

impl CharClasses {
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        model.document("unicode")
    }

    pub fn is_alpha(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphabetic();
        }
        self.alpha.contains(c)
    }

    pub fn is_digit(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_digit();
        }
        self.digit.contains(c)
    }

    pub fn is_upper(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_uppercase();
        }
        self.upper.contains(c)
    }

    pub fn is_lower(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_lowercase();
        }
        self.lower.contains(c)
    }

    pub fn is_space(&self, c: char) -> bool {
        self.space.contains(c)
    }

    /// Python's `str.isspace`: non-empty and every character is whitespace.
    pub fn is_space_str(&self, s: &str) -> bool {
        !s.is_empty() && s.chars().all(|c| self.is_space(c))
    }

    /// Python's `str.isalpha`: non-empty and every character is a letter.
    pub fn is_alpha_str(&self, s: &str) -> bool {
        !s.is_empty() && s.chars().all(|c| self.is_alpha(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes() -> CharClasses {
        let model = ModelFile::parse(crate::MODEL_BYTES).expect("bundled model");
        CharClasses::load(&model).expect("unicode document")
    }

    #[test]
    fn follows_python_where_rust_differs() {
        let c = classes();
        // Python counts the file separators as space; Rust's is_whitespace does not.
        assert!(c.is_space('\u{1c}') && !'\u{1c}'.is_whitespace());
        assert!(c.is_space('\u{a0}') && c.is_space('\u{3000}') && !c.is_space('\u{200b}'));
        // A Roman numeral is Alphabetic for Rust but not a letter for Python.
        assert!('\u{2167}'.is_alphabetic() && !c.is_alpha('\u{2167}'));
        // Superscript two and Arabic-Indic three are digits; one half is not.
        assert!(c.is_digit('\u{b2}') && c.is_digit('\u{663}') && !c.is_digit('\u{bd}'));
        assert!(c.is_upper('\u{130}') && c.is_lower('\u{df}') && c.is_alpha('\u{6771}'));
        assert!(c.is_space_str(" \t\n") && !c.is_space_str("") && !c.is_space_str(" a"));
    }
}
