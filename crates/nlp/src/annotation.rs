//! What the model adds to a text: tokens with tag, POS, morphology, lemma, head and dependency
//! label; sentences; entities. Everything is addressed by byte offsets into the text.

use std::ops::Range;

/// One token of the model's tokenization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// Followed by one ASCII space that the tokenizer absorbed.
    pub space_after: bool,
    /// spaCy's NORM: the special case's norm, else the lexeme norm (lower case, spelling unified).
    pub norm: String,
    /// Fine-grained Penn Treebank tag ("VBD", "NNP", "_SP").
    pub tag: Label,
    /// Universal POS ("VERB", "PROPN", "SPACE").
    pub pos: Label,
    /// Universal features, normalised ("Number=Sing|Tense=Past"), "" when none.
    pub morph: Label,
    pub lemma: String,
    /// Index of the head token; a sentence root is its own head.
    pub head: usize,
    /// ClearNLP dependency label ("nsubj", "dobj", "ROOT").
    pub dep: Label,
    /// Whether the token is whitespace only (newlines, runs of spaces).
    pub is_space: bool,
}

/// A label from a small closed set (a tag, POS, dependency label or morphology string), stored
/// once and shared by every word that carries it: a word then costs no allocation for its four
/// labels, which matters for long texts (a 100,000-sentence article has 1.6 million words).
/// Compares, derefs and prints as the `&str` it is.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(&'static str);

impl Label {
    /// The shared copy of `s`. Each distinct string is kept for the life of the process: the
    /// model's labels are a few hundred; a CoNLL-U file can add only the labels it uses.
    pub fn new(s: &str) -> Label {
        static SEEN: std::sync::OnceLock<
            std::sync::RwLock<std::collections::HashSet<&'static str>>,
        > = std::sync::OnceLock::new();
        let seen = SEEN.get_or_init(Default::default);
        if let Some(&k) = seen.read().unwrap_or_else(|e| e.into_inner()).get(s) {
            return Label(k);
        }
        let mut set = seen.write().unwrap_or_else(|e| e.into_inner());
        if let Some(&k) = set.get(s) {
            return Label(k);
        }
        let k: &'static str = Box::leak(s.to_owned().into_boxed_str());
        set.insert(k);
        Label(k)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl std::fmt::Debug for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Label {
        Label::new(s)
    }
}

impl From<String> for Label {
    fn from(s: String) -> Label {
        Label::new(&s)
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl PartialEq<Label> for str {
    fn eq(&self, other: &Label) -> bool {
        self == other.0
    }
}

impl PartialEq<Label> for &str {
    fn eq(&self, other: &Label) -> bool {
        *self == other.0
    }
}

/// A named entity: a token range and its OntoNotes label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntitySpan {
    pub tokens: Range<usize>,
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// "PERSON", "GPE", "ORG", "NORP", "DATE", ...
    pub label: String,
}

/// The model's reading of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotation {
    pub words: Vec<Word>,
    /// Token ranges of the parser's sentences, in order, covering every token.
    pub sentences: Vec<Range<usize>>,
    pub entities: Vec<EntitySpan>,
}

impl Annotation {
    /// The text of token `i`.
    pub fn text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        let w = &self.words[i];
        &text[w.start..w.end]
    }

    /// Children of token `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |&(j, w)| w.head == i && j != i)
            .map(|(j, _)| j)
    }

    /// The token covering byte `at`, if any.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.end <= at);
        (i < self.words.len() && self.words[i].start <= at).then_some(i)
    }

    /// The sentence that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.end <= i);
        (k < self.sentences.len() && self.sentences[k].contains(&i)).then_some(k)
    }
}

/// Anything that turns text into an [`Annotation`]: the bundled model, or a reader of
/// pre-parsed CoNLL-U (for tests and for users who parse elsewhere).
pub trait Annotator: Send + Sync {
    fn annotate(&self, text: &str) -> Annotation;
}

#[cfg(test)]
mod tests {
    use super::Label;

    #[test]
    fn a_label_is_one_shared_copy_that_compares_as_its_text() {
        let a = Label::new("nsubj");
        let b = Label::from(String::from("nsubj"));
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "not shared");
        assert_eq!(a, "nsubj");
        assert!("nsubj" == a && a != "dobj");
        assert_ne!(a, Label::new("nsubjpass"));
        assert_eq!(format!("{a} {a:?}"), "nsubj \"nsubj\"");
        assert!(a.starts_with("nsu"));
        assert_eq!(Label::default(), "");
    }
}
