/**
 * The error a claim's check throws when the measured value breaks its bound. It carries the
 * measured value, the bound and how the bound was obtained, so the failure report can say
 * "measured vs bound" without parsing text.
 *
 * @example
 * ```ts
 * expectAtMost('|grad L_N(W*)|_F', norm, bound, 'Gaussian tail at delta = 1e-9');
 * ```
 */
import type { SlopeInterval } from '../src/core/stats/slopeWithInterval.js';

/** A broken bound, with what was measured. */
export class ClaimViolation extends Error {
  override readonly name = 'ClaimViolation';
  constructor(
    readonly quantity: string,
    readonly measured: number,
    readonly bound: number,
    readonly relation: '<=' | '>=' | 'in',
    readonly how: string,
  ) {
    super(
      relation === 'in'
        ? `${quantity}: measured ${fmt(measured)} is outside ${how}`
        : `${quantity}: measured ${fmt(measured)} ${relationText(relation)} ${fmt(bound)} (${how})`,
    );
  }
}

function relationText(r: '<=' | '>=' | 'in'): string {
  return r === '<=' ? 'exceeds the bound' : 'is below the bound';
}

/** Compact number formatting for reports. @example fmt(0.000123) === '1.230e-4' */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? x.toPrecision(6) : x.toExponential(3);
}

/**
 * Throws unless `measured <= bound` (NaN fails).
 * @example expectAtMost('error', 0.1, 0.2, 'theory')
 */
export function expectAtMost(quantity: string, measured: number, bound: number, how: string): void {
  if (!(measured <= bound)) throw new ClaimViolation(quantity, measured, bound, '<=', how);
}

/**
 * Throws unless `measured >= bound` (NaN fails).
 * @example expectAtLeast('probe', 0.2, 0.1, 'calibrated')
 */
export function expectAtLeast(quantity: string, measured: number, bound: number, how: string): void {
  if (!(measured >= bound)) throw new ClaimViolation(quantity, measured, bound, '>=', how);
}

/**
 * Throws unless measured lies in [lo - tol, hi + tol].
 * @example expectBetween('derivative', 1, 0, 2, 1e-12, 'one-sided differences')
 */
export function expectBetween(
  quantity: string,
  measured: number,
  lo: number,
  hi: number,
  tol: number,
  how: string,
): void {
  if (!(measured >= lo - tol && measured <= hi + tol)) {
    throw new ClaimViolation(
      quantity,
      measured,
      NaN,
      'in',
      `[${fmt(lo)}, ${fmt(hi)}] +- ${fmt(tol)}; ${how}`,
    );
  }
}

/**
 * Throws unless the interval slope -+ halfWidth contains `target` and excludes 0 from above
 * (the rate claims: the theory's exponent fits, and the error does fall). `detail` is built
 * only on failure.
 * @example expectSlopeInterval('log-log slope', { slope: -1.02, halfWidth: 0.3 }, -1, '-1', () => 'grid ...')
 */
export function expectSlopeInterval(
  quantity: string,
  fit: SlopeInterval,
  target: number,
  targetText: string,
  detail: () => string,
): void {
  const lo = fit.slope - fit.halfWidth;
  const hi = fit.slope + fit.halfWidth;
  if (!(lo <= target && target <= hi) || !(hi < 0)) {
    throw new ClaimViolation(
      quantity,
      fit.slope,
      NaN,
      'in',
      `the interval [${lo}, ${hi}] must contain ${targetText} and exclude 0; ${detail()}`,
    );
  }
}
