/**
 * The arithmetic mean, summed left to right so that every caller (the audit's tables, the
 * least-squares fits) gets the same bits from the same numbers.
 *
 * @example
 * ```ts
 * mean([1, 2, 6]); // 3
 * mean([]);        // NaN
 * ```
 */

/**
 * Arithmetic mean (NaN when empty).
 * @example mean([1, 2, 6]) // 3
 */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
