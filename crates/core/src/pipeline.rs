//! The ordered list of stages that turns an `Article` into a coded `Doc`.

use crate::article::Article;
use crate::doc::Doc;
use crate::trace::Trace;

/// A part of the [`Doc`] that one stage fills in and later stages read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// The article text (`article.text`, `lower`): there from the start; the casing stage may
    /// repair it, and `Doc::received` keeps what came in. The segment stage may cut an over-long
    /// text at its end: every offset an earlier stage took stays valid in what is left.
    Text,
    /// `Doc::sentences` and `Doc::tokens`.
    Sentences,
    /// `Doc::syntax`: the model's tokens, tags, lemmas, tree and entities.
    Syntax,
    /// `Doc::places`.
    Places,
    /// `Doc::mentions`: the coded actors.
    Mentions,
    /// `Doc::quotes`.
    Quotes,
    /// `Doc::quantities`.
    Quantities,
    /// `Doc::events`.
    Events,
}

impl Layer {
    /// What a new [`Doc`] already holds.
    const GIVEN: [Layer; 1] = [Layer::Text];
}

/// One step of the pipeline. A stage reads the layers earlier stages added and adds its own.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    /// The layers the stage reads: each must be given or added by an earlier stage.
    fn requires(&self) -> &'static [Layer];
    /// The layers the stage adds. A later stage never rewrites them, and no stage rewrites a
    /// layer an earlier one has read.
    fn assigns(&self) -> &'static [Layer];
    fn run(&self, doc: &mut Doc);
    /// `run`, writing the decisions the stage takes into `trace` as it takes them (`flashpoint
    /// explain`). A stage that records nothing just runs.
    fn run_traced(&self, doc: &mut Doc, trace: &mut Trace) {
        let _ = trace;
        self.run(doc);
    }
}

/// Stages in an order that cannot work.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OrderError {
    #[error("stage `{stage}` reads {layer:?}, which no earlier stage adds")]
    Missing { stage: &'static str, layer: Layer },
    #[error("stage `{stage}` rewrites {layer:?}, which `{earlier}` already added or read")]
    Rewrites {
        stage: &'static str,
        layer: Layer,
        earlier: &'static str,
    },
}

/// Checks that every stage finds what it reads and rewrites nothing an earlier stage used.
fn check_order(stages: &[Box<dyn Stage>]) -> Result<(), OrderError> {
    let mut added: Vec<Layer> = Layer::GIVEN.to_vec();
    let mut used: Vec<(Layer, &'static str)> = Vec::new();
    for stage in stages {
        let name = stage.name();
        if let Some(&layer) = stage.requires().iter().find(|l| !added.contains(l)) {
            return Err(OrderError::Missing { stage: name, layer });
        }
        for &layer in stage.assigns() {
            if let Some(&(_, earlier)) = used.iter().find(|(l, _)| *l == layer) {
                return Err(OrderError::Rewrites {
                    stage: name,
                    layer,
                    earlier,
                });
            }
        }
        used.extend(stage.requires().iter().map(|&l| (l, name)));
        used.extend(stage.assigns().iter().map(|&l| (l, name)));
        added.extend_from_slice(stage.assigns());
    }
    Ok(())
}

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The stages in the order given, once [`check_order`] finds that each reads only what an
    /// earlier one added.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, OrderError> {
        check_order(&stages)?;
        Ok(Pipeline { stages })
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    pub fn run(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        for stage in &self.stages {
            stage.run(&mut doc);
        }
        doc
    }

    /// `run`, with each stage writing its decisions into `trace`.
    pub fn run_traced(&self, article: Article, trace: &mut Trace) -> Doc {
        let mut doc = Doc::new(article);
        for stage in &self.stages {
            stage.run_traced(&mut doc, trace);
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage that declares layers and does nothing, to test the order check alone.
    struct Declares(&'static str, &'static [Layer], &'static [Layer]);

    impl Stage for Declares {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn assigns(&self) -> &'static [Layer] {
            self.2
        }
        fn run(&self, _: &mut Doc) {}
    }

    fn order(stages: Vec<Declares>) -> Result<(), OrderError> {
        let boxed: Vec<Box<dyn Stage>> = stages
            .into_iter()
            .map(|s| Box::new(s) as Box<dyn Stage>)
            .collect();
        Pipeline::new(boxed).map(|_| ())
    }

    #[test]
    fn a_stage_before_what_it_reads_is_refused() {
        let parser = Declares("parser", &[Layer::Sentences], &[Layer::Syntax]);
        let splitter = Declares("splitter", &[Layer::Text], &[Layer::Sentences]);
        assert_eq!(
            order(vec![parser, splitter]),
            Err(OrderError::Missing {
                stage: "parser",
                layer: Layer::Sentences
            })
        );
    }

    #[test]
    fn rewriting_what_an_earlier_stage_read_is_refused() {
        let splitter = Declares("splitter", &[Layer::Text], &[Layer::Sentences]);
        let repair = Declares("repair", &[], &[Layer::Text]);
        let err = order(vec![splitter, repair]).unwrap_err();
        assert_eq!(
            err,
            OrderError::Rewrites {
                stage: "repair",
                layer: Layer::Text,
                earlier: "splitter"
            }
        );
        assert!(err.to_string().contains("`repair` rewrites Text"), "{err}");
        // Repairing the text first is the right order.
        let splitter = Declares("splitter", &[Layer::Text], &[Layer::Sentences]);
        let repair = Declares("repair", &[], &[Layer::Text]);
        assert_eq!(order(vec![repair, splitter]), Ok(()));
    }
}
