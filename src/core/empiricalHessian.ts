/**
 * The Hessian of the empirical loss L_N at W, as a dense dK x dK matrix (index k*d + p, the
 * unit-contiguous layout of Weights). Away from kinks L_N is quadratic in W with a fixed
 * activation pattern, so its Hessian is exactly the Gauss-Newton matrix (THEORY.md):
 * block (k, l) = (1/N) sum_i 1{w_k.x_i >= 0} 1{w_l.x_i >= 0} x_i x_i^T.
 * Meant for small dK (the audit's constants); use Hessian-vector products for large ones.
 *
 * @example
 * ```ts
 * const H = empiricalHessian(inst.data, inst.Wstar); // (dK)^2 entries, row-major
 * symmetricEigen(H, d * K).values[0]; // smallest eigenvalue
 * ```
 */
import { assertDataset, type Dataset, type Weights } from './layout.js';
import { fail } from './validate.js';

/** Dense empirical Hessian (row-major, n = dK). Cost O(N (K d)^2 / 2). */
export function empiricalHessian(data: Dataset, W: Weights): Float64Array {
  assertDataset(data, W.d);
  const { d, K } = W;
  if (d * K > 4096) fail('W', 'dK must be at most 4096 for a dense Hessian', d * K);
  const n = d * K;
  const H = new Float64Array(n * n);
  const active = new Int32Array(K);
  const { X, n: N } = data;
  for (let i = 0; i < N; i++) {
    const base = i * d;
    let m = 0;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += W.data[k * d + p] * X[base + p];
      if (s >= 0) active[m++] = k;
    }
    // Upper triangle of blocks only; mirrored below.
    for (let a = 0; a < m; a++) {
      const k = active[a];
      for (let b = a; b < m; b++) {
        const l = active[b];
        for (let p = 0; p < d; p++) {
          const xp = X[base + p];
          const row = (k * d + p) * n + l * d;
          for (let q = 0; q < d; q++) H[row + q] += xp * X[base + q];
        }
      }
    }
  }
  // Only blocks (k <= l) were accumulated (diagonal blocks in full); scale the upper
  // triangle and mirror it.
  const inv = 1 / N;
  for (let r = 0; r < n; r++) {
    for (let c = r; c < n; c++) {
      H[r * n + c] *= inv;
      H[c * n + r] = H[r * n + c];
    }
  }
  return H;
}
