//! A read-only view of the model's parse with what the quantity reading asks of it: children,
//! lower-cased words and lemmas, entity labels.

use crate::tree::Children;
use flashpoint_nlp::Annotation;

pub(super) struct Tree<'a> {
    ann: &'a Annotation,
    kids: Children,
    lower: Strings,
    lemma: Strings,
    label: Vec<Option<&'a str>>,
}

/// One string per token in a single buffer (a `String` each would cost an allocation a token
/// over a whole article).
struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    fn new<'s>(all: impl Iterator<Item = std::borrow::Cow<'s, str>>) -> Strings {
        let mut s = Strings {
            text: String::new(),
            ends: Vec::new(),
        };
        for one in all {
            s.text.push_str(&one);
            s.ends.push(s.text.len());
        }
        s
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// `str::to_lowercase`, borrowed when ASCII text is lower case already.
fn lowered(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

impl<'a> Tree<'a> {
    pub fn new(text: &'a str, ann: &'a Annotation) -> Tree<'a> {
        let n = ann.words.len();
        let mut label = vec![None; n];
        for e in &ann.entities {
            for i in e.tokens.clone().filter(|&i| i < n) {
                label[i] = Some(e.label.as_str());
            }
        }
        let word = |w: &flashpoint_nlp::Word| lowered(text.get(w.start..w.end).unwrap_or(""));
        Tree {
            ann,
            kids: Children::new(ann),
            lower: Strings::new(ann.words.iter().map(word)),
            lemma: Strings::new(ann.words.iter().map(|w| lowered(&w.lemma))),
            label,
        }
    }

    pub fn len(&self) -> usize {
        self.ann.words.len()
    }

    /// The head of `i`, `None` for a sentence root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.ann.words[i].head;
        (h != i && h < self.len()).then_some(h)
    }

    pub fn dep(&self, i: usize) -> &str {
        &self.ann.words[i].dep
    }

    pub fn tag(&self, i: usize) -> &str {
        &self.ann.words[i].tag
    }

    pub fn kids(&self, i: usize) -> &[usize] {
        self.kids.of(i)
    }

    /// The first child of `i` with label `dep`.
    pub fn kid(&self, i: usize, dep: &str) -> Option<usize> {
        self.kids
            .of(i)
            .iter()
            .copied()
            .find(|&k| self.dep(k) == dep)
    }

    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i)
    }

    pub fn lemma(&self, i: usize) -> &str {
        self.lemma.get(i)
    }

    pub fn label(&self, i: usize) -> Option<&str> {
        self.label[i]
    }

    pub fn start(&self, i: usize) -> usize {
        self.ann.words[i].start
    }

    pub fn end(&self, i: usize) -> usize {
        self.ann.words[i].end
    }

    pub fn is_space(&self, i: usize) -> bool {
        self.ann.words[i].is_space
    }

    /// No whitespace between tokens `i - 1` and `i` ("1.5" + "m").
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && self.end(i - 1) == self.start(i)
    }

    pub fn is_verb(&self, i: usize) -> bool {
        self.tag(i).starts_with("VB")
    }

    pub fn is_noun(&self, i: usize) -> bool {
        self.tag(i).starts_with("NN")
    }

    pub fn is_plural_noun(&self, i: usize) -> bool {
        matches!(self.tag(i), "NNS" | "NNPS")
    }

    /// True when `a` is `i` or one of its ancestors within `steps` arcs.
    pub fn governs(&self, a: usize, mut i: usize, steps: usize) -> bool {
        for _ in 0..=steps {
            if i == a {
                return true;
            }
            match self.head(i) {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    }

    /// The noun with its compound modifiers right before it, by lemma ("death toll").
    pub fn compound_lemma(&self, n: usize) -> Option<String> {
        let c = self
            .kids(n)
            .iter()
            .copied()
            .rfind(|&k| k < n && self.dep(k) == "compound")?;
        Some(format!("{} {}", self.lower(c), self.lemma(n)))
    }

    /// The object of preposition child `p` of `i`: (preposition lemma, object).
    pub fn prep_objects(&self, i: usize) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.kids(i)
            .iter()
            .copied()
            .filter(move |&p| matches!(self.dep(p), "prep" | "agent" | "dative"))
            .filter_map(move |p| self.kid(p, "pobj").map(|o| (self.lemma(p), o)))
    }

    /// Whether `i` has a subject of its own.
    pub fn has_subject(&self, i: usize) -> bool {
        self.kids(i)
            .iter()
            .any(|&k| matches!(self.dep(k), "nsubj" | "nsubjpass" | "csubj" | "expl"))
    }
}
