/**
 * Moment identities of the tensor initialization (Zhong et al. 2017, Definition 5.1 and
 * Claim 5.2; THEORY.md), and the closed forms of the Gaussian moments:
 * - degree-1 homogeneous phi (ReLU, leaky ReLU, linear) is a z + b |z|, and He3 is odd with
 *   E[z He3(z)] = 0, so m3 = gamma3 - 3 gamma1 = 0 (M3 vanishes);
 * - symmetric (even) phi' means phi = const + odd, so m2 = gamma2 - gamma0 = 0 (sigmoid,
 *   tanh, erf, linear);
 * - squared ReLU has m3 = 2 s^2 / sqrt(2 pi) != 0 (why its tensor initialization may use M3);
 * - every closed-form entry agrees with the quadrature within the error estimate.
 *
 * @example
 * ```ts
 * await momentIdentitiesClaim(referenceActivationSubject()).run(impl, { seed: 3, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import { uniformDouble } from './uniformDraws.js';
import type { Claim } from '../Claim.js';
import type { ActivationName } from '../../src/core/activations/activation.js';
import { ALL_ACTIVATIONS } from '../../src/core/activations/catalog.js';
import { tensorCoefficients } from '../../src/core/activations/gaussianMoments.js';
import { defineActivationClaim } from './defineActivationClaim.js';
import type { ActivationSubject } from './subject.js';

const M3_ZERO: readonly ActivationName[] = ['relu', 'leakyRelu', 'linear'];
const M2_ZERO: readonly ActivationName[] = ['sigmoid', 'tanh', 'erf', 'linear'];
/** Every activation of the catalogue, in its order (a new activation is checked too). */
const NAMES: readonly ActivationName[] = ALL_ACTIVATIONS.map((a) => a.name);

/** Builds the claim for a subject. */
export function momentIdentitiesClaim(subject: ActivationSubject): Claim {
  return defineActivationClaim({
    id: 'activation-moment-identities',
    falseAlarmBudget: 0,
    runs: { quick: 16, default: 64, thorough: 1000 },
    property() {
      const arb = fc.record({
        name: fc.constantFrom(...NAMES),
        logS: uniformDouble(Math.log(0.1), Math.log(10)),
      });
      return fc.property(arb, ({ name, logS }) => {
        const act = subject.activations[name];
        const s = Math.exp(logS);
        const { moments, error } = subject.moments(act, s);
        const [, m2, m3] = tensorCoefficients(moments);
        const g = moments.gamma;
        const eg = error.gamma;
        const tol2 = eg[2] + eg[0];
        const tol3 = eg[3] + 3 * eg[1];
        if (M3_ZERO.includes(name) && !(Math.abs(m3) <= tol3)) {
          throw new Error(`${name}, s = ${s}: m3 = gamma3 - 3 gamma1 = ${g[3]} - 3 * ${g[1]} = ${m3}, expected 0 (tolerance ${tol3})`);
        }
        if (M2_ZERO.includes(name) && !(Math.abs(m2) <= tol2)) {
          throw new Error(`${name}, s = ${s}: m2 = gamma2 - gamma0 = ${g[2]} - ${g[0]} = ${m2}, expected 0 (tolerance ${tol2})`);
        }
        if (name === 'squaredRelu') {
          const expected = (2 * s * s) / Math.sqrt(2 * Math.PI);
          if (!(Math.abs(m3 - expected) <= tol3)) {
            throw new Error(`squaredRelu, s = ${s}: m3 = ${m3}, expected 2 s^2 / sqrt(2 pi) = ${expected} (tolerance ${tol3})`);
          }
        }
        const closed = act.closedMoments?.(s);
        if (!closed) return;
        for (const key of ['gamma', 'alpha', 'beta'] as const) {
          (closed[key] ?? []).forEach((c, k) => {
            if (c === undefined) return;
            const q = moments[key][k];
            const tol = error[key][k];
            if (!(Math.abs(q - c) <= tol)) {
              throw new Error(`${name}, s = ${s}: ${key}${k} quadrature ${q} vs closed form ${c}, difference ${Math.abs(q - c)} > tolerance ${tol}`);
            }
          });
        }
      });
    },
  });
}
