/**
 * Zhong et al. 2017, Properties 3.1-3.3 and Theorem 3.5, numerically:
 * - 3.2: rho(s) > 0 for the six activations of Theorem 3.5, rho = 0 for linear and rho < 0
 *   for quadratic, for s log-uniform in [0.1, 10]; "> 0" means beyond the quadrature's error
 *   estimate (split rule vs twice the points, plus rounding), "= 0" means within it.
 * - 3.1: phi'(z) >= 0 at random z for the six (quadratic's phi' < 0 for z < 0: checked at -|z|).
 * - 3.3: for smooth activations |phi''| stays within the catalogue's bound at random z.
 *
 * @example
 * ```ts
 * const r = await zhongPropertiesClaim(referenceActivationSubject()).run(impl, { seed: 1, tier: 'default' });
 * ```
 */
import fc from 'fast-check';
import { uniformDouble } from './uniformDraws.js';
import type { Claim } from '../Claim.js';
import { rho, rhoTerms } from '../../src/core/activations/gaussianMoments.js';
import type { ActivationName } from '../../src/core/activations/activation.js';
import { ALL_ACTIVATIONS } from '../../src/core/activations/catalog.js';
import { defineActivationClaim } from './defineActivationClaim.js';
import type { ActivationSubject } from './subject.js';

/** Every activation of the catalogue, in its order (a new activation is checked too). */
const NAMES: readonly ActivationName[] = ALL_ACTIVATIONS.map((a) => a.name);

/** Which sign Theorem 3.5 (and its remark) gives rho for each activation. */
const EXPECTED_SIGN: Readonly<Record<ActivationName, 1 | 0 | -1>> = {
  relu: 1, leakyRelu: 1, squaredRelu: 1, sigmoid: 1, tanh: 1, erf: 1, quadratic: -1, linear: 0,
};

/** Builds the claim for a subject. */
export function zhongPropertiesClaim(subject: ActivationSubject): Claim {
  return defineActivationClaim({
    id: 'activation-properties',
    falseAlarmBudget: 0,
    runs: { quick: 16, default: 64, thorough: 1000 },
    property() {
      const arb = fc.record({
        name: fc.constantFrom(...NAMES),
        logS: uniformDouble(Math.log(0.1), Math.log(10)),
        z: uniformDouble(-8, 8),
      });
      return fc.property(arb, ({ name, logS, z }) => {
        const act = subject.activations[name];
        const s = Math.exp(logS);
        const { moments, error } = subject.moments(act, s);
        const r = rho(moments);
        const tol = error.rho;
        const sign = EXPECTED_SIGN[name];
        const where = `${name} at s = ${s} (terms ${rhoTerms(moments).map((t) => t.toExponential(6)).join(', ')})`;
        if (sign === 1 && !(r > tol)) throw new Error(`Property 3.2: rho = ${r} not > 0 beyond tolerance ${tol}, ${where}`);
        if (sign === 0 && !(Math.abs(r) <= tol)) throw new Error(`rho = ${r} != 0 (|rho| > tolerance ${tol}), ${where}`);
        if (sign === -1 && !(r < -tol)) throw new Error(`rho = ${r} not < 0 beyond tolerance ${tol}, ${where}`);
        if (act.zhongFamily && !(act.d1(z) >= 0)) {
          throw new Error(`Property 3.1: phi'(${z}) = ${act.d1(z)} < 0 for ${name}`);
        }
        if (name === 'quadratic' && z !== 0 && !(act.d1(-Math.abs(z)) < 0)) {
          throw new Error(`quadratic phi'(${-Math.abs(z)}) = ${act.d1(-Math.abs(z))} should be < 0 (violates 3.1)`);
        }
        if (act.smooth && act.derivativeBound) {
          const b = act.derivativeBound(2, z, z);
          if (!(Math.abs(act.d2(z)) <= b * (1 + 1e-12))) {
            throw new Error(`Property 3.3(a): |phi''(${z})| = ${Math.abs(act.d2(z))} > bound ${b} for ${name}`);
          }
        }
      });
    },
  });
}
