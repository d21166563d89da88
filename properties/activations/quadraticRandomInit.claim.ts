/**
 * Xia et al. 2019 (withdrawn; abstract only): for quadratic activations with K < d, gradient
 * descent from random initialization converges linearly to a global optimum. Measured on
 * W W^T (only it is identifiable), noiseless, positive output weights.
 *
 * Checked: from W0 with i.i.d. N(0, 0.1^2) entries, full-sample GD with eta = 0.01 reaches
 * |W W^T - W* W*^T|_F / |W* W*^T|_F <= 1e-9 within 1200 steps (a global optimum up to
 * rounding), and after a 100-step warm-up every 100-step window contracts the error by at
 * least WINDOW_CONTRACTION while it is above the rounding floor 1e-12 (linear, not sublinear:
 * an O(1/t) decay would give window ratios tending to 1). The settings and their calibration
 * are recorded in src/theory/activationClaims.ts.
 *
 * @example
 * ```ts
 * await quadraticRandomInitClaim(referenceActivationSubject()).run(impl, { seed: 4, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import type { Claim } from '../Claim.js';
import { gradientDescent } from '../../src/core/gd.js';
import { gramError } from '../../src/core/outputModel/gramError.js';
import { makeOutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import { randomInit } from '../../src/core/init.js';
import { createStreams } from '../../src/core/random.js';
import type { Weights } from '../../src/core/layout.js';
import { claimTheory } from '../../src/theory/claims.js';
import { defineActivationClaim } from './defineActivationClaim.js';
import type { ActivationSubject } from './subject.js';

const ID = 'quadratic-random-init-linear-convergence';
const CAL = claimTheory(ID).constants;

/**
 * The claim's settings, read from its record in src/theory/activationClaims.ts (where what
 * was measured when they were fixed is stated).
 * @example QUADRATIC_GD_CALIBRATION.windowContraction
 */
export const QUADRATIC_GD_CALIBRATION = {
  eta: CAL.eta.value,
  initScale: CAL.initScale.value,
  window: CAL.window.value,
  warmup: CAL.warmup.value,
  maxSteps: CAL.maxSteps.value,
  target: CAL.target.value,
  floor: CAL.floor.value,
  windowContraction: CAL.windowContraction.value,
} as const;

/** A trace of the relative Gram error every `window` steps. */
export interface QuadraticGdTrace {
  readonly errors: number[];
  readonly W: Weights;
}

/**
 * Runs GD on a quadratic-activation instance, recording the Gram error per window.
 * @example runQuadraticGd(referenceActivationSubject(), 8, 3, 1.5, 7)
 */
export function runQuadraticGd(
  subject: ActivationSubject,
  d: number,
  K: number,
  kappa: number,
  seed: number,
): QuadraticGdTrace {
  const cal = QUADRATIC_GD_CALIBRATION;
  const N = 35 * d * K;
  const inst = makeOutputModelInstance({
    d, K, kappa, N, seed, activation: subject.activations.quadratic, signs: 'positive',
  });
  let W = randomInit(d, K, createStreams(seed).stream('claim-quadratic-init'), cal.initScale);
  const errors = [gramError(W, inst.Wstar).relative];
  const kernel = (data: typeof inst.data, V: Weights, g: Float64Array) =>
    subject.lossAndGradient(inst.model, data, V, g);
  for (let t = 0; t < cal.maxSteps; t += cal.window) {
    W = gradientDescent({ data: inst.data, W0: W, eta: cal.eta, iterations: cal.window, kernel }).W;
    const e = gramError(W, inst.Wstar).relative;
    errors.push(e);
    if (!Number.isFinite(e) || e <= cal.floor) break;
  }
  return { errors, W };
}

/** Builds the claim for a subject. */
export function quadraticRandomInitClaim(subject: ActivationSubject): Claim {
  const cal = QUADRATIC_GD_CALIBRATION;
  return defineActivationClaim({
    id: ID,
    falseAlarmBudget: 0.01,
    runs: { quick: 2, default: 4, thorough: 50 },
    property() {
      const arb = fc.record({
        d: fc.integer({ min: 5, max: 9 }),
        kFrac: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        kappa: fc.double({ min: 1, max: 2, noNaN: true }),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
      });
      return fc.property(arb, ({ d, kFrac, kappa, seed }) => {
        const K = 2 + Math.floor(kFrac * (Math.min(4, d - 1) - 1));
        const { errors } = runQuadraticGd(subject, d, K, kappa, seed);
        const where = `d=${d} K=${K} kappa=${kappa} seed=${seed}, errors per ${cal.window} steps: ${errors.map((e) => e.toExponential(2)).join(' ')}`;
        const final = errors[errors.length - 1];
        if (!(final <= cal.target)) {
          throw new Error(`relative |W W^T - W* W*^T| = ${final} > ${cal.target} after ${(errors.length - 1) * cal.window} steps; ${where}`);
        }
        const first = cal.warmup / cal.window;
        for (let w = first; w + 1 < errors.length; w++) {
          if (errors[w] <= cal.floor * 10) break;
          const ratio = errors[w + 1] / errors[w];
          if (!(ratio <= cal.windowContraction)) {
            throw new Error(`window ${w}: error ratio ${ratio} > ${cal.windowContraction} (not linear); ${where}`);
          }
        }
      });
    },
  });
}
