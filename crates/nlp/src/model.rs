//! The whole model: text → tokens → tok2vec → tagger, parser → attribute ruler and lemmatizer;
//! NER with its own tok2vec, reading the parser's sentence starts.

use crate::annotation::{Annotation, Annotator, EntitySpan, Label, Word};
use crate::features::{Features, TokenText};
use crate::lemmatizer::Lemmatizer;
use crate::ner::Ner;
use crate::parser::Parser;
use crate::tagger::Tagger;
use crate::tok2vec::Tok2Vec;
use crate::tokenizer::{Token, Tokenizer};
use crate::unicode::CharClasses;
use crate::{ModelError, ModelFile, MODEL_BYTES};
use std::sync::OnceLock;

/// Every component of the model, loaded once; shareable across threads.
pub struct Model {
    tokenizer: Shared<Tokenizer>,
    classes: CharClasses,
    features: Features,
    tok2vec: Tok2Vec,
    tagger: Tagger,
    parser: Parser,
    ner_tok2vec: Tok2Vec,
    ner: Ner,
    lemmatizer: Lemmatizer,
}

/// The parts built on the loading thread: the tokenizer's patterns and the shared tok2vec's side,
/// about half of the load time.
struct FirstHalf {
    tokenizer: Shared<Tokenizer>,
    features: Features,
    tok2vec: Tok2Vec,
    tagger: Tagger,
    parser: Parser,
}

impl FirstHalf {
    fn load(file: &ModelFile, tokenizer: Option<&'static Tokenizer>) -> Result<Self, ModelError> {
        let tokenizer = match tokenizer {
            Some(t) => Shared::Static(t),
            None => Shared::Owned(Tokenizer::load(file)?),
        };
        Ok(FirstHalf {
            tokenizer,
            features: Features::load(file)?,
            tok2vec: Tok2Vec::load(file, "t2v")?,
            tagger: Tagger::load(file)?,
            parser: Parser::load(file)?,
        })
    }
}

/// The parts built on a helper thread meanwhile: the lemmatizer's tables and the entity
/// recogniser's side, the other half.
struct SecondHalf {
    classes: CharClasses,
    ner_tok2vec: Tok2Vec,
    ner: Ner,
    lemmatizer: Lemmatizer,
}

impl SecondHalf {
    fn load(file: &ModelFile) -> Result<Self, ModelError> {
        Ok(SecondHalf {
            lemmatizer: Lemmatizer::load(file)?,
            ner_tok2vec: Tok2Vec::load(file, "ner.t2v")?,
            ner: Ner::load(file)?,
            classes: CharClasses::load(file)?,
        })
    }
}

impl Model {
    /// Builds every part, half of them on a second thread (the parts are independent; each
    /// converts the arrays it reads). Falls back to one thread if no thread can be started.
    pub fn load(file: &ModelFile) -> Result<Self, ModelError> {
        Self::load_with(file, None)
    }

    /// As [`Model::load`], with a tokenizer already loaded from the same file.
    fn load_with(
        file: &ModelFile,
        tokenizer: Option<&'static Tokenizer>,
    ) -> Result<Self, ModelError> {
        let (first, second) = std::thread::scope(|s| {
            let helper = std::thread::Builder::new()
                .name("model-load".into())
                .spawn_scoped(s, || SecondHalf::load(file));
            let first = FirstHalf::load(file, tokenizer);
            let second = match helper {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => SecondHalf::load(file),
            };
            (first, second)
        });
        let (first, second) = (first?, second?);
        Ok(Model {
            tokenizer: first.tokenizer,
            classes: second.classes,
            features: first.features,
            tok2vec: first.tok2vec,
            tagger: first.tagger,
            parser: first.parser,
            ner_tok2vec: second.ner_tok2vec,
            ner: second.ner,
            lemmatizer: second.lemmatizer,
        })
    }

    /// The model built into the binary, loaded on first use. Its tokenizer is
    /// [`Tokenizer::bundled`], which a caller may already have loaded alone.
    pub fn bundled() -> Result<&'static Model, &'static ModelError> {
        static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                let tokenizer = Tokenizer::bundled().ok();
                ModelFile::parse_bundled(MODEL_BYTES).and_then(|f| Model::load_with(&f, tokenizer))
            })
            .as_ref()
    }

    /// The model's tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// spaCy's tokens of `text`, with byte offsets.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        self.tokenizer.tokenize(text)
    }

    /// Annotate already tokenized text (the tokens must be in order and inside `text`).
    pub fn annotate_tokens(&self, text: &str, tokens: &[Token]) -> Annotation {
        if tokens.is_empty() {
            return Annotation::default();
        }
        let texts: Vec<TokenText> = tokens
            .iter()
            .map(|t| TokenText {
                text: &text[t.start..t.end],
                space_after: t.space_after,
                norm: t.norm.as_deref(),
            })
            .collect();
        let is_space: Vec<bool> = texts
            .iter()
            .map(|t| self.classes.is_space_str(t.text))
            .collect();
        let features = self.features.extract(&texts);
        let x = self.tok2vec.forward(&features);
        let tags = self.tagger.predict(&x);
        let parse = self.parser.parse(&x, &is_space);
        let x_ner = self.ner_tok2vec.forward(&features);
        let entities = self.ner.predict(&x_ner, &parse.sent_starts, &is_space);

        let words: Vec<&str> = texts.iter().map(|t| t.text).collect();
        let tag_names: Vec<&str> = tags.iter().map(|&t| self.tagger.label(t)).collect();
        let dep_names: Vec<&str> = parse.labels.iter().map(|&l| self.parser.label(l)).collect();
        let analyses = self.lemmatizer.analyse(&words, &tag_names, &dep_names);

        let words = analyses
            .into_iter()
            .enumerate()
            .map(|(i, a)| Word {
                start: tokens[i].start,
                end: tokens[i].end,
                space_after: tokens[i].space_after,
                norm: self.features.norm_string(&texts[i]),
                tag: Label::new(&a.tag),
                pos: Label::new(&a.pos),
                morph: Label::new(&a.morph),
                lemma: a.lemma,
                head: parse.heads[i],
                dep: Label::new(&a.dep),
                is_space: is_space[i],
            })
            .collect::<Vec<_>>();
        let entities = entities
            .into_iter()
            .map(|e| EntitySpan {
                start: tokens[e.start].start,
                end: tokens[e.end - 1].end,
                tokens: e.start..e.end,
                label: self.ner.label(e.label).to_string(),
            })
            .collect();
        Annotation {
            sentences: sentence_ranges(&parse.sent_starts),
            words,
            entities,
        }
    }
}

impl Annotator for Model {
    fn annotate(&self, text: &str) -> Annotation {
        let tokens = self.tokenize(text);
        self.annotate_tokens(text, &tokens)
    }
}

/// A part owned by the model or shared with the rest of the process (the bundled tokenizer).
enum Shared<T: 'static> {
    Owned(T),
    Static(&'static T),
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Shared::Owned(t) => t,
            Shared::Static(t) => t,
        }
    }
}

/// Token ranges from sentence-start flags (token 0 always starts one).
fn sentence_ranges(starts: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    for (i, &start) in starts.iter().enumerate().skip(1) {
        if start {
            out.push(begin..i);
            begin = i;
        }
    }
    if !starts.is_empty() {
        out.push(begin..starts.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_file_passes_its_checksum() {
        // `Model::bundled` trusts the bytes built into the binary; this is where they are checked.
        let file = ModelFile::parse(MODEL_BYTES).expect("bundled model file");
        let model = Model::load(&file).expect("bundled model");
        let annotation = model.annotate("Rain fell on the old harbour town.");
        assert_eq!(annotation.words.len(), 8);
        assert_eq!(annotation.sentences, vec![0..8]);
    }

    #[test]
    fn sentence_ranges_cover_every_token() {
        assert_eq!(sentence_ranges(&[]), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(sentence_ranges(&[true, false, true]), vec![0..2, 2..3]);
        assert_eq!(sentence_ranges(&[false, false]), vec![0..2]);
    }
}
