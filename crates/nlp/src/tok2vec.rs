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
use crate::linalg::{affine, layer_norm, max_pieces, sum_rows, Maxout};
use crate::model_file::{ModelError, ModelFile};
use serde::Deserialize;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

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
    /// `rows × hidden`: row r is `W_mix[:, table slice] · E[r]` (piece-major, as the weights).
    projected: Vec<f32>,
}

impl HashTable {
    /// The four projected rows `key` hashes to.
    fn rows_for(&self, key: u64) -> [&[f32]; 4] {
        let hidden = self.projected.len() / self.rows;
        murmur3_row_keys(key, self.seed).map(|word| {
            let r = (word % self.rows as u32) as usize;
            &self.projected[r * hidden..(r + 1) * hidden]
        })
    }
}

#[derive(Debug)]
struct LayerNorm {
    gain: Vec<f32>,
    bias: Vec<f32>,
}

/// A maxout layer whose outputs are layer-normalised, as every layer of the tok2vec is.
#[derive(Debug)]
struct MaxoutNorm {
    maxout: Maxout,
    norm: LayerNorm,
}

/// A tok2vec model: 96 floats per token from its attribute ids.
#[derive(Debug)]
pub struct Tok2Vec {
    width: usize,
    pad: usize,
    eps: f32,
    /// Tables of attributes with many values (NORM, PREFIX, SUFFIX, SHAPE).
    tables: Vec<HashTable>,
    /// Tables of the 0/1 attributes (SPACY, IS_SPACE): their rows for 0 and 1 are summed
    /// with the mix bias once, into `base`.
    flag_tables: Vec<HashTable>,
    /// `2^flags × hidden`: mix bias plus the flag tables' rows, indexed by the flags as bits.
    base: Vec<f32>,
    /// Feature columns this model reads (repeated tokens are found by these alone).
    columns: Vec<usize>,
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
        let inputs = width * meta.tables.len();
        let mut mix = load_maxout_norm(
            model,
            &format!("{prefix}.mix"),
            width,
            meta.mix_pieces,
            inputs,
        )?;
        let hidden = width * meta.mix_pieces;
        let mix_weights = mix.maxout.weights();
        let (mut tables, mut flag_tables) = (Vec::new(), Vec::new());
        for (i, table) in meta.tables.iter().enumerate() {
            let column = features::column(&table.attr)
                .ok_or_else(|| bad(format!("unknown attribute {}", table.attr)))?;
            let name = format!("{prefix}.embed.{}.E", table.attr);
            let e = model.array(&name, &[table.rows, width])?;
            let slice = column_block(mix_weights, hidden, inputs, i * width, width);
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
            let table = HashTable {
                column,
                seed: table.seed,
                rows: table.rows,
                projected,
            };
            if column == features::SPACY || column == features::IS_SPACE {
                flag_tables.push(table);
            } else {
                tables.push(table);
            }
        }
        let base = flag_bases(mix.maxout.bias(), &flag_tables);
        mix.maxout.keep_bias_only();
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
        let columns = tables
            .iter()
            .chain(&flag_tables)
            .map(|t| t.column)
            .collect();
        Ok(Tok2Vec {
            width,
            pad: meta.doc_pad_rows,
            eps: meta.layernorm_eps,
            tables,
            flag_tables,
            base,
            columns,
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
        let mut x = vec![0.0f32; rows * w];
        self.mix(features, &mut x[self.pad * w..(self.pad + n) * w]);
        let mut y = vec![0.0f32; rows * w];
        for (i, block) in self.blocks.iter().enumerate() {
            self.encode(i, block, &mut x, &mut y);
        }
        x[self.pad * w..(self.pad + n) * w].to_vec()
    }

    /// The mix layer's output for every token into `x` (`n × width`). A token whose features
    /// were seen earlier in the document copies that token's row.
    fn mix(&self, features: &[[u64; 6]], x: &mut [f32]) {
        let w = self.width;
        let mut pre = vec![0.0f32; w * self.mix.maxout.pieces()];
        let mut y = vec![0.0f32; w];
        let mut seen: HashMap<RowKey, usize, BuildHasherDefault<RowHasher>> =
            HashMap::with_capacity_and_hasher(features.len(), Default::default());
        for (t, row) in features.iter().enumerate() {
            let mut key = [0u64; 6];
            for &c in &self.columns {
                key[c] = row[c];
            }
            match seen.entry(RowKey(key)) {
                Entry::Occupied(first) => {
                    let from = *first.get() * w;
                    x.copy_within(from..from + w, t * w);
                }
                Entry::Vacant(slot) => {
                    slot.insert(t);
                    self.preactivate(row, &mut pre);
                    max_pieces(&pre, &mut y);
                    self.mix
                        .norm
                        .apply(&mut y, self.eps, &mut x[t * w..(t + 1) * w], false);
                }
            }
        }
    }

    /// A token's mix pre-activation: bias plus the projected rows its ids hash to.
    fn preactivate(&self, row: &[u64; 6], out: &mut [f32]) {
        let hidden = out.len();
        let mut index = 0;
        let mut flags_binary = true;
        for (bit, table) in self.flag_tables.iter().enumerate() {
            match row[table.column] {
                0 => {}
                1 => index |= 1 << bit,
                _ => flags_binary = false,
            }
        }
        let hashed: &[HashTable] = if flags_binary {
            out.copy_from_slice(&self.base[index * hidden..(index + 1) * hidden]);
            &[]
        } else {
            out.copy_from_slice(self.mix.maxout.bias());
            &self.flag_tables
        };
        let mut rows: [&[f32]; 4 * features::COLUMNS] = [&[]; 4 * features::COLUMNS];
        let mut count = 0;
        for table in hashed.iter().chain(&self.tables) {
            for r in table.rows_for(row[table.column]) {
                rows[count] = r;
                count += 1;
            }
        }
        sum_rows(out, &rows[..count]);
    }

    /// Block `i` over the padded rows, in place: `x ← x + LN(maxout(window(x)))`.
    ///
    /// Only rows that still reach a real token are computed: block `i` of `depth` needs rows
    /// `i+1 .. rows-i-1` (the receptive field shrinks by one row per side per block). The rows
    /// outside keep their values and are never read again.
    fn encode(&self, i: usize, block: &MaxoutNorm, x: &mut [f32], y: &mut [f32]) {
        let w = self.width;
        let rows = x.len() / w;
        let count = rows.saturating_sub(2 * (i + 1));
        if count == 0 {
            return;
        }
        let y = &mut y[..count * w];
        block.maxout.forward_strided(&x[i * w..], count, w, y);
        let first = i + 1;
        for (r, yr) in y.chunks_exact_mut(w).enumerate() {
            let at = (first + r) * w;
            block.norm.apply(yr, self.eps, &mut x[at..at + w], true);
        }
    }
}

/// The mix bias plus the flag tables' rows for every combination of flag values.
fn flag_bases(bias: &[f32], flag_tables: &[HashTable]) -> Vec<f32> {
    let combos = 1usize << flag_tables.len();
    let mut base = Vec::with_capacity(combos * bias.len());
    for index in 0..combos {
        let mut row = bias.to_vec();
        for (bit, table) in flag_tables.iter().enumerate() {
            sum_rows(&mut row, &table.rows_for(((index >> bit) & 1) as u64));
        }
        base.extend_from_slice(&row);
    }
    base
}

/// A feature row as a hash key, hashed word by word.
#[derive(PartialEq, Eq)]
struct RowKey([u64; 6]);

impl Hash for RowKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.iter().for_each(|&v| state.write_u64(v));
    }
}

/// A multiply-rotate hasher: the ids are already well-mixed hashes, so SipHash buys nothing.
#[derive(Default)]
struct RowHasher(u64);

impl Hasher for RowHasher {
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(u64::from(b)));
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl LayerNorm {
    /// LayerNorm of `y` (centred in place), written to `out` or, for a residual block, added
    /// to it.
    fn apply(&self, y: &mut [f32], eps: f32, out: &mut [f32], add: bool) {
        layer_norm(y, &self.gain, &self.bias, eps, out, add);
    }
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
    let array = |suffix: &str, shape: &[usize]| -> Result<&[f32], ModelError> {
        Ok(&model.array(&format!("{name}.{suffix}"), shape)?.data)
    };
    let weights = array("W", &[width, pieces, inputs])?;
    let bias = array("b", &[width, pieces])?;
    Ok(MaxoutNorm {
        maxout: Maxout::new(weights, bias, width, pieces, inputs),
        norm: LayerNorm {
            gain: array("ln.G", &[width])?.to_vec(),
            bias: array("ln.b", &[width])?.to_vec(),
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
    fn models_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Tok2Vec>();
        shared::<crate::features::Features>();
        shared::<crate::tagger::Tagger>();
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
