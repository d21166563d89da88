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
}

/** The components found (mu_i >= 0 after fixing each vector's sign), with convergence info. */
export interface PowerMethodResult {
  /** mu_i = T(o_i, o_i, o_i) >= 0, in the order found. */
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
  const values = new Float64Array(count);
  const vectors = new Float64Array(count * K);
  const converged: boolean[] = [];
  let total = 0;

  const iterate = (R: Float64Array, theta: Float64Array, steps: number): boolean => {
    for (let s = 0; s < steps; s++) {
      const next = contractVector(R, K, theta, theta);
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
  const finish = (R: Float64Array, theta: Float64Array, i: number): void => {
    converged[i] = iterate(R, theta, maxIt);
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
    for (let r = 0; r < restarts; r++) {
      const theta = stream.fillNormal(new Float64Array(K));
      const n0 = norm2(theta);
      for (let k = 0; k < K; k++) theta[k] /= n0;
      iterate(R, theta, startIt);
      const score = Math.abs(contractScalar(R, K, theta));
      if (score > bestScore) {
        bestScore = score;
        best = theta;
      }
    }
    finish(R, best!, i);
    addRankOne(R, K, -values[i], vectors.subarray(i * K, (i + 1) * K));
  }
  // Polishing: component i against T minus the current estimates of all the others.
  for (let i = 0; i < count; i++) {
    const Ri = Float64Array.from(T);
    for (let j = 0; j < count; j++) {
      if (j !== i) addRankOne(Ri, K, -values[j], vectors.subarray(j * K, (j + 1) * K));
    }
    finish(Ri, vectors.slice(i * K, (i + 1) * K), i);
  }
  return { values, vectors, converged, iterations: total };
}
