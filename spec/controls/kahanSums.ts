/**
 * Control: compensated (Kahan) summation everywhere: inner products, the outputs, and the
 * sums over samples. Its answers are more accurate than relucheck's plain loops, so a claim
 * that fails it holds implementations to relucheck's rounding rather than to the truth.
 *
 * @example
 * ```ts
 * await kahanControl().loss!(data, W);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { functionalGd } from './functionalGd.js';
import { KahanSum, kahanDot } from './sums.js';

function lossAndGradient(data: Dataset, W: Weights): { loss: number; gradient: Float64Array } {
  const { n, d, X } = data;
  const acc = Array.from({ length: d * W.K }, () => new KahanSum());
  const L = new KahanSum();
  const z = new Float64Array(W.K);
  for (let i = 0; i < n; i++) {
    const f = new KahanSum();
    for (let k = 0; k < W.K; k++) {
      z[k] = kahanDot(W.data, k * d, X, i * d, d);
      if (z[k] > 0) f.add(z[k]);
    }
    const r = f.value - data.y[i];
    L.add(r * r);
    for (let k = 0; k < W.K; k++) {
      if (z[k] >= 0) for (let j = 0; j < d; j++) acc[k * d + j].add(r * X[i * d + j]);
    }
  }
  return { loss: L.value / (2 * n), gradient: Float64Array.from(acc, (a) => a.value / n) };
}

function hvp(data: Dataset, W: Weights, u: Float64Array): Float64Array {
  const { n, d, X } = data;
  const acc = Array.from({ length: d * W.K }, () => new KahanSum());
  const active = new Uint8Array(W.K);
  for (let i = 0; i < n; i++) {
    const s = new KahanSum();
    for (let k = 0; k < W.K; k++) {
      active[k] = kahanDot(W.data, k * d, X, i * d, d) >= 0 ? 1 : 0;
      if (active[k]) s.add(kahanDot(u, k * d, X, i * d, d));
    }
    for (let k = 0; k < W.K; k++) {
      if (active[k]) for (let j = 0; j < d; j++) acc[k * d + j].add(s.value * X[i * d + j]);
    }
  }
  return Float64Array.from(acc, (a) => a.value / n);
}

/**
 * The Kahan-summed control (loss, gradient, hvp, gd).
 * @example kahanControl().capabilities
 */
export function kahanControl(): Implementation {
  const gd = functionalGd(lossAndGradient);
  return {
    name: 'control: Kahan sums',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    loss: async (data, W) => lossAndGradient(data, W).loss,
    gradient: async (data, W) => lossAndGradient(data, W).gradient,
    hvp: async (data, W, u) => hvp(data, W, u),
    gradientDescent: async (data, req) => gd(data, req),
  };
}
