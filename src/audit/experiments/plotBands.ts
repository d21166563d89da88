/**
 * Uncertainty and legibility for the report's plots: exact binomial (Clopper-Pearson)
 * intervals for success rates, seeded bootstrap intervals for means and medians of errors,
 * a small horizontal dodge so curves that coincide (Fig. 2(c)'s K = 10 and K = 15 are both 0)
 * stay visible, and the Vega-Lite layers that draw error bars and a reference slope.
 *
 * @example
 * ```ts
 * clopperPearson(3, 10); // { lo: 0.0873, hi: 0.6066 } (90%)
 * dodge(40, 0, 3);       // 40 * 10^(-0.02): the first of three series, left of the others
 * ```
 */
import { bootstrap, type Interval } from './stats.js';

/** Central level of every plotted interval (the level of the report's bootstrap intervals). */
export const PLOT_LEVEL = 0.9;

/** P(Bin(n, p) <= x). */
function binomialCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  let term = (1 - p) ** n;
  let sum = term;
  for (let i = 1; i <= x; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return Math.min(1, sum);
}

/** p where a decreasing function of p crosses `target`, by bisection on [0, 1]. */
function solve(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Clopper-Pearson) central interval for a success probability after x of n: it
 * never covers less than `level`, which matters at the audit's 3-20 trials per cell, where a
 * normal approximation would draw 0/3 as the point 0.
 */
export function clopperPearson(x: number, n: number, level = PLOT_LEVEL): { lo: number; hi: number } {
  if (!(Number.isInteger(x) && Number.isInteger(n) && n > 0 && x >= 0 && x <= n)) throw new Error(`clopperPearson needs integers 0 <= x <= n, n > 0; got x = ${x}, n = ${n}`);
  const tail = (1 - level) / 2;
  // lo: P(X >= x; lo) = tail, i.e. 1 - cdf(x - 1; lo) = tail; hi: cdf(x; hi) = tail.
  const lo = x === 0 ? 0 : solve((p) => binomialCdf(x - 1, n, p), 1 - tail);
  const hi = x === n ? 1 : solve((p) => binomialCdf(x, n, p), tail);
  return { lo, hi };
}

/** A seeded percentile-bootstrap interval of a statistic of one cell's values (stats.bootstrap). */
export function cellInterval(values: readonly number[], statistic: (v: readonly number[]) => number, name: string): Interval {
  return bootstrap([values], (gs) => statistic(gs[0]), name, 'drop', PLOT_LEVEL);
}

/**
 * x moved by a factor 10^(step (index - (count - 1) / 2)) so `count` series at the same x sit
 * side by side; multiplicative, so it is the same small shift on log and linear axes alike
 * (0.02 decades = 4.7% of x per series: at 2.8% Fig. 2(d)'s d = 25 and 50 still merged).
 */
export function dodge(x: number, index: number, count: number, step = 0.02): number {
  return x * 10 ** (step * (index - (count - 1) / 2));
}

/**
 * Vega-Lite layer: vertical error bars from field `lo` to `hi`, at the x (and y) encoding of
 * the series' own layer (the same objects, so the layers share scales and axis titles),
 * coloured like it.
 */
export function errorBarLayer(values: readonly Record<string, unknown>[], o: { x: Readonly<Record<string, unknown>>; lo: string; hi: string; color?: Readonly<Record<string, unknown>>; y?: Readonly<Record<string, unknown>> }): Record<string, unknown> {
  return {
    data: { values },
    mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
    encoding: {
      x: o.x,
      // The series' y encoding with the field swapped: same scale and axis title.
      y: { ...(o.y ?? { type: 'quantitative' }), field: o.lo },
      y2: { field: o.hi },
      ...(o.color ? { color: o.color } : {}),
    },
  };
}

/**
 * Vega-Lite layer: a grey dotted reference line of slope `slope` on log-log axes through
 * (x0, y0), drawn over [xMin, xMax], labelled at its right end.
 */
export function referenceSlopeLayer(o: { slope: number; x0: number; y0: number; xMin: number; xMax: number; x: string; y: string; label: string }): Record<string, unknown> {
  const at = (x: number) => ({ [o.x]: x, [o.y]: o.y0 * (x / o.x0) ** o.slope, label: o.label });
  const values = [at(o.xMin), at(o.xMax)];
  return {
    data: { values },
    layer: [
      { mark: { type: 'line', color: '#777', strokeDash: [1, 3], strokeWidth: 1.5 }, encoding: { x: { field: o.x, type: 'quantitative', scale: { type: 'log' } }, y: { field: o.y, type: 'quantitative', scale: { type: 'log' } } } },
      {
        transform: [{ filter: `datum['${o.x}'] === ${o.xMax}` }],
        mark: { type: 'text', color: '#555', align: 'left', dx: 4, fontSize: 10 },
        encoding: { x: { field: o.x, type: 'quantitative', scale: { type: 'log' } }, y: { field: o.y, type: 'quantitative', scale: { type: 'log' } }, text: { field: 'label' } },
      },
    ],
  };
}
