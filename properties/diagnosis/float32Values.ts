/**
 * Whether an answer carries float32 rounding: every value is exactly representable as a
 * binary32 number. Answers travel as float64, so a float32 implementation shows only in this
 * (a float64 computation lands on a float32 value by chance with probability ~2^-29 per value).
 * Helper `precision` owns the detector of issue 15; this one is the diagnosis's until theirs
 * is on main.
 *
 * @example
 * ```ts
 * allFloat32(Float64Array.of(0.5, Math.fround(0.1))) // true
 * allFloat32(Float64Array.of(0.1))                   // false
 * ```
 */

/** Every value is finite and equal to its float32 rounding. @example allFloat32(g) */
export function allFloat32(values: ArrayLike<number>): boolean {
  for (let q = 0; q < values.length; q++) {
    const v = values[q];
    if (!Number.isFinite(v) || Math.fround(v) !== v) return false;
  }
  return values.length > 0;
}

/**
 * Whether float32-ness would say anything: some expected value is not a float32 (an answer
 * of zeros and small integers is float32 whatever the arithmetic).
 * @example float32Telling(expected)
 */
export function float32Telling(expected: ArrayLike<number>): boolean {
  return !allFloat32(expected);
}

/** The values rounded to float32. @example roundedToFloat32(e) */
export function roundedToFloat32(values: Float64Array): Float64Array {
  return values.map((v) => Math.fround(v));
}
