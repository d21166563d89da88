/**
 * Control: derivatives by automatic differentiation instead of eq. (3.2). The loss is
 * recorded on a tape (reverse mode, as PyTorch's autograd does) and the gradient is read off
 * the adjoints, with relu's backward taking relu'(0) = 1 (declared, the default convention).
 * The HVP is forward-over-reverse: the same adjoint sweep run in dual numbers (value, tangent)
 * at W + eps u, whose tangent is the derivative of the gradient along u, i.e. H u off the
 * kinks (relu'' = 0 there, so the full Hessian is the Gauss-Newton one).
 *
 * @example
 * ```ts
 * await autodiffControl().hvp!(data, W, u);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { functionalGd } from './functionalGd.js';

/** A tape of binary nodes: value, two parents (-1 for none) and the local partials. */
class Tape {
  readonly value: number[] = [];
  private readonly pa: number[] = [];
  private readonly pb: number[] = [];
  private readonly da: number[] = [];
  private readonly db: number[] = [];

  private push(v: number, a: number, da: number, b: number, db: number): number {
    this.value.push(v);
    this.pa.push(a);
    this.da.push(da);
    this.pb.push(b);
    this.db.push(db);
    return this.value.length - 1;
  }

  leaf(v: number): number {
    return this.push(v, -1, 0, -1, 0);
  }
  add(a: number, b: number): number {
    return this.push(this.value[a] + this.value[b], a, 1, b, 1);
  }
  mulConst(a: number, c: number): number {
    return this.push(this.value[a] * c, a, c, -1, 0);
  }
  addConst(a: number, c: number): number {
    return this.push(this.value[a] + c, a, 1, -1, 0);
  }
  square(a: number): number {
    return this.push(this.value[a] * this.value[a], a, 2 * this.value[a], -1, 0);
  }
  /** relu with backward slope 1 at 0 (the declared convention). */
  relu(a: number): number {
    const z = this.value[a];
    return this.push(Math.max(0, z), a, z >= 0 ? 1 : 0, -1, 0);
  }

  /** Adjoints of every node for the output node `out`. */
  backward(out: number): Float64Array {
    const bar = new Float64Array(this.value.length);
    bar[out] = 1;
    for (let q = out; q >= 0; q--) {
      if (bar[q] === 0) continue;
      if (this.pa[q] >= 0) bar[this.pa[q]] += bar[q] * this.da[q];
      if (this.pb[q] >= 0) bar[this.pb[q]] += bar[q] * this.db[q];
    }
    return bar;
  }
}

function taped(data: Dataset, W: Weights): { loss: number; gradient: Float64Array } {
  const { n, d, X } = data;
  const t = new Tape();
  const w = Array.from(W.data, (v) => t.leaf(v));
  let L = -1;
  for (let i = 0; i < n; i++) {
    let f = -1;
    for (let k = 0; k < W.K; k++) {
      let z = -1;
      for (let j = 0; j < d; j++) {
        const p = t.mulConst(w[k * d + j], X[i * d + j]);
        z = z < 0 ? p : t.add(z, p);
      }
      const a = t.relu(z);
      f = f < 0 ? a : t.add(f, a);
    }
    const sq = t.square(t.addConst(f, -data.y[i]));
    L = L < 0 ? sq : t.add(L, sq);
  }
  const out = t.mulConst(L, 1 / (2 * n));
  const bar = t.backward(out);
  return { loss: t.value[out], gradient: Float64Array.from(w, (q) => bar[q]) };
}

/**
 * The loss alone: the tape's forward pass without recording it (as PyTorch evaluates a loss
 * under no_grad), the same operations in the same order, so the value is bit-identical to
 * `taped(...).loss`. Finite-difference claims call the loss 2 dK times per case; recording
 * and sweeping a tape of ~N K (2d + 2) nodes for each call made gradient-fd-full outlive the
 * flake check's 30-minute test limit on thorough seed 2654435761 (wide cases d <= 32, K <= 8,
 * N <= 3000).
 */
function forwardLoss(data: Dataset, W: Weights): number {
  const { n, d, X } = data;
  let L = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let k = 0; k < W.K; k++) {
      let z = W.data[k * d] * X[i * d];
      for (let j = 1; j < d; j++) z += W.data[k * d + j] * X[i * d + j];
      const a = Math.max(0, z);
      f = k === 0 ? a : f + a;
    }
    const r = f + -data.y[i];
    L = i === 0 ? r * r : L + r * r;
  }
  return L * (1 / (2 * n));
}

/**
 * The adjoint sweep in dual numbers at W + eps u, keeping only tangents (the values of r do
 * not enter the tangent of the gradient when relu'' = 0): returns d grad / d eps = H u.
 */
function forwardOverReverse(data: Dataset, W: Weights, u: Float64Array): Float64Array {
  const { n, d, X } = data;
  const tangent = new Float64Array(W.data.length);
  for (let i = 0; i < n; i++) {
    // Forward: z = (value, tangent); the mask is a function of the value only.
    let rt = 0;
    const zv = new Float64Array(W.K);
    for (let k = 0; k < W.K; k++) {
      let v = 0;
      let tt = 0;
      for (let j = 0; j < d; j++) {
        v += W.data[k * d + j] * X[i * d + j];
        tt += u[k * d + j] * X[i * d + j];
      }
      zv[k] = v;
      if (v >= 0) rt += tt;
    }
    // Reverse: bar z_k = r / N * relu'(z_k); its tangent is rt / N * relu'(z_k).
    for (let k = 0; k < W.K; k++) {
      if (zv[k] < 0) continue;
      for (let j = 0; j < d; j++) tangent[k * d + j] += (rt / n) * X[i * d + j];
    }
  }
  return tangent;
}

/**
 * The autodiff control (loss, gradient, hvp, gd), declaring relu'(0) = 1.
 * @example autodiffControl().reluAtZero === 1
 */
export function autodiffControl(): Implementation {
  const gd = functionalGd(taped);
  return {
    name: 'control: reverse-mode tape, forward-over-reverse HVP',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    reluAtZero: 1,
    loss: async (data, W) => forwardLoss(data, W),
    gradient: async (data, W) => taped(data, W).gradient,
    hvp: async (data, W, u) => forwardOverReverse(data, W, u),
    gradientDescent: async (data, req) => gd(data, req),
  };
}
