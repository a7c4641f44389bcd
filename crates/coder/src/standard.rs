//! The standard pipeline: every stage in its order, with the user's coding options.

use crate::pipeline::{Pipeline, Stage};

/// What a user may ask of the coder.
#[derive(Clone, Debug)]
pub struct Options {
    /// Also output hypothetical and denied acts (flagged by their `modality`).
    pub include_hypothetical: bool,
    /// Also output one-sided acts whose target the text does not name ("the rebels rejected
    /// the plan"), with `target: null`. By default an event is a relation between two parties,
    /// as in ICEWS and in the dyad series and alerts built on it.
    pub include_undirected: bool,
    /// Longest article text coded, in bytes; the rest is cut with a warning (default
    /// [`MAX_ARTICLE_BYTES`](crate::segment::MAX_ARTICLE_BYTES)).
    pub max_article_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            include_hypothetical: false,
            include_undirected: false,
            max_article_bytes: crate::segment::MAX_ARTICLE_BYTES,
        }
    }
}

/// The default pipeline with the bundled dictionaries.
pub fn standard() -> Pipeline {
    with_options(&Options::default())
}

/// The default pipeline with the user's coding options.
pub fn with_options(options: &Options) -> Pipeline {
    let mut events = crate::events::Events::bundled();
    events.include_hypothetical = options.include_hypothetical;
    events.include_undirected = options.include_undirected;
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(crate::casing::CasingUpTo(options.max_article_bytes)),
        Box::new(crate::segment::SegmentUpTo(options.max_article_bytes)),
        Box::new(crate::syntax::Syntax::bundled()),
        Box::new(crate::geo::Places),
        Box::new(crate::actors::Actors::bundled()),
        Box::new(crate::quotes::Quotes),
        Box::new(crate::quantities::Quantities),
        Box::new(events),
    ];
    // The order is fixed here and checked by a test: a failure is a bug in this list.
    Pipeline::new(stages).unwrap_or_else(|e| panic!("the standard pipeline is out of order: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    fn events(options: &Options, text: &str) -> Vec<(String, bool)> {
        let article = Article {
            id: "t".into(),
            text: text.into(),
            published: "2024-06-24".parse().ok(),
            ..Article::default()
        };
        with_options(options)
            .run(article)
            .events
            .iter()
            .map(|e| (e.cameo.to_string(), e.target.is_some()))
            .collect()
    }

    #[test]
    fn one_sided_acts_only_on_request() {
        let text = "Colombian rebels rejected the plan on Monday.";
        assert!(events(&Options::default(), text).is_empty());
        let wide = Options {
            include_undirected: true,
            ..Options::default()
        };
        let found = events(&wide, text);
        assert!(
            found
                .iter()
                .any(|(code, aimed)| code.starts_with("12") && !aimed),
            "{found:?}"
        );
        // A relation between two named parties is coded either way.
        let both = "Colombian rebels rejected the Peruvian plan on Monday.";
        assert!(events(&Options::default(), both)
            .iter()
            .any(|(c, aimed)| c.starts_with("12") && *aimed));
    }

    #[test]
    fn the_standard_order_holds() {
        assert_eq!(
            standard().stage_names(),
            [
                "casing",
                "segment",
                "syntax",
                "places",
                "actors",
                "quotes",
                "quantities",
                "events"
            ]
        );
    }
}
