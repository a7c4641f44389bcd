//! The ordered list of stages that turns an `Article` into a coded `Doc`.

use crate::article::Article;
use crate::doc::Doc;

/// One step of the pipeline. A stage reads what earlier stages added and adds its own part.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn run(&self, doc: &mut Doc);
}

/// What a user may ask of the coder.
#[derive(Clone, Debug)]
pub struct Options {
    /// Also output hypothetical and denied acts (flagged by their `modality`).
    pub include_hypothetical: bool,
    /// Longest article text coded, in bytes; the rest is cut with a warning (default
    /// [`MAX_ARTICLE_BYTES`](crate::segment::MAX_ARTICLE_BYTES)).
    pub max_article_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            include_hypothetical: false,
            max_article_bytes: crate::segment::MAX_ARTICLE_BYTES,
        }
    }
}

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline { stages }
    }

    /// The default pipeline with the bundled dictionaries.
    pub fn standard() -> Pipeline {
        Pipeline::with_options(&Options::default())
    }

    /// The default pipeline with the user's coding options.
    pub fn with_options(options: &Options) -> Pipeline {
        let mut events = crate::events::Events::bundled();
        events.include_hypothetical = options.include_hypothetical;
        Pipeline::new(vec![
            Box::new(crate::casing::CasingUpTo(options.max_article_bytes)),
            Box::new(crate::segment::SegmentUpTo(options.max_article_bytes)),
            Box::new(crate::syntax::Syntax::bundled()),
            Box::new(crate::geo::Places),
            Box::new(crate::actors::Actors::bundled()),
            Box::new(crate::quotes::Quotes),
            Box::new(crate::quantities::Quantities),
            Box::new(events),
        ])
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
}
