/**
 * Control: every loop runs backwards (samples N-1..0, units K-1..0, inputs d-1..0) and each
 * term is scaled by 1/N (or 1/(2N)) before it is added, instead of once at the end: the same
 * mathematics as eq. (1.2) and (3.2), a different rounding everywhere.
 *
 * @example
 * ```ts
 * const g = await reverseControl().gradient!(data, W);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';

function preActivation(data: Dataset, W: Weights, i: number, k: number): number {
  const { d, X } = data;
  let z = 0;
  for (let j = d - 1; j >= 0; j--) z += X[i * d + j] * W.data[k * d + j];
  return z;
}

function output(data: Dataset, W: Weights, i: number): number {
  let f = 0;
  for (let k = W.K - 1; k >= 0; k--) {
    const z = preActivation(data, W, i, k);
    if (z >= 0) f += z;
  }
  return f;
}

function loss(data: Dataset, W: Weights): number {
  const c = 1 / (2 * data.n);
  let L = 0;
  for (let i = data.n - 1; i >= 0; i--) {
    const r = output(data, W, i) - data.y[i];
    L += c * r * r;
  }
  return L;
}

/** The gradient and the loss, one backward pass. */
function lossAndGradient(data: Dataset, W: Weights): { loss: number; gradient: Float64Array } {
  const { n, d, X } = data;
  const g = new Float64Array(d * W.K);
  const z = new Float64Array(W.K);
  let L = 0;
  for (let i = n - 1; i >= 0; i--) {
    let f = 0;
    for (let k = W.K - 1; k >= 0; k--) {
      z[k] = preActivation(data, W, i, k);
      if (z[k] >= 0) f += z[k];
    }
    const r = f - data.y[i];
    L += (r * r) / (2 * n);
    const rn = r / n;
    for (let k = W.K - 1; k >= 0; k--) {
      if (z[k] < 0) continue;
      for (let j = d - 1; j >= 0; j--) g[k * d + j] += rn * X[i * d + j];
    }
  }
  return { loss: L, gradient: g };
}

function hvp(data: Dataset, W: Weights, u: Float64Array): Float64Array {
  const { n, d, X } = data;
  const out = new Float64Array(d * W.K);
  const active = new Uint8Array(W.K);
  for (let i = n - 1; i >= 0; i--) {
    let s = 0;
    for (let k = W.K - 1; k >= 0; k--) {
      active[k] = preActivation(data, W, i, k) >= 0 ? 1 : 0;
      if (active[k]) for (let j = d - 1; j >= 0; j--) s += X[i * d + j] * u[k * d + j];
    }
    const sn = s / n;
    for (let k = W.K - 1; k >= 0; k--) {
      if (active[k]) for (let j = d - 1; j >= 0; j--) out[k * d + j] += sn * X[i * d + j];
    }
  }
  return out;
}

/**
 * The reversed-loops control (loss, gradient, hvp, gd). GD adds (-eta) g, recording the
 * loss from the same backward pass as the gradient.
 * @example reverseControl().name
 */
export function reverseControl(): Implementation {
  return {
    name: 'control: reversed loops',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    loss: async (data, W) => loss(data, W),
    gradient: async (data, W) => lossAndGradient(data, W).gradient,
    hvp: async (data, W, u) => hvp(data, W, u),
    gradientDescent: async (data, req) => {
      const losses = new Float64Array(req.iterations + 1);
      let W: Weights = { ...req.W0, data: Float64Array.from(req.W0.data) };
      for (let t = 0; t <= req.iterations; t++) {
        const { loss: L, gradient } = lossAndGradient(data, W);
        losses[t] = L;
        if (t < req.iterations) W = { ...W, data: W.data.map((w, q) => w + -req.eta * gradient[q]) };
      }
      return { W, loss: losses };
    },
  };
}
