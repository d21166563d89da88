/**
 * Control: the textbook per-sample loop. Each sample's loss term and gradient (a K x d array,
 * zeros outside the active units) are computed on their own, the per-sample gradients are
 * summed into a running total and the total is divided by N once; the HVP adds one rank-one
 * term a_i (a_i . u) per sample. GD is written like an optimizer object (a `step()` that
 * reads a fresh gradient), the way PyTorch users write it.
 *
 * @example
 * ```ts
 * const L = await perSampleControl().loss!(data, W);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';

/** Sample i's features a_i = (1{w_k . x_i >= 0} x_i)_k, its output and its residual. */
function sample(data: Dataset, W: Weights, i: number): { a: Float64Array; r: number } {
  const { d, X } = data;
  const x = X.subarray(i * d, i * d + d);
  const a = new Float64Array(d * W.K);
  let f = 0;
  for (let k = 0; k < W.K; k++) {
    const w = W.data.subarray(k * d, k * d + d);
    const z = w.reduce((s, wj, j) => s + wj * x[j], 0);
    if (z >= 0) {
      f += z;
      a.set(x, k * d);
    }
  }
  return { a, r: f - data.y[i] };
}

function lossOf(data: Dataset, W: Weights): number {
  let total = 0;
  for (let i = 0; i < data.n; i++) total += 0.5 * sample(data, W, i).r ** 2;
  return total / data.n;
}

function gradientOf(data: Dataset, W: Weights): Float64Array {
  const total = new Float64Array(W.data.length);
  for (let i = 0; i < data.n; i++) {
    const { a, r } = sample(data, W, i);
    // grad of (1/2) r_i^2 is r_i a_i
    for (let q = 0; q < total.length; q++) total[q] += r * a[q];
  }
  return total.map((v) => v / data.n);
}

function hvpOf(data: Dataset, W: Weights, u: Float64Array): Float64Array {
  const total = new Float64Array(W.data.length);
  for (let i = 0; i < data.n; i++) {
    const { a } = sample(data, W, i);
    const au = a.reduce((s, v, q) => s + v * u[q], 0);
    for (let q = 0; q < total.length; q++) total[q] += a[q] * au;
  }
  return total.map((v) => v / data.n);
}

/** Plain SGD "optimizer" over a parameter it owns, stepping with a gradient callback. */
class Sgd {
  constructor(
    readonly params: Float64Array,
    private readonly lr: number,
  ) {}

  step(grad: Float64Array): void {
    for (let q = 0; q < this.params.length; q++) this.params[q] -= this.lr * grad[q];
  }
}

/**
 * The per-sample control (loss, gradient, hvp, gd).
 * @example perSampleControl().capabilities.includes('hvp')
 */
export function perSampleControl(): Implementation {
  return {
    name: 'control: per-sample loop',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    loss: async (data, W) => lossOf(data, W),
    gradient: async (data, W) => gradientOf(data, W),
    hvp: async (data, W, u) => hvpOf(data, W, u),
    gradientDescent: async (data, req) => {
      const W: Weights = { d: req.W0.d, K: req.W0.K, data: Float64Array.from(req.W0.data) };
      const opt = new Sgd(W.data, req.eta);
      const loss = [lossOf(data, W)];
      for (let t = 0; t < req.iterations; t++) {
        opt.step(gradientOf(data, W));
        loss.push(lossOf(data, W));
      }
      return { W, loss: Float64Array.from(loss) };
    },
  };
}
