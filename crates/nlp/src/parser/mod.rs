//! The dependency parser of `en_core_web_sm` 3.8: a greedy arc-eager parser over the shared
//! tok2vec output (SPEC §6–7), followed by spaCy's post-processing — tokens left without a head
//! become roots, pseudo-projective labels are undone, and sentences start at the left edge of
//! every root's subtree.

pub mod arc_eager;
pub mod nonproj;

use crate::model_file::{ModelError, ModelFile};
use crate::transition::{describe, split_move, Network};
use arc_eager::{Action, Move, State};
use nonproj::Dep;

/// Separator of a decorated label `label||head_label`.
const DECORATION: &str = "||";

/// A parsed document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    /// `heads[i]`: index of token `i`'s head; a root is its own head.
    pub heads: Vec<usize>,
    /// `labels[i]`: index of token `i`'s dependency label (see [`Parser::label`]).
    pub labels: Vec<u16>,
    /// `sent_starts[i]`: a sentence starts at token `i` (always true for token 0).
    pub sent_starts: Vec<bool>,
}

/// The parser: its network, its moves and its labels.
#[derive(Debug)]
pub struct Parser {
    network: Network,
    moves: Vec<Move>,
    /// The label of each arc move, by the index in [`Move::label`].
    arc_labels: Vec<Dep>,
    labels: Vec<String>,
    root: u16,
}

impl Parser {
    /// Load the parser's weights and moves (`parser.*`, `meta.parser`).
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        let (dims, names) = describe(model, "parser")?;
        let network = Network::load(model, "parser", dims)?;
        let mut parser = Parser {
            network,
            moves: Vec::with_capacity(names.len()),
            arc_labels: Vec::new(),
            labels: Vec::new(),
            root: 0,
        };
        let mut root = None;
        for name in &names {
            let (code, label) = split_move(name);
            let action = Action::from_code(code).ok_or_else(|| bad_move(name))?;
            let label = match action {
                Action::Left | Action::Right => parser.arc_label(label)?,
                Action::Break => {
                    root = Some(parser.intern(label)?);
                    0
                }
                Action::Shift | Action::Reduce => 0,
            };
            parser.moves.push(Move { action, label });
        }
        // The Break move carries the label spaCy gives to tokens without a head.
        parser.root = root.ok_or_else(|| bad_move("(no break move)"))?;
        Ok(parser)
    }

    /// The name of label `l` (e.g. `nsubj`), or `""` for an index the parser does not have.
    pub fn label(&self, l: u16) -> &str {
        self.labels.get(usize::from(l)).map_or("", String::as_str)
    }

    /// Every label, by index.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Parse one document from its tok2vec rows `x` (`n × 96`, row-major) and whitespace flags.
    ///
    /// # Panics
    /// If `x` does not hold one row for each entry of `is_space`.
    pub fn parse(&self, x: &[f32], is_space: &[bool]) -> Parse {
        let n = is_space.len();
        assert_eq!(
            x.len(),
            n * self.network.input_width(),
            "Parser::parse: x must hold one row per token"
        );
        let state = self.run(x, n);
        let mut heads = Vec::with_capacity(n);
        let mut deps = Vec::with_capacity(n);
        for (i, arc) in state.arcs().enumerate() {
            let (head, dep) = match arc {
                Some((h, l)) => (h, self.arc_labels[usize::from(l)]),
                None => (i, self.root_dep()),
            };
            heads.push(head);
            deps.push(dep);
        }
        nonproj::deprojectivize(&mut heads, &mut deps, is_space);
        let edges = nonproj::edges(&heads);
        let sent_starts = nonproj::sentence_starts(&heads, &edges);
        Parse {
            heads,
            labels: deps.iter().map(|d| d.label).collect(),
            sent_starts,
        }
    }

    /// The greedy transition loop.
    fn run(&self, x: &[f32], n: usize) -> State {
        let pre = self.network.precompute(x, n);
        let mut scratch = self.network.scratch();
        let mut state = State::new(n);
        // Far above what a parse takes (about two moves a token); only a defect could reach it.
        let limit = 8 * n + 8;
        let mut steps = 0;
        while !state.is_final() {
            let allowed = state.allowed();
            let context = state.context();
            let best = self.network.best_move(
                &pre,
                &context,
                |m| allowed.allows(self.moves[m].action),
                &mut scratch,
            );
            match best {
                Some(m) if steps < limit => state.apply(self.moves[m]),
                _ => state.force_final(),
            }
            steps += 1;
        }
        state
    }

    fn root_dep(&self) -> Dep {
        Dep {
            label: self.root,
            head_label: None,
        }
    }

    /// Register the label of an arc move (`nsubj`, or decorated `pobj||prep`).
    fn arc_label(&mut self, text: &str) -> Result<u16, ModelError> {
        let dep = match text.split_once(DECORATION) {
            Some((label, head)) => Dep {
                label: self.intern(label)?,
                head_label: Some(self.intern(head)?),
            },
            None => Dep {
                label: self.intern(text)?,
                head_label: None,
            },
        };
        let index = self.arc_labels.len();
        self.arc_labels.push(dep);
        u16::try_from(index).map_err(|_| bad_move(text))
    }

    fn intern(&mut self, label: &str) -> Result<u16, ModelError> {
        let index = match self.labels.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                self.labels.push(label.to_string());
                self.labels.len() - 1
            }
        };
        u16::try_from(index).map_err(|_| bad_move(label))
    }
}

fn bad_move(name: &str) -> ModelError {
    ModelError::Section {
        name: "meta.parser.moves".into(),
        reason: format!("cannot read move {name:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MODEL_BYTES;

    fn parser() -> Parser {
        let model = ModelFile::parse(MODEL_BYTES).expect("bundled model");
        Parser::load(&model).expect("parser")
    }

    #[test]
    fn loads_the_moves_and_labels_of_the_model() {
        let p = parser();
        assert_eq!(p.moves.len(), 106);
        assert_eq!(p.moves[0].action, Action::Shift);
        assert_eq!(p.moves[1].action, Action::Reduce);
        assert_eq!(p.moves[105].action, Action::Break);
        assert_eq!(p.label(p.root), "ROOT");
        let decorated = p
            .arc_labels
            .iter()
            .filter(|d| d.head_label.is_some())
            .count();
        assert!(decorated > 10, "the model has decorated labels");
        assert!(p.labels.iter().all(|l| !l.contains(DECORATION)));
        assert!(p.labels.iter().any(|l| l == "nsubj"));
        assert_eq!(p.label(u16::MAX), "");
    }

    #[test]
    fn empty_document() {
        let p = parser();
        assert_eq!(p.parse(&[], &[]), Parse::default());
    }

    #[test]
    fn any_input_gives_a_well_formed_parse() {
        let p = parser();
        for n in [1usize, 2, 3, 17, 60] {
            // deterministic pseudo-random rows
            let x: Vec<f32> = (0..n * 96)
                .map(|i| ((i * 7919 % 1000) as f32 / 500.0 - 1.0) * 3.0)
                .collect();
            let is_space: Vec<bool> = (0..n).map(|i| i % 5 == 4).collect();
            let parse = p.parse(&x, &is_space);
            assert_eq!(parse.heads.len(), n);
            assert_eq!(parse.labels.len(), n);
            assert!(parse.heads.iter().all(|&h| h < n));
            assert!(parse.sent_starts[0]);
            for (i, &h) in parse.heads.iter().enumerate() {
                if h == i {
                    assert_eq!(p.label(parse.labels[i]), "ROOT");
                }
                assert!(!p.label(parse.labels[i]).is_empty());
            }
        }
    }
}
