/**
 * Planted bugs for the curvature claims' eigenvalue check (strong-convexity-population,
 * strong-convexity-empirical): slips that leave u^T H u positive for almost every direction,
 * so 4 random probes per point (what those claims once checked) rarely see them, while the
 * smallest eigenvalue of the HVP's symmetric part does. bugs.ts appends them to PLANTED_BUGS.
 *
 * The slip: the HVP's directional product u_k . x (or, in closed form, the direction fed to
 * the Hessian) starts its input loop at 1, a 1-based habit, so u's coordinate 0 of every unit
 * is ignored: the operator is H P with P dropping those coordinates. Along e_{k,0},
 * e^T H P e = 0, so lambda_min((HP + PH)/2) <= 0 < c_mu; a random unit u has only about 1/d of
 * its mass there, and u^T H P u stays near u^T H u.
 *
 * @example
 * ```ts
 * for (const bug of CURVATURE_BUGS) expect((await claimById(bug.caughtBy).run(bug.make(), options)).status).toBe('failed');
 * ```
 */
import type { Weights } from '../../src/core/layout.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import type { PlantedBug } from './slippedKernel.js';

/** u with coordinate 0 of every unit set to 0 (what a loop from q = 1 reads of it). */
function withoutFirstInput(W: Weights, u: Float64Array): Float64Array {
  const v = Float64Array.from(u);
  for (let k = 0; k < W.K; k++) v[k * W.d] = 0;
  return v;
}

/** The eigenvalue-only curvature bugs, each with the claim that must see it. */
export const CURVATURE_BUGS: readonly PlantedBug[] = [
  {
    name: "empirical HVP's direction product u_k . x loops from input 1 (ignores u's coordinate 0)",
    caughtBy: 'strong-convexity-empirical',
    make: () => {
      const ref = referenceImplementation();
      return { ...ref, name: 'hvp from input 1', hvp: async (data, W, u) => ref.hvp!(data, W, withoutFirstInput(W, u)) };
    },
  },
  {
    name: "population HVP ignores the direction's input coordinate 0 (loop from 1)",
    caughtBy: 'strong-convexity-population',
    make: () => {
      const ref = referenceImplementation();
      return {
        ...ref,
        name: 'population hvp from input 1',
        populationHvp: async (Ws, W, u) => ref.populationHvp!(Ws, W, withoutFirstInput(W, u)),
      };
    },
  },
];
