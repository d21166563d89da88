/**
 * Zhong et al. 2017, Algorithm 1 (tensor initialization) as written in the paper, for the
 * ReLU teacher f(x) = sum_i relu(w_i . x) (output weights +1): partition S into S2, S3, S4;
 * P2 = M2 = E_S2[y (x x^T - I)] (ReLU: m2 = s / sqrt(2 pi) != 0); V = top-K eigenvectors of P2
 * by magnitude; P3 = M4(I, I, I, alpha) for one random unit alpha (ReLU: M3 = 0), estimated as
 * R3 = E_S3[y He4(x)(V, V, V, alpha)] from the projections u = V^T x; R3 whitened by
 * (V^T P2 V)^(-1/2) and decomposed by the robust tensor power method (Anandkumar et al. 2014);
 * directions mapped back through V; RecMagSign from S4. Nothing is centred, no variance
 * reduction, no search over alpha: the plain algorithm whose guarantee (Theorem 5.6) the
 * tensor-init claims must hold implementations to. Written from the paper and THEORY.md, not
 * from src/core/tensor.
 *
 * @example
 * ```ts
 * const W0 = faithfulTensorInit(data, 2, 7, FAITHFUL_DEFAULTS);
 * ```
 */
import type { Dataset, Weights } from '../../../src/core/layout.js';
import { robustTensorPower, seededNormal, type PowerSettings } from './robustTensorPower.js';
import { solveLinear, symmetricEigen } from './smallLinalg.js';

/** The choices the paper leaves open (each value is allowed by Algorithm 1 and its text). */
export interface FaithfulChoices extends PowerSettings {
  /** Salt mixed into the seed for alpha's draw (another random alpha). */
  readonly alphaSalt: number;
  /** PARTITION(S, 3): contiguous thirds, or sample i to part i mod 3 (both random for iid data). */
  readonly partition: 'thirds' | 'interleaved';
  /** RecMagSign magnitudes: from M1 (m1 = s/2) or from M2 (m2 = s/sqrt(2 pi)), on S4. */
  readonly magnitude: 'm1' | 'm2';
}

/** The canonical member: 10 restarts of 20 iterations (Anandkumar et al.'s L, N), M1 for both. */
export const FAITHFUL_DEFAULTS: FaithfulChoices = { alphaSalt: 0, partition: 'thirds', restarts: 10, iterations: 20, magnitude: 'm1' };

/** Indices of the three parts. */
function parts(n: number, how: FaithfulChoices['partition']): [number[], number[], number[]] {
  const out: [number[], number[], number[]] = [[], [], []];
  for (let i = 0; i < n; i++) out[how === 'thirds' ? Math.min(2, Math.floor((3 * i) / n)) : i % 3].push(i);
  return out;
}

/** E_S[y (x x^T - I)], d x d row-major. */
function secondMoment(data: Dataset, rows: readonly number[]): Float64Array {
  const { d, X, y } = data;
  const m = new Float64Array(d * d);
  for (const i of rows) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) m[a * d + b] += y[i] * (X[i * d + a] * X[i * d + b] - (a === b ? 1 : 0));
  return m.map((v) => v / rows.length);
}

/**
 * E_S[y He4(x)(V, V, V, alpha)] (K x K x K) from u = V^T x, a = alpha . x, b = V^T alpha:
 * u_p u_q u_r a - (u_p u_q b_r + u_p u_r b_q + u_q u_r b_p) - a (u_p d_qr + u_q d_pr + u_r d_pq)
 * + (d_pq b_r + d_pr b_q + d_qr b_p), the Hermite tensor's terms contracted (V orthonormal).
 */
function projectedFourthMoment(data: Dataset, rows: readonly number[], V: Float64Array, K: number, alpha: Float64Array): Float64Array {
  const { d, X, y } = data;
  const b = new Float64Array(K);
  for (let p = 0; p < K; p++) for (let j = 0; j < d; j++) b[p] += V[j * K + p] * alpha[j];
  const R = new Float64Array(K * K * K);
  const u = new Float64Array(K);
  const delta = (i: number, j: number): number => (i === j ? 1 : 0);
  for (const i of rows) {
    let a = 0;
    for (let j = 0; j < d; j++) a += alpha[j] * X[i * d + j];
    for (let p = 0; p < K; p++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += V[j * K + p] * X[i * d + j];
      u[p] = s;
    }
    for (let p = 0; p < K; p++)
      for (let q = 0; q < K; q++)
        for (let r = 0; r < K; r++) {
          const he =
            u[p] * u[q] * u[r] * a -
            (u[p] * u[q] * b[r] + u[p] * u[r] * b[q] + u[q] * u[r] * b[p]) -
            a * (u[p] * delta(q, r) + u[q] * delta(p, r) + u[r] * delta(p, q)) +
            (delta(p, q) * b[r] + delta(p, r) * b[q] + delta(q, r) * b[p]);
          R[(p * K + q) * K + r] += y[i] * he;
        }
  }
  return R.map((v) => v / rows.length);
}

/**
 * Algorithm 1 with the given choices; W0 in relucheck's layout (unit k contiguous).
 * @example faithfulTensorInit(data, 2, 1, FAITHFUL_DEFAULTS).K === 2
 */
export function faithfulTensorInit(data: Dataset, K: number, seed: number, choices: FaithfulChoices): Weights {
  const { d, X, y } = data;
  // Math.imul: a float product of a 32-bit seed would round away its low bits (seeds colliding).
  const normal = seededNormal((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(choices.alphaSalt + 1, 0x85ebca6b)) >>> 0);
  const [s2, s3, s4] = parts(data.n, choices.partition);
  // Line 3-4: P2 from S2, V its top-K eigenvectors by magnitude (d x K, row-major).
  const P2 = secondMoment(data, s2);
  const eig = symmetricEigen(P2, d);
  const V = new Float64Array(d * K);
  for (let j = 0; j < d; j++) for (let p = 0; p < K; p++) V[j * K + p] = eig.vectors[j * d + p];
  // Line 5: R3 = P3(V, V, V) with P3 = M4(I, I, I, alpha), alpha random unit.
  const alpha = Float64Array.from({ length: d }, normal);
  const norm = Math.hypot(...alpha);
  for (let j = 0; j < d; j++) alpha[j] /= norm;
  const R3 = projectedFourthMoment(data, s3, V, K, alpha);
  // Line 6: decomposition; whitening by (V^T P2 V)^(-1/2) makes the components orthonormal.
  const Mw = new Float64Array(K * K);
  for (let p = 0; p < K; p++) for (let q = 0; q < K; q++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) Mw[p * K + q] += V[a * K + p] * P2[a * d + b] * V[b * K + q];
  const we = symmetricEigen(Mw, K);
  const root = (power: number): Float64Array => {
    const m = new Float64Array(K * K);
    for (let p = 0; p < K; p++) for (let q = 0; q < K; q++) for (let e = 0; e < K; e++) m[p * K + q] += we.vectors[p * K + e] * Math.abs(we.values[e]) ** power * we.vectors[q * K + e];
    return m;
  };
  const Wh = root(-0.5);
  const Wu = root(0.5);
  const T = new Float64Array(K * K * K);
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++)
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let p = 0; p < K; p++) for (let q = 0; q < K; q++) for (let r = 0; r < K; r++) s += R3[(p * K + q) * K + r] * Wh[p * K + i] * Wh[q * K + j] * Wh[r * K + k];
        T[(i * K + j) * K + k] = s;
      }
  const pairs = robustTensorPower(T, K, choices, normal);
  // Unit directions c_i = V (V^T P2 V)^(1/2) theta_i / |.| in R^d (d x K columns).
  const C = new Float64Array(d * K);
  pairs.forEach(({ theta }, i) => {
    const z = new Float64Array(K);
    for (let p = 0; p < K; p++) for (let q = 0; q < K; q++) z[p] += Wu[p * K + q] * theta[q];
    let n2 = 0;
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += V[j * K + p] * z[p];
      C[j * K + i] = s;
      n2 += s * s;
    }
    for (let j = 0; j < d; j++) C[j * K + i] /= Math.sqrt(n2) || 1;
  });
  // Line 7: RecMagSign on S4. M1 = sum_i s_i (|w_i|/2) c_i by least squares over the c_i.
  const M1 = new Float64Array(d);
  for (const i of s4) for (let j = 0; j < d; j++) M1[j] += (y[i] * X[i * d + j]) / s4.length;
  const gram = new Float64Array(K * K);
  const rhs = new Array<number>(K).fill(0);
  for (let p = 0; p < K; p++) {
    for (let q = 0; q < K; q++) for (let j = 0; j < d; j++) gram[p * K + q] += C[j * K + p] * C[j * K + q];
    for (let j = 0; j < d; j++) rhs[p] += C[j * K + p] * M1[j];
  }
  const beta = solveLinear(gram, rhs, K);
  let magnitudes = beta.map((v) => 2 * Math.abs(v));
  if (choices.magnitude === 'm2') {
    // M2 = sum_i (|w_i| / sqrt(2 pi)) c_i c_i^T: least squares with Gram entries (c_p . c_q)^2.
    const M2 = secondMoment(data, s4);
    const g2 = new Float64Array(K * K);
    const r2 = new Array<number>(K).fill(0);
    for (let p = 0; p < K; p++) {
      for (let q = 0; q < K; q++) g2[p * K + q] = gram[p * K + q] ** 2;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) r2[p] += C[a * K + p] * M2[a * d + b] * C[b * K + p];
    }
    magnitudes = solveLinear(g2, r2, K).map((v) => Math.sqrt(2 * Math.PI) * Math.abs(v));
  }
  const W = new Float64Array(d * K);
  for (let k = 0; k < K; k++) {
    // The orientation always comes from M1: the power method returns theta with a positive
    // eigenvalue, and lambda's sign (m4 times the unknown sign of alpha . w_k) is not known.
    const orient = Math.sign(beta[k]) || 1;
    for (let j = 0; j < d; j++) W[k * d + j] = orient * magnitudes[k] * C[j * K + k];
  }
  return { d, K, data: W };
}
