/**
 * The robust tensor power method with deflation (Anandkumar, Ge, Hsu, Kakade, Telgarsky 2014,
 * Algorithm 1) for a symmetric K x K x K tensor that is (close to) orthogonally decomposable,
 * `T = sum_i mu_i o_i^(x)3` with orthonormal o_i.
 *
 * For each component: several random restarts run a few iterations `theta <- T(I, theta,
 * theta) / |.|`; the start with the largest |T(theta, theta, theta)| is iterated to
 * convergence (sign-insensitive: a negative mu makes theta flip every step); the component is
 * deflated. A final polishing pass re-runs each component against T minus all the others,
 * which removes the error that sequential deflation accumulates. For an exactly orthogonal
 * T the iteration converges quadratically, so population moments are recovered to rounding.
 *
 * Signed variant (option `signature`, J = diag(+-1)): after whitening by an indefinite matrix
 * the components are J-orthonormal, `o_i^T J o_j = S_i delta_ij` with `S_i = +-1` (see
 * whitenedDecomposition.ts for why). Writing theta = sum_i c_i o_i, `o_i^T J theta = S_i c_i`,
 * so `T(I, J theta, J theta) = sum_i mu_i c_i^2 o_i`: in the component coordinates this is
 * exactly the orthogonal method's map c -> mu (.) c^2, with its quadratic convergence and
 * exact deflation. The found vector is normalized in the J-metric, o = theta / sqrt(|theta^T J
 * theta|) (then o = +-o_i), and its weight is mu = S T(Jo, Jo, Jo) with S = sign(o^T J o).
 * Restarts are ranked by |T(J theta, J theta, J theta)| for Euclidean-unit theta, which stays
 * bounded near J-null vectors (where the J-normalization, and hence mu, would blow up).
 * Each new search (and each polishing run) is confined to the J-orthogonal complement of the
 * other found vectors, where the exact remaining components lie: the signed counterpart of
 * deflation by orthogonal projection. Without it a noisy tensor's weak component can be
 * replaced by a near-duplicate of a strong one (J-normalization then inflates its weight).
 * With J = I every step reduces to the orthogonal method, and that path is kept bit for bit.
 *
 * @example
 * ```ts
 * const { values, vectors } = orthogonalPowerMethod(Tw, K, stream);
 * ```
 */
import type { RandomStream } from '../random.js';
import { addRankOne, contractScalar, contractVector, norm2 } from './symmetricTensor.js';

/** Options of {@link orthogonalPowerMethod}. */
export interface PowerMethodOptions {
  /** Random starts per component. Default 10. */
  readonly restarts?: number;
  /** Iterations per start before choosing the best. Default 20. */
  readonly startIterations?: number;
  /** Cap on iterations to converge. Default 1000. */
  readonly maxIterations?: number;
  /** Converged when min(|theta' - theta|, |theta' + theta|) <= tolerance. Default 1e-13. */
  readonly tolerance?: number;
  /**
   * The signature J (entries +-1) of an indefinite whitening, when the components are
   * J-orthonormal (o_i^T J o_j = S_i delta_ij) instead of orthonormal; see the module comment.
   * Absent: J = I, the orthogonal method (bit for bit).
   */
  readonly signature?: ArrayLike<number>;
}

/**
 * The components found (mu_i >= 0 after fixing each vector's sign; signed variant: o_i
 * J-normalized, mu_i of either sign), with convergence info.
 */
export interface PowerMethodResult {
  /** mu_i = T(o_i, o_i, o_i) >= 0 (signed: S_i T(J o_i, J o_i, J o_i)), in the order found. */
  readonly values: Float64Array;
  /** K x K rows o_i, unit. */
  readonly vectors: Float64Array;
  /** Whether each component's final iteration met the tolerance. */
  readonly converged: boolean[];
  /** Total power iterations. */
  readonly iterations: number;
}

/**
 * Decomposes `count` components (default K) of T.
 * @example orthogonalPowerMethod(T, 3, stream, { restarts: 5 })
 */
export function orthogonalPowerMethod(
  T: Float64Array,
  K: number,
  stream: RandomStream,
  options: PowerMethodOptions = {},
  count = K,
): PowerMethodResult {
  const restarts = options.restarts ?? 10;
  const startIt = options.startIterations ?? 20;
  const maxIt = options.maxIterations ?? 1000;
  const tol = options.tolerance ?? 1e-13;
  const J = options.signature;
  // theta -> J theta (a copy); identity when unsigned.
  const signed = (theta: Float64Array): Float64Array => {
    if (!J) return theta;
    const out = new Float64Array(K);
    for (let k = 0; k < K; k++) out[k] = J[k] * theta[k];
    return out;
  };
  const values = new Float64Array(count);
  const vectors = new Float64Array(count * K);
  const converged: boolean[] = [];
  let total = 0;

  // Signed mode: remove from theta its J-components along the found vectors `others`
  // (theta -= sum_j S_j (o_j^T J theta) o_j), so it stays in their J-orthogonal complement,
  // where the remaining exact components lie (module comment).
  const project = (theta: Float64Array, others: readonly number[]): void => {
    for (const j of others) {
      const o = vectors.subarray(j * K, (j + 1) * K);
      let g = 0;
      let q = 0;
      for (let k = 0; k < K; k++) {
        g += o[k] * J![k] * theta[k];
        q += o[k] * J![k] * o[k];
      }
      const c = q < 0 ? -g : g;
      for (let k = 0; k < K; k++) theta[k] -= c * o[k];
    }
  };
  const iterate = (R: Float64Array, theta: Float64Array, steps: number, others: readonly number[] = []): boolean => {
    for (let s = 0; s < steps; s++) {
      const Jt = signed(theta);
      const next = contractVector(R, K, Jt, Jt);
      if (J) project(next, others);
      const n = norm2(next);
      if (!(n > 0)) return false;
      let dPlus = 0;
      let dMinus = 0;
      for (let k = 0; k < K; k++) {
        next[k] /= n;
        dPlus += (next[k] - theta[k]) ** 2;
        dMinus += (next[k] + theta[k]) ** 2;
      }
      theta.set(next);
      total++;
      if (Math.sqrt(Math.min(dPlus, dMinus)) <= tol) return true;
    }
    return false;
  };
  const finish = (R: Float64Array, theta: Float64Array, i: number, others: readonly number[] = []): void => {
    converged[i] = iterate(R, theta, maxIt, others);
    if (J) {
      // J-normalize, then mu = S T(Jo, Jo, Jo) (module comment).
      let q = 0;
      for (let k = 0; k < K; k++) q += J[k] * theta[k] * theta[k];
      const n = Math.sqrt(Math.abs(q)) || Number.MIN_VALUE;
      for (let k = 0; k < K; k++) theta[k] /= n;
      const S = q < 0 ? -1 : 1;
      values[i] = S * contractScalar(R, K, signed(theta));
      vectors.set(theta, i * K);
      return;
    }
    let mu = contractScalar(R, K, theta);
    if (mu < 0) {
      for (let k = 0; k < K; k++) theta[k] = -theta[k];
      mu = -mu;
    }
    values[i] = mu;
    vectors.set(theta, i * K);
  };

  const R = Float64Array.from(T);
  for (let i = 0; i < count; i++) {
    let best: Float64Array | undefined;
    let bestScore = -Infinity;
    const found = J ? Array.from({ length: i }, (_, j) => j) : [];
    for (let r = 0; r < restarts; r++) {
      const theta = stream.fillNormal(new Float64Array(K));
      if (J) project(theta, found);
      const n0 = norm2(theta);
      for (let k = 0; k < K; k++) theta[k] /= n0;
      iterate(R, theta, startIt, found);
      const score = Math.abs(contractScalar(R, K, signed(theta)));
      if (score > bestScore) {
        bestScore = score;
        best = theta;
      }
    }
    finish(R, best!, i, found);
    addRankOne(R, K, -values[i], vectors.subarray(i * K, (i + 1) * K));
  }
  // Polishing: component i against T minus the current estimates of all the others.
  for (let i = 0; i < count; i++) {
    const Ri = Float64Array.from(T);
    for (let j = 0; j < count; j++) {
      if (j !== i) addRankOne(Ri, K, -values[j], vectors.subarray(j * K, (j + 1) * K));
    }
    const others = J ? Array.from({ length: count }, (_, j) => j).filter((j) => j !== i) : [];
    finish(Ri, vectors.slice(i * K, (i + 1) * K), i, others);
  }
  return { values, vectors, converged, iterations: total };
}
