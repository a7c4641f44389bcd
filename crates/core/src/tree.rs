//! A read-only view of the model's parse, shared by the stages that read it: children lists,
//! token look-up by byte offset, ancestors, entity labels and the words a phrase covers.

use crate::span::Span;
use flashpoint_nlp::annotation::Word;
use flashpoint_nlp::Annotation;

pub struct Tree<'a> {
    pub ann: &'a Annotation,
    /// Lower-cased text of the article (same offsets as the text).
    lower: &'a str,
    kids: Children,
    /// The entity each token lies in (index into `ann.entities`).
    ents: Vec<Option<usize>>,
}

impl<'a> Tree<'a> {
    pub fn new(ann: &'a Annotation, lower: &'a str) -> Tree<'a> {
        let kids = Children::new(ann);
        let mut ents = vec![None; ann.words.len()];
        for (k, e) in ann.entities.iter().enumerate() {
            for t in e.tokens.clone() {
                if let Some(slot) = ents.get_mut(t) {
                    *slot = Some(k);
                }
            }
        }
        Tree {
            ann,
            lower,
            kids,
            ents,
        }
    }

    /// The entity token `i` lies in.
    pub fn entity(&self, i: usize) -> Option<&flashpoint_nlp::EntitySpan> {
        self.ents
            .get(i)
            .copied()
            .flatten()
            .map(|k| &self.ann.entities[k])
    }

    /// The label of the entity token `i` lies in.
    pub fn entity_label(&self, i: usize) -> Option<&str> {
        self.entity(i).map(|e| e.label.as_str())
    }

    pub fn len(&self) -> usize {
        self.ann.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ann.words.is_empty()
    }

    pub fn word(&self, i: usize) -> &Word {
        &self.ann.words[i]
    }

    pub fn dep(&self, i: usize) -> &str {
        &self.ann.words[i].dep
    }

    pub fn tag(&self, i: usize) -> &str {
        &self.ann.words[i].tag
    }

    pub fn lemma(&self, i: usize) -> String {
        self.ann.words[i].lemma.to_lowercase()
    }

    /// The lower-cased text of token `i`.
    pub fn lower(&self, i: usize) -> &'a str {
        let w = &self.ann.words[i];
        self.lower.get(w.start..w.end).unwrap_or("")
    }

    pub fn span(&self, i: usize) -> Span {
        let w = &self.ann.words[i];
        Span::new(w.start, w.end)
    }

    /// Span from the start of token `a` to the end of token `b` (inclusive).
    pub fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.ann.words[a].start, self.ann.words[b].end)
    }

    /// The head of `i`, or `None` at a root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.ann.words[i].head;
        (h != i && h < self.len()).then_some(h)
    }

    pub fn children(&self, i: usize) -> &[usize] {
        self.kids.of(i)
    }

    /// Children of `i` with one of the labels.
    pub fn kids_with<'s>(&'s self, i: usize, deps: &'s [&str]) -> impl Iterator<Item = usize> + 's {
        self.kids
            .of(i)
            .iter()
            .copied()
            .filter(move |&c| deps.contains(&self.dep(c)))
    }

    pub fn is_punct(&self, i: usize) -> bool {
        let w = &self.ann.words[i];
        w.is_space || w.pos == "PUNCT"
    }

    pub fn is_verbal(&self, i: usize) -> bool {
        matches!(self.ann.words[i].pos.as_str(), "VERB" | "AUX")
    }

    pub fn is_pronoun(&self, i: usize) -> bool {
        self.tag(i) == "PRP"
    }

    /// Tokens starting inside `[start, end)`, as an index range.
    pub fn tokens_in(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let a = self.ann.words.partition_point(|w| w.start < start);
        let b = self.ann.words.partition_point(|w| w.start < end);
        a..b
    }

    /// The token covering byte `at`, if any.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        self.ann.token_at(at)
    }

    /// The parser sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<std::ops::Range<usize>> {
        self.ann
            .sentence_of(i)
            .map(|k| self.ann.sentences[k].clone())
    }

    /// Leftmost and rightmost tokens of the subtree of `i`, leaving out the children for which
    /// `skip` holds (and their subtrees).
    pub fn extent(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> (usize, usize) {
        let (mut a, mut b) = (i, i);
        let mut stack = vec![i];
        let mut guard = 0;
        while let Some(n) = stack.pop() {
            guard += 1;
            if guard > self.len() {
                break;
            }
            a = a.min(n);
            b = b.max(n);
            stack.extend(self.kids.of(n).iter().copied().filter(|&c| !skip(c)));
        }
        (a, b)
    }

    /// Morphological feature value of token `i` ("Gender" → "Fem").
    pub fn feature(&self, i: usize, name: &str) -> Option<&str> {
        self.ann.words[i].morph.split('|').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then_some(v)
        })
    }
}

/// The children of every token of a parse, left to right, in two flat arrays (two words a token
/// rather than a vector each: the quote and quantity stages keep one for a whole article).
#[derive(Clone, Debug, Default)]
pub struct Children {
    /// `flat[starts[i]..starts[i + 1]]` are token `i`'s children.
    starts: Vec<usize>,
    flat: Vec<usize>,
}

impl Children {
    pub fn new(ann: &Annotation) -> Children {
        let n = ann.words.len();
        let is_child = |(i, w): &(usize, &flashpoint_nlp::Word)| w.head != *i && w.head < n;
        let mut starts = vec![0usize; n + 1];
        for (_, w) in ann.words.iter().enumerate().filter(is_child) {
            starts[w.head + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut flat = vec![0usize; starts[n]];
        for (i, w) in ann.words.iter().enumerate().filter(is_child) {
            flat[next[w.head]] = i;
            next[w.head] += 1;
        }
        Children { starts, flat }
    }

    /// The children of token `i` (none for an index outside the parse).
    pub fn of(&self, i: usize) -> &[usize] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.flat[a..b],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_are_every_dependent_in_order() {
        let word = |head: usize| flashpoint_nlp::Word {
            start: 0,
            end: 0,
            space_after: false,
            norm: String::new(),
            tag: Default::default(),
            pos: Default::default(),
            morph: Default::default(),
            lemma: String::new(),
            head,
            dep: Default::default(),
            is_space: false,
        };
        let ann = Annotation {
            words: [1, 1, 1, 4, 1, 9].into_iter().map(word).collect(),
            ..Annotation::default()
        };
        let kids = Children::new(&ann);
        assert_eq!(kids.of(1), [0, 2, 4]);
        assert_eq!(kids.of(4), [3]);
        assert!(kids.of(0).is_empty() && kids.of(5).is_empty() && kids.of(99).is_empty());
    }
}
