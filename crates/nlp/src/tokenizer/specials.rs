//! Special cases (`don't` → `do` + `n't` with NORM `not`) and the final pass that re-applies them
//! to token sequences that affix splitting produced (spaCy's special-case PhraseMatcher).

use crate::fast_hash::FastMap;

/// One sub-token of a special case: its byte length and the NORM it sets, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubToken {
    pub len: usize,
    pub norm: Option<String>,
}

/// The special cases by exact string.
#[derive(Debug, Default)]
pub struct Specials {
    map: FastMap<String, Vec<SubToken>>,
    /// The longest key in bytes: longer strings are answered without hashing them, which keeps
    /// peeling a long chunk one affix at a time from hashing it once per affix.
    longest: usize,
}

impl Specials {
    pub fn insert(&mut self, key: String, subs: Vec<SubToken>) {
        self.longest = self.longest.max(key.len());
        self.map.insert(key, subs);
    }

    pub fn get(&self, s: &str) -> Option<&[SubToken]> {
        if s.len() > self.longest {
            return None;
        }
        self.map.get(s).map(Vec::as_slice)
    }

    pub fn contains(&self, s: &str) -> bool {
        s.len() <= self.longest && self.map.contains_key(s)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// Token-text sequences to look for, as a trie over whole token texts.
#[derive(Debug, Default)]
pub struct SequenceMatcher {
    nodes: Vec<Node>,
    /// Which (first byte, length up to 15) pairs the first texts have: most tokens start no
    /// sequence, and this answers without hashing them.
    first_shapes: Vec<u64>,
}

fn shape_bit(text: &str) -> usize {
    let first = text.as_bytes().first().copied().unwrap_or(0);
    usize::from(first) * 16 + text.len().min(15)
}

#[derive(Debug, Default)]
struct Node {
    next: FastMap<String, usize>,
    complete: bool,
}

impl SequenceMatcher {
    pub fn add(&mut self, texts: &[&str]) {
        let Some(first) = texts.first() else {
            return;
        };
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
            self.first_shapes = vec![0; 256 * 16 / 64];
        }
        let bit = shape_bit(first);
        self.first_shapes[bit / 64] |= 1 << (bit % 64);
        let mut at = 0;
        for text in texts {
            at = match self.nodes[at].next.get(*text) {
                Some(&child) => child,
                None => {
                    self.nodes.push(Node::default());
                    let child = self.nodes.len() - 1;
                    self.nodes[at].next.insert((*text).to_string(), child);
                    child
                }
            };
        }
        self.nodes[at].complete = true;
    }

    /// Every `(start, end)` token range whose texts form a sequence, overlapping ones included.
    pub fn find_all(&self, texts: &[&str]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let Some(root) = self.nodes.first() else {
            return found;
        };
        for start in 0..texts.len() {
            let bit = shape_bit(texts[start]);
            if self.first_shapes[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            let mut node = root;
            for (end, text) in texts.iter().enumerate().skip(start) {
                match node.next.get(*text) {
                    Some(&child) => node = &self.nodes[child],
                    None => break,
                }
                if node.complete {
                    found.push((start, end + 1));
                }
            }
        }
        found
    }
}

/// spaCy's `_filter_special_spans`: longest first, then leftmost; a span is kept unless its first
/// or last token lies in a span looked at before, kept or not. Returned sorted by start.
pub fn filter_spans(mut spans: Vec<(usize, usize)>, token_count: usize) -> Vec<(usize, usize)> {
    spans.sort_by_key(|&(start, end)| (std::cmp::Reverse(end - start), start));
    let mut seen = vec![false; token_count];
    let mut kept = Vec::new();
    for (start, end) in spans {
        if !seen[start] && !seen[end - 1] {
            kept.push((start, end));
        }
        seen[start..end].iter_mut().for_each(|s| *s = true);
    }
    kept.sort_unstable();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_and_overlapping_sequences() {
        let mut m = SequenceMatcher::default();
        m.add(&["let", "'s"]);
        m.add(&["'s"]);
        m.add(&[":", ")"]);
        let found = m.find_all(&["let", "'s", "go", ":", ")"]);
        assert_eq!(found, vec![(0, 2), (1, 2), (3, 5)]);
    }

    #[test]
    fn dropped_spans_still_block() {
        // (0,2) is kept; (1,3) is dropped, and it blocks (2,4) though (2,4) overlaps no kept span.
        assert_eq!(filter_spans(vec![(2, 4), (1, 3), (0, 2)], 4), vec![(0, 2)]);
        assert_eq!(
            filter_spans(vec![(1, 2), (0, 3), (3, 4)], 4),
            vec![(0, 3), (3, 4)]
        );
        assert_eq!(filter_spans(vec![(2, 3), (0, 1)], 3), vec![(0, 1), (2, 3)]);
    }
}
