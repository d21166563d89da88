/**
 * The Student-t quantile function of `@stdlib/stats-base-dists-t-quantile`, loaded on the
 * first call (see {@link lazyDependency}: the package is about 400 small modules, the inverse
 * incomplete beta and gamma functions, and only rate claims and audit verdicts need it).
 *
 * @example
 * ```ts
 * studentTQuantile(0.975, 10); // 2.228...
 * ```
 */
import { lazyDependency } from '../lazyDependency.js';

const quantile = lazyDependency<(p: number, df: number) => number>('@stdlib/stats-base-dists-t-quantile');

/**
 * The p-quantile of Student's t distribution with `df` degrees of freedom (NaN outside
 * p in [0, 1] or for df <= 0, as the stdlib function returns).
 * @example studentTQuantile(0.5, 3) // 0
 */
export function studentTQuantile(p: number, df: number): number {
  return quantile()(p, df);
}
