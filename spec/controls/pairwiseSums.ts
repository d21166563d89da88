/**
 * Control: every sum over samples by pairwise summation (NumPy's order), from THEORY.md's
 * formulas. Per-sample terms are stored and summed by halving, so the gradient and the HVP
 * round differently from relucheck's left-to-right loops while computing the same numbers.
 *
 * @example
 * ```ts
 * const impl = pairwiseControl();
 * await impl.gradient!(data, W);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { functionalGd } from './functionalGd.js';
import { pairwiseSum } from './sums.js';

/** Pre-activations z[i*K + k] = w_k . x_i (the inner products summed pairwise too). */
function preActivations(data: Dataset, W: Weights): Float64Array {
  const { n, d, X } = data;
  const z = new Float64Array(n * W.K);
  const terms = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W.K; k++) {
      for (let j = 0; j < d; j++) terms[j] = W.data[k * d + j] * X[i * d + j];
      z[i * W.K + k] = pairwiseSum(terms);
    }
  }
  return z;
}

function residuals(data: Dataset, W: Weights, z: Float64Array): Float64Array {
  const r = new Float64Array(data.n);
  const relu = new Float64Array(W.K);
  for (let i = 0; i < data.n; i++) {
    for (let k = 0; k < W.K; k++) relu[k] = Math.max(0, z[i * W.K + k]);
    r[i] = pairwiseSum(relu) - data.y[i];
  }
  return r;
}

function lossAndGradient(data: Dataset, W: Weights): { loss: number; gradient: Float64Array } {
  const { n, d, X } = data;
  const z = preActivations(data, W);
  const r = residuals(data, W, z);
  const gradient = new Float64Array(d * W.K);
  const terms = new Float64Array(n);
  for (let k = 0; k < W.K; k++) {
    for (let j = 0; j < d; j++) {
      // Eq. (3.2): the indicator is z >= 0.
      for (let i = 0; i < n; i++) terms[i] = z[i * W.K + k] >= 0 ? r[i] * X[i * d + j] : 0;
      gradient[k * d + j] = pairwiseSum(terms) / n;
    }
  }
  return { loss: pairwiseSum(r.map((v) => v * v)) / (2 * n), gradient };
}

/** Gauss-Newton H u: (1/N) sum_i m_ik x_i (sum_l m_il u_l . x_i), summed pairwise over i. */
function hvp(data: Dataset, W: Weights, u: Float64Array): Float64Array {
  const { n, d, X } = data;
  const z = preActivations(data, W);
  const s = new Float64Array(n);
  const terms = new Float64Array(Math.max(n, d * W.K));
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let l = 0; l < W.K; l++) {
      if (z[i * W.K + l] < 0) continue;
      for (let j = 0; j < d; j++) terms[c++] = u[l * d + j] * X[i * d + j];
    }
    s[i] = pairwiseSum(terms, 0, c);
  }
  const out = new Float64Array(d * W.K);
  for (let k = 0; k < W.K; k++) {
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < n; i++) terms[i] = z[i * W.K + k] >= 0 ? s[i] * X[i * d + j] : 0;
      out[k * d + j] = pairwiseSum(terms, 0, n) / n;
    }
  }
  return out;
}

/**
 * The pairwise-summation control (loss, gradient, hvp, gd).
 * @example pairwiseControl().capabilities
 */
export function pairwiseControl(): Implementation {
  const gd = functionalGd(lossAndGradient);
  return {
    name: 'control: pairwise sums',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    loss: async (data, W) => lossAndGradient(data, W).loss,
    gradient: async (data, W) => lossAndGradient(data, W).gradient,
    hvp: async (data, W, u) => hvp(data, W, u),
    gradientDescent: async (data, req) => gd(data, req),
  };
}
