/**
 * RecMagSign (Zhong et al. 2017, Algorithm 1 line 7): given unit directions a_i (in the
 * coordinates of the basis V, sign unknown), recover each unit's norm s_i, its orientation
 * sigma_i in {-1, +1} and, when unknown, its output weight v_i in {-1, +1}, by least squares
 * against the projected first and second moments:
 *
 *   V M1   = sum_i beta_i a_i,          beta_i  = sigma_i v_i m1(s_i) = sigma_i v_i s_i / 2
 *   V M2 V^T = sum_i gamma_i a_i a_i^T, gamma_i = v_i m2(s_i)        = v_i s_i / sqrt(2 pi)
 *
 * M2 is even in the direction, so gamma carries v_i and s_i but not sigma_i; M1 is odd, so
 * sign(beta_i) v_i = sigma_i. The magnitudes can come from either: the M1 system has Gram
 * matrix (a_i . a_j), the M2 system its entrywise square (a_i . a_j)^2, which is much better
 * conditioned when W*'s columns are far from orthogonal (Schur product theorem: the
 * Hadamard square of a correlation matrix has its smallest eigenvalue at least as large,
 * and in practice far larger). 'both' stacks the two systems unweighted.
 *
 * @example
 * ```ts
 * const { W, v } = recMagSign(directions, V, K, d, m1p, C, { magnitudes: 'm2' });
 * ```
 */
import type { Weights } from '../layout.js';
import { pseudoSolve } from './pseudoSolve.js';

/** Where the norms come from. */
export type MagnitudeSource = 'm1' | 'm2' | 'both';
/** Whether the output weights are known to be +1 (ReLU) or must be recovered. */
export type OutputWeights = 'positive' | 'unknown';

/** Options of {@link recMagSign}. */
export interface RecMagSignOptions {
  readonly magnitudes: MagnitudeSource;
  readonly outputWeights: OutputWeights;
}

/** The recovered network and the raw least-squares coefficients. */
export interface RecMagSignResult {
  readonly W: Weights;
  /** Output weights v_i (all +1 when known positive). */
  readonly v: Float64Array;
  /** M1 coefficients beta_i. */
  readonly beta: Float64Array;
  /** M2 coefficients gamma_i. */
  readonly gamma: Float64Array;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Recovers W (d x K) and v from directions (K x K rows), the basis V (K x d rows), the
 * projected first moment m1p = V M1 (K) and the projected second moment C = V M2 V^T (K x K).
 * @example recMagSign(A, V, K, d, m1p, C, { magnitudes: 'm2', outputWeights: 'positive' })
 */
export function recMagSign(
  A: Float64Array,
  V: Float64Array,
  K: number,
  d: number,
  m1p: Float64Array,
  C: Float64Array,
  options: RecMagSignOptions,
): RecMagSignResult {
  const dot = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += A[i * K + p] * A[j * K + p];
      dot[i * K + j] = s;
    }
  }
  const r1 = new Float64Array(K);
  const r2 = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let s1 = 0;
    let s2 = 0;
    for (let p = 0; p < K; p++) {
      s1 += A[i * K + p] * m1p[p];
      let t = 0;
      for (let q = 0; q < K; q++) t += C[p * K + q] * A[i * K + q];
      s2 += A[i * K + p] * t;
    }
    r1[i] = s1;
    r2[i] = s2;
  }
  const beta = solve(K, (i, j) => dot[i * K + j], r1);
  const gamma = solve(K, (i, j) => dot[i * K + j] ** 2, r2);
  const v = new Float64Array(K);
  const sigma = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    v[i] = options.outputWeights === 'positive' ? 1 : gamma[i] < 0 ? -1 : 1;
    sigma[i] = (beta[i] < 0 ? -1 : 1) * v[i];
  }
  let s: Float64Array;
  if (options.magnitudes === 'm1') {
    s = beta.map((b) => 2 * Math.abs(b));
  } else if (options.magnitudes === 'm2') {
    s = gamma.map((g) => SQRT_2PI * Math.abs(g));
  } else {
    // Unknowns s_i; rows: beta-system with coefficient sigma_i v_i / 2, gamma-system v_i / sqrt(2 pi).
    const c1 = (i: number) => (sigma[i] * v[i]) / 2;
    const c2 = (i: number) => v[i] / SQRT_2PI;
    const rhs = new Float64Array(K);
    for (let i = 0; i < K; i++) rhs[i] = c1(i) * r1[i] + c2(i) * r2[i];
    s = solve(K, (i, j) => c1(i) * c1(j) * dot[i * K + j] + c2(i) * c2(j) * dot[i * K + j] ** 2, rhs);
    s = s.map(Math.abs);
  }
  const W = new Float64Array(d * K);
  for (let i = 0; i < K; i++) {
    const scale = s[i] * sigma[i];
    for (let p = 0; p < K; p++) {
      const c = scale * A[i * K + p];
      for (let t = 0; t < d; t++) W[i * d + t] += c * V[p * d + t];
    }
  }
  return { W: { d, K, data: W }, v, beta, gamma };
}

function solve(K: number, g: (i: number, j: number) => number, rhs: Float64Array): Float64Array {
  const G = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) G[i * K + j] = g(i, j);
  return pseudoSolve(G, K, rhs);
}
