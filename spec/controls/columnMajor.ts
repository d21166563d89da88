/**
 * Control: computes in the other layouts. Internally W is the d x K matrix in C order
 * (`Wc[i*K + k]`, the NumPy user's `W[i, k]`) and X is stored column by column
 * (`Xc[j*N + n]`, Fortran order). It converts on entry and back to the protocol's
 * unit-contiguous layout on exit, which is exactly the step a transposed-layout bug gets wrong;
 * GD converts once and iterates in its own layout.
 *
 * @example
 * ```ts
 * await columnMajorControl().gradient!(data, W);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';

/** The problem in the control's own layouts. */
interface Internal {
  readonly n: number;
  readonly d: number;
  readonly K: number;
  /** X column-major: Xc[j * n + i]. */
  readonly Xc: Float64Array;
  readonly y: Float64Array;
}

function internal(data: Dataset, K: number): Internal {
  const { n, d, X } = data;
  const Xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Xc[j * n + i] = X[i * d + j];
  return { n, d, K, Xc, y: data.y };
}

/** Unit-contiguous W -> C-order d x K. */
const toC = (W: Weights): Float64Array => {
  const Wc = new Float64Array(W.d * W.K);
  for (let k = 0; k < W.K; k++) for (let i = 0; i < W.d; i++) Wc[i * W.K + k] = W.data[k * W.d + i];
  return Wc;
};

/** C-order d x K -> unit-contiguous. */
const fromC = (Wc: Float64Array, d: number, K: number): Float64Array => {
  const out = new Float64Array(d * K);
  for (let i = 0; i < d; i++) for (let k = 0; k < K; k++) out[k * d + i] = Wc[i * K + k];
  return out;
};

/** Z = X W column by column: Z[k * n + i]. */
function pre(p: Internal, Wc: Float64Array): Float64Array {
  const Z = new Float64Array(p.n * p.K);
  for (let k = 0; k < p.K; k++) {
    for (let j = 0; j < p.d; j++) {
      const w = Wc[j * p.K + k];
      for (let i = 0; i < p.n; i++) Z[k * p.n + i] += p.Xc[j * p.n + i] * w;
    }
  }
  return Z;
}

function residual(p: Internal, Z: Float64Array): Float64Array {
  const r = Float64Array.from(p.y, (v) => -v);
  for (let k = 0; k < p.K; k++) for (let i = 0; i < p.n; i++) r[i] += Math.max(0, Z[k * p.n + i]);
  return r;
}

function lossGrad(p: Internal, Wc: Float64Array): { loss: number; Gc: Float64Array } {
  const Z = pre(p, Wc);
  const r = residual(p, Z);
  const Gc = new Float64Array(p.d * p.K);
  for (let j = 0; j < p.d; j++) {
    for (let k = 0; k < p.K; k++) {
      let s = 0;
      for (let i = 0; i < p.n; i++) if (Z[k * p.n + i] >= 0) s += r[i] * p.Xc[j * p.n + i];
      Gc[j * p.K + k] = s / p.n;
    }
  }
  let L = 0;
  for (let i = 0; i < p.n; i++) L += r[i] * r[i];
  return { loss: L / (2 * p.n), Gc };
}

function hvpC(p: Internal, Wc: Float64Array, Uc: Float64Array): Float64Array {
  const Z = pre(p, Wc);
  const s = new Float64Array(p.n);
  for (let k = 0; k < p.K; k++) {
    for (let j = 0; j < p.d; j++) {
      const u = Uc[j * p.K + k];
      for (let i = 0; i < p.n; i++) if (Z[k * p.n + i] >= 0) s[i] += p.Xc[j * p.n + i] * u;
    }
  }
  const out = new Float64Array(p.d * p.K);
  for (let j = 0; j < p.d; j++) {
    for (let k = 0; k < p.K; k++) {
      let t = 0;
      for (let i = 0; i < p.n; i++) if (Z[k * p.n + i] >= 0) t += s[i] * p.Xc[j * p.n + i];
      out[j * p.K + k] = t / p.n;
    }
  }
  return out;
}

/**
 * The layout control (loss, gradient, hvp, gd).
 * @example columnMajorControl().name
 */
export function columnMajorControl(): Implementation {
  return {
    name: 'control: C-order W, column-major X',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    loss: async (data, W) => lossGrad(internal(data, W.K), toC(W)).loss,
    gradient: async (data, W) => fromC(lossGrad(internal(data, W.K), toC(W)).Gc, W.d, W.K),
    hvp: async (data, W, u) => fromC(hvpC(internal(data, W.K), toC(W), toC({ d: W.d, K: W.K, data: u })), W.d, W.K),
    gradientDescent: async (data, req) => {
      const { d, K } = req.W0;
      const p = internal(data, K);
      const Wc = toC(req.W0);
      const loss = new Float64Array(req.iterations + 1);
      for (let t = 0; ; t++) {
        const { loss: L, Gc } = lossGrad(p, Wc);
        loss[t] = L;
        if (t === req.iterations) break;
        for (let q = 0; q < Wc.length; q++) Wc[q] -= req.eta * Gc[q];
      }
      return { W: { d, K, data: fromC(Wc, d, K) }, loss };
    },
  };
}
