/**
 * RecMagSign (Zhong et al. 2017, Algorithm 1 line 7): given unit directions a_i (in the
 * coordinates of the basis V, sign unknown), recover each unit's norm s_i, its orientation
 * sigma_i in {-1, +1} and, when unknown, its output weight v_i in {-1, +1}, by least squares
 * against the projected first and second moments:
 *
 *   V M1   = sum_i beta_i a_i,          beta_i  = sigma_i v_i m1(s_i)
 *   V M2 V^T = sum_i gamma_i a_i a_i^T, gamma_i = v_i m2(s_i)
 *
 * (ReLU: m1 = s / 2, m2 = s / sqrt(2 pi); squared ReLU: m1 = 2 s^2 / sqrt(2 pi), m2 = s^2.)
 * For an activation homogeneous of degree p, m_j(s) = s^p m_j(1), so
 * v_i = sign(gamma_i) sign(m2(1)), sigma_i = sign(beta_i) v_i sign(m1(1)) and
 * s_i = (|gamma_i| / |m2(1)|)^(1/p) (or from beta with m1).
 * M2 is even in the direction, so gamma carries v_i and s_i but not sigma_i; M1 is odd, so
 * it fixes sigma_i. The magnitudes can come from either: the M1 system has Gram
 * matrix (a_i . a_j), the M2 system its entrywise square (a_i . a_j)^2, which is much better
 * conditioned when W*'s columns are far from orthogonal (Schur product theorem: the
 * Hadamard square of a correlation matrix has its smallest eigenvalue at least as large,
 * and in practice far larger). 'both' stacks the two systems unweighted, in the unknowns s_i^p.
 *
 * @example
 * ```ts
 * const { W, v } = recMagSign(directions, V, K, d, m1p, C, { magnitudes: 'm2' });
 * ```
 */
import type { Weights } from '../layout.js';
import { fail } from '../validate.js';
import { pseudoSolve } from './pseudoSolve.js';
import { coefficientVanishes, RELU_TENSOR, type TensorActivation } from './tensorActivation.js';

/** Where the norms come from. */
export type MagnitudeSource = 'm1' | 'm2' | 'both';
/** Whether the output weights are known to be +1 (ReLU) or must be recovered. */
export type OutputWeights = 'positive' | 'unknown';

/** Options of {@link recMagSign}. */
export interface RecMagSignOptions {
  readonly magnitudes: MagnitudeSource;
  readonly outputWeights: OutputWeights;
  /** Whose coefficients m1, m2 (default ReLU). */
  readonly activation?: TensorActivation;
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
  const act = options.activation ?? RELU_TENSOR;
  const p = assertRecMagSignApplies(act);
  const [u1, u2] = act.coefficients(1);
  if (coefficientVanishes(act, 1) || coefficientVanishes(act, 2)) {
    fail('activation', 'RecMagSign needs m1(1) != 0 and m2(1) != 0', `${act.name}: m1(1) = ${u1}, m2(1) = ${u2}`);
  }
  const sg = (x: number) => (x < 0 ? -1 : 1);
  // s from s^p (p = 1: no pow, so ReLU's arithmetic stays a single division).
  const root = (t: number) => (p === 1 ? Math.abs(t) : Math.abs(t) ** (1 / p));
  const v = new Float64Array(K);
  const sigma = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    v[i] = options.outputWeights === 'positive' ? 1 : sg(gamma[i]) * sg(u2);
    sigma[i] = sg(beta[i]) * v[i] * sg(u1);
  }
  let s: Float64Array;
  if (options.magnitudes === 'm1') {
    s = beta.map((b) => root(b / u1));
  } else if (options.magnitudes === 'm2') {
    s = gamma.map((g) => root(g / u2));
  } else {
    // Unknowns t_i = s_i^p; rows: beta-system with coefficient sigma_i v_i m1(1), gamma-system v_i m2(1).
    const c1 = (i: number) => sigma[i] * v[i] * u1;
    const c2 = (i: number) => v[i] * u2;
    const rhs = new Float64Array(K);
    for (let i = 0; i < K; i++) rhs[i] = c1(i) * r1[i] + c2(i) * r2[i];
    s = solve(K, (i, j) => c1(i) * c1(j) * dot[i * K + j] + c2(i) * c2(j) * dot[i * K + j] ** 2, rhs);
    s = s.map(root);
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

/**
 * The rule RecMagSign rests on: Zhong et al. 2017 recover norms and output-weight signs only
 * for positively homogeneous activations (Section 5.2, "RECMAGSIGN ... for homogeneous
 * activations"; Theorem 5.6 assumes homogeneity), by inverting m_j(s) = s^p m_j(1). Returns p;
 * rejects a non-homogeneous activation (sigmoid, tanh, erf), naming it and the rule.
 * @example assertRecMagSignApplies(RELU_TENSOR) // 1
 */
export function assertRecMagSignApplies(act: TensorActivation): number {
  const p = act.degree;
  if (p === null || !(p > 0)) {
    fail(
      'activation',
      'RecMagSign (norms and signs) needs a positively homogeneous activation, m_j(s) = s^p m_j(1) ' +
        '(Zhong et al. 2017, Section 5.2 and Theorem 5.6 give it for homogeneous activations only); ' +
        'for a non-homogeneous one use tensorDirections (subspace and unit directions)',
      act.name,
    );
  }
  return p;
}

function solve(K: number, g: (i: number, j: number) => number, rhs: Float64Array): Float64Array {
  const G = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) G[i * K + j] = g(i, j);
  return pseudoSolve(G, K, rhs);
}
