//! String ids as spaCy's `StringStore` gives them: a symbol's small integer when the string is
//! exactly one of spaCy's symbol names, otherwise MurmurHash64A of the UTF-8 bytes (seed 1).
//!
//! Every token feature (NORM, PREFIX, SUFFIX, SHAPE) enters the model as such an id, and the
//! lexeme-norm table is keyed by the id of the token text, so one wrong id changes an embedding.

use crate::model_file::{ModelError, ModelFile};
use serde::Deserialize;
use std::collections::HashMap;

/// The seed spaCy's `hash_string` uses.
const STRING_SEED: u64 = 1;

/// Austin Appleby's MurmurHash64A (the 64-bit MurmurHash2), as `murmurhash.mrmr.hash64`.
pub fn murmurhash64a(bytes: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(M);
    let mut blocks = bytes.chunks_exact(8);
    for block in &mut blocks {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        let mut k = u64::from_le_bytes(word).wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        for (j, &b) in tail.iter().enumerate().rev() {
            h ^= u64::from(b) << (8 * j);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^ (h >> R)
}

/// spaCy's symbol table (`spacy.symbols.IDS`): names that map to small fixed ids.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Symbols(HashMap<String, u64>);

impl Symbols {
    /// The table from the model file's `meta` document.
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        #[derive(Deserialize)]
        struct Meta {
            symbols: Symbols,
        }
        Ok(model.document::<Meta>("meta")?.symbols)
    }

    /// The id spaCy's `StringStore.add` returns for `s`.
    pub fn string_id(&self, s: &str) -> u64 {
        if s.is_empty() {
            return 0;
        }
        if let Some(&id) = self.0.get(s) {
            return id;
        }
        murmurhash64a(s.as_bytes(), STRING_SEED)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols() -> Symbols {
        let model = ModelFile::parse(crate::MODEL_BYTES).expect("bundled model");
        Symbols::load(&model).expect("symbols")
    }

    #[test]
    fn murmurhash64a_matches_spacy() {
        let h = |s: &str| murmurhash64a(s.as_bytes(), 1);
        assert_eq!(h("hello"), 5983625672228268878);
        assert_eq!(h("Apple"), 6418411030699964375);
        assert_eq!(h("Xxxxx"), 16072095006890171862);
        assert_eq!(h("\u{2019}s"), 614914527630368944);
        assert_eq!(h("\u{6771}\u{4eac}"), 9360021637096476946);
    }

    #[test]
    fn symbol_names_take_their_small_ids() {
        let s = symbols();
        assert_eq!(s.len(), 457);
        assert_eq!(s.string_id("X"), 101);
        assert_eq!(s.string_id("number"), 432);
        assert_eq!(s.string_id("_"), 456);
        assert_eq!(s.string_id(""), 0);
        // Only the exact name is a symbol.
        assert_eq!(s.string_id("Number"), murmurhash64a(b"Number", 1));
        assert_eq!(s.string_id("hello"), 5983625672228268878);
    }
}
