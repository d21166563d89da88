/**
 * The empirical Hessian away from kinks (THEORY.md): with the activation pattern fixed,
 * L_N is a quadratic in W and its Hessian is the Gauss-Newton matrix
 *
 *   block (j, l) = (1/N) sum_i 1{w_j . x_i >= 0} 1{w_l . x_i >= 0} x_i x_i^T,
 *
 * indicator `>= 0` as in the gradient (eq. 3.2). At a kink (some w_k . x_i = 0) this is one
 * one-sided second derivative, not a Hessian; callers who need a true Hessian check
 * `minKinkMargin(data, W) > 0` first.
 *
 * {@link empiricalHvp} computes H u in O(N d K) from the factorization H = (1/N) J^T J,
 * J_i = [1_1 x_i^T, ..., 1_K x_i^T]: first z_i = J_i u (a scalar per sample), then
 * (H u)_k = (1/N) sum_i 1_k z_i x_i.
 *
 * @example
 * ```ts
 * const H = empiricalHessian(inst.data, W);     // dense dK x dK
 * const Hu = empiricalHvp(inst.data, W, u);     // O(N d K), no matrix
 * ```
 */
import { assertDataset, type Dataset, type Weights } from '../layout.js';
import { fail } from '../validate.js';
import { assertWeightVector } from './arcCosine.js';

function activePattern(data: Dataset, W: Weights, i: number, active: Uint8Array): number {
  const { d, X } = data;
  const w = W.data;
  let count = 0;
  for (let k = 0; k < W.K; k++) {
    let z = 0;
    for (let q = 0; q < d; q++) z += w[k * d + q] * X[i * d + q];
    active[k] = z >= 0 ? 1 : 0;
    count += active[k];
  }
  return count;
}

/**
 * Dense dK x dK Gauss-Newton Hessian of L_N at W (row-major, W's flattening). Cost
 * O(N (dK + d^2 a^2)) with a the number of active units per sample.
 */
export function empiricalHessian(data: Dataset, W: Weights): Float64Array {
  assertDataset(data, W.d);
  const { d, K } = W;
  const n = d * K;
  const H = new Float64Array(n * n);
  const active = new Uint8Array(K);
  const idx = new Int32Array(K);
  const xx = new Float64Array(d * d);
  for (let i = 0; i < data.n; i++) {
    if (activePattern(data, W, i, active) === 0) continue;
    let a = 0;
    for (let k = 0; k < K; k++) if (active[k]) idx[a++] = k;
    const xo = i * d;
    for (let r = 0; r < d; r++) {
      const xr = data.X[xo + r];
      for (let c = 0; c < d; c++) xx[r * d + c] = xr * data.X[xo + c];
    }
    for (let p = 0; p < a; p++) {
      const jo = idx[p] * d;
      for (let q = 0; q < a; q++) {
        const lo = idx[q] * d;
        for (let r = 0; r < d; r++) {
          const row = (jo + r) * n + lo;
          for (let c = 0; c < d; c++) H[row + c] += xx[r * d + c];
        }
      }
    }
  }
  const inv = 1 / data.n;
  for (let q = 0; q < H.length; q++) H[q] *= inv;
  return H;
}

/**
 * H u for the empirical Gauss-Newton Hessian at W, in O(N d K). `reluAtZero` is the mask at an
 * exact kink z = 0: 1 for relucheck's `z >= 0` (the default), 0 for `z > 0` (PyTorch, JAX).
 * @example empiricalHvp(data, W, u, undefined, 0) // H u with the z > 0 mask
 */
export function empiricalHvp(
  data: Dataset,
  W: Weights,
  u: Float64Array,
  out?: Float64Array,
  reluAtZero: 0 | 1 = 1,
): Float64Array {
  assertDataset(data, W.d);
  const { d, K } = W;
  const n = d * K;
  assertWeightVector('u', u, n);
  const y = out ?? new Float64Array(n);
  if (y.length !== n) fail('out', `out must have length d * K = ${n}`, y.length);
  if (y === u) fail('out', 'out must not alias u', 'same array');
  y.fill(0);
  const { X } = data;
  const w = W.data;
  const active = new Uint8Array(K);
  for (let i = 0; i < data.n; i++) {
    const xo = i * d;
    let z = 0;
    for (let k = 0; k < K; k++) {
      const ko = k * d;
      let pre = 0;
      let dir = 0;
      for (let q = 0; q < d; q++) {
        const x = X[xo + q];
        pre += w[ko + q] * x;
        dir += u[ko + q] * x;
      }
      active[k] = pre > 0 || (pre === 0 && reluAtZero === 1) ? 1 : 0;
      if (active[k]) z += dir;
    }
    if (z === 0) continue;
    for (let k = 0; k < K; k++) {
      if (!active[k]) continue;
      const ko = k * d;
      for (let q = 0; q < d; q++) y[ko + q] += z * X[xo + q];
    }
  }
  const inv = 1 / data.n;
  for (let q = 0; q < n; q++) y[q] *= inv;
  return y;
}
