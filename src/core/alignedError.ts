/**
 * The aligned error `min over permutations P of |W - W* P|_F`: hidden units are only
 * identified up to order, so the error pairs each learned unit with a teacher unit by an
 * optimal assignment on squared distances (exact, via {@link solveAssignment}).
 *
 * @example
 * ```ts
 * const { error, relative, permutation } = alignedError(W, Wstar);
 * // W's unit k is matched to Wstar's unit permutation[k]
 * ```
 */
import { solveAssignment } from './hungarian.js';
import { assertSameShape, frobenius, type Weights } from './layout.js';

/** The aligned error with the matching that attains it. */
export interface AlignedError {
  /** min_P |W - W* P|_F. */
  readonly error: number;
  /** error / |W*|_F. */
  readonly relative: number;
  /** permutation[k] = the teacher unit matched to W's unit k. */
  readonly permutation: Int32Array;
}

/** Aligned error of W against W*, validated to have the same shape. */
export function alignedError(W: Weights, Wstar: Weights): AlignedError {
  assertSameShape('W', W, 'Wstar', Wstar);
  const { d, K } = W;
  const cost = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) {
        const t = W.data[a * d + i] - Wstar.data[b * d + i];
        s += t * t;
      }
      cost[a * K + b] = s;
    }
  }
  const { assignment, cost: total } = solveAssignment(cost, K);
  const error = Math.sqrt(Math.max(0, total));
  return { error, relative: error / frobenius(Wstar.data), permutation: assignment };
}
