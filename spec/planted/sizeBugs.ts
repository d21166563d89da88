/**
 * Planted bugs that show only at sizes beyond the small cases (d <= 6, K <= 3, N <= 60) that
 * the exact claims drew before their wide branch (properties/arbitraries.ts WIDE_EXACT): a
 * fixed-size unit buffer and a blocked sum that drops its tail. Each is caught only because one
 * case in four is now drawn at d up to 32, K up to 8 and N up to 3000.
 *
 * @example
 * ```ts
 * const impl = SIZE_BUGS[0].make(); // the gradient of units past the third is left at 0
 * ```
 */
import { sliceDataset } from '../../src/core/layout.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import type { PlantedBug } from './slippedKernel.js';

/** Samples per block of the blocked-sum bug: larger than any small case's N. */
const BLOCK = 64;

/** Every size-dependent planted bug (counted in PLANTED_BUGS). */
export const SIZE_BUGS: readonly PlantedBug[] = [
  {
    // Every wide case has K >= 4: caught when one of gradient-fd-directional's 12 default
    // cases is wide, probability 1 - 0.75^12 = 0.97 per seed (0.9 for an 8-case claim).
    name: 'gradient of units past the 3rd left at 0 (a fixed-size buffer of 3 units)',
    caughtBy: 'gradient-fd-directional',
    make: () => {
      const ref = referenceImplementation();
      return {
        ...ref,
        name: 'three-unit buffer',
        gradient: async (data, W) => (await ref.gradient!(data, W)).fill(0, 3 * W.d),
      };
    },
  },
  {
    // Wide cases have N > 64 and N % 64 != 0 with probability 63/64: caught like the above.
    name: 'gradient summed in blocks of 64 samples, a partial last block dropped',
    caughtBy: 'gradient-fd-directional',
    make: () => {
      const ref = referenceImplementation();
      return {
        ...ref,
        name: 'blocked sum without its tail',
        gradient: async (data, W) => {
          const kept = data.n < BLOCK ? data.n : data.n - (data.n % BLOCK);
          if (kept === data.n) return ref.gradient!(data, W);
          // The blocks' sum is still divided by N: the mean over the kept samples times kept / N.
          return (await ref.gradient!(sliceDataset(data, 0, kept), W)).map((g) => (g * kept) / data.n);
        },
      };
    },
  },
];
