/**
 * The small statistics the verdicts need: quantiles, seeded bootstrap intervals, the N at
 * which a success rate crosses 1/2, and multiple least-squares fits (the mean and the
 * one-regressor line are src/core/stats, shared with the property suite). Bootstrap
 * resampling uses a named stream of a fixed seed, so a report is a pure function of its records.
 *
 * @example
 * ```ts
 * quantile([3, 1, 2], 0.5); // 2
 * crossing([4, 8, 16], [0, 0.4, 1]); // 9.6 (linear between 8 and 16)
 * ```
 */
import { createStream, randomInt } from '../../core/random.js';

/** Quantile q of values by linear interpolation between order statistics (NaN when empty). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  // Equal ends (including two infinities) need no interpolation, which would give NaN.
  return s[lo] === s[hi] ? s[lo] : s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * Where a success-rate curve first reaches 1/2, interpolated linearly between grid points;
 * NaN when it never does (threshold beyond the grid), the first x when it starts above.
 */
export function crossing(xs: readonly number[], rates: readonly number[], level = 0.5): number {
  for (let i = 0; i < xs.length; i++) {
    if (rates[i] >= level) {
      if (i === 0) return xs[0];
      const t = (level - rates[i - 1]) / (rates[i] - rates[i - 1]);
      return xs[i - 1] + t * (xs[i] - xs[i - 1]);
    }
  }
  return NaN;
}

/** A point estimate with a central interval. */
export interface Interval {
  readonly estimate: number;
  readonly lo: number;
  readonly hi: number;
}

/** Bootstrap resamples of the report: enough for stable 90% interval ends (about 1% jitter). */
export const BOOTSTRAP_RESAMPLES = 1000;

/**
 * Percentile bootstrap: `statistic` on `groups` (each resampled with replacement within
 * itself, so a grid's design is kept) gives the estimate and a central `level` interval.
 * A NaN statistic on a resample means, with `nan: 'infinite'` (thresholds), "beyond the grid"
 * and counts as +Infinity, so if more than (1 - level)/2 of resamples are NaN the upper end is
 * unbounded; with `nan: 'drop'` (slopes of a design that lost a factor) the resample is left out.
 */
export function bootstrap<T>(
  groups: readonly (readonly T[])[],
  statistic: (groups: readonly (readonly T[])[]) => number,
  name: string,
  nan: 'infinite' | 'drop' = 'infinite',
  level = 0.9,
): Interval {
  const stream = createStream(20190101, `bootstrap:${name}`);
  const estimate = statistic(groups);
  const draws: number[] = [];
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    const resampled = groups.map((g) => g.map(() => g[randomInt(stream, g.length)]));
    const v = statistic(resampled);
    if (!Number.isNaN(v)) draws.push(v);
    else if (nan === 'infinite') draws.push(Infinity);
  }
  const tail = (1 - level) / 2;
  return { estimate, lo: quantile(draws, tail), hi: quantile(draws, 1 - tail) };
}

/** Formats a number for tables: 3 significant digits, exponent form when tiny or huge. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'n/a' : x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

/** "est [lo, hi]". */
export function fmtInterval(i: Interval): string {
  return `${fmt(i.estimate)} [${fmt(i.lo)}, ${fmt(i.hi)}]`;
}

/** Whether a family of intervals has a common point (all pairwise overlapping). */
export function intervalsOverlap(intervals: readonly Interval[]): boolean {
  const lo = Math.max(...intervals.map((i) => i.lo));
  const hi = Math.min(...intervals.map((i) => i.hi));
  return lo <= hi;
}

/**
 * Least squares y = b0 + sum_j b_j x_j (normal equations, Gaussian elimination with partial
 * pivoting); returns [b0, b1, ...], NaN entries when the design is singular (a factor that
 * does not vary).
 */
export function fitLinear(xs: readonly (readonly number[])[], ys: readonly number[]): number[] {
  const p = (xs[0]?.length ?? 0) + 1;
  const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  xs.forEach((row, i) => {
    const z = [1, ...row];
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) A[a][b] += z[a] * z[b];
      A[a][p] += z[a] * ys[i];
    }
  });
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (Math.abs(A[piv][c]) < 1e-12) return new Array<number>(p).fill(NaN);
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[p] / row[i]);
}
