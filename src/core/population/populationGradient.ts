/**
 * The gradient of the population loss in closed form (THEORY.md):
 *
 *   dL/dw_k = sum_l [g(w_k, w_l) - g(w_k, w*_l)],
 *   g(w, v) = grad_w k(w, v) = ((pi - theta) v + |v| sin theta wb) / (2 pi),
 *
 * where g(w, w) = w / 2 (theta = 0 exactly, see arcCosine.ts). Each pair's two terms are
 * formed and subtracted before accumulation, so at W = W* the gradient is exactly zero,
 * not merely small. Noise does not enter the gradient.
 *
 * @example
 * ```ts
 * const g = populationGradient(inst.Wstar, W); // Float64Array, index k * d + i
 * ```
 */
import type { Weights } from '../layout.js';
import { fail } from '../validate.js';
import { assertPopulationPair, unitAngle, unitDirections } from './arcCosine.js';

const INV_2PI = 1 / (2 * Math.PI);

/**
 * Population gradient at W (unit-contiguous layout). Writes into `out` when given.
 * A zero unit of W is a ValidationError (the gradient does not exist there).
 */
export function populationGradient(Wstar: Weights, W: Weights, out?: Float64Array): Float64Array {
  assertPopulationPair(Wstar, W);
  const { d, K } = W;
  const g = out ?? new Float64Array(d * K);
  if (g.length !== d * K) fail('out', `out must have length d * K = ${d * K}`, g.length);
  const s = unitDirections(W, 'W');
  const t = unitDirections(Wstar, 'Wstar', true);
  const w = W.data;
  const ws = Wstar.data;
  g.fill(0);
  for (let k = 0; k < K; k++) {
    const ko = k * d;
    for (let l = 0; l < K; l++) {
      const lo = l * d;
      const th1 = unitAngle(s.units, ko, s.units, lo, d);
      const th2 = unitAngle(s.units, ko, t.units, lo, d);
      const a1 = (Math.PI - th1) * INV_2PI;
      const b1 = s.norms[l] * Math.sin(th1) * INV_2PI;
      const a2 = (Math.PI - th2) * INV_2PI;
      const b2 = t.norms[l] * Math.sin(th2) * INV_2PI;
      for (let i = 0; i < d; i++) {
        const u = s.units[ko + i];
        g[ko + i] += a1 * w[lo + i] + b1 * u - (a2 * ws[lo + i] + b2 * u);
      }
    }
  }
  return g;
}
