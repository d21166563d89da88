/**
 * Control: a float32 implementation, the way PyTorch's default dtype or TensorFlow.js computes.
 * Written from THEORY.md (eq. 1.2 loss, eq. 3.2 gradient with the `>= 0` indicator, the
 * Gauss-Newton Hessian off kinks, full-sample GD): every input is converted to a Float32Array
 * on the way in, and every arithmetic operation is rounded to float32 with Math.fround, so
 * each intermediate is what real float32 code would hold (sums are plain sequential float32
 * accumulations, the least accurate order). It declares `precision: 'float32'`; held to
 * float32 rounding bounds (u = 2^-24) it must pass every applicable claim and fixture, held to
 * float64 ones it fails and the float32-answer detector says why (spec/precision/).
 *
 * @example
 * ```ts
 * const impl = float32Control();
 * await claim.run(impl, { seed: 1, tier: 'default' }); // precision taken from the declaration
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';

const f = Math.fround;

/** The dataset converted once (datasets are reused across calls; key on identity). */
const converted = new WeakMap<Dataset, { X: Float32Array; y: Float32Array }>();
function float32Data(data: Dataset): { X: Float32Array; y: Float32Array } {
  let c = converted.get(data);
  if (!c) converted.set(data, (c = { X: Float32Array.from(data.X), y: Float32Array.from(data.y) }));
  return c;
}

/** z = W^T x_i per unit and the residual r_i, all in float32. */
function forward(X: Float32Array, y: Float32Array, W: Float32Array, d: number, K: number, i: number, z: Float32Array): number {
  let out = 0;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < d; j++) s = f(s + f(W[k * d + j] * X[i * d + j]));
    z[k] = s;
    if (s > 0) out = f(out + s);
  }
  return f(out - y[i]);
}

/** L_N and grad L_N at W (float32 W), gradient written into g. */
function lossAndGradient(data: Dataset, W: Float32Array, K: number, g: Float32Array): number {
  const { n, d } = data;
  const { X, y } = float32Data(data);
  const z = new Float32Array(K);
  g.fill(0);
  let L = 0;
  for (let i = 0; i < n; i++) {
    const r = forward(X, y, W, d, K, i, z);
    L = f(L + f(r * r));
    for (let k = 0; k < K; k++) {
      if (!(z[k] >= 0)) continue; // eq. (3.2): the indicator is >= 0
      for (let j = 0; j < d; j++) g[k * d + j] = f(g[k * d + j] + f(r * X[i * d + j]));
    }
  }
  const invN = f(1 / n);
  for (let q = 0; q < g.length; q++) g[q] = f(g[q] * invN);
  return f(L * f(1 / (2 * n)));
}

/** Gauss-Newton H(W) u: block (j, l) = (1/N) sum_i 1_ij 1_il x_i x_i^T, in float32. */
function hvp(data: Dataset, W: Float32Array, K: number, u: Float32Array): Float32Array {
  const { n, d } = data;
  const { X, y } = float32Data(data);
  const z = new Float32Array(K);
  const out = new Float32Array(d * K);
  for (let i = 0; i < n; i++) {
    forward(X, y, W, d, K, i, z);
    let s = 0;
    for (let k = 0; k < K; k++) {
      if (!(z[k] >= 0)) continue;
      for (let j = 0; j < d; j++) s = f(s + f(u[k * d + j] * X[i * d + j]));
    }
    for (let k = 0; k < K; k++) {
      if (!(z[k] >= 0)) continue;
      for (let j = 0; j < d; j++) out[k * d + j] = f(out[k * d + j] + f(s * X[i * d + j]));
    }
  }
  const invN = f(1 / n);
  for (let q = 0; q < out.length; q++) out[q] = f(out[q] * invN);
  return out;
}

/** Answers travel as float64 (exactly the float32 values). */
const toF64 = (a: Float32Array): Float64Array => Float64Array.from(a);

/**
 * The float32 control (loss, gradient, hvp, gd), declaring precision float32.
 * @example float32Control().precision === 'float32'
 */
export function float32Control(): Implementation {
  return {
    name: 'control: float32 arithmetic',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    precision: 'float32',
    loss: async (data, W) => lossAndGradient(data, Float32Array.from(W.data), W.K, new Float32Array(W.data.length)),
    gradient: async (data, W) => {
      const g = new Float32Array(W.data.length);
      lossAndGradient(data, Float32Array.from(W.data), W.K, g);
      return toF64(g);
    },
    hvp: async (data, W, u) => toF64(hvp(data, Float32Array.from(W.data), W.K, Float32Array.from(u))),
    gradientDescent: async (data, { W0, eta, iterations }) => {
      // Zhang et al. Algorithm 1 with the full sample, in place on a float32 buffer.
      const W = Float32Array.from(W0.data);
      const g = new Float32Array(W.length);
      const e = f(eta);
      const loss = new Float64Array(iterations + 1);
      for (let t = 0; t <= iterations; t++) {
        loss[t] = lossAndGradient(data, W, W0.K, g);
        if (t === iterations) break;
        for (let q = 0; q < W.length; q++) W[q] = f(W[q] - f(e * g[q]));
      }
      const out: Weights = { d: W0.d, K: W0.K, data: toF64(W) };
      return { W: out, loss };
    },
  };
}
