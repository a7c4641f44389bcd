//! Dense float32 arithmetic on row-major slices: the matrix product every layer needs, and the
//! maxout layer of the tok2vec, which has its own AVX-512 kernel when the CPU has AVX-512 (and
//! the compiler can build it: rustc 1.89 or later, detected by `build.rs`).

/// `out (n×m) = x (n×k) · wᵀ + bias`, where `w` is stored `(m×k)` row-major — the layout of every
/// weight matrix in the model (outputs × inputs). `bias` has `m` entries.
pub fn affine(x: &[f32], n: usize, k: usize, w: &[f32], m: usize, bias: &[f32], out: &mut [f32]) {
    assert_eq!(x.len(), n * k, "affine: x is not n×k");
    affine_strided(x, n, k, k, w, m, bias, out);
}

/// As [`affine`], but row `i` of `x` is `x[i·stride .. i·stride + k]`: rows may overlap. With
/// `stride` one embedding and `k` three embeddings wide, row `i` is the window of rows `i`,
/// `i+1`, `i+2` of the underlying matrix, so a window layer needs no copied concatenation.
#[allow(clippy::too_many_arguments)]
pub fn affine_strided(
    x: &[f32],
    n: usize,
    k: usize,
    stride: usize,
    w: &[f32],
    m: usize,
    bias: &[f32],
    out: &mut [f32],
) {
    if n > 0 {
        assert!(
            x.len() >= (n - 1) * stride + k,
            "affine: x is shorter than n rows of stride {stride}"
        );
    }
    assert_eq!(w.len(), m * k, "affine: w is not m×k");
    assert_eq!(bias.len(), m, "affine: bias is not m long");
    assert_eq!(out.len(), n * m, "affine: out is not n×m");
    for row in out.chunks_exact_mut(m) {
        row.copy_from_slice(bias);
    }
    if n == 0 || m == 0 || k == 0 {
        return;
    }
    // SAFETY: the asserts above give every pointer at least the extent the strides describe:
    // x holds n rows of k at row stride `stride`, wᵀ is read as k×m through w's (m×k) layout (row stride 1,
    // column stride k), out is n×m with row stride m; out does not alias x or w.
    unsafe {
        matrixmultiply::sgemm(
            n,
            k,
            m,
            1.0,
            x.as_ptr(),
            stride as isize,
            1,
            w.as_ptr(),
            1,
            k as isize,
            1.0,
            out.as_mut_ptr(),
            m as isize,
            1,
        );
    }
}

/// A maxout layer: `y[o] = max_p (b[o,p] + Σ_i W[o,p,i]·x[i])`, with the weights laid out for
/// the fastest kernel this CPU has.
#[derive(Clone, Debug)]
pub struct Maxout {
    outputs: usize,
    pieces: usize,
    inputs: usize,
    /// Piece-major: row `p·outputs + o` holds `W[o,p,:]`, so the max over pieces is an
    /// elementwise max of contiguous blocks.
    weights: Vec<f32>,
    /// Piece-major like the weights.
    bias: Vec<f32>,
    /// The weights in the AVX-512 kernel's panel order, when that kernel runs here.
    panels: Option<Vec<f32>>,
}

impl Maxout {
    /// From thinc's layout: `weights (outputs, pieces, inputs)` and `bias (outputs, pieces)`.
    pub fn new(
        weights: &[f32],
        bias: &[f32],
        outputs: usize,
        pieces: usize,
        inputs: usize,
    ) -> Self {
        assert_eq!(weights.len(), outputs * pieces * inputs, "maxout: weights");
        assert_eq!(bias.len(), outputs * pieces, "maxout: bias");
        let weights = piece_major(weights, outputs, pieces, inputs);
        let bias = piece_major(bias, outputs, pieces, 1);
        let panels = fast::pack(&weights, outputs, pieces, inputs);
        Maxout {
            outputs,
            pieces,
            inputs,
            weights,
            bias,
            panels,
        }
    }

    pub fn outputs(&self) -> usize {
        self.outputs
    }

    pub fn pieces(&self) -> usize {
        self.pieces
    }

    /// `(pieces·outputs) × inputs`, piece-major.
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    /// `pieces·outputs`, piece-major.
    pub fn bias(&self) -> &[f32] {
        &self.bias
    }

    /// Drops the weights when only the bias is used (a layer folded into embedding tables).
    pub fn keep_bias_only(&mut self) {
        self.weights = Vec::new();
        self.panels = None;
    }

    /// `out (n × outputs)` for the `n` rows of `x`, row `r` being `x[r·stride .. r·stride +
    /// inputs]` (rows may overlap, as the windows of a window layer do).
    pub fn forward_strided(&self, x: &[f32], n: usize, stride: usize, out: &mut [f32]) {
        assert_eq!(out.len(), n * self.outputs, "maxout: out is not n×outputs");
        if n > 0 {
            assert!(
                x.len() >= (n - 1) * stride + self.inputs,
                "maxout: x too short"
            );
        }
        if let Some(panels) = &self.panels {
            fast::forward(x, n, stride, self.inputs, panels, &self.bias, out);
            return;
        }
        let hidden = self.outputs * self.pieces;
        let mut pre = vec![0.0; n * hidden];
        affine_strided(
            x,
            n,
            self.inputs,
            stride,
            &self.weights,
            hidden,
            &self.bias,
            &mut pre,
        );
        for (p, o) in pre
            .chunks_exact(hidden)
            .zip(out.chunks_exact_mut(self.outputs))
        {
            max_pieces(p, o);
        }
    }
}

/// `out[o] = max_p pre[p·out.len() + o]`: the max over the pieces of a piece-major row.
pub fn max_pieces(pre: &[f32], out: &mut [f32]) {
    let width = out.len();
    out.copy_from_slice(&pre[..width]);
    for piece in pre[width..].chunks_exact(width) {
        out.iter_mut()
            .zip(piece)
            .for_each(|(m, &v)| *m = if v > *m { v } else { *m });
    }
}

/// `out += Σ rows`, the rows added in order (each as long as `out`).
pub fn sum_rows(out: &mut [f32], rows: &[&[f32]]) {
    assert!(
        rows.iter().all(|r| r.len() == out.len()),
        "sum_rows: row length"
    );
    if fast::available() {
        fast::sum_rows(out, rows);
        return;
    }
    for row in rows {
        out.iter_mut().zip(*row).for_each(|(o, v)| *o += v);
    }
}

/// thinc's LayerNorm of `y` with population variance and `eps` added to it: `y` is centred in
/// place, and `(y-mean)/sqrt(var+eps)·gain + bias` is written to `out`, or added to it (`add`,
/// for a residual block).
pub fn layer_norm(y: &mut [f32], gain: &[f32], bias: &[f32], eps: f32, out: &mut [f32], add: bool) {
    let width = y.len();
    assert!(
        gain.len() == width && bias.len() == width && out.len() == width,
        "layer_norm: lengths"
    );
    if fast::available() {
        fast::layer_norm(y, gain, bias, eps, out, add);
        return;
    }
    let mean = lane_sum(y.iter().copied()) / width as f32;
    y.iter_mut().for_each(|v| *v -= mean);
    let var = lane_sum(y.iter().map(|v| v * v)) / width as f32;
    let scale = 1.0 / (var + eps).sqrt();
    let terms = y.iter().zip(gain.iter().zip(bias));
    if add {
        out.iter_mut()
            .zip(terms)
            .for_each(|(o, (v, (g, b)))| *o += v * scale * g + b);
    } else {
        out.iter_mut()
            .zip(terms)
            .for_each(|(o, (v, (g, b)))| *o = v * scale * g + b);
    }
}

/// A sum in eight interleaved lanes (it vectorises, and rounds less than one running sum).
fn lane_sum(values: impl Iterator<Item = f32>) -> f32 {
    let mut lanes = [0.0f32; 8];
    for (i, v) in values.enumerate() {
        lanes[i % 8] += v;
    }
    lanes.iter().sum()
}

/// Rows `o·pieces + p` (each `len` long) reordered to `p·outputs + o`.
fn piece_major(m: &[f32], outputs: usize, pieces: usize, len: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(m.len());
    for p in 0..pieces {
        for o in 0..outputs {
            let at = (o * pieces + p) * len;
            out.extend_from_slice(&m[at..at + len]);
        }
    }
    out
}

/// The AVX-512 maxout kernel: a tile of 8 rows × 16 outputs × 3 pieces stays in 24 registers
/// for the whole sum over the inputs, reads the weights pre-packed, and stores only the max.
#[cfg(all(target_arch = "x86_64", flashpoint_avx512))]
// This module is compiled only by rustc ≥ 1.89 (see build.rs), where the AVX-512 intrinsics
// are stable; the crate's declared minimum version builds the portable path instead.
#[allow(clippy::incompatible_msrv)]
mod fast {
    use std::arch::x86_64::*;

    const LANES: usize = 16;
    const PIECES: usize = 3;
    const ROWS: usize = 8;

    /// This CPU runs AVX-512F (the answer is cached by std).
    pub fn available() -> bool {
        is_x86_feature_detected!("avx512f")
    }

    /// `out += Σ rows`, 16 lanes at a time: each block of `out` stays in a register while
    /// every row is added to it. The caller has checked that every row is as long as `out`.
    pub fn sum_rows(out: &mut [f32], rows: &[&[f32]]) {
        // SAFETY: `available()` was checked by the caller; all reads and writes are at
        // `at .. at+16 ≤ out.len()`, which every row also has.
        unsafe { sum_rows_avx512(out, rows) }
    }

    #[target_feature(enable = "avx512f")]
    unsafe fn sum_rows_avx512(out: &mut [f32], rows: &[&[f32]]) {
        let whole = out.len() / LANES * LANES;
        for at in (0..whole).step_by(LANES) {
            let mut acc = _mm512_loadu_ps(out.as_ptr().add(at));
            for row in rows {
                acc = _mm512_add_ps(acc, _mm512_loadu_ps(row.as_ptr().add(at)));
            }
            _mm512_storeu_ps(out.as_mut_ptr().add(at), acc);
        }
        for row in rows {
            out[whole..]
                .iter_mut()
                .zip(&row[whole..])
                .for_each(|(o, v)| *o += v);
        }
    }

    /// `linalg::layer_norm`, 16 lanes at a time (the caller checked the lengths).
    pub fn layer_norm(
        y: &mut [f32],
        gain: &[f32],
        bias: &[f32],
        eps: f32,
        out: &mut [f32],
        add: bool,
    ) {
        // SAFETY: `available()` was checked by the caller; every access is inside the slices,
        // which the caller checked are all `y.len()` long.
        unsafe { layer_norm_avx512(y, gain, bias, eps, out, add) }
    }

    #[target_feature(enable = "avx512f")]
    unsafe fn layer_norm_avx512(
        y: &mut [f32],
        gain: &[f32],
        bias: &[f32],
        eps: f32,
        out: &mut [f32],
        add: bool,
    ) {
        let width = y.len();
        let whole = width / LANES * LANES;
        let mut acc = _mm512_setzero_ps();
        for at in (0..whole).step_by(LANES) {
            acc = _mm512_add_ps(acc, _mm512_loadu_ps(y.as_ptr().add(at)));
        }
        let mean = (_mm512_reduce_add_ps(acc) + y[whole..].iter().sum::<f32>()) / width as f32;
        let m = _mm512_set1_ps(mean);
        let mut acc = _mm512_setzero_ps();
        for at in (0..whole).step_by(LANES) {
            let v = _mm512_sub_ps(_mm512_loadu_ps(y.as_ptr().add(at)), m);
            _mm512_storeu_ps(y.as_mut_ptr().add(at), v);
            acc = _mm512_fmadd_ps(v, v, acc);
        }
        y[whole..].iter_mut().for_each(|v| *v -= mean);
        let var = (_mm512_reduce_add_ps(acc) + y[whole..].iter().map(|v| v * v).sum::<f32>())
            / width as f32;
        let scale = 1.0 / (var + eps).sqrt();
        let s = _mm512_set1_ps(scale);
        for at in (0..whole).step_by(LANES) {
            let v = _mm512_mul_ps(_mm512_loadu_ps(y.as_ptr().add(at)), s);
            let mut z = _mm512_fmadd_ps(
                v,
                _mm512_loadu_ps(gain.as_ptr().add(at)),
                _mm512_loadu_ps(bias.as_ptr().add(at)),
            );
            if add {
                z = _mm512_add_ps(z, _mm512_loadu_ps(out.as_ptr().add(at)));
            }
            _mm512_storeu_ps(out.as_mut_ptr().add(at), z);
        }
        for i in whole..width {
            let z = y[i] * scale * gain[i] + bias[i];
            out[i] = if add { out[i] + z } else { z };
        }
    }

    /// Panel `j` (outputs `16j .. 16j+16`): for each input `k`, the 3 pieces' 16 weights.
    /// `None` when this CPU or layer shape cannot use the kernel.
    pub fn pack(weights: &[f32], outputs: usize, pieces: usize, inputs: usize) -> Option<Vec<f32>> {
        if pieces != PIECES || !outputs.is_multiple_of(LANES) || !available() {
            return None;
        }
        let mut panels = Vec::with_capacity(weights.len());
        for j in 0..outputs / LANES {
            for k in 0..inputs {
                for p in 0..PIECES {
                    for o in j * LANES..(j + 1) * LANES {
                        panels.push(weights[(p * outputs + o) * inputs + k]);
                    }
                }
            }
        }
        Some(panels)
    }

    /// The caller has checked the extents of `x` and `out` (`Maxout::forward_strided`).
    pub fn forward(
        x: &[f32],
        n: usize,
        stride: usize,
        inputs: usize,
        panels: &[f32],
        bias: &[f32],
        out: &mut [f32],
    ) {
        let outputs = bias.len() / PIECES;
        assert_eq!(panels.len(), outputs * PIECES * inputs, "maxout panels");
        // SAFETY: `pack` returned panels only after detecting AVX-512F; every tile reads rows
        // `r .. r+ROWS` (< n) of x at `stride`, `inputs` long, and writes 16 outputs of those rows
        // of out, all inside the extents the caller checked.
        unsafe {
            forward_avx512(
                x.as_ptr(),
                n,
                stride,
                inputs,
                panels,
                bias,
                out.as_mut_ptr(),
                outputs,
            )
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[target_feature(enable = "avx512f")]
    unsafe fn forward_avx512(
        x: *const f32,
        n: usize,
        stride: usize,
        inputs: usize,
        panels: &[f32],
        bias: &[f32],
        out: *mut f32,
        outputs: usize,
    ) {
        let mut r = 0;
        while r < n {
            let rows = (n - r).min(ROWS);
            for j in 0..outputs / LANES {
                let t = Tile {
                    x: x.add(r * stride),
                    stride,
                    inputs,
                    panel: panels.as_ptr().add(j * inputs * PIECES * LANES),
                    bias: [0, 1, 2].map(|p| bias.as_ptr().add(p * outputs + j * LANES)),
                    out: out.add(r * outputs + j * LANES),
                    out_stride: outputs,
                };
                match rows {
                    8 => t.run::<8>(),
                    7 => t.run::<7>(),
                    6 => t.run::<6>(),
                    5 => t.run::<5>(),
                    4 => t.run::<4>(),
                    3 => t.run::<3>(),
                    2 => t.run::<2>(),
                    _ => t.run::<1>(),
                }
            }
            r += rows;
        }
    }

    struct Tile {
        x: *const f32,
        stride: usize,
        inputs: usize,
        panel: *const f32,
        bias: [*const f32; PIECES],
        out: *mut f32,
        out_stride: usize,
    }

    impl Tile {
        #[inline]
        #[target_feature(enable = "avx512f")]
        unsafe fn run<const R: usize>(&self) {
            let b = self.bias.map(|p| _mm512_loadu_ps(p));
            let mut acc = [b; R];
            for k in 0..self.inputs {
                let w = self.panel.add(k * PIECES * LANES);
                let w0 = _mm512_loadu_ps(w);
                let w1 = _mm512_loadu_ps(w.add(LANES));
                let w2 = _mm512_loadu_ps(w.add(2 * LANES));
                for (r, a) in acc.iter_mut().enumerate() {
                    let v = _mm512_set1_ps(*self.x.add(r * self.stride + k));
                    a[0] = _mm512_fmadd_ps(v, w0, a[0]);
                    a[1] = _mm512_fmadd_ps(v, w1, a[1]);
                    a[2] = _mm512_fmadd_ps(v, w2, a[2]);
                }
            }
            for (r, a) in acc.iter().enumerate() {
                let m = _mm512_max_ps(_mm512_max_ps(a[0], a[1]), a[2]);
                _mm512_storeu_ps(self.out.add(r * self.out_stride), m);
            }
        }
    }
}

/// Without the AVX-512 kernel every maxout goes through `affine_strided`.
#[cfg(not(all(target_arch = "x86_64", flashpoint_avx512)))]
mod fast {
    pub fn available() -> bool {
        false
    }

    pub fn sum_rows(_: &mut [f32], _: &[&[f32]]) {
        unreachable!("no AVX-512 kernel in this build")
    }

    pub fn layer_norm(_: &mut [f32], _: &[f32], _: &[f32], _: f32, _: &mut [f32], _: bool) {
        unreachable!("no AVX-512 kernel in this build")
    }

    pub fn pack(_: &[f32], _: usize, _: usize, _: usize) -> Option<Vec<f32>> {
        None
    }

    pub fn forward(_: &[f32], _: usize, _: usize, _: usize, _: &[f32], _: &[f32], _: &mut [f32]) {
        unreachable!("no packed panels without the AVX-512 kernel")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affine_matches_the_definition() {
        // x (2×3), w (2 outputs × 3 inputs)
        let x = [1.0, 2.0, 3.0, -1.0, 0.5, 0.0];
        let w = [0.5, -1.0, 2.0, 1.0, 1.0, 1.0];
        let b = [0.25, -3.0];
        let mut out = [0.0; 4];
        affine(&x, 2, 3, &w, 2, &b, &mut out);
        let want = [
            0.25 + 0.5 - 2.0 + 6.0,
            -3.0 + 1.0 + 2.0 + 3.0,
            0.25 - 0.5 - 0.5,
            -3.0 - 1.0 + 0.5,
        ];
        assert_eq!(out, want);
    }

    #[test]
    fn strided_rows_read_overlapping_windows() {
        // Rows of width 1: [1, 2, 3, 4]; windows of 2 at stride 1 are (1,2), (2,3), (3,4).
        let x = [1.0, 2.0, 3.0, 4.0];
        let w = [10.0, 1.0];
        let mut out = [0.0; 3];
        affine_strided(&x, 3, 2, 1, &w, 1, &[0.5], &mut out);
        assert_eq!(out, [12.5, 23.5, 34.5]);
    }

    fn pseudo_random(n: usize, seed: u32) -> Vec<f32> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (s >> 8) as f32 / 16_777_216.0 - 0.5
            })
            .collect()
    }

    /// The definition, one output at a time, in thinc's weight layout.
    fn maxout_by_definition(
        x: &[f32],
        w: &[f32],
        b: &[f32],
        outputs: usize,
        pieces: usize,
    ) -> Vec<f32> {
        let inputs = w.len() / (outputs * pieces);
        let mut out = Vec::new();
        for row in x.chunks_exact(inputs) {
            for o in 0..outputs {
                let piece = |p: usize| {
                    let wp = &w[(o * pieces + p) * inputs..][..inputs];
                    b[o * pieces + p] + row.iter().zip(wp).map(|(a, b)| a * b).sum::<f32>()
                };
                out.push((0..pieces).map(piece).fold(f32::NEG_INFINITY, f32::max));
            }
        }
        out
    }

    #[test]
    fn maxout_matches_the_definition_on_every_path() {
        // 19 rows: two full tiles of 8 and a tail of 3; 32 outputs: two panels of 16.
        let (n, outputs, pieces, inputs) = (19, 32, 3, 40);
        let x = pseudo_random(n * inputs, 1);
        let w = pseudo_random(outputs * pieces * inputs, 2);
        let b = pseudo_random(outputs * pieces, 3);
        let want = maxout_by_definition(&x, &w, &b, outputs, pieces);
        let layer = Maxout::new(&w, &b, outputs, pieces, inputs);
        let mut portable = layer.clone();
        portable.panels = None;
        println!("AVX-512 kernel in use: {}", layer.panels.is_some());
        for l in [&layer, &portable] {
            let mut out = vec![0.0; n * outputs];
            l.forward_strided(&x, n, inputs, &mut out);
            let diff = out
                .iter()
                .zip(&want)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f32::max);
            assert!(diff < 1e-5, "maxout differs by {diff}");
        }
        // Two pieces: a shape the kernel does not take, so the portable path runs.
        let w2 = pseudo_random(outputs * 2 * inputs, 4);
        let b2 = pseudo_random(outputs * 2, 5);
        let two = Maxout::new(&w2, &b2, outputs, 2, inputs);
        assert!(two.panels.is_none());
        let mut out = vec![0.0; n * outputs];
        two.forward_strided(&x, n, inputs, &mut out);
        let want2 = maxout_by_definition(&x, &w2, &b2, outputs, 2);
        assert!(out.iter().zip(&want2).all(|(a, b)| (a - b).abs() < 1e-5));
    }

    #[test]
    fn sum_rows_adds_every_row() {
        let a = pseudo_random(37, 6);
        let b = pseudo_random(37, 7);
        let mut out = vec![1.0; 37];
        sum_rows(&mut out, &[&a, &b, &a]);
        for i in 0..37 {
            assert_eq!(out[i], 1.0 + a[i] + b[i] + a[i]);
        }
    }

    #[test]
    fn layer_norm_centres_scales_and_adds() {
        // 18 values (a full block of 16 and a tail of 2): 3 and -1 alternating, mean 1,
        // variance 4, so normalised to +1 and -1.
        let values: Vec<f32> = (0..18)
            .map(|i| if i % 2 == 0 { 3.0 } else { -1.0 })
            .collect();
        let (gain, bias) = (vec![2.0; 18], vec![0.5; 18]);
        let mut out = vec![10.0; 18];
        layer_norm(&mut values.clone(), &gain, &bias, 0.0, &mut out, true);
        assert!(out
            .iter()
            .enumerate()
            .all(|(i, &v)| v == if i % 2 == 0 { 12.5 } else { 8.5 }));
        layer_norm(&mut values.clone(), &gain, &bias, 0.0, &mut out, false);
        assert!(out
            .iter()
            .enumerate()
            .all(|(i, &v)| v == if i % 2 == 0 { 2.5 } else { -1.5 }));
    }

    #[test]
    fn empty_input_gives_empty_output() {
        let mut out: [f32; 0] = [];
        affine(&[], 0, 3, &[1.0; 6], 2, &[0.0; 2], &mut out);
    }
}
