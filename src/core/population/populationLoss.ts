/**
 * The population loss in closed form (Zhang et al. eq. 3.1; THEORY.md):
 *
 *   L(W) = 1/2 sum_{j,l} [k(w_j, w_l) - 2 k(w_j, w*_l) + k(w*_j, w*_l)] + nu^2 / 2,
 *
 * with k the arc-cosine kernel. The three kernel values of each (j, l) are combined before
 * they are summed, so at W = W* every term is exactly zero and so is the loss (nu = 0).
 *
 * @example
 * ```ts
 * populationLoss(inst.Wstar, inst.Wstar);      // 0
 * populationLoss(inst.Wstar, W, 0.1);          // E[(f_W(x) - y)^2] / 2 with noise std 0.1
 * ```
 */
import type { Weights } from '../layout.js';
import { assertAtLeast } from '../validate.js';
import { arcCosineKernel, assertPopulationPair, unitAngle, unitDirections } from './arcCosine.js';

/**
 * Population loss of student W for teacher W* and Gaussian label noise of std `nu`.
 * Zero units are allowed here (their kernel values are 0 by continuity).
 */
export function populationLoss(Wstar: Weights, W: Weights, nu = 0): number {
  assertPopulationPair(Wstar, W);
  assertAtLeast('nu', nu, 0);
  const { d, K } = W;
  const s = unitDirections(W, 'W', true);
  const t = unitDirections(Wstar, 'Wstar', true);
  let total = 0;
  for (let j = 0; j < K; j++) {
    for (let l = 0; l < K; l++) {
      const kss = arcCosineKernel(s.norms[j], s.norms[l], unitAngle(s.units, j * d, s.units, l * d, d));
      const kst = arcCosineKernel(s.norms[j], t.norms[l], unitAngle(s.units, j * d, t.units, l * d, d));
      const ktt = arcCosineKernel(t.norms[j], t.norms[l], unitAngle(t.units, j * d, t.units, l * d, d));
      total += kss - 2 * kst + ktt;
    }
  }
  return 0.5 * total + 0.5 * nu * nu;
}
