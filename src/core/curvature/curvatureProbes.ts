/**
 * Curvature probes: Rayleigh quotients `u^T H u / |u|^2` of a Hessian along chosen
 * directions. Along seeded random directions they sample the "typical" curvature; along the
 * extreme eigen-directions they reproduce the smallest and largest eigenvalue, so a property
 * can check mu <= u^T H u / |u|^2 <= L direction by direction against an implementation's
 * Hessian-vector products alone.
 *
 * @example
 * ```ts
 * const H = populationHessianOperator(Wstar, W);
 * const dirs = probeDirections(H.n, 8, createStreams(2).stream('probes'), extremeEigenvalues(H));
 * const q = curvatureProbes(H.matvec, H.n, dirs); // Float64Array of quotients
 * ```
 */
import type { RandomStream } from '../random.js';
import { assertFiniteArray, assertIntegerInRange, fail } from '../validate.js';
import type { ExtremeEigen } from './lanczos.js';

/** One Rayleigh quotient per direction (same order). A zero direction is a ValidationError. */
export function curvatureProbes(
  matvec: (u: Float64Array, out?: Float64Array) => Float64Array,
  n: number,
  directions: readonly Float64Array[],
): Float64Array {
  assertIntegerInRange('n', n, 1, Number.MAX_SAFE_INTEGER);
  if (typeof matvec !== 'function') fail('matvec', 'matvec must be a function', matvec);
  const out = new Float64Array(directions.length);
  const Hu = new Float64Array(n);
  directions.forEach((u, k) => {
    assertFiniteArray(`directions[${k}]`, u, n);
    let uu = 0;
    for (let i = 0; i < n; i++) uu += u[i] * u[i];
    if (uu === 0) fail(`directions[${k}]`, 'a probe direction must be non-zero', 0);
    matvec(u, Hu);
    let uHu = 0;
    for (let i = 0; i < n; i++) uHu += u[i] * Hu[i];
    out[k] = uHu / uu;
  });
  return out;
}

/**
 * `count` seeded standard Gaussian directions (uniform on the sphere once normalized),
 * followed by the min and max eigen-directions when `extremes` is given.
 */
export function probeDirections(
  n: number,
  count: number,
  stream: RandomStream,
  extremes?: Pick<ExtremeEigen, 'minVector' | 'maxVector'>,
): Float64Array[] {
  assertIntegerInRange('n', n, 1, Number.MAX_SAFE_INTEGER);
  assertIntegerInRange('count', count, 0, Number.MAX_SAFE_INTEGER);
  const dirs: Float64Array[] = [];
  for (let k = 0; k < count; k++) dirs.push(stream.fillNormal(new Float64Array(n)));
  if (extremes) dirs.push(extremes.minVector, extremes.maxVector);
  return dirs;
}
