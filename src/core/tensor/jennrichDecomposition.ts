/**
 * Non-orthogonal decomposition of a symmetric K x K x K tensor `R3 = sum_i lambda_i a_i^(x)3`
 * with linearly independent (not necessarily orthogonal) a_i and weights of ANY signs: the
 * case whitening cannot handle (output weights v of mixed sign make P2 indefinite).
 *
 * 1. Simultaneous diagonalization of two random projections (Jennrich; the two-matrix case
 *    of Kuleshov-Chaganty-Liang 2015): `T(I,I,t1) T(I,I,t2)^{-1} = A D A^{-1}`, so the
 *    eigenvectors of that product are the a_i.
 * 2. Plug-in refinement (KCL's second stage): with the dual basis b_i (b_i . a_j = delta_ij,
 *    rows of A^{-1}), `T(I, I, b_i) = lambda_i a_i a_i^T` has rank one, and its top
 *    eigenvector (by magnitude) is a refined a_i. Repeated to a fixed point; for exact
 *    population tensors this is exact after one step.
 * 3. lambda by least squares on T; restarts (fresh t1, t2) keep the smallest residual.
 *
 * @example
 * ```ts
 * const comps = jennrichDecomposition(R3, K, stream);
 * ```
 */
import { eigs, inv, lusolve } from 'mathjs';
import type { RandomStream } from '../random.js';
import { pseudoSolve } from './pseudoSolve.js';
import { contractMatrix, contractScalar, decompositionResidual, norm2 } from './symmetricTensor.js';
import type { TensorComponents } from './whitenedDecomposition.js';

/** Options of {@link jennrichDecomposition}. */
export interface JennrichOptions {
  /** Independent random projection pairs; the best residual wins. Default 10. */
  readonly restarts?: number;
  /** Cap on plug-in refinement sweeps. Default 100. */
  readonly maxRefinements?: number;
  /** Stop refining when no direction moves by more than this. Default 1e-13. */
  readonly tolerance?: number;
}

const re = (z: unknown): number => (typeof z === 'number' ? z : (z as { re: number }).re);

/**
 * Decomposes R3 into K rank-one terms.
 * @example jennrichDecomposition(R3, K, stream, { restarts: 5 })
 */
export function jennrichDecomposition(
  R3: Float64Array,
  K: number,
  stream: RandomStream,
  options: JennrichOptions = {},
): TensorComponents {
  const restarts = options.restarts ?? 10;
  const maxRef = options.maxRefinements ?? 100;
  const tol = options.tolerance ?? 1e-13;
  const tNorm = norm2(R3) || 1;
  let best: TensorComponents | undefined;
  for (let r = 0; r < restarts; r++) {
    const Ma = toRows(contractMatrix(R3, K, stream.fillNormal(new Float64Array(K))), K);
    const Mb = toRows(contractMatrix(R3, K, stream.fillNormal(new Float64Array(K))), K);
    let A: Float64Array; // rows a_i
    try {
      const E = multiply(Ma, inv(Mb) as number[][]);
      // Eigenvalues only: mathjs computes eigenvectors of a non-symmetric matrix by inverse
      // iteration from Math.random() starts, which made the result differ from call to call.
      // Inverse iteration from seeded starts gives the same vectors deterministically.
      const res = eigs(E, { eigenvectors: false }) as unknown as { values: unknown };
      const raw = res.values as unknown;
      const values = (Array.isArray(raw) ? raw : (raw as { toArray(): unknown[] }).toArray()).map(re);
      A = new Float64Array(K * K);
      values.slice(0, K).forEach((lambda, i) => {
        const v = inverseIteration(E, lambda, stream.fillNormal(new Float64Array(K)));
        for (let p = 0; p < K; p++) A[i * K + p] = v[p];
      });
    } catch {
      continue; // singular projection or failed eigensolve: try another pair
    }
    let converged = false;
    for (let sweep = 0; sweep < maxRef && !converged; sweep++) {
      let Binv: number[][];
      try {
        Binv = inv(toRows(A, K)) as number[][];
      } catch {
        break;
      }
      // A (rows a_i) as a matrix has a_i as rows, so (A^{-1})[:, i] is the dual vector b_i.
      let moved = 0;
      const next = new Float64Array(K * K);
      for (let i = 0; i < K; i++) {
        const b = new Float64Array(K);
        for (let p = 0; p < K; p++) b[p] = Binv[p][i];
        const a = dominantEigenvector(contractMatrix(R3, K, b), K, A.subarray(i * K, (i + 1) * K));
        let dot = 0;
        for (let p = 0; p < K; p++) dot += a[p] * A[i * K + p];
        const sg = dot < 0 ? -1 : 1;
        for (let p = 0; p < K; p++) {
          next[i * K + p] = sg * a[p];
          moved = Math.max(moved, Math.abs(next[i * K + p] - A[i * K + p]));
        }
      }
      A = next;
      converged = moved <= tol;
    }
    const lambdas = leastSquaresWeights(R3, K, A);
    const relativeResidual = decompositionResidual(R3, K, lambdas, A) / tNorm;
    let minL = Infinity;
    for (const l of lambdas) minL = Math.min(minL, Math.abs(l));
    const cand: TensorComponents = {
      directions: A,
      lambdas,
      strength: minL,
      relativeResidual,
      converged,
      whiteningValid: true,
    };
    if (!best || relativeResidual < best.relativeResidual) best = cand;
  }
  if (!best) throw new Error('jennrichDecomposition: every random projection pair was singular');
  return best;
}

/** lambda minimizing |T - sum lambda_i a_i^(x)3|_F: Gram (a_i . a_j)^3, rhs T(a_i, a_i, a_i). */
function leastSquaresWeights(T: Float64Array, K: number, A: Float64Array): Float64Array {
  const G = new Float64Array(K * K);
  const rhs = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += A[i * K + p] * A[j * K + p];
      G[i * K + j] = s * s * s;
    }
    rhs[i] = contractScalar(T, K, A.subarray(i * K, (i + 1) * K));
  }
  return pseudoSolve(G, K, rhs);
}

/**
 * Unit eigenvector of E for the (real part of the) eigenvalue lambda: a few steps of inverse
 * iteration with a slightly shifted lambda (exactly singular E - lambda I cannot be solved).
 */
function inverseIteration(E: number[][], lambda: number, start: Float64Array): Float64Array {
  const K = E.length;
  const shift = lambda + 1e-10 * (Math.abs(lambda) + 1);
  const M = E.map((row, i) => row.map((x, j) => (i === j ? x - shift : x)));
  let x = Array.from(start);
  for (let it = 0; it < 3; it++) {
    const y = (lusolve(M, x) as number[][]).map((r) => re(r[0]));
    const n = norm2(y);
    if (!(n > 0) || !Number.isFinite(n)) throw new Error('inverse iteration failed');
    x = y.map((t) => t / n);
  }
  return Float64Array.from(x);
}

function toRows(M: Float64Array, K: number): number[][] {
  return Array.from({ length: K }, (_, i) => Array.from(M.subarray(i * K, (i + 1) * K)));
}

function multiply(A: number[][], B: number[][]): number[][] {
  const n = A.length;
  return A.map((row) =>
    Array.from({ length: n }, (_, j) => row.reduce((s, v, k) => s + v * B[k][j], 0)),
  );
}

/**
 * Dominant (largest |value|) eigenvector of a symmetric K x K matrix that is close to rank
 * one, by power iteration from `start` (much cheaper than a full eigensolve per sweep).
 */
function dominantEigenvector(S: Float64Array, K: number, start: ArrayLike<number>): Float64Array {
  let x = Float64Array.from(start);
  for (let it = 0; it < 500; it++) {
    const y = new Float64Array(K);
    for (let p = 0; p < K; p++) {
      let s = 0;
      for (let q = 0; q < K; q++) s += S[p * K + q] * x[q];
      y[p] = s;
    }
    const n = norm2(y);
    if (!(n > 0)) return x;
    let dPlus = 0;
    let dMinus = 0;
    for (let p = 0; p < K; p++) {
      y[p] /= n;
      dPlus += (y[p] - x[p]) ** 2;
      dMinus += (y[p] + x[p]) ** 2;
    }
    x = y;
    if (Math.min(dPlus, dMinus) <= 1e-30) break;
  }
  return x;
}
