/**
 * Summation orders used by the controls, so that each control rounds differently from
 * relucheck's left-to-right loops: pairwise (recursive halving, error O(log n u)), Kahan
 * compensated (error O(u), independent of n) and plain reversed. A claim whose tolerance is a
 * rounding bound must accept all of them; one that accepts only left-to-right order is
 * measuring relucheck's loop, not the mathematics.
 *
 * @example
 * ```ts
 * pairwiseSum(Float64Array.of(1, 2, 3)); // 6
 * const acc = new KahanSum(); acc.add(0.1); acc.add(0.2); acc.value;
 * ```
 */

/** Below this length pairwise summation adds left to right (as NumPy does, with 8 lanes). */
const PAIRWISE_LEAF = 8;

/**
 * Sum of `values[lo..hi)` by recursive halving.
 * @example pairwiseSum(Float64Array.of(1, 2, 3, 4)) === 10
 */
export function pairwiseSum(values: ArrayLike<number>, lo = 0, hi = values.length): number {
  if (hi - lo <= PAIRWISE_LEAF) {
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i];
    return s;
  }
  const mid = lo + ((hi - lo) >> 1);
  return pairwiseSum(values, lo, mid) + pairwiseSum(values, mid, hi);
}

/**
 * Kahan (compensated) summation: the running error of each addition is carried into the next.
 * @example const s = new KahanSum(); for (const v of xs) s.add(v); s.value
 */
export class KahanSum {
  private sum = 0;
  private carry = 0;

  /** Adds v with compensation. */
  add(v: number): void {
    const y = v - this.carry;
    const t = this.sum + y;
    this.carry = t - this.sum - y;
    this.sum = t;
  }

  /** The compensated sum so far. */
  get value(): number {
    return this.sum;
  }
}

/**
 * Kahan-compensated dot product of `a[aOff..aOff+n)` and `b[bOff..bOff+n)`.
 * @example kahanDot(Float64Array.of(1, 2), 0, Float64Array.of(3, 4), 0, 2) === 11
 */
export function kahanDot(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, n: number): number {
  const s = new KahanSum();
  for (let j = 0; j < n; j++) s.add(a[aOff + j] * b[bOff + j]);
  return s.value;
}
