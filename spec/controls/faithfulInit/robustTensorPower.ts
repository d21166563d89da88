/**
 * The robust tensor power method of Anandkumar, Ge, Hsu, Kakade and Telgarsky (2014,
 * Algorithm 1), for a symmetric K x K x K tensor that is (nearly) orthogonally decomposable:
 * for each component, L random starts of N power iterations theta <- T(I, theta, theta) / |.|,
 * keep the start with the largest T(theta, theta, theta), N more iterations, eigenvalue
 * lambda = T(theta, theta, theta), then deflate T <- T - lambda theta^(x)3. Written for the
 * faithful-init control from the paper, not from relucheck's orthogonalPowerMethod.
 *
 * @example
 * ```ts
 * const pairs = robustTensorPower(T, 2, { restarts: 10, iterations: 20 }, seededNormal(1));
 * ```
 */

/** L and N of Anandkumar et al.'s Algorithm 1. */
export interface PowerSettings {
  readonly restarts: number;
  readonly iterations: number;
}

/**
 * A seeded standard-normal generator (mulberry32 and Box-Muller; the control's own randomness).
 * @example const next = seededNormal(3); next();
 */
export function seededNormal(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** T(I, theta, theta): the vector with entries sum_jk T_ijk theta_j theta_k. */
function contractTwo(T: Float64Array, K: number, theta: Float64Array): Float64Array {
  const out = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) for (let k = 0; k < K; k++) s += T[(i * K + j) * K + k] * theta[j] * theta[k];
    out[i] = s;
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function normalized(v: Float64Array): Float64Array {
  const n = Math.sqrt(dot(v, v));
  return n === 0 ? v : v.map((x) => x / n);
}

function iterate(T: Float64Array, K: number, start: Float64Array, iterations: number): Float64Array {
  let theta = start;
  for (let t = 0; t < iterations; t++) theta = normalized(contractTwo(T, K, theta));
  return theta;
}

/**
 * The K eigenpairs (theta unit, lambda > 0 up to noise) in the order found.
 * @example robustTensorPower(T, K, { restarts: 10, iterations: 20 }, seededNormal(1))[0].lambda
 */
export function robustTensorPower(
  tensor: Float64Array,
  K: number,
  settings: PowerSettings,
  normal: () => number,
): { theta: Float64Array; lambda: number }[] {
  const T = Float64Array.from(tensor);
  const pairs: { theta: Float64Array; lambda: number }[] = [];
  for (let c = 0; c < K; c++) {
    let best: Float64Array | undefined;
    let bestValue = -Infinity;
    for (let r = 0; r < settings.restarts; r++) {
      const start = normalized(Float64Array.from({ length: K }, normal));
      const theta = iterate(T, K, start, settings.iterations);
      const value = dot(theta, contractTwo(T, K, theta));
      if (value > bestValue) [best, bestValue] = [theta, value];
    }
    const theta = iterate(T, K, best!, settings.iterations);
    const lambda = dot(theta, contractTwo(T, K, theta));
    pairs.push({ theta, lambda });
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) for (let k = 0; k < K; k++) T[(i * K + j) * K + k] -= lambda * theta[i] * theta[j] * theta[k];
  }
  return pairs;
}
