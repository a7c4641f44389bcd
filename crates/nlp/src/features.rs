//! The six token attributes the tok2vec embeds: NORM, PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE,
//! each as spaCy's u64 string id (SPACY and IS_SPACE are 0 or 1).
//!
//! NORM is the tokenizer's special-case override when there is one, else the lexeme norm: the
//! `lexeme_norm` table (keyed by the text's string id), then spaCy's base norms, then the
//! lower-cased text. PREFIX is the first code point, SUFFIX the last three, SHAPE the word shape
//! with Python's character classes. Repeated words in one call are computed once.

use crate::model_file::{ModelError, ModelFile};
use crate::strings::Symbols;
use crate::unicode::CharClasses;
use serde::Deserialize;
use std::collections::HashMap;

/// Column order of a feature row.
pub const NORM: usize = 0;
pub const PREFIX: usize = 1;
pub const SUFFIX: usize = 2;
pub const SHAPE: usize = 3;
pub const SPACY: usize = 4;
pub const IS_SPACE: usize = 5;
/// Columns in a feature row.
pub const COLUMNS: usize = 6;

/// The column of a feature row that holds the attribute spaCy calls `attr`.
pub fn column(attr: &str) -> Option<usize> {
    let index = match attr {
        "NORM" => NORM,
        "PREFIX" => PREFIX,
        "SUFFIX" => SUFFIX,
        "SHAPE" => SHAPE,
        "SPACY" => SPACY,
        "IS_SPACE" => IS_SPACE,
        _ => return None,
    };
    Some(index)
}

/// Words of this many code points or more have the shape `LONG`.
const LONG_WORD: usize = 100;
/// A run of the same shape character is kept up to this length.
const SHAPE_RUN: usize = 4;

/// One token as the tokenizer delivers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TokenText<'a> {
    pub text: &'a str,
    /// A whitespace character follows the token in the text.
    pub space_after: bool,
    /// The NORM a tokenizer special case set (`n't` → `not`), if any.
    pub norm: Option<&'a str>,
}

/// Everything the attributes are computed from: the NORM tables, the symbol ids, Python's
/// character classes.
#[derive(Debug)]
pub struct Features {
    symbols: Symbols,
    lexeme_norms: HashMap<u64, String>,
    base_norms: HashMap<String, String>,
    classes: CharClasses,
}

#[derive(Deserialize)]
struct NormTables {
    lexeme_norm_by_id: HashMap<String, String>,
    base_norms: HashMap<String, String>,
}

#[derive(Deserialize)]
struct Meta {
    norm: NormTables,
}

impl Features {
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        let meta: Meta = model.document("meta")?;
        let mut lexeme_norms = HashMap::with_capacity(meta.norm.lexeme_norm_by_id.len());
        for (key, norm) in meta.norm.lexeme_norm_by_id {
            let id = key.parse::<u64>().map_err(|e| ModelError::Section {
                name: "meta".into(),
                reason: format!("lexeme norm key {key:?}: {e}"),
            })?;
            lexeme_norms.insert(id, norm);
        }
        Ok(Features {
            symbols: Symbols::load(model)?,
            lexeme_norms,
            base_norms: meta.norm.base_norms,
            classes: CharClasses::load(model)?,
        })
    }

    /// One row per token: `[NORM, PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE]` ids.
    pub fn extract(&self, tokens: &[TokenText]) -> Vec<[u64; COLUMNS]> {
        let mut seen: HashMap<(&str, Option<&str>), [u64; COLUMNS]> = HashMap::new();
        tokens
            .iter()
            .map(|t| {
                let mut row = *seen
                    .entry((t.text, t.norm))
                    .or_insert_with(|| self.word_row(t));
                row[SPACY] = u64::from(t.space_after);
                row
            })
            .collect()
    }

    /// The row of a word without its SPACY column (that depends on the text after it).
    fn word_row(&self, t: &TokenText) -> [u64; COLUMNS] {
        let id = |s: &str| self.symbols.string_id(s);
        let mut row = [0u64; COLUMNS];
        row[NORM] = id(&self.norm_string(t));
        row[PREFIX] = id(first_chars(t.text, 1));
        row[SUFFIX] = id(last_chars(t.text, 3));
        row[SHAPE] = id(&self.shape(t.text));
        row[IS_SPACE] = u64::from(self.classes.is_space_str(t.text));
        row
    }

    /// The NORM string: the tokenizer's override, else the lexeme norm.
    pub fn norm_string(&self, t: &TokenText) -> String {
        match t.norm {
            Some(norm) => norm.to_string(),
            None => self.lexeme_norm(t.text),
        }
    }

    fn lexeme_norm(&self, text: &str) -> String {
        if let Some(norm) = self.lexeme_norms.get(&self.symbols.string_id(text)) {
            return norm.clone();
        }
        if let Some(norm) = self.base_norms.get(text) {
            return norm.clone();
        }
        text.to_lowercase()
    }

    /// spaCy's `word_shape`: letters become `X`/`x`, digits `d`, others stay; runs of one shape
    /// character are cut at four.
    pub fn shape(&self, text: &str) -> String {
        if text.chars().nth(LONG_WORD - 1).is_some() {
            return "LONG".to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut last = None;
        let mut run = 0;
        for ch in text.chars() {
            let c = if self.classes.is_alpha(ch) {
                if self.classes.is_upper(ch) {
                    'X'
                } else {
                    'x'
                }
            } else if self.classes.is_digit(ch) {
                'd'
            } else {
                ch
            };
            if Some(c) == last {
                run += 1;
            } else {
                run = 0;
                last = Some(c);
            }
            if run < SHAPE_RUN {
                out.push(c);
            }
        }
        out
    }

    /// The string id of `s` (spaCy's `StringStore`).
    pub fn string_id(&self, s: &str) -> u64 {
        self.symbols.string_id(s)
    }
}

/// The first `n` code points (all of `s` if shorter).
fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// The last `n` code points (all of `s` if shorter).
fn last_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n - 1) {
        Some((at, _)) => &s[at..],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::murmurhash64a;

    fn features() -> Features {
        let model = ModelFile::parse(crate::MODEL_BYTES).expect("bundled model");
        Features::load(&model).expect("features")
    }

    fn tok(text: &str) -> TokenText<'_> {
        TokenText {
            text,
            space_after: true,
            norm: None,
        }
    }

    #[test]
    fn shapes_follow_spacy() {
        let f = features();
        for (word, shape) in [
            ("Apple", "Xxxxx"),
            ("U.K.", "X.X."),
            ("1,000,000", "d,ddd,ddd"),
            ("Mississippi", "Xxxxx"),
            ("$1.2bn", "$d.dxx"),
            ("\u{b2}\u{663}", "dd"),
            ("\u{2167}x", "\u{2167}x"),
            ("", ""),
        ] {
            assert_eq!(f.shape(word), shape, "{word}");
        }
        assert_eq!(f.shape(&"a".repeat(99)), "xxxx");
        assert_eq!(f.shape(&"a".repeat(100)), "LONG");
    }

    #[test]
    fn affixes_count_code_points() {
        assert_eq!(first_chars("\u{6771}\u{4eac}", 1), "\u{6771}");
        assert_eq!(last_chars("M\u{fc}nchen", 3), "hen");
        assert_eq!(last_chars("\u{e9}t\u{e9}s", 3), "t\u{e9}s");
        assert_eq!(last_chars("ab", 3), "ab");
        assert_eq!(first_chars("", 1), "");
        assert_eq!(last_chars("", 3), "");
    }

    #[test]
    fn norms_come_from_override_table_base_or_lowercase() {
        let f = features();
        // British spelling in the lexeme table, a curly apostrophe in the base norms.
        assert_eq!(f.norm_string(&tok("colour")), "color");
        assert_eq!(f.norm_string(&tok("\u{2019}s")), "'s");
        assert_eq!(f.norm_string(&tok("Ankara")), "ankara");
        let t = TokenText {
            text: "ca",
            space_after: false,
            norm: Some("can"),
        };
        assert_eq!(f.norm_string(&t), "can");
    }

    #[test]
    fn rows_hold_the_six_ids() {
        let f = features();
        let tokens = [
            tok("A"),
            TokenText {
                text: "number",
                space_after: false,
                norm: None,
            },
            tok("\n"),
            tok("Apple"),
            tok("A"),
        ];
        let rows = f.extract(&tokens);
        // Any 1-letter capital has the shape X, which is a symbol; its prefix is itself.
        assert_eq!(rows[0][SHAPE], 101);
        assert_eq!(rows[0][PREFIX], murmurhash64a(b"A", 1));
        assert_eq!(f.extract(&[tok("X-ray")])[0][PREFIX], 101);
        assert_eq!(rows[0][NORM], murmurhash64a(b"a", 1));
        assert_eq!(rows[1][NORM], 432);
        assert_eq!(rows[1][SPACY], 0);
        assert_eq!(rows[2][IS_SPACE], 1);
        assert_eq!(rows[3][SHAPE], 16072095006890171862);
        assert_eq!(rows[3][SUFFIX], murmurhash64a(b"ple", 1));
        assert_eq!(rows[3][IS_SPACE], 0);
        assert_eq!(rows[4], rows[0]);
    }
}
