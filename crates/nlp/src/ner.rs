//! The entity recogniser of `en_core_web_sm` 3.8: a greedy BILUO tagger over the NER's own tok2vec
//! output (SPEC §6, §8). Entities never cross a sentence start set by the parser and never start
//! on a whitespace token.

use crate::model_file::{ModelError, ModelFile};
use crate::transition::{describe, split_move, Network};

/// An entity: tokens `start..end` with label `label` (see [`Ner::label`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: u16,
}

/// The BILUO actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Begin,
    In,
    Last,
    Unit,
    Out,
}

/// A move; `label` is `None` for `O` and for the unlabelled `U-` (which spaCy allows only on
/// preset entities, and this pipeline has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Move {
    action: Action,
    label: Option<u16>,
}

/// The entity recogniser: its network, moves and labels.
#[derive(Debug)]
pub struct Ner {
    network: Network,
    moves: Vec<Move>,
    labels: Vec<String>,
}

/// The decoding state: the next token and the entity opened so far, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct State<'a> {
    next: usize,
    open: Option<(usize, u16)>,
    sent_starts: &'a [bool],
    is_space: &'a [bool],
}

impl State<'_> {
    fn n(&self) -> usize {
        self.is_space.len()
    }

    /// Context tokens: the next token, the first token of the open entity, and the token before
    /// the next one when both exist (the open entity's last token).
    fn context(&self) -> [Option<usize>; 3] {
        let b0 = (self.next < self.n()).then_some(self.next);
        let e0 = self.open.map(|(start, _)| start);
        let last = match (b0, e0) {
            (Some(b), Some(_)) => b.checked_sub(1),
            _ => None,
        };
        [b0, e0, last]
    }

    fn allows(&self, mv: Move) -> bool {
        let labelled = mv.label.is_some();
        let n = self.n();
        let b0 = self.next;
        let two_left = n.saturating_sub(b0) >= 2;
        let next_starts_sentence = self.sent_starts.get(b0 + 1).copied().unwrap_or(false);
        let space = self.is_space.get(b0).copied().unwrap_or(false);
        let open_label = self.open.map(|(_, l)| l);
        match mv.action {
            Action::Begin => {
                labelled && open_label.is_none() && two_left && !next_starts_sentence && !space
            }
            Action::In => labelled && open_label == mv.label && two_left && !next_starts_sentence,
            Action::Last => labelled && open_label == mv.label,
            Action::Unit => labelled && open_label.is_none() && !space,
            Action::Out => open_label.is_none(),
        }
    }

    /// Apply a move on token `next`; returns the entity it closes.
    fn apply(&mut self, mv: Move) -> Option<Entity> {
        let b0 = self.next;
        self.next += 1;
        match (mv.action, mv.label) {
            (Action::Begin, Some(label)) => {
                self.open = Some((b0, label));
                None
            }
            (Action::Last, _) => self.open.take().map(|(start, label)| Entity {
                start,
                end: b0 + 1,
                label,
            }),
            (Action::Unit, Some(label)) => Some(Entity {
                start: b0,
                end: b0 + 1,
                label,
            }),
            _ => None,
        }
    }
}

impl Ner {
    /// Load the recogniser's weights and moves (`ner.*`, `meta.ner`).
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        let (dims, names) = describe(model, "ner")?;
        let network = Network::load(model, "ner", dims)?;
        let mut labels: Vec<String> = Vec::new();
        let mut moves = Vec::with_capacity(names.len());
        for name in &names {
            let (code, label) = split_move(name);
            let action = match code {
                "B" => Action::Begin,
                "I" => Action::In,
                "L" => Action::Last,
                "U" => Action::Unit,
                "O" => Action::Out,
                _ => return Err(bad_move(name)),
            };
            let label = match label {
                "" => None,
                label => Some(intern(&mut labels, label).ok_or_else(|| bad_move(name))?),
            };
            moves.push(Move { action, label });
        }
        Ok(Ner {
            network,
            moves,
            labels,
        })
    }

    /// The name of label `l` (e.g. `GPE`), or `""` for an index the recogniser does not have.
    pub fn label(&self, l: u16) -> &str {
        self.labels.get(usize::from(l)).map_or("", String::as_str)
    }

    /// Every entity label, by index.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Find the entities of one document from the NER's tok2vec rows `x` (`n × 96`), the
    /// parser's sentence starts and the whitespace flags.
    ///
    /// # Panics
    /// If `x`, `sent_starts` and `is_space` do not all have one entry (row) per token.
    pub fn predict(&self, x: &[f32], sent_starts: &[bool], is_space: &[bool]) -> Vec<Entity> {
        let n = is_space.len();
        assert_eq!(
            sent_starts.len(),
            n,
            "Ner::predict: one sentence flag per token"
        );
        assert_eq!(
            x.len(),
            n * self.network.input_width(),
            "Ner::predict: x must hold one row per token"
        );
        let pre = self.network.precompute(x, n);
        let mut scratch = self.network.scratch();
        let mut state = State {
            next: 0,
            open: None,
            sent_starts,
            is_space,
        };
        let mut entities = Vec::new();
        // Every move reads one token, so there are exactly n steps.
        while state.next < n {
            let context = state.context();
            let best = self.network.best_move(
                &pre,
                &context,
                |m| state.allows(self.moves[m]),
                &mut scratch,
            );
            // No valid move: spaCy ends the document there, dropping an open entity.
            let Some(m) = best else { break };
            entities.extend(state.apply(self.moves[m]));
        }
        entities
    }
}

fn intern(labels: &mut Vec<String>, label: &str) -> Option<u16> {
    let index = match labels.iter().position(|l| l == label) {
        Some(i) => i,
        None => {
            labels.push(label.to_string());
            labels.len() - 1
        }
    };
    u16::try_from(index).ok()
}

fn bad_move(name: &str) -> ModelError {
    ModelError::Section {
        name: "meta.ner.moves".into(),
        reason: format!("cannot read move {name:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MODEL_BYTES;

    const ORG: u16 = 0;
    const GPE: u16 = 1;

    fn mv(action: Action, label: u16) -> Move {
        Move {
            action,
            label: Some(label),
        }
    }

    fn state<'a>(sent_starts: &'a [bool], is_space: &'a [bool]) -> State<'a> {
        State {
            next: 0,
            open: None,
            sent_starts,
            is_space,
        }
    }

    #[test]
    fn begin_in_last_makes_an_entity() {
        let ss = [true, false, false, false];
        let sp = [false; 4];
        let mut st = state(&ss, &sp);
        assert_eq!(st.context(), [Some(0), None, None]);
        assert!(st.allows(mv(Action::Begin, ORG)));
        assert_eq!(st.apply(mv(Action::Begin, ORG)), None);
        assert_eq!(st.context(), [Some(1), Some(0), Some(0)]);
        assert!(
            !st.allows(mv(Action::In, GPE)),
            "I must keep the open label"
        );
        assert!(!st.allows(mv(Action::Out, 0)) && !st.allows(mv(Action::Unit, ORG)));
        assert!(!st.allows(mv(Action::Begin, ORG)));
        assert!(st.allows(mv(Action::In, ORG)));
        st.apply(mv(Action::In, ORG));
        assert_eq!(st.context(), [Some(2), Some(0), Some(1)]);
        let e = st.apply(mv(Action::Last, ORG));
        assert_eq!(
            e,
            Some(Entity {
                start: 0,
                end: 3,
                label: ORG
            })
        );
        assert_eq!(st.context(), [Some(3), None, None]);
        assert!(
            !st.allows(mv(Action::Begin, ORG)),
            "B needs two tokens left"
        );
        assert!(st.allows(mv(Action::Unit, GPE)) && st.allows(mv(Action::Out, 0)));
        st.apply(mv(Action::Out, 0));
        assert_eq!(st.context(), [None, None, None]);
    }

    #[test]
    fn entities_do_not_cross_a_sentence_start() {
        let ss = [true, false, true, false];
        let sp = [false; 4];
        let mut st = state(&ss, &sp);
        st.next = 1; // B1 = 2 starts a sentence
        assert!(!st.allows(mv(Action::Begin, ORG)));
        assert!(st.allows(mv(Action::Unit, ORG)));
        st.next = 0;
        st.apply(mv(Action::Begin, ORG));
        assert!(!st.allows(mv(Action::In, ORG)), "I before a sentence start");
        assert!(st.allows(mv(Action::Last, ORG)));
    }

    #[test]
    fn no_entity_starts_on_whitespace_but_one_may_continue_over_it() {
        let ss = [true, false, false, false];
        let sp = [false, true, false, false];
        let mut st = state(&ss, &sp);
        st.next = 1;
        assert!(!st.allows(mv(Action::Begin, ORG)));
        assert!(!st.allows(mv(Action::Unit, ORG)));
        assert!(st.allows(mv(Action::Out, 0)));
        st.next = 0;
        st.apply(mv(Action::Begin, GPE));
        assert!(
            st.allows(mv(Action::In, GPE)),
            "whitespace inside an entity is allowed"
        );
        assert!(st.allows(mv(Action::Last, GPE)));
    }

    #[test]
    fn the_unlabelled_unit_move_is_never_allowed() {
        let ss = [true, false];
        let sp = [false; 2];
        let st = state(&ss, &sp);
        let unlabelled = Move {
            action: Action::Unit,
            label: None,
        };
        assert!(!st.allows(unlabelled));
    }

    fn ner() -> Ner {
        let model = ModelFile::parse(MODEL_BYTES).expect("bundled model");
        Ner::load(&model).expect("ner")
    }

    #[test]
    fn loads_the_moves_and_labels_of_the_model() {
        let ner = ner();
        assert_eq!(ner.moves.len(), 74);
        assert_eq!(ner.labels.len(), 18);
        assert_eq!(ner.label(0), "ORG");
        assert!(ner.labels.iter().any(|l| l == "GPE"));
        assert_eq!(ner.moves[72].label, None);
        assert_eq!(ner.moves[73].action, Action::Out);
        assert_eq!(ner.label(99), "");
    }

    #[test]
    fn any_input_gives_well_formed_entities() {
        let ner = ner();
        assert!(ner.predict(&[], &[], &[]).is_empty());
        for n in [1usize, 2, 9, 40] {
            let x: Vec<f32> = (0..n * 96)
                .map(|i| ((i * 104_729 % 997) as f32 / 498.0 - 1.0) * 4.0)
                .collect();
            let sent_starts: Vec<bool> = (0..n).map(|i| i % 7 == 0).collect();
            let is_space: Vec<bool> = (0..n).map(|i| i % 3 == 2).collect();
            let ents = ner.predict(&x, &sent_starts, &is_space);
            let mut last_end = 0;
            for e in ents {
                assert!(e.start >= last_end && e.start < e.end && e.end <= n);
                assert!(!is_space[e.start]);
                assert!(sent_starts[e.start + 1..e.end].iter().all(|&s| !s));
                assert!(!ner.label(e.label).is_empty());
                last_end = e.end;
            }
        }
    }
}
