//! The scoring network shared by the dependency parser and the entity recogniser (spaCy's
//! `TransitionBasedParser.v2`, SPEC §6).
//!
//! Per document the tok2vec rows are projected (96 → 64) and pushed through the lower layer once
//! for every context slot, so that a parser state costs only a sum of `nF` precomputed rows, a
//! maxout and one small product with the upper layer. States are decoded greedily: the move is
//! the first highest score among the moves the transition system allows.

use crate::linalg::affine;
use crate::model_file::{ModelError, ModelFile};
use serde::Deserialize;

/// Sizes of one transition model, as the model's `meta` document states them.
#[derive(Clone, Copy, Debug)]
pub struct Dims {
    /// Number of context tokens a state is described by (8 for the parser, 3 for the NER).
    pub slots: usize,
    /// Width of the hidden layer.
    pub hidden: usize,
    /// Maxout pieces of the hidden layer.
    pub pieces: usize,
    /// Number of moves (rows of the upper layer).
    pub moves: usize,
}

/// What the model's `meta` document says about one transition model.
#[derive(Debug, Deserialize)]
struct Section {
    #[serde(rename = "nF")]
    slots: usize,
    hidden: usize,
    pieces: usize,
    moves: Vec<String>,
}

/// The sizes and the move names (in model order, e.g. `S`, `L-nsubj`, `B-ORG`, `O`) of the
/// transition model `name` (`parser` or `ner`).
pub fn describe(model: &ModelFile, name: &str) -> Result<(Dims, Vec<String>), ModelError> {
    let meta: serde_json::Value = model.document("meta")?;
    let section = meta
        .get(name)
        .ok_or_else(|| ModelError::Missing(format!("meta.{name}")))?;
    let section = Section::deserialize(section).map_err(|source| ModelError::Json {
        name: format!("meta.{name}"),
        source,
    })?;
    let dims = Dims {
        slots: section.slots,
        hidden: section.hidden,
        pieces: section.pieces,
        moves: section.moves.len(),
    };
    Ok((dims, section.moves))
}

/// A move name split into its action and its label: `L-nsubj` → (`L`, `nsubj`), `S` → (`S`, ``).
pub fn split_move(name: &str) -> (&str, &str) {
    name.split_once('-').unwrap_or((name, ""))
}

/// The weights of one transition model, laid out for the per-state loop.
#[derive(Debug)]
pub struct Network {
    dims: Dims,
    input: usize,
    proj_width: usize,
    proj_w: Vec<f32>,
    proj_b: Vec<f32>,
    /// Lower layer, `(slots · pieces · hidden) × proj_width`, rows ordered (slot, piece, unit) so
    /// that the pieces of the hidden layer are contiguous halves of a summed row.
    lower_w: Vec<f32>,
    /// Lower bias, ordered (piece, unit).
    lower_b: Vec<f32>,
    /// The learned vector an absent context token contributes, per slot, ordered (piece, unit).
    pad: Vec<f32>,
    /// Upper layer transposed, `hidden × padded_moves`, each row padded with zero weights to a
    /// whole number of [`BLOCK`]s.
    upper_t: Vec<f32>,
    /// Upper bias, padded likewise.
    upper_b: Vec<f32>,
    padded_moves: usize,
}

/// Moves scored together in the upper layer: a block of accumulators stays in vector registers.
const BLOCK: usize = 16;

/// Working memory for scoring states, allocated once per document.
#[derive(Debug)]
pub struct Scratch {
    sum: Vec<f32>,
    hidden: Vec<f32>,
    scores: Vec<f32>,
}

impl Network {
    /// Load the arrays `{prefix}.proj.*`, `{prefix}.lower.*` and `{prefix}.upper.*`.
    pub fn load(model: &ModelFile, prefix: &str, dims: Dims) -> Result<Self, ModelError> {
        let proj_w = model.array_any(&format!("{prefix}.proj.W"))?;
        let (proj_width, input) = match proj_w.shape[..] {
            [rows, cols] => (rows, cols),
            _ => {
                return Err(ModelError::Section {
                    name: format!("{prefix}.proj.W"),
                    reason: format!("expected a matrix, found shape {:?}", proj_w.shape),
                })
            }
        };
        let proj_b = model.array(&format!("{prefix}.proj.b"), &[proj_width])?;
        let Dims {
            slots,
            hidden,
            pieces,
            moves,
        } = dims;
        let lower_w = model.array(
            &format!("{prefix}.lower.W"),
            &[slots, hidden, pieces, proj_width],
        )?;
        let lower_b = model.array(&format!("{prefix}.lower.b"), &[hidden, pieces])?;
        let pad = model.array(&format!("{prefix}.lower.pad"), &[slots, hidden, pieces])?;
        let upper_w = model.array(&format!("{prefix}.upper.W"), &[moves, hidden])?;
        let upper_b = model.array(&format!("{prefix}.upper.b"), &[moves])?;
        Ok(Network {
            dims,
            input,
            proj_width,
            proj_w: proj_w.data.clone(),
            proj_b: proj_b.data.clone(),
            lower_w: pieces_first(&lower_w.data, slots, hidden, pieces, proj_width),
            lower_b: pieces_first(&lower_b.data, 1, hidden, pieces, 1),
            pad: pieces_first(&pad.data, slots, hidden, pieces, 1),
            upper_t: padded(&transpose(&upper_w.data, moves, hidden), moves),
            upper_b: padded(&upper_b.data, moves),
            padded_moves: moves.div_ceil(BLOCK) * BLOCK,
        })
    }

    /// The sizes this network was loaded with.
    pub fn dims(&self) -> Dims {
        self.dims
    }

    /// Width of the tok2vec rows the network reads.
    pub fn input_width(&self) -> usize {
        self.input
    }

    /// Project the `n` tok2vec rows in `x` and run the lower layer on them for every slot:
    /// `n × (slots · pieces · hidden)`, row `t` holding token `t`'s contribution to each slot.
    pub fn precompute(&self, x: &[f32], n: usize) -> Vec<f32> {
        let mut projected = vec![0.0; n * self.proj_width];
        affine(
            x,
            n,
            self.input,
            &self.proj_w,
            self.proj_width,
            &self.proj_b,
            &mut projected,
        );
        let row = self.row_len();
        let zeros = vec![0.0; row];
        let mut out = vec![0.0; n * row];
        affine(
            &projected,
            n,
            self.proj_width,
            &self.lower_w,
            row,
            &zeros,
            &mut out,
        );
        out
    }

    /// Buffers for [`Network::best_move`].
    pub fn scratch(&self) -> Scratch {
        Scratch {
            sum: vec![0.0; self.dims.pieces * self.dims.hidden],
            hidden: vec![0.0; self.dims.hidden],
            scores: vec![0.0; self.padded_moves],
        }
    }

    /// Score the state whose context tokens are `context` (one per slot; `None` = absent) and
    /// return the first highest-scoring move that `valid` allows, or `None` if it allows none.
    pub fn best_move(
        &self,
        pre: &[f32],
        context: &[Option<usize>],
        valid: impl Fn(usize) -> bool,
        scratch: &mut Scratch,
    ) -> Option<usize> {
        self.hidden_layer(pre, context, scratch);
        scratch.scores.copy_from_slice(&self.upper_b);
        upper_layer(&scratch.hidden, &self.upper_t, &mut scratch.scores);
        let mut best: Option<(usize, f32)> = None;
        let scores = &scratch.scores[..self.dims.moves];
        for (m, &score) in scores.iter().enumerate() {
            let better = match best {
                Some((_, top)) => score > top,
                None => true,
            };
            if better && valid(m) {
                best = Some((m, score));
            }
        }
        best.map(|(m, _)| m)
    }

    fn row_len(&self) -> usize {
        self.dims.slots * self.dims.pieces * self.dims.hidden
    }

    /// `hidden[o] = max over pieces of (lower bias + Σ slot rows)`.
    fn hidden_layer(&self, pre: &[f32], context: &[Option<usize>], scratch: &mut Scratch) {
        let width = self.dims.pieces * self.dims.hidden;
        let row = self.row_len();
        let sum = &mut scratch.sum;
        sum.copy_from_slice(&self.lower_b);
        for (slot, token) in context.iter().enumerate().take(self.dims.slots) {
            let at = slot * width;
            let part = match token {
                Some(t) => &pre[t * row + at..t * row + at + width],
                None => &self.pad[at..at + width],
            };
            for (s, p) in sum.iter_mut().zip(part) {
                *s += p;
            }
        }
        let hidden = &mut scratch.hidden;
        hidden.copy_from_slice(&sum[..self.dims.hidden]);
        for piece in sum.chunks_exact(self.dims.hidden).skip(1) {
            for (h, v) in hidden.iter_mut().zip(piece) {
                *h = h.max(*v);
            }
        }
    }
}

/// Reorder an array stored (outer, unit, piece, inner) into (outer, piece, unit, inner).
fn pieces_first(data: &[f32], outer: usize, units: usize, pieces: usize, inner: usize) -> Vec<f32> {
    let mut out = vec![0.0; data.len()];
    for f in 0..outer {
        for o in 0..units {
            for p in 0..pieces {
                let from = ((f * units + o) * pieces + p) * inner;
                let to = ((f * pieces + p) * units + o) * inner;
                out[to..to + inner].copy_from_slice(&data[from..from + inner]);
            }
        }
    }
    out
}

/// `scores += Σ_o hidden[o] · upper_t[o]`, with AVX2 and FMA where the processor has them.
fn upper_layer(hidden: &[f32], upper_t: &[f32], scores: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the processor supports the features the function is compiled for.
        unsafe { upper_layer_avx2(hidden, upper_t, scores) };
        return;
    }
    upper_layer_blocks(hidden, upper_t, scores);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn upper_layer_avx2(hidden: &[f32], upper_t: &[f32], scores: &mut [f32]) {
    upper_layer_blocks(hidden, upper_t, scores);
}

/// The upper layer a block of moves at a time; `scores.len()` is a multiple of [`BLOCK`] and
/// each row of `upper_t` is that long.
#[inline(always)]
fn upper_layer_blocks(hidden: &[f32], upper_t: &[f32], scores: &mut [f32]) {
    let width = scores.len();
    for (b, out) in scores.chunks_exact_mut(BLOCK).enumerate() {
        let mut acc = [0.0f32; BLOCK];
        acc.copy_from_slice(out);
        for (&h, row) in hidden.iter().zip(upper_t.chunks_exact(width)) {
            let w = &row[b * BLOCK..(b + 1) * BLOCK];
            for k in 0..BLOCK {
                acc[k] += h * w[k];
            }
        }
        out.copy_from_slice(&acc);
    }
}

/// Pad each row of a `rows × cols` matrix (a vector is one row) with zeros to a multiple of
/// [`BLOCK`] columns.
fn padded(data: &[f32], cols: usize) -> Vec<f32> {
    let wide = cols.div_ceil(BLOCK) * BLOCK;
    let mut out = Vec::with_capacity(data.len() / cols.max(1) * wide);
    for row in data.chunks_exact(cols.max(1)) {
        out.extend_from_slice(row);
        out.resize(out.len() + wide - cols, 0.0);
    }
    out
}

/// `rows × cols` row-major → `cols × rows` row-major.
fn transpose(data: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut out = vec![0.0; data.len()];
    for r in 0..rows {
        for c in 0..cols {
            out[c * rows + r] = data[r * cols + c];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_first_moves_pieces_outward() {
        // one outer, two units, two pieces, inner 1: (u0p0, u0p1, u1p0, u1p1) → (u0p0, u1p0, u0p1, u1p1)
        let out = pieces_first(&[1.0, 2.0, 3.0, 4.0], 1, 2, 2, 1);
        assert_eq!(out, vec![1.0, 3.0, 2.0, 4.0]);
    }

    #[test]
    fn upper_layer_matches_the_definition() {
        let (hidden, moves) = (5, 21);
        let h: Vec<f32> = (0..hidden).map(|i| i as f32 - 2.0).collect();
        let w: Vec<f32> = (0..hidden * moves).map(|i| (i % 7) as f32 * 0.5).collect();
        let t = padded(&transpose(&w, moves, hidden), moves);
        let mut scores = padded(&vec![1.0; moves], moves);
        upper_layer(&h, &t, &mut scores);
        for m in 0..moves {
            let want: f32 = 1.0 + (0..hidden).map(|o| h[o] * w[m * hidden + o]).sum::<f32>();
            assert_eq!(scores[m], want, "move {m}");
        }
        assert!(scores[moves..].iter().all(|&s| s == 0.0));
    }

    #[test]
    fn transpose_swaps_rows_and_columns() {
        assert_eq!(
            transpose(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3),
            vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]
        );
    }

    fn tiny_network() -> Network {
        // 1 slot, 1 hidden unit, 2 pieces, proj width 1, input 1, 3 moves.
        Network {
            dims: Dims {
                slots: 1,
                hidden: 1,
                pieces: 2,
                moves: 3,
            },
            input: 1,
            proj_width: 1,
            proj_w: vec![1.0],
            proj_b: vec![0.0],
            lower_w: vec![1.0, -1.0],
            lower_b: vec![0.0, 0.0],
            pad: vec![5.0, 0.0],
            upper_t: padded(&[1.0, -1.0, 1.0], 3),
            upper_b: padded(&[0.0, 0.0, 0.0], 3),
            padded_moves: BLOCK,
        }
    }

    #[test]
    fn best_move_takes_the_first_maximum_among_valid_moves() {
        let net = tiny_network();
        let pre = net.precompute(&[-2.0], 1);
        // pieces: 1·(-2) = -2 and -1·(-2) = 2, so hidden = 2; scores 2, -2, 2
        assert_eq!(pre, vec![-2.0, 2.0]);
        let mut s = net.scratch();
        assert_eq!(net.best_move(&pre, &[Some(0)], |_| true, &mut s), Some(0));
        assert_eq!(net.best_move(&pre, &[Some(0)], |m| m != 0, &mut s), Some(2));
        assert_eq!(net.best_move(&pre, &[Some(0)], |m| m == 1, &mut s), Some(1));
        assert_eq!(net.best_move(&pre, &[Some(0)], |_| false, &mut s), None);
    }

    #[test]
    fn an_absent_token_contributes_its_pad_vector() {
        let net = tiny_network();
        let mut s = net.scratch();
        // pad gives hidden = max(5, 0) = 5: scores 5, -5, 5
        assert_eq!(
            net.best_move(&[], &[None], |m| m == 1 || m == 2, &mut s),
            Some(2)
        );
        assert_eq!(s.hidden, vec![5.0]);
    }
}
