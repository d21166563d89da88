/**
 * Ordinary least squares for one regressor, y = a + b x: the centred sums once, then the line.
 * The audit's slopes and the property suite's slope intervals both start from
 * {@link lineSums}, so they agree to the bit on the same data.
 *
 * @example
 * ```ts
 * fitLine([1, 2, 3], [3, 5, 7]); // { a: 1, b: 2 }
 * ```
 */
import { mean } from './mean.js';

/** Means and centred sums of a paired sample, and the least-squares slope from them. */
export interface LineSums {
  readonly n: number;
  readonly mx: number;
  readonly my: number;
  /** sum (x - mx)^2 */
  readonly sxx: number;
  /** sum (x - mx)(y - my) */
  readonly sxy: number;
  /** sxy / sxx; NaN when x does not vary (sxx = 0). */
  readonly b: number;
}

/**
 * Means, centred sums and slope of (xs, ys), read over xs's length.
 * @example lineSums([0, 1, 2], [1, 3, 5]).b // 2
 */
export function lineSums(xs: readonly number[], ys: readonly number[]): LineSums {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return { n: xs.length, mx, my, sxx, sxy, b: sxx > 0 ? sxy / sxx : NaN };
}

/**
 * Least-squares line y = a + b x; NaN slope (and intercept) when x does not vary or is empty.
 * @example fitLine([1, 2, 3], [3, 5, 7]) // { a: 1, b: 2 }
 */
export function fitLine(xs: readonly number[], ys: readonly number[]): { a: number; b: number } {
  const { mx, my, b } = lineSums(xs, ys);
  return { a: my - b * mx, b };
}
