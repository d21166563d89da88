/**
 * The empirical Hessian of L_N in W (v fixed, as in Zhong et al. Section 4), including the
 * phi'' term that vanishes for piecewise-linear activations (Property 3.3(b)):
 *
 *   block (k, l) = (1/N) sum_i [ v_k v_l phi'(z_ik) phi'(z_il) + [k = l] r_i v_k phi''(z_ik) ] x_i x_i^T,
 *
 * with z_ik = w_k . x_i and r_i the residual. Index p = k d + i matches the weight layout.
 * For kinked activations this is the almost-everywhere Hessian (valid off the kinks).
 *
 * @example
 * ```ts
 * const H = outputModelHessian(model, data, W);  // dK x dK, row-major
 * const Hu = outputModelHvp(model, data, W, u);  // the same product without forming H
 * ```
 */
import type { Dataset, Weights } from '../layout.js';
import type { OutputModel } from './outputModelKernel.js';

/** Per-sample pre-activations, first-derivative weights a_k = v_k phi'(z_k) and c_k = r v_k phi''(z_k). */
function sampleTerms(
  model: OutputModel,
  w: Float64Array,
  d: number,
  K: number,
  X: Float64Array,
  base: number,
  y: number,
  a: Float64Array,
  c: Float64Array,
): void {
  const { phi, d1, d2 } = model.activation;
  const v = model.v;
  let out = 0;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += w[k * d + j] * X[base + j];
    out += v[k] * phi(s);
    a[k] = v[k] * d1(s);
    c[k] = v[k] * d2(s); // times r below, once r is known
  }
  const r = out - y;
  for (let k = 0; k < K; k++) c[k] *= r;
}

/**
 * The dense dK x dK Hessian (row-major). O(N d^2 K^2): for small dK only.
 * @example symmetricEigen(outputModelHessian(model, data, W), d * K).values[0]
 */
export function outputModelHessian(model: OutputModel, data: Dataset, W: Weights): Float64Array {
  const { n, d, X, y } = data;
  const { K } = W;
  const P = d * K;
  const H = new Float64Array(P * P);
  const a = new Float64Array(K);
  const c = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    sampleTerms(model, W.data, d, K, X, base, y[i], a, c);
    for (let k = 0; k < K; k++) {
      for (let l = k; l < K; l++) {
        const coef = a[k] * a[l] + (k === l ? c[k] : 0);
        if (coef === 0) continue;
        for (let p = 0; p < d; p++) {
          const xp = coef * X[base + p];
          const row = (k * d + p) * P + l * d;
          for (let q = 0; q < d; q++) H[row + q] += xp * X[base + q];
        }
      }
    }
  }
  // Only blocks l >= k were accumulated: scale, then mirror the upper triangle (entrywise,
  // so H is exactly symmetric: coef x_p x_q and coef x_q x_p round differently).
  const inv = 1 / n;
  for (let t = 0; t < H.length; t++) H[t] *= inv;
  for (let a = 0; a < P; a++) {
    for (let b = a + 1; b < P; b++) H[b * P + a] = H[a * P + b];
  }
  return H;
}

/**
 * H(W) u without forming H: O(N d K) per product. u has W's layout.
 * @example outputModelHvp(model, data, W, u)
 */
export function outputModelHvp(
  model: OutputModel,
  data: Dataset,
  W: Weights,
  u: Float64Array,
): Float64Array {
  const { n, d, X, y } = data;
  const { K } = W;
  const out = new Float64Array(d * K);
  const a = new Float64Array(K);
  const c = new Float64Array(K);
  const xu = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    sampleTerms(model, W.data, d, K, X, base, y[i], a, c);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += u[k * d + j] * X[base + j];
      xu[k] = s;
      sum += a[k] * s;
    }
    for (let k = 0; k < K; k++) {
      const coef = a[k] * sum + c[k] * xu[k];
      if (coef !== 0) for (let j = 0; j < d; j++) out[k * d + j] += coef * X[base + j];
    }
  }
  const inv = 1 / n;
  for (let t = 0; t < out.length; t++) out[t] *= inv;
  return out;
}
