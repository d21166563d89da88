/**
 * Planted kink-convention bugs: implementations whose answers at an exact kink contradict
 * the convention they declare (or the default when they declare none). Away from kinks each
 * is the reference, so only the exact-kink parts of gradient-at-kink, hvp-fd and
 * gd-consistency, and the exact-kink fixtures, can see them.
 *
 * @example
 * ```ts
 * const bug = KINK_BUGS[0];
 * (await claimById(bug.caughtBy).run(bug.make(), options)).status === 'failed';
 * ```
 */
import type { GdRequest } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { strictMaskControl } from '../controls/strictMask.js';
import type { PlantedBug } from './slippedKernel.js';

const ref = referenceImplementation();
const strict = strictMaskControl();
const allZero = (W: { data: Float64Array }) => W.data.every((w) => w === 0);

/** Each contradicts its declared (or default) relu'(0) at exact kinks only; caughtBy is the claim. */
export const KINK_BUGS: readonly PlantedBug[] = [
  {
    name: "declares relu'(0) = 0 (z > 0) but computes the z >= 0 mask",
    caughtBy: 'gradient-at-kink',
    make: () => ({ ...ref, name: 'declares 0, computes >= 0', reluAtZero: 0 }),
  },
  {
    name: "z > 0 mask, relu'(0) = 0 undeclared (the default is 1)",
    caughtBy: 'gradient-at-kink',
    make: () => {
      const { reluAtZero: _, ...undeclared } = strictMaskControl();
      return { ...undeclared, name: 'z > 0, undeclared' };
    },
  },
  {
    name: "HVP with the z > 0 mask under the default relu'(0) = 1 (gradient and GD right)",
    caughtBy: 'hvp-fd',
    make: () => ({ ...ref, name: 'hvp z > 0', hvp: strict.hvp }),
  },
  {
    name: "HVP with the z >= 0 mask under a declared relu'(0) = 0",
    caughtBy: 'hvp-fd',
    make: () => ({ ...strict, name: 'declares 0, hvp >= 0', hvp: ref.hvp }),
  },
  {
    name: "GD that stays at W0 = 0 (a z > 0 step) under the default relu'(0) = 1",
    caughtBy: 'gd-consistency',
    make: () => ({
      ...ref,
      name: 'gd z > 0 at zero',
      gradientDescent: (data, req: GdRequest) => (allZero(req.W0) ? strict : ref).gradientDescent!(data, req),
    }),
  },
  {
    name: "GD that steps off W0 = 0 (a z >= 0 step) under a declared relu'(0) = 0",
    caughtBy: 'gd-consistency',
    make: () => ({
      ...strict,
      name: 'declares 0, gd >= 0 at zero',
      gradientDescent: (data, req: GdRequest) => (allZero(req.W0) ? ref : strict).gradientDescent!(data, req),
    }),
  },
];
