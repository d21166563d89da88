/**
 * The general one-hidden-layer model with output weights (Zhong et al. 2017, eq. (1)):
 *
 *   f(x) = sum_k v_k phi(w_k . x),
 *   L_N(W, v) = 1/(2N) sum_i r_i^2,   r_i = f(x_i) - y_i,
 *   dL/dw_k = (1/N) sum_i r_i v_k phi'(w_k . x_i) x_i,
 *   dL/dv_k = (1/N) sum_i r_i phi(w_k . x_i).
 *
 * This is the slow general kernel (a function call per activation); the ReLU fast path in
 * `core/kernel.ts` stays separate and must agree with it for phi = ReLU, v = 1.
 *
 * @example
 * ```ts
 * const model = { activation: ACTIVATIONS.tanh, v: new Float64Array([1, -1]) };
 * const gradW = new Float64Array(W.data.length);
 * const L = outputModelLossAndGradient(model, data, W, gradW);
 * ```
 */
import type { Activation } from '../activations/activation.js';
import type { Dataset, Weights } from '../layout.js';

/** The activation and the output weights v (length K). */
export interface OutputModel {
  readonly activation: Activation;
  readonly v: Float64Array;
}

/**
 * f(x) = sum_k v_k phi(w_k . x) for the input at X[offset].
 * @example outputModelOutput(model, W.data, d, K, X, i * d)
 */
export function outputModelOutput(
  model: OutputModel,
  w: Float64Array,
  d: number,
  K: number,
  X: Float64Array,
  offset: number,
): number {
  const phi = model.activation.phi;
  let out = 0;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += w[k * d + j] * X[offset + j];
    out += model.v[k] * phi(s);
  }
  return out;
}

/**
 * L_N(W, v) alone.
 * @example outputModelLoss(model, data, W)
 */
export function outputModelLoss(model: OutputModel, data: Dataset, W: Weights): number {
  let total = 0;
  for (let i = 0; i < data.n; i++) {
    const r = outputModelOutput(model, W.data, data.d, W.K, data.X, i * data.d) - data.y[i];
    total += r * r;
  }
  return (0.5 * total) / data.n;
}

/**
 * L_N(W, v), writing dL/dW into `gradW` (W's layout) and, when given, dL/dv into `gradV`.
 * No validation (hot loop); callers validate at their boundary.
 */
export function outputModelLossAndGradient(
  model: OutputModel,
  data: Dataset,
  W: Weights,
  gradW: Float64Array,
  gradV?: Float64Array,
): number {
  const { n, d, X, y } = data;
  const { K } = W;
  const w = W.data;
  const { phi, d1 } = model.activation;
  const v = model.v;
  const z = new Float64Array(K);
  gradW.fill(0);
  gradV?.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let out = 0;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += w[k * d + j] * X[base + j];
      z[k] = s;
      out += v[k] * phi(s);
    }
    const r = out - y[i];
    loss += r * r;
    for (let k = 0; k < K; k++) {
      const c = r * v[k] * d1(z[k]);
      if (c !== 0) for (let j = 0; j < d; j++) gradW[k * d + j] += c * X[base + j];
      if (gradV) gradV[k] += r * phi(z[k]);
    }
  }
  const inv = 1 / n;
  for (let t = 0; t < gradW.length; t++) gradW[t] *= inv;
  if (gradV) for (let k = 0; k < K; k++) gradV[k] *= inv;
  return 0.5 * loss * inv;
}
