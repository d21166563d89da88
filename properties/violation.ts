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
