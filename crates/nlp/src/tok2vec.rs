//! The tok2vec: hashed embeddings of the token attributes, a maxout "mix" layer with LayerNorm,
//! and four residual window-encoder blocks (thinc's `MultiHashEmbed` + `MaxoutWindowEncoder`).
//!
//! Each attribute id is hashed (MurmurHash3, a seed per table) into four rows of its table,
//! which are summed. The mix layer is linear in those sums, so each table is multiplied by its
//! slice of the mix weights once at load time: a token's mix pre-activation is then the mix bias
//! plus 4 projected rows per table, with no matrix product per token. The encoder runs over
//! the document with `pad` zero rows at each end; the pad rows change from block to block and
//! feed the edge tokens, exactly as spaCy's `with_array(pad=…)` does.

use crate::features;
use crate::linalg::{affine, affine_strided};
use crate::model_file::{ModelError, ModelFile};
use serde::Deserialize;

/// How one tok2vec is built (`meta.tok2vec`, `meta.ner.tok2vec`).
#[derive(Debug, Deserialize)]
struct Tok2VecMeta {
    attrs: Vec<String>,
    tables: Vec<TableMeta>,
    width: usize,
    mix_pieces: usize,
    depth: usize,
    window_size: usize,
    enc_pieces: usize,
    doc_pad_rows: usize,
    layernorm_eps: f32,
}

#[derive(Debug, Deserialize)]
struct TableMeta {
    attr: String,
    seed: u64,
    rows: usize,
}

/// One hash-embedding table, already multiplied by its slice of the mix weights.
#[derive(Debug)]
struct HashTable {
    /// Column of the feature row this table embeds.
    column: usize,
    seed: u64,
    rows: usize,
    /// `rows × (width·pieces)`: row r is `W_mix[:, table slice] · E[r]`.
    projected: Vec<f32>,
}

#[derive(Debug)]
struct LayerNorm {
    gain: Vec<f32>,
    bias: Vec<f32>,
}

/// A maxout layer whose outputs are layer-normalised, as every layer of the tok2vec is.
#[derive(Debug)]
struct MaxoutNorm {
    /// `(width·pieces) × inputs`, row `o·pieces + p`.
    weights: Vec<f32>,
    bias: Vec<f32>,
    pieces: usize,
    norm: LayerNorm,
}

/// A tok2vec model: 96 floats per token from its attribute ids.
#[derive(Debug)]
pub struct Tok2Vec {
    width: usize,
    pad: usize,
    eps: f32,
    tables: Vec<HashTable>,
    /// The mix layer; its weights are folded into the tables, so they are left empty.
    mix: MaxoutNorm,
    blocks: Vec<MaxoutNorm>,
}

impl Tok2Vec {
    /// Load the tok2vec whose arrays are named `{prefix}.*`: `t2v` (shared by tagger and parser)
    /// or `ner.t2v` (the entity recogniser's own).
    pub fn load(model: &ModelFile, prefix: &str) -> Result<Self, ModelError> {
        let meta = load_meta(model, prefix)?;
        let bad = |reason: String| ModelError::Section {
            name: format!("{prefix} meta"),
            reason,
        };
        if meta.window_size != 1 {
            return Err(bad(format!(
                "window size {} (only 1 is supported)",
                meta.window_size
            )));
        }
        if meta.attrs.len() != meta.tables.len() {
            return Err(bad("one table per attribute expected".into()));
        }
        let width = meta.width;
        let hidden = width * meta.mix_pieces;
        let inputs = width * meta.tables.len();
        let mix_w = model.array(
            &format!("{prefix}.mix.W"),
            &[width, meta.mix_pieces, inputs],
        )?;
        let mut tables = Vec::with_capacity(meta.tables.len());
        for (i, table) in meta.tables.iter().enumerate() {
            let column = features::column(&table.attr)
                .ok_or_else(|| bad(format!("unknown attribute {}", table.attr)))?;
            let name = format!("{prefix}.embed.{}.E", table.attr);
            let e = model.array(&name, &[table.rows, width])?;
            let slice = column_block(&mix_w.data, hidden, inputs, i * width, width);
            let mut projected = vec![0.0; table.rows * hidden];
            affine(
                &e.data,
                table.rows,
                width,
                &slice,
                hidden,
                &vec![0.0; hidden],
                &mut projected,
            );
            tables.push(HashTable {
                column,
                seed: table.seed,
                rows: table.rows,
                projected,
            });
        }
        let mut mix = load_maxout_norm(
            model,
            &format!("{prefix}.mix"),
            width,
            meta.mix_pieces,
            inputs,
        )?;
        mix.weights = Vec::new();
        let blocks = (0..meta.depth)
            .map(|i| {
                load_maxout_norm(
                    model,
                    &format!("{prefix}.enc{i}"),
                    width,
                    meta.enc_pieces,
                    3 * width,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Tok2Vec {
            width,
            pad: meta.doc_pad_rows,
            eps: meta.layernorm_eps,
            tables,
            mix,
            blocks,
        })
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// `n × width` row-major vectors for one document's feature rows.
    pub fn forward(&self, features: &[[u64; 6]]) -> Vec<f32> {
        let n = features.len();
        if n == 0 {
            return Vec::new();
        }
        let w = self.width;
        let rows = n + 2 * self.pad;
        let hidden = w * self
            .blocks
            .iter()
            .map(|b| b.pieces)
            .max()
            .unwrap_or(1)
            .max(self.mix.pieces);
        let mut x = vec![0.0f32; rows * w];
        let mut pre = vec![0.0f32; rows * hidden];
        self.embed(features, &mut pre[..n * w * self.mix.pieces]);
        for (t, p) in pre.chunks_exact(w * self.mix.pieces).take(n).enumerate() {
            let at = (self.pad + t) * w;
            self.mix.apply(p, self.eps, &mut x[at..at + w], false);
        }
        for (i, block) in self.blocks.iter().enumerate() {
            self.encode(i, block, &mut x, &mut pre);
        }
        x[self.pad * w..(self.pad + n) * w].to_vec()
    }

    /// The mix pre-activation of every token: bias plus the projected rows its ids hash to.
    fn embed(&self, features: &[[u64; 6]], pre: &mut [f32]) {
        let hidden = self.width * self.mix.pieces;
        for (row, out) in features.iter().zip(pre.chunks_exact_mut(hidden)) {
            out.copy_from_slice(&self.mix.bias);
            for table in &self.tables {
                for key in murmur3_row_keys(row[table.column], table.seed) {
                    let r = (key % table.rows as u32) as usize;
                    let v = &table.projected[r * hidden..(r + 1) * hidden];
                    out.iter_mut().zip(v).for_each(|(o, v)| *o += v);
                }
            }
        }
    }

    /// Block `i` over the padded rows, in place: `x ← x + LN(maxout(window(x)))`.
    ///
    /// Only rows that still reach a real token are computed: block `i` of `depth` needs rows
    /// `i+1 .. rows-i-1` (the receptive field shrinks by one row per side per block). The rows
    /// outside keep their values and are never read again.
    fn encode(&self, i: usize, block: &MaxoutNorm, x: &mut [f32], pre: &mut [f32]) {
        let w = self.width;
        let rows = x.len() / w;
        let count = rows.saturating_sub(2 * (i + 1));
        if count == 0 {
            return;
        }
        let hidden = w * block.pieces;
        let pre = &mut pre[..count * hidden];
        affine_strided(
            &x[i * w..],
            count,
            3 * w,
            w,
            &block.weights,
            hidden,
            &block.bias,
            pre,
        );
        let first = i + 1;
        for (r, p) in pre.chunks_exact(hidden).enumerate() {
            let at = (first + r) * w;
            block.apply(p, self.eps, &mut x[at..at + w], true);
        }
    }
}

impl MaxoutNorm {
    /// Max over the pieces of `pre`, then LayerNorm; written to `out`, or added to it for a
    /// residual block.
    fn apply(&self, pre: &[f32], eps: f32, out: &mut [f32], add: bool) {
        let width = out.len();
        let mut y = [0.0f32; MAX_WIDTH];
        let y = &mut y[..width];
        for (yo, p) in y.iter_mut().zip(pre.chunks_exact(self.pieces)) {
            *yo = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        }
        let mean = sum(y) / width as f32;
        y.iter_mut().for_each(|v| *v -= mean);
        let var = sum_squares(y) / width as f32;
        let scale = 1.0 / (var + eps).sqrt();
        let norm = &self.norm;
        for ((o, v), (g, b)) in out
            .iter_mut()
            .zip(y.iter())
            .zip(norm.gain.iter().zip(&norm.bias))
        {
            let z = v * scale * g + b;
            *o = if add { *o + z } else { z };
        }
    }
}

/// The widest layer `MaxoutNorm::apply` takes (spaCy's small model is 96 wide).
const MAX_WIDTH: usize = 512;

/// Sum with eight running lanes (vectorises, and loses less precision than one running sum).
fn sum(v: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = v.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        lanes.iter_mut().zip(c).for_each(|(l, x)| *l += x);
    }
    lanes.iter().sum::<f32>() + rest
}

fn sum_squares(v: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = v.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().map(|x| x * x).sum();
    for c in chunks {
        lanes.iter_mut().zip(c).for_each(|(l, x)| *l += x * x);
    }
    lanes.iter().sum::<f32>() + rest
}

/// Columns `from .. from+count` of a row-major `rows × cols` matrix, as a `rows × count` matrix.
fn column_block(m: &[f32], rows: usize, cols: usize, from: usize, count: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(rows * count);
    for r in 0..rows {
        out.extend_from_slice(&m[r * cols + from..r * cols + from + count]);
    }
    out
}

fn load_meta(model: &ModelFile, prefix: &str) -> Result<Tok2VecMeta, ModelError> {
    let meta: serde_json::Value = model.document("meta")?;
    let node = match prefix {
        "t2v" => &meta["tok2vec"],
        "ner.t2v" => &meta["ner"]["tok2vec"],
        other => return Err(ModelError::Missing(format!("tok2vec {other}"))),
    };
    Tok2VecMeta::deserialize(node).map_err(|source| ModelError::Json {
        name: format!("meta ({prefix})"),
        source,
    })
}

fn load_maxout_norm(
    model: &ModelFile,
    name: &str,
    width: usize,
    pieces: usize,
    inputs: usize,
) -> Result<MaxoutNorm, ModelError> {
    if width > MAX_WIDTH {
        return Err(ModelError::Section {
            name: name.to_string(),
            reason: format!("width {width} over {MAX_WIDTH}"),
        });
    }
    let array = |suffix: &str, shape: &[usize]| -> Result<Vec<f32>, ModelError> {
        Ok(model
            .array(&format!("{name}.{suffix}"), shape)?
            .data
            .clone())
    };
    Ok(MaxoutNorm {
        weights: array("W", &[width, pieces, inputs])?,
        bias: array("b", &[width, pieces])?,
        pieces,
        norm: LayerNorm {
            gain: array("ln.G", &[width])?,
            bias: array("ln.b", &[width])?,
        },
    })
}

/// The four table rows thinc's HashEmbed reads for `key`: MurmurHash3_x64_128 of the key's 8
/// little-endian bytes with both halves seeded by `seed`, cut into four u32 words.
pub fn murmur3_row_keys(key: u64, seed: u64) -> [u32; 4] {
    const C1: u64 = 0x87c3_7b91_1142_53d5;
    const C2: u64 = 0x4cf5_ad43_2745_937f;
    let k1 = key.wrapping_mul(C1).rotate_left(31).wrapping_mul(C2);
    let mut h1 = seed ^ k1;
    let mut h2 = seed;
    h1 ^= 8;
    h2 ^= 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_keys_match_thinc() {
        assert_eq!(
            murmur3_row_keys(1, 8),
            [1161550108, 2247783286, 1742325162, 1224191281]
        );
        assert_eq!(
            murmur3_row_keys(5983625672228268878, 8),
            [2726685510, 2083710382, 4090028265, 978081925]
        );
    }

    #[test]
    fn maxout_norm_takes_the_max_piece_then_normalises() {
        let layer = MaxoutNorm {
            weights: Vec::new(),
            bias: Vec::new(),
            pieces: 2,
            norm: LayerNorm {
                gain: vec![2.0, 2.0],
                bias: vec![0.5, 0.5],
            },
        };
        // Maxes 3 and -1: mean 1, variance 4, so normalised to +1 and -1.
        let mut out = [10.0, 10.0];
        layer.apply(&[3.0, 1.0, -2.0, -1.0], 0.0, &mut out, true);
        assert_eq!(out, [12.5, 8.5]);
        layer.apply(&[3.0, 1.0, -2.0, -1.0], 0.0, &mut out, false);
        assert_eq!(out, [2.5, -1.5]);
    }

    #[test]
    fn both_tok2vecs_load_and_run() {
        let model = ModelFile::parse(crate::MODEL_BYTES).expect("bundled model");
        for prefix in ["t2v", "ner.t2v"] {
            let t2v = Tok2Vec::load(&model, prefix).expect(prefix);
            assert_eq!(t2v.width(), 96);
            let rows = [[5983625672228268878, 104, 11, 101, 1, 0]; 3];
            let out = t2v.forward(&rows);
            assert_eq!(out.len(), 3 * 96);
            assert!(out.iter().all(|v| v.is_finite()));
            // The edges see the pad rows, the middle token does not: the rows differ.
            assert_ne!(out[..96], out[96..192]);
            assert!(t2v.forward(&[]).is_empty());
        }
        assert!(Tok2Vec::load(&model, "nope").is_err());
    }
}
