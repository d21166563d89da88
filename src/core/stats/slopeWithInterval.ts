/**
 * The least-squares slope of y on x with its two-sided Student-t confidence interval (normal
 * errors, n - 2 degrees of freedom): the statistic the rate claims test ("the interval
 * contains -1 and excludes 0").
 *
 * @example
 * ```ts
 * const { slope, halfWidth } = slopeWithInterval([0, 1, 2, 3], [0.1, -1, -2.1, -2.9], 0.95);
 * // slope - halfWidth <= -1 <= slope + halfWidth
 * ```
 */
import { studentTQuantile as quantileT } from './studentTQuantile.js';
import { assertIntegerInRange, fail } from '../validate.js';
import { lineSums } from './fitLine.js';

/** A slope and the half-width of its interval: the interval is slope -+ halfWidth. */
export interface SlopeInterval {
  readonly slope: number;
  readonly halfWidth: number;
}

/**
 * Ordinary least squares slope of y on x with a two-sided Student-t interval at `level`
 * (half-width t_{(1+level)/2, n-2} * sqrt(RSS / (n - 2) / Sxx)). NaN when x does not vary.
 * @example slopeWithInterval([0, 1, 2], [0, -1, -2.1], 0.95)
 */
export function slopeWithInterval(x: readonly number[], y: readonly number[], level: number): SlopeInterval {
  if (y.length !== x.length) fail('y', `y must have as many entries as x (${x.length})`, y.length);
  assertIntegerInRange('x.length', x.length, 3, Infinity, 'a slope interval needs at least 3 points (n - 2 degrees of freedom)');
  if (!(level > 0 && level < 1)) fail('level', 'level must lie strictly between 0 and 1', level);
  const { n, mx, my, sxx, b: slope } = lineSums(x, y);
  // Residuals about the centred line rather than a + b x: the bits the recorded calibrations saw.
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - my - slope * (x[i] - mx)) ** 2;
  const se = Math.sqrt(rss / (n - 2) / sxx);
  return { slope, halfWidth: quantileT(1 - (1 - level) / 2, n - 2) * se };
}
