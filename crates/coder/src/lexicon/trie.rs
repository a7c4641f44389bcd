//! A token-sequence trie: dictionary phrases keyed by their lowercase tokens, matched at a token
//! position by walking forward — one hash look-up per token, however many phrases there are.

use std::borrow::Cow;
use std::collections::HashMap;

/// Normalised key of a token: ASCII-lowercase (the caller passes `Doc::lower`), curly apostrophes
/// straightened, so "Erdogan’s" and "erdogan's" meet.
pub fn key(lower: &str) -> Cow<'_, str> {
    if lower.contains('’') || lower.contains('‘') {
        Cow::Owned(lower.replace(['’', '‘'], "'"))
    } else {
        Cow::Borrowed(lower)
    }
}

#[derive(Debug)]
struct Node<V> {
    next: HashMap<Box<str>, u32>,
    values: Vec<V>,
}

impl<V> Default for Node<V> {
    fn default() -> Self {
        Node {
            next: HashMap::new(),
            values: Vec::new(),
        }
    }
}

#[derive(Debug)]
pub struct PhraseTrie<V> {
    nodes: Vec<Node<V>>,
}

impl<V> Default for PhraseTrie<V> {
    fn default() -> Self {
        PhraseTrie {
            nodes: vec![Node::default()],
        }
    }
}

impl<V> PhraseTrie<V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a phrase given as its (already normalised) words.
    pub fn insert<S: AsRef<str>>(&mut self, words: &[S], value: V) {
        let mut node = 0usize;
        for w in words {
            let w = w.as_ref();
            node = match self.nodes[node].next.get(w) {
                Some(&n) => n as usize,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node].next.insert(w.into(), n as u32);
                    n
                }
            };
        }
        self.nodes[node].values.push(value);
    }

    /// Every phrase that is a prefix of `keys`, longest first, as (number of words, values).
    pub fn prefixes<S: AsRef<str>>(&self, keys: &[S]) -> Vec<(usize, &[V])> {
        let mut out = Vec::new();
        let mut node = 0usize;
        for (i, k) in keys.iter().enumerate() {
            match self.nodes[node].next.get(k.as_ref()) {
                Some(&n) => node = n as usize,
                None => break,
            }
            if !self.nodes[node].values.is_empty() {
                out.push((i + 1, self.nodes[node].values.as_slice()));
            }
        }
        out.reverse();
        out
    }

    /// Whether `word` begins any phrase.
    pub fn starts(&self, word: &str) -> bool {
        self.nodes[0].next.contains_key(word)
    }

    pub fn len(&self) -> usize {
        self.nodes.iter().map(|n| n.values.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_first() {
        let mut t = PhraseTrie::new();
        t.insert(&["turkish"], 1);
        t.insert(&["turkish", "president"], 2);
        t.insert(&["russia"], 3);
        let hits = t.prefixes(&["turkish", "president", "recep"]);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0], (2, &[2][..]));
        assert_eq!(hits[1], (1, &[1][..]));
        assert!(t.prefixes(&["president"]).is_empty());
        assert!(t.starts("russia") && !t.starts("moscow"));
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn keys_fold_curly_apostrophes() {
        assert_eq!(key("regime’s"), "regime's");
        assert!(matches!(key("plain"), Cow::Borrowed(_)));
    }
}
