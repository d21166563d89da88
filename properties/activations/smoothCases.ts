/**
 * The random instances of the finite-difference claims for smooth activations (gradient and
 * HVP): one arbitrary, so both claims draw the same kind of case and a case printed by one
 * can be fed to the other.
 *
 * @example
 * ```ts
 * fc.sample(smoothCases(), { seed: 1, numRuns: 3 });
 * ```
 */
import fc from 'fast-check';
import { uniformDouble, uniformFraction } from './uniformDraws.js';
import type { ActivationName } from '../../src/core/activations/activation.js';

/** Activations smooth enough for a plain central difference (no kink in any stencil). */
export const SMOOTH: readonly ActivationName[] = ['sigmoid', 'tanh', 'erf', 'quadratic', 'linear'];

/** One case: an instance (all drawn from `seed`) and the activation; K = 1 + floor(kFrac d). */
export interface SmoothCase {
  readonly name: ActivationName;
  readonly d: number;
  readonly kFrac: number;
  readonly N: number;
  readonly kappa: number;
  readonly seed: number;
}

/** The cases: d in 2..8, N in 10..150, kappa in [1, 3], any seed. */
export function smoothCases(): fc.Arbitrary<SmoothCase> {
  return fc.record({
    name: fc.constantFrom(...SMOOTH),
    d: fc.integer({ min: 2, max: 8 }),
    kFrac: uniformFraction(),
    N: fc.integer({ min: 10, max: 150 }),
    kappa: uniformDouble(1, 3),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  });
}
