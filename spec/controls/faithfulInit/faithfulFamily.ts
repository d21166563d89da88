/**
 * The faithful family: Algorithm 1 (faithfulTensorInit.ts) under eight combinations of the
 * choices the paper leaves open (another random alpha, Anandkumar et al.'s restarts L and
 * iterations N, how S is partitioned, RecMagSign magnitudes from M1 or M2). The tensor-init
 * claims are calibrated on the worst member (scripts/calibrate-faithful-init.ts), so an
 * implementation of the paper as written passes whichever of these choices it made; only the
 * canonical member is registered as a control (registry.ts).
 *
 * @example
 * ```ts
 * for (const member of FAITHFUL_FAMILY) await member.make().tensorInit!(data, { K: 2, seed: 1 });
 * ```
 */
import type { Implementation } from '../../../src/impl/Implementation.js';
import { FAITHFUL_DEFAULTS, faithfulTensorInit, type FaithfulChoices } from './faithfulTensorInit.js';

/** One member: its id, what it changes, a factory offering `init`. */
export interface FaithfulMember {
  readonly id: string;
  readonly choices: FaithfulChoices;
  make(): Implementation;
}

function member(id: string, change: Partial<FaithfulChoices>): FaithfulMember {
  const choices = { ...FAITHFUL_DEFAULTS, ...change };
  return {
    id,
    choices,
    make: () => ({
      name: `faithful-init ${id}`,
      capabilities: ['init'],
      tensorInit: async (data, request) => faithfulTensorInit(data, request.K, request.seed, choices),
    }),
  };
}

/** The eight members; `canonical` is FAITHFUL_DEFAULTS. */
export const FAITHFUL_FAMILY: readonly FaithfulMember[] = [
  member('canonical', {}),
  member('alpha-2', { alphaSalt: 2 }),
  member('alpha-3', { alphaSalt: 3 }),
  member('few-restarts', { restarts: 3, iterations: 10 }),
  member('many-restarts', { restarts: 30, iterations: 50 }),
  member('interleaved', { partition: 'interleaved' }),
  member('m2-magnitudes', { magnitude: 'm2' }),
  member('m2-interleaved-alpha-5', { magnitude: 'm2', partition: 'interleaved', alphaSalt: 5 }),
];
