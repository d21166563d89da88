/**
 * The permuted-units hypothesis: the answer's unit blocks are the expected ones in another
 * order (units reordered on the way in or out). The permutation is read off by matching each
 * block of the answer to its nearest expected block; only a non-identity bijection counts.
 *
 * @example
 * ```ts
 * const perm = permutationOfUnits(actual, expected); // e.g. [1, 0]
 * if (perm) permuteUnits(expected, perm);            // the prediction
 * ```
 */
import type { Answer } from './answerOf.js';

/**
 * perm with block k of `actual` nearest to block perm[k] of `expected`, in every weights-shaped
 * part alike; undefined when that is not a bijection, is the identity, or K < 2.
 * @example permutationOfUnits(actual, expected)
 */
export function permutationOfUnits(actual: Answer, expected: Answer): number[] | undefined {
  const part = expected.parts.find((p) => p.units !== undefined);
  if (part?.units === undefined || part.units.K < 2) return undefined;
  const { d, K } = part.units;
  const perm: number[] = [];
  for (let k = 0; k < K; k++) {
    let best = -1;
    let gap = Infinity;
    for (let l = 0; l < K; l++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += (actual.values[part.offset + k * d + i] - expected.values[part.offset + l * d + i]) ** 2;
      if (s < gap) {
        gap = s;
        best = l;
      }
    }
    perm.push(best);
  }
  const bijective = new Set(perm).size === K;
  const identity = perm.every((l, k) => l === k);
  return bijective && !identity ? perm : undefined;
}

/**
 * `expected` with block k of every weights-shaped part replaced by block perm[k].
 * @example permuteUnits(expected, [1, 0])
 */
export function permuteUnits(expected: Answer, perm: readonly number[]): Float64Array {
  const out = Float64Array.from(expected.values);
  for (const part of expected.parts) {
    if (part.units === undefined) continue;
    const { d } = part.units;
    for (let k = 0; k < perm.length; k++) {
      out.set(expected.values.subarray(part.offset + perm[k] * d, part.offset + perm[k] * d + d), part.offset + k * d);
    }
  }
  return out;
}
