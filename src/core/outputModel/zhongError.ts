/**
 * Zhong et al. 2017's success metric for a model with output weights: the worst relative
 * column error under the best permutation, and whether that permutation also recovers the
 * signs of v. Their Fig. 1 counts a trial a success when the error is <= 0.01 with exact signs.
 *
 * @example
 * ```ts
 * const { error, signsMatch } = zhongError(W, v, Wstar, vstar);
 * ```
 */
import type { Weights } from '../layout.js';
import { assertIntegerInRange } from '../validate.js';

/**
 * Zhong's error: min over permutations pi of max_j |w*_j - w_pi(j)| / |w*_j|, and whether the
 * minimizing permutation also matches the signs. Brute force over the K! permutations: Zhong's
 * experiments use K = 5 (120 permutations); K is capped at 8 (40320) so a call cannot hang.
 * @example zhongError(Wstar, vstar, Wstar, vstar) // { error: 0, signsMatch: true }
 */
export function zhongError(
  W: Weights,
  v: Float64Array,
  Wstar: Weights,
  vstar: Float64Array,
): { error: number; signsMatch: boolean } {
  const { d, K } = Wstar;
  assertIntegerInRange('K', K, 1, 8, 'K must be at most 8 for the brute-force permutation search');
  const rel = (j: number, p: number) => {
    let e = 0;
    let n = 0;
    for (let i = 0; i < d; i++) {
      e += (Wstar.data[j * d + i] - W.data[p * d + i]) ** 2;
      n += Wstar.data[j * d + i] ** 2;
    }
    return Math.sqrt(e / n);
  };
  let best = { error: Infinity, signsMatch: false };
  const perm = Array.from({ length: K }, (_, k) => k);
  const visit = (m: number) => {
    if (m === K) {
      let worst = 0;
      let signs = true;
      for (let j = 0; j < K; j++) {
        worst = Math.max(worst, rel(j, perm[j]));
        if (v[perm[j]] !== vstar[j]) signs = false;
      }
      if (worst < best.error) best = { error: worst, signsMatch: signs };
      return;
    }
    for (let a = m; a < K; a++) {
      [perm[m], perm[a]] = [perm[a], perm[m]];
      visit(m + 1);
      [perm[m], perm[a]] = [perm[a], perm[m]];
    }
  };
  visit(0);
  return best;
}
