//! The tagger: one linear layer over the tok2vec output, the fine-grained tag is the first
//! highest score (spaCy does not normalise the scores at inference).

use crate::linalg::affine;
use crate::model_file::{ModelError, ModelFile};
use serde::Deserialize;

#[derive(Debug)]
pub struct Tagger {
    weights: Vec<f32>,
    bias: Vec<f32>,
    width: usize,
    labels: Vec<String>,
}

#[derive(Deserialize)]
struct Meta {
    tagger: TaggerMeta,
}

#[derive(Deserialize)]
struct TaggerMeta {
    labels: Vec<String>,
}

impl Tagger {
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        let labels = model.document::<Meta>("meta")?.tagger.labels;
        if labels.len() > usize::from(u16::MAX) {
            return Err(ModelError::Section {
                name: "meta".into(),
                reason: format!("{} tagger labels", labels.len()),
            });
        }
        let weights = model.array_any("tagger.W")?;
        let width = weights.shape.last().copied().unwrap_or(0);
        let weights = model
            .array("tagger.W", &[labels.len(), width])?
            .data
            .clone();
        let bias = model.array("tagger.b", &[labels.len()])?.data.clone();
        Ok(Tagger {
            weights,
            bias,
            width,
            labels,
        })
    }

    /// The tag index of every row of `x` (`n × width`, the tok2vec output).
    pub fn predict(&self, x: &[f32]) -> Vec<u16> {
        let n = x.len() / self.width.max(1);
        let m = self.labels.len();
        let mut scores = vec![0.0; n * m];
        affine(
            &x[..n * self.width],
            n,
            self.width,
            &self.weights,
            m,
            &self.bias,
            &mut scores,
        );
        scores.chunks_exact(m.max(1)).map(first_max).collect()
    }

    pub fn label(&self, tag: u16) -> &str {
        self.labels.get(usize::from(tag)).map_or("", String::as_str)
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }
}

/// Index of the highest value; ties go to the lowest index.
fn first_max(scores: &[f32]) -> u16 {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_go_to_the_first() {
        assert_eq!(first_max(&[1.0, 3.0, 3.0, -1.0]), 1);
        assert_eq!(first_max(&[2.0]), 0);
    }

    #[test]
    fn loads_fifty_labels_in_order() {
        let model = ModelFile::parse(crate::MODEL_BYTES).expect("bundled model");
        let tagger = Tagger::load(&model).expect("tagger");
        assert_eq!(tagger.labels().len(), 50);
        assert_eq!(tagger.label(0), "$");
        assert_eq!(tagger.labels().last().map(String::as_str), Some("``"));
        assert_eq!(tagger.label(999), "");
        let tags = tagger.predict(&vec![0.0; 2 * 96]);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0], tags[1]);
    }
}
