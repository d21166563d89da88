/**
 * The hot loop: empirical loss (Zhang et al. eq. 1.2) and its analytic gradient (eq. 3.2).
 *
 *   L_N(W) = 1/(2N) sum_i r_i^2,  r_i = sum_k relu(w_k . x_i) - y_i,
 *   dL_N/dw_k = (1/N) sum_i r_i 1{w_k . x_i >= 0} x_i.
 *
 * `reluAtZero` picks the mask at an exact kink (w_k . x_i === 0): 1, the default, is eq. 3.2's
 * `>= 0`; 0 is the `> 0` of PyTorch, TensorFlow, JAX. The default path is bit-identical to the
 * plain `>= 0` loop. Only this kernel takes it: the specialized, wasm and native kernels serve
 * relucheck's own experiments, which always use the default.
 *
 * This is the plain TypeScript reference kernel: one fused pass over the rows, so X is read
 * once per evaluation (the loop is memory-bound at large N). Faster backends must agree with
 * it; see `kernels/` for the specialized and parallel variants.
 *
 * @example
 * ```ts
 * const grad = new Float64Array(W.data.length);
 * const loss = lossAndGradient(data, W, grad);
 * ```
 */
import type { Dataset, Weights } from './layout.js';

/**
 * Loss at W, writing the gradient (same layout as W) into `grad`. No validation: callers
 * validate once at their boundary, this runs thousands of times per experiment.
 */
export function lossAndGradient(data: Dataset, W: Weights, grad: Float64Array, reluAtZero: 0 | 1 = 1): number {
  const { n, d, X, y } = data;
  const K = W.K;
  const w = W.data;
  const z = new Float64Array(K);
  const atZero = reluAtZero === 1;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let out = 0;
    for (let k = 0; k < K; k++) {
      const wk = k * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += w[wk + j] * X[base + j];
      z[k] = s;
      if (s > 0) out += s;
    }
    const r = out - y[i];
    loss += r * r;
    if (r === 0) continue;
    for (let k = 0; k < K; k++) {
      if (z[k] > 0 || (z[k] === 0 && atZero)) {
        const gk = k * d;
        for (let j = 0; j < d; j++) grad[gk + j] += r * X[base + j];
      }
    }
  }
  const inv = 1 / n;
  for (let t = 0; t < grad.length; t++) grad[t] *= inv;
  return 0.5 * loss * inv;
}

/** Empirical loss alone. @example loss(data, W) */
export function loss(data: Dataset, W: Weights): number {
  const { n, d, X, y } = data;
  const K = W.K;
  const w = W.data;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = networkOutput(w, d, K, X, i * d) - y[i];
    total += r * r;
  }
  // The same final roundings as lossAndGradient (times 1/n, not divided by n), so the two agree
  // to the last bit; (0.5 * total) / n differed in the last place for some data.
  return 0.5 * total * (1 / n);
}

/**
 * The network output `sum_k relu(w_k . x)` for the input starting at `X[offset]`.
 * @example networkOutput(W.data, d, K, X, i * d)
 */
export function networkOutput(
  w: Float64Array,
  d: number,
  K: number,
  X: Float64Array,
  offset: number,
): number {
  let out = 0;
  for (let k = 0; k < K; k++) {
    const wk = k * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += w[wk + j] * X[offset + j];
    if (s > 0) out += s;
  }
  return out;
}
