/**
 * Extreme eigenpairs of a symmetric operator by Lanczos with full reorthogonalization.
 *
 * Each step applies the operator once, applies the three-term recurrence, then
 * orthogonalizes the new vector against every previous Lanczos vector, repeating the pass
 * when it cancelled more than 30% of the norm (Kahan-Parlett: "twice is enough" keeps
 * orthogonality at the level of rounding, so no ghost copies of converged eigenvalues
 * appear), and extends the tridiagonal T_m. Convergence is judged by the residual norm
 * `|A x - theta x|` of the extreme Ritz pairs, which in exact arithmetic (and, with full
 * reorthogonalization, to rounding) equals `beta_m |s_m|` with s_m the last component of the
 * Ritz vector in T_m's basis; the returned residuals are recomputed explicitly with two
 * extra products. For a symmetric operator an eigenvalue lies within the residual of each
 * Ritz value (and within residual^2 / gap once separated).
 *
 * A breakdown (beta_m = 0) means the Krylov space is invariant; a random start has a
 * non-zero component in every eigenspace with probability one, so the Ritz values then are
 * exact eigenvalues, including both extremes.
 *
 * Cost: m products plus O(m^2 n) for reorthogonalization and O(m^3) for the small
 * eigenproblems (last-row tracking only, see tridiagonalEigen.ts).
 *
 * @example
 * ```ts
 * const r = lanczosExtremes(populationHessianOperator(Wstar, W), { stream });
 * r.min; r.max; r.iterations; r.residualMin;
 * ```
 */
import type { SymmetricOperator } from './SymmetricOperator.js';
import type { RandomStream } from '../random.js';
import { tridiagonalEigen } from './tridiagonalEigen.js';

/** Settings of a Lanczos run. */
export interface LanczosOptions {
  /** Start vector source (n normals). */
  readonly stream: RandomStream;
  /** Stop when both residuals are <= tolerance * max(|min|, |max|). Default 1e-9. */
  readonly tolerance?: number;
  /** At most this many steps (capped at n). Default 500. */
  readonly maxIterations?: number;
}

/** Extreme Ritz pairs and how they were obtained. */
export interface ExtremeEigen {
  readonly min: number;
  readonly max: number;
  /** Unit vectors. */
  readonly minVector: Float64Array;
  readonly maxVector: Float64Array;
  readonly method: 'dense' | 'lanczos';
  /** Lanczos steps (operator products, not counting the two residual checks); 0 if dense. */
  readonly iterations: number;
  /** Explicit |A x - theta x| of the returned pairs. */
  readonly residualMin: number;
  readonly residualMax: number;
  /** Whether the residual test passed (always true for the dense path). */
  readonly converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function residual(op: SymmetricOperator, x: Float64Array, theta: number, tmp: Float64Array): number {
  op.matvec(x, tmp);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (tmp[i] - theta * x[i]) ** 2;
  return Math.sqrt(s);
}

/** Runs Lanczos with full reorthogonalization on `op` (see the module comment). */
export function lanczosExtremes(op: SymmetricOperator, options: LanczosOptions): ExtremeEigen {
  const n = op.n;
  const tol = options.tolerance ?? 1e-9;
  const mMax = Math.min(n, options.maxIterations ?? 500);
  const Q = new Float64Array(mMax * n);
  const alpha = new Float64Array(mMax);
  const beta = new Float64Array(mMax);
  const w = new Float64Array(n);
  const q0 = Q.subarray(0, n);
  options.stream.fillNormal(q0);
  const n0 = Math.sqrt(dot(q0, q0));
  for (let i = 0; i < n; i++) q0[i] /= n0;

  let m = 0;
  let converged = false;
  for (let j = 0; j < mMax; j++) {
    const qj = Q.subarray(j * n, (j + 1) * n);
    op.matvec(qj, w);
    alpha[j] = dot(qj, w);
    // Three-term recurrence, then full reorthogonalization against every Lanczos vector;
    // a second pass only when the first removed most of w (Kahan-Parlett "twice is enough").
    for (let t = 0; t < n; t++) w[t] -= alpha[j] * qj[t];
    if (j > 0) {
      const prev = (j - 1) * n;
      for (let t = 0; t < n; t++) w[t] -= beta[j - 1] * Q[prev + t];
    }
    for (let pass = 0; pass < 2; pass++) {
      const before = Math.sqrt(dot(w, w));
      for (let i = 0; i <= j; i++) {
        const off = i * n;
        let c = 0;
        for (let t = 0; t < n; t++) c += Q[off + t] * w[t];
        for (let t = 0; t < n; t++) w[t] -= c * Q[off + t];
      }
      if (Math.sqrt(dot(w, w)) > 0.7 * before) break;
    }
    beta[j] = Math.sqrt(dot(w, w));
    m = j + 1;

    // Residual estimates of the extreme Ritz pairs from the last row of T's eigenvectors.
    const dd = alpha.slice(0, m);
    const ee = new Float64Array(m);
    ee.set(beta.subarray(0, m - 1));
    const last = new Float64Array(m);
    last[m - 1] = 1;
    tridiagonalEigen(dd, ee, last, 1);
    const scale = Math.max(Math.abs(dd[0]), Math.abs(dd[m - 1]), Number.MIN_VALUE);
    const rMin = beta[j] * Math.abs(last[0]);
    const rMax = beta[j] * Math.abs(last[m - 1]);
    if (rMin <= tol * scale && rMax <= tol * scale) {
      converged = true;
      break;
    }
    // Invariant subspace (beta at rounding level): the Ritz values are exact eigenvalues.
    if (beta[j] <= n * Number.EPSILON * scale) {
      converged = true;
      break;
    }
    if (j + 1 < mMax) {
      const next = Q.subarray((j + 1) * n, (j + 2) * n);
      for (let t = 0; t < n; t++) next[t] = w[t] / beta[j];
    }
  }

  // A full-length run (m = n) spans the whole space: T_n's eigenvalues are A's.
  if (m === n) converged = true;

  // Final Ritz pairs with full eigenvectors of T_m.
  const dd = alpha.slice(0, m);
  const ee = new Float64Array(m);
  ee.set(beta.subarray(0, m - 1));
  const S = new Float64Array(m * m);
  for (let i = 0; i < m; i++) S[i * m + i] = 1;
  tridiagonalEigen(dd, ee, S, m);
  const ritz = (col: number) => {
    const x = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      const c = S[i * m + col];
      const qi = Q.subarray(i * n, (i + 1) * n);
      for (let t = 0; t < n; t++) x[t] += c * qi[t];
    }
    const nx = Math.sqrt(dot(x, x));
    for (let t = 0; t < n; t++) x[t] /= nx;
    return x;
  };
  const minVector = ritz(0);
  const maxVector = ritz(m - 1);
  const tmp = new Float64Array(n);
  return {
    min: dd[0],
    max: dd[m - 1],
    minVector,
    maxVector,
    method: 'lanczos',
    iterations: m,
    residualMin: residual(op, minVector, dd[0], tmp),
    residualMax: residual(op, maxVector, dd[m - 1], tmp),
    converged,
  };
}
