/**
 * Zhong et al. 2017, Algorithm 1 / Theorem 5.6 for squared ReLU with output weights
 * v* in {-1, +1}: at large N the tensor initialization (P2 = M2, P3 = M3 since m3 != 0,
 * sign-tracked whitening + power method, RecMagSign) recovers the signs of v* exactly and lands close to W*.
 *
 * Checked per case (d in 5..10, K = 3, kappa in [1, 2], N = 50000, noiseless, a fresh seed):
 * under the permutation minimizing Zhong's error max_j |w*_j - w_pi(j)| / |w*_j|, every
 * v_pi(j) = v*_j, and that error is at most the calibrated bound (src/theory/activationClaims.ts).
 *
 * @example
 * ```ts
 * await tensorSignRecoveryClaim(referenceActivationSubject()).run(impl, { seed: 4, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import type { Claim } from '../Claim.js';
import { makeOutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import { createStreams } from '../../src/core/random.js';
import { zhongError } from '../../src/core/outputModel/zhongError.js';
import { claimTheory } from '../../src/theory/claims.js';
import { defineActivationClaim } from './defineActivationClaim.js';
import type { ActivationSubject } from './subject.js';

const ID = 'squared-relu-tensor-init-signs';
const CAL = claimTheory(ID).constants;

/**
 * The claim's settings and calibrated error bound, read from its record in
 * src/theory/activationClaims.ts (where the calibration is stated).
 * @example TENSOR_SIGN_CALIBRATION.errorBound
 */
export const TENSOR_SIGN_CALIBRATION = {
  K: CAL.K.value,
  N: CAL.N.value,
  errorBound: CAL.errorBound.value,
} as const;

/** Builds the claim for a subject. */
export function tensorSignRecoveryClaim(subject: ActivationSubject): Claim {
  const cal = TENSOR_SIGN_CALIBRATION;
  return defineActivationClaim({
    id: ID,
    falseAlarmBudget: 0.01,
    runs: { quick: 3, default: 8, thorough: 200 },
    property() {
      const arb = fc.record({
        d: fc.integer({ min: 5, max: 10 }),
        kappa: fc.double({ min: 1, max: 2, noNaN: true }),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
      });
      const act = subject.tensorActivation(subject.activations.squaredRelu);
      return fc.property(arb, ({ d, kappa, seed }) => {
        const inst = makeOutputModelInstance({
          d, K: cal.K, kappa, N: cal.N, seed, activation: subject.activations.squaredRelu,
        });
        const r = subject.tensorInit(inst.data, cal.K, {
          stream: createStreams(seed).stream('claim-tensor-init'),
          outputWeights: 'unknown',
          activation: act,
        });
        const z = zhongError(r.W, r.v, inst.Wstar, inst.model.v);
        const where = `d=${d} K=${cal.K} kappa=${kappa} N=${cal.N} seed=${seed}: v* = [${Array.from(inst.model.v)}], recovered v = [${Array.from(r.v)}]`;
        if (!z.signsMatch) {
          throw new Error(`signs of v* not recovered under the best permutation (Zhong error ${z.error}); ${where}`);
        }
        if (!(z.error <= cal.errorBound)) {
          throw new Error(`Zhong error max_j |w*_j - w_pi(j)| / |w*_j| = ${z.error} > ${cal.errorBound}; ${where}`);
        }
      });
    },
  });
}
