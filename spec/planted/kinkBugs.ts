/**
 * Planted kink-convention bugs: implementations whose answers at an exact kink contradict
 * the convention they declare (or the default when they declare none). Away from kinks each
 * is the reference, so only exact-kink claims and fixtures can see them.
 *
 * @example
 * ```ts
 * const impl = KINK_BUGS[0].make();
 * (await runFixtures(impl, files)).counts.failed > 0;
 * ```
 */
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';

/** A kink bug: how to build it and which declaration it breaks. */
export interface KinkBug {
  readonly name: string;
  make(): Implementation;
}

/** Each contradicts its declared (or default) relu'(0) at exact kinks only. */
export const KINK_BUGS: readonly KinkBug[] = [
  {
    name: "declares relu'(0) = 0 (z > 0) but computes the z >= 0 mask",
    make: () => ({ ...referenceImplementation(), name: 'declares 0, computes >= 0', reluAtZero: 0 }),
  },
];
