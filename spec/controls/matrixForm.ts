/**
 * Control: the model in matrix form, as a BLAS user writes it. With Z = X W (N x K),
 * A = 1{Z >= 0}, r = relu(Z) 1 - y: L = |r|^2 / (2N), grad = X^T (A o r 1^T) / N; and the
 * Gauss-Newton Hessian assembled as a dense dK x dK matrix, H = J^T J / N with J the N x dK
 * Jacobian (row i = (A_ik x_i)_k), then multiplied by u. A small general matmul does all of it,
 * so every sum runs in matmul order (an inner product per output entry).
 *
 * @example
 * ```ts
 * await matrixFormControl().hvp!(data, W, u);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { functionalGd } from './functionalGd.js';

/** A dense row-major matrix. */
interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly v: Float64Array;
}

/** op(A) op(B), op = transpose when the flag is set. */
function matmul(A: Mat, tA: boolean, B: Mat, tB: boolean): Mat {
  const m = tA ? A.cols : A.rows;
  const inner = tA ? A.rows : A.cols;
  const p = tB ? B.rows : B.cols;
  const a = (i: number, l: number) => (tA ? A.v[l * A.cols + i] : A.v[i * A.cols + l]);
  const b = (l: number, j: number) => (tB ? B.v[j * B.cols + l] : B.v[l * B.cols + j]);
  const out = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let l = 0; l < inner; l++) s += a(i, l) * b(l, j);
      out[i * p + j] = s;
    }
  }
  return { rows: m, cols: p, v: out };
}

/** Unit-contiguous weights are the K x d matrix W^T in row-major order. */
const weightsT = (W: Weights): Mat => ({ rows: W.K, cols: W.d, v: W.data });
const xMat = (data: Dataset): Mat => ({ rows: data.n, cols: data.d, v: data.X });

function lossAndGradient(data: Dataset, W: Weights): { loss: number; gradient: Float64Array } {
  const Z = matmul(xMat(data), false, weightsT(W), true); // N x K
  const r = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) {
    let f = 0;
    for (let k = 0; k < W.K; k++) f += Math.max(0, Z.v[i * W.K + k]);
    r[i] = f - data.y[i];
  }
  const B = new Float64Array(data.n * W.K); // A o r 1^T
  for (let i = 0; i < data.n; i++) for (let k = 0; k < W.K; k++) B[i * W.K + k] = Z.v[i * W.K + k] >= 0 ? r[i] : 0;
  // grad^T (K x d) = B^T X / N, which is the unit-contiguous layout.
  const G = matmul({ rows: data.n, cols: W.K, v: B }, true, xMat(data), false);
  const rr = matmul({ rows: 1, cols: data.n, v: r }, false, { rows: 1, cols: data.n, v: r }, true).v[0];
  return { loss: rr / (2 * data.n), gradient: G.v.map((g) => g / data.n) };
}

/** The dense Gauss-Newton matrix J^T J / N over the unit-contiguous index. */
function gaussNewton(data: Dataset, W: Weights): Mat {
  const { n, d } = data;
  const Z = matmul(xMat(data), false, weightsT(W), true);
  const J = new Float64Array(n * d * W.K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W.K; k++) {
      if (Z.v[i * W.K + k] < 0) continue;
      for (let j = 0; j < d; j++) J[i * d * W.K + k * d + j] = data.X[i * d + j];
    }
  }
  const Jm = { rows: n, cols: d * W.K, v: J };
  const H = matmul(Jm, true, Jm, false);
  return { ...H, v: H.v.map((h) => h / n) };
}

/**
 * The matrix-form control (loss, gradient, hvp, gd).
 * @example matrixFormControl().capabilities
 */
export function matrixFormControl(): Implementation {
  const gd = functionalGd(lossAndGradient);
  return {
    name: 'control: matrix form, dense Gauss-Newton',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    loss: async (data, W) => lossAndGradient(data, W).loss,
    gradient: async (data, W) => lossAndGradient(data, W).gradient,
    hvp: async (data, W, u) => matmul(gaussNewton(data, W), false, { rows: u.length, cols: 1, v: u }, false).v,
    gradientDescent: async (data, req) => gd(data, req),
  };
}
