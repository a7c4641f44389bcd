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
    pub tag: String,
    /// Universal POS ("VERB", "PROPN", "SPACE").
    pub pos: String,
    /// Universal features, normalised ("Number=Sing|Tense=Past"), "" when none.
    pub morph: String,
    pub lemma: String,
    /// Index of the head token; a sentence root is its own head.
    pub head: usize,
    /// ClearNLP dependency label ("nsubj", "dobj", "ROOT").
    pub dep: String,
    /// Whether the token is whitespace only (newlines, runs of spaces).
    pub is_space: bool,
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
