//! Dense float32 arithmetic: the one matrix product the layers need, on row-major slices.

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

    #[test]
    fn empty_input_gives_empty_output() {
        let mut out: [f32; 0] = [];
        affine(&[], 0, 3, &[1.0; 6], 2, &[0.0; 2], &mut out);
    }
}
