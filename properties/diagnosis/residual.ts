/**
 * How far an answer is from a prediction, relative to their size: |a - p|_2 / max(|a|_2, |p|_2).
 * Scale-free, so one tolerance serves a loss of 1e-3 and a gradient of 1e2; 0 means the
 * prediction explains the answer exactly, 1 or more that it explains nothing.
 *
 * @example
 * ```ts
 * relativeResidual(Float64Array.of(1, 2), Float64Array.of(1, 2)) === 0
 * ```
 */

/** Euclidean norm. @example norm2(Float64Array.of(3, 4)) === 5 */
export function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let q = 0; q < v.length; q++) s += v[q] * v[q];
  return Math.sqrt(s);
}

/** |a - p| / max(|a|, |p|), 0 when both are 0 (NaN anywhere gives Infinity). @example relativeResidual(a, p) */
export function relativeResidual(a: ArrayLike<number>, p: ArrayLike<number>): number {
  if (a.length !== p.length) return Infinity;
  let s = 0;
  for (let q = 0; q < a.length; q++) s += (a[q] - p[q]) ** 2;
  const scale = Math.max(norm2(a), norm2(p));
  const r = scale === 0 ? 0 : Math.sqrt(s) / scale;
  return Number.isNaN(r) ? Infinity : r;
}

/** Index of the largest |a_q - p_q|. @example largestDifference(a, p) */
export function largestDifference(a: ArrayLike<number>, p: ArrayLike<number>): number {
  let best = 0;
  let gap = -1;
  for (let q = 0; q < a.length; q++) {
    const g = Math.abs(a[q] - p[q]);
    if (g > gap) {
      gap = g;
      best = q;
    }
  }
  return best;
}
