/**
 * Control: one fused pass computes the loss and the gradient into caller-owned buffers, and
 * gradient descent updates a single weight buffer in place (no allocation per step), the way a
 * C or Fortran solver is written. Loops go unit-major over the samples (for each unit, every
 * sample), the transpose of relucheck's sample-major loop.
 *
 * @example
 * ```ts
 * const run = await inPlaceControl().gradientDescent!(data, { W0, eta: 0.1, iterations: 10 });
 * ```
 */
import type { Dataset } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';

/**
 * Writes grad L_N(w) into `g` and returns L_N(w); `z` (N x K scratch, unit-major) and `r`
 * (N scratch) are overwritten. `w` is unit-contiguous.
 */
function fused(data: Dataset, K: number, w: Float64Array, g: Float64Array, z: Float64Array, r: Float64Array): number {
  const { n, d, X, y } = data;
  for (let i = 0; i < n; i++) r[i] = -y[i];
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += w[k * d + j] * X[i * d + j];
      z[k * n + i] = s;
      if (s > 0) r[i] += s;
    }
  }
  let sq = 0;
  for (let i = 0; i < n; i++) sq += r[i] * r[i];
  g.fill(0);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      if (z[k * n + i] < 0) continue; // indicator z >= 0 (eq. 3.2)
      for (let j = 0; j < d; j++) g[k * d + j] += r[i] * X[i * d + j];
    }
  }
  for (let q = 0; q < g.length; q++) g[q] /= n;
  return sq / (2 * n);
}

function scratch(data: Dataset, K: number): { g: Float64Array; z: Float64Array; r: Float64Array } {
  return { g: new Float64Array(data.d * K), z: new Float64Array(data.n * K), r: new Float64Array(data.n) };
}

/**
 * The in-place control (loss, gradient, gd).
 * @example inPlaceControl().name
 */
export function inPlaceControl(): Implementation {
  return {
    name: 'control: fused pass, in-place GD',
    capabilities: ['loss', 'gradient', 'gd'],
    loss: async (data, W) => {
      const s = scratch(data, W.K);
      return fused(data, W.K, W.data, s.g, s.z, s.r);
    },
    gradient: async (data, W) => {
      const s = scratch(data, W.K);
      fused(data, W.K, W.data, s.g, s.z, s.r);
      return s.g;
    },
    gradientDescent: async (data, req) => {
      const { K } = req.W0;
      const w = Float64Array.from(req.W0.data);
      const s = scratch(data, K);
      const loss = new Float64Array(req.iterations + 1);
      for (let t = 0; t < req.iterations; t++) {
        loss[t] = fused(data, K, w, s.g, s.z, s.r);
        for (let q = 0; q < w.length; q++) w[q] -= req.eta * s.g[q];
      }
      loss[req.iterations] = fused(data, K, w, s.g, s.z, s.r);
      return { W: { d: req.W0.d, K, data: w }, loss };
    },
  };
}
