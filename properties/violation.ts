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
 * Throws when a measured value or a bound is not finite. Bounds are often computed from the
 * implementation's own outputs (rounding bounds scale with |grad|, |H v|, the loss): answers
 * near 1e308 (or squares of 1e155) overflow them to Infinity, and `x <= Infinity` would then
 * pass any answer. A check that cannot be evaluated in float64 is a failure, said in words.
 * @example expectFinite('tolerance', Infinity, '<v, H u> check') // throws
 */
export function expectFinite(quantity: string, value: number, how: string): void {
  if (Number.isFinite(value)) return;
  throw new ClaimViolation(
    quantity,
    value,
    NaN,
    'in',
    `the finite numbers: ${fmt(value)} cannot be checked (it is computed from the implementation's answers, ` +
      `which are too large or not numbers: an overflow makes every bound Infinity); ${how}`,
  );
}

/**
 * Throws unless `measured <= bound` (NaN fails; a non-finite measurement or bound fails too).
 * @example expectAtMost('error', 0.1, 0.2, 'theory')
 */
export function expectAtMost(quantity: string, measured: number, bound: number, how: string): void {
  expectFinite(`${quantity} (measured)`, measured, how);
  expectFinite(`bound on ${quantity}`, bound, how);
  if (!(measured <= bound)) throw new ClaimViolation(quantity, measured, bound, '<=', how);
}

/**
 * Throws unless `measured >= bound` (NaN fails; a non-finite measurement or bound fails too).
 * @example expectAtLeast('probe', 0.2, 0.1, 'calibrated')
 */
export function expectAtLeast(quantity: string, measured: number, bound: number, how: string): void {
  expectFinite(`${quantity} (measured)`, measured, how);
  expectFinite(`bound on ${quantity}`, bound, how);
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
  expectFinite(`${quantity} (measured)`, measured, how);
  for (const [name, v] of [['lower end', lo], ['upper end', hi], ['tolerance', tol]] as const) expectFinite(`${name} of the interval for ${quantity}`, v, how);
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
