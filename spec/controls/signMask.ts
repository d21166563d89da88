/**
 * Control: the activation written with sign(): relu(z) = (z + |z|) / 2 and its mask
 * 1 - max(0, -sign(z)), which is 1 for z > 0, 1 at z = 0 (sign(0) = 0) and 0 for z < 0: the
 * `z >= 0` convention of eq. (3.2) reached by another route. Both are exact in floating point
 * (z + |z| is 2z or 0), so any difference from relucheck's would be a real one.
 *
 * @example
 * ```ts
 * await signMaskControl().gradient!(data, W);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { functionalGd } from './functionalGd.js';

const relu = (z: number): number => (z + Math.abs(z)) / 2;
const mask = (z: number): number => 1 - Math.max(0, -Math.sign(z));

function zs(data: Dataset, W: Weights, i: number): Float64Array {
  const { d, X } = data;
  const z = new Float64Array(W.K);
  for (let k = 0; k < W.K; k++) for (let j = 0; j < d; j++) z[k] += W.data[k * d + j] * X[i * d + j];
  return z;
}

function lossAndGradient(data: Dataset, W: Weights): { loss: number; gradient: Float64Array } {
  const { n, d, X } = data;
  const g = new Float64Array(d * W.K);
  let L = 0;
  for (let i = 0; i < n; i++) {
    const z = zs(data, W, i);
    let f = 0;
    for (let k = 0; k < W.K; k++) f += relu(z[k]);
    const r = f - data.y[i];
    L += r * r;
    for (let k = 0; k < W.K; k++) {
      const m = mask(z[k]) * r;
      for (let j = 0; j < d; j++) g[k * d + j] += m * X[i * d + j];
    }
  }
  for (let q = 0; q < g.length; q++) g[q] /= n;
  return { loss: L / (2 * n), gradient: g };
}

function hvp(data: Dataset, W: Weights, u: Float64Array): Float64Array {
  const { n, d, X } = data;
  const out = new Float64Array(d * W.K);
  for (let i = 0; i < n; i++) {
    const z = zs(data, W, i);
    let s = 0;
    for (let k = 0; k < W.K; k++) {
      let uk = 0;
      for (let j = 0; j < d; j++) uk += u[k * d + j] * X[i * d + j];
      s += mask(z[k]) * uk;
    }
    for (let k = 0; k < W.K; k++) {
      const m = mask(z[k]) * s;
      for (let j = 0; j < d; j++) out[k * d + j] += m * X[i * d + j];
    }
  }
  return out.map((v) => v / n);
}

/**
 * The sign()-mask control (loss, gradient, hvp, gd), declaring relu'(0) = 1.
 * @example signMaskControl().reluAtZero === 1
 */
export function signMaskControl(): Implementation {
  const gd = functionalGd(lossAndGradient);
  return {
    name: 'control: sign() mask',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    reluAtZero: 1,
    loss: async (data, W) => lossAndGradient(data, W).loss,
    gradient: async (data, W) => lossAndGradient(data, W).gradient,
    hvp: async (data, W, u) => hvp(data, W, u),
    gradientDescent: async (data, req) => gd(data, req),
  };
}
