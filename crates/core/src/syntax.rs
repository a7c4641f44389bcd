//! The model's reading of the article: spaCy-compatible tokens with tag, lemma, head and label,
//! and named entities (`flashpoint_nlp`).
//!
//! Reads: the article text and the segmenter's sentences. Adds: `Doc::syntax`.
//!
//! Where the parser and the segmenter disagree on sentences, the segmenter wins for now: every
//! span, `sentence_index` and reading of the coder is built on its sentences, which handle
//! datelines, bylines and quotes running over paragraphs that the parser (trained on edited
//! OntoNotes text) splits differently. [`Syntax::crossing_arcs`] counts the arcs that cross a
//! segmenter boundary so that the choice stays measured.

use crate::doc::Doc;
use crate::pipeline::Stage;
use flashpoint_nlp::{Annotation, Annotator, Model};

pub struct Syntax {
    model: Option<&'static Model>,
}

impl Syntax {
    /// The stage with the model built into the binary.
    pub fn bundled() -> Syntax {
        Syntax {
            model: Model::bundled().ok(),
        }
    }

    /// Arcs of the parse whose head lies in another segmenter sentence than the dependent.
    pub fn crossing_arcs(doc: &Doc, annotation: &Annotation) -> usize {
        let sentence_of = |i: usize| doc.sentence_at(annotation.words[i].start);
        annotation
            .words
            .iter()
            .enumerate()
            .filter(|(i, w)| !w.is_space && sentence_of(*i) != sentence_of(w.head))
            .count()
    }
}

impl Stage for Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn run(&self, doc: &mut Doc) {
        match self.model {
            Some(model) => doc.syntax = Some(model.annotate(doc.text())),
            None => doc
                .warnings
                .push("the bundled model could not be loaded: no syntax".into()),
        }
    }
}
