/**
 * Zhong et al. 2017, Definition 5.4 / Claim 5.5 / Algorithm 1 steps 1-3 for the activations
 * with m2 = 0 (sigmoid, tanh, erf): P2 = M3(I, I, alpha) (j2 = 3) spans span(W*), P3 = M3
 * decomposes into the unit directions, M1 orients them. The paper's RecMagSign (norms) is for
 * homogeneous activations only, so this claim checks subspace and directions, not norms.
 *
 * Checked per case (activation in {tanh, sigmoid, erf}, d in 5..8, K = 3, kappa in [1, 1.5],
 * N = 1e5, v* = +1, noiseless, a fresh seed): largest principal-angle sine to span(W*) and the
 * worst unit's oriented direction error, each at most its calibrated bound
 * (src/theory/activationClaims.ts).
 *
 * @example
 * ```ts
 * await oddTensorDirectionsClaim(referenceActivationSubject()).run(impl, { seed: 4, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import type { Claim } from '../Claim.js';
import { makeOutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import { createStreams } from '../../src/core/random.js';
import { principalAngleSines } from '../../src/core/tensor/principalAngles.js';
import { claimTheory } from '../../src/theory/claims.js';
import { defineActivationClaim } from './defineActivationClaim.js';
import type { ActivationSubject } from './subject.js';

const ID = 'odd-activation-tensor-directions';
const CAL = claimTheory(ID).constants;
const ODD = ['tanh', 'sigmoid', 'erf'] as const;

/**
 * For each true unit, the distance from its unit direction to the nearest recovered one; the
 * worst, and which true unit attains it (K is small, so nearest instead of an assignment).
 * @example worstDirectionError(r.directions.data, Wstar.data, d, K).error
 */
export function worstDirectionError(W: Float64Array, Wstar: Float64Array, d: number, K: number): { error: number; unit: number } {
  let error = 0;
  let unit = -1;
  for (let i = 0; i < K; i++) {
    let n = 0;
    for (let t = 0; t < d; t++) n += Wstar[i * d + t] ** 2;
    n = Math.sqrt(n);
    let best = Infinity;
    for (let j = 0; j < K; j++) {
      let e = 0;
      for (let t = 0; t < d; t++) e += (W[j * d + t] - Wstar[i * d + t] / n) ** 2;
      best = Math.min(best, Math.sqrt(e));
    }
    if (best > error) {
      error = best;
      unit = i;
    }
  }
  return { error, unit };
}

/** Builds the claim for a subject. */
export function oddTensorDirectionsClaim(subject: ActivationSubject): Claim {
  const K = CAL.K.value;
  const N = CAL.N.value;
  return defineActivationClaim({
    id: ID,
    falseAlarmBudget: 0.01,
    runs: { quick: 3, default: 6, thorough: 100 },
    property() {
      const arb = fc.record({
        which: fc.integer({ min: 0, max: 2 }),
        d: fc.integer({ min: 5, max: 8 }),
        kappa: fc.double({ min: 1, max: 1.5, noNaN: true }),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
      });
      return fc.property(arb, ({ which, d, kappa, seed }) => {
        const name = ODD[which];
        const activation = subject.activations[name];
        const inst = makeOutputModelInstance({ d, K, kappa, N, seed, activation, signs: 'positive' });
        const r = subject.tensorDirections(inst.data, K, {
          stream: createStreams(seed).stream('claim-odd-tensor'),
          activation: subject.tensorActivation(activation),
        });
        const where = `${name} d=${d} K=${K} kappa=${kappa} N=${N} seed=${seed}`;
        const sin = principalAngleSines(r.basis, K, inst.Wstar.data, K, d).max;
        if (!(sin <= CAL.subspaceBound.value)) {
          throw new Error(`largest principal-angle sine to span(W*) ${sin} > ${CAL.subspaceBound.value}; ${where}`);
        }
        const e = worstDirectionError(r.directions.data, inst.Wstar.data, d, K);
        if (!(e.error <= CAL.directionBound.value)) {
          throw new Error(`unit ${e.unit}: oriented direction error ${e.error} > ${CAL.directionBound.value}; ${where}`);
        }
      });
    },
  });
}
