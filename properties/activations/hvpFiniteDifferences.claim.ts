/**
 * The matrix-free Hessian-vector product of the output-weight model agrees, coordinate by
 * coordinate, with the central difference of the gradient along U, for the smooth activations
 * (sigmoid, tanh, erf, quadratic, linear), random output signs, noise and W near W*:
 *
 *   | (G(W + hU) - G(W - hU)) / (2h) - (H(W) U)_q | <= tol_q,
 *
 * tol_q derived in hvpFiniteDifferenceBound.ts (h^2 truncation from sup |phi^(m)|, m <= 4, plus
 * first-order rounding). Each case is checked twice: at the power-of-two h balancing the two
 * (tolerance ~1e-9 relative: the sharp test of H U) and at h = 2^-4, where truncation dominates
 * (the test of the truncation bound itself, which quadratic phi attains). It complements the dense-vs-HVP
 * comparison (spec/activations/outputModel.spec.ts), which cannot see a slip shared by both
 * paths (both read the same per-sample terms): the gradient is an independent reference, itself
 * held to its loss by the gradient finite-difference claim.
 *
 * @example
 * ```ts
 * await hvpFiniteDifferencesClaim(referenceActivationSubject()).run(impl, { seed: 5, tier: 'default' });
 * ```
 */
import fc from 'fast-check';
import type { Claim } from '../Claim.js';
import { makeOutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import { createStreams } from '../../src/core/random.js';
import type { Weights } from '../../src/core/layout.js';
import { defineActivationClaim } from './defineActivationClaim.js';
import type { ActivationSubject } from './subject.js';
import { balancedStep, hvpCentralDifferenceBound, stencilPoints } from './hvpFiniteDifferenceBound.js';
import { smoothCases, type SmoothCase } from './smoothCases.js';

/**
 * A step where truncation dominates rounding by ~10 orders of magnitude, so a wrong constant
 * in the truncation bound cannot hide behind the rounding bound as it could at the balanced h.
 */
export const TRUNCATION_STEP = 2 ** -4;

/** One case (see smoothCases.ts). */
export type HvpFdCase = SmoothCase;

/** The claim's cases. @example fc.sample(hvpFdCases(), { seed: 1, numRuns: 10 }) */
export const hvpFdCases = smoothCases;

/** What one case measured: the worst coordinate by |fd - Hu| / tol. */
export interface HvpFdMeasurement {
  readonly h: number;
  /** max_q |fd_q - (Hu)_q| / tol_q. */
  readonly worstRatio: number;
  /** The coordinate attaining it, with its numbers. */
  readonly q: number;
  readonly fd: number;
  readonly hvp: number;
  readonly tolerance: number;
  readonly truncation: number;
  readonly K: number;
}

/**
 * Builds the case's instance, W = W* + 0.3 noise and a unit U (stream "claim-hvp-fd"), and
 * compares the subject's HVP with the central difference of the subject's gradient, at half-width
 * `step` (a power of two) or, by default, the balanced step.
 * @example measureHvpFd(referenceActivationSubject(), c).worstRatio <= 1
 */
export function measureHvpFd(subject: ActivationSubject, c: HvpFdCase, step?: number): HvpFdMeasurement {
  const { name, d, kFrac, N, kappa, seed } = c;
  const K = 1 + Math.floor(kFrac * d);
  const inst = makeOutputModelInstance({ d, K, kappa, N, noiseStd: 0.1, seed, activation: subject.activations[name] });
  const model = inst.model;
  const draws = createStreams(seed).stream('claim-hvp-fd');
  const W: Weights = { d, K, data: inst.Wstar.data.map((w) => w + 0.3 * draws.normal()) };
  const U = draws.fillNormal(new Float64Array(d * K));
  const uNorm = Math.hypot(...U);
  for (let q = 0; q < U.length; q++) U[q] /= uNorm;
  const h = step ?? balancedStep(model, inst.data, W, U);
  const [Wp, Wm] = stencilPoints(W, U, h);
  const gp = new Float64Array(d * K);
  const gm = new Float64Array(d * K);
  subject.lossAndGradient(model, inst.data, Wp, gp);
  subject.lossAndGradient(model, inst.data, Wm, gm);
  const fd = gp.map((g, q) => (g - gm[q]) / (2 * h));
  const hvp = subject.hvp(model, inst.data, W, U);
  const bound = hvpCentralDifferenceBound(model, inst.data, W, U, h, fd);
  let worst = { worstRatio: -1, q: 0 };
  for (let q = 0; q < fd.length; q++) {
    // A tolerance that overflowed (answers near 1e308) would make every ratio 0: count it as the worst.
    const ratio = Number.isFinite(bound.tolerance[q]) ? Math.abs(fd[q] - hvp[q]) / bound.tolerance[q] : NaN;
    // NaN ratios (a NaN product) count as the worst possible
    if (!(ratio <= worst.worstRatio)) worst = { worstRatio: Number.isNaN(ratio) ? Infinity : ratio, q };
  }
  const q = worst.q;
  return { h, worstRatio: worst.worstRatio, q, fd: fd[q], hvp: hvp[q], tolerance: bound.tolerance[q], truncation: bound.truncation[q], K };
}

/** Builds the claim for a subject. */
export function hvpFiniteDifferencesClaim(subject: ActivationSubject): Claim {
  return defineActivationClaim({
    id: 'activation-hvp-finite-differences',
    falseAlarmBudget: 0,
    runs: { quick: 50, default: 200, thorough: 2000 },
    property() {
      return fc.property(hvpFdCases(), (c) => {
        // the balanced step (sharpest test of the HVP), then a truncation-dominated one (tests the
        // truncation bound's constants: for quadratic phi it is attained up to rounding)
        for (const step of [undefined, TRUNCATION_STEP]) {
          const m = measureHvpFd(subject, c, step);
          if (m.worstRatio <= 1) continue;
          const k = Math.floor(m.q / c.d);
          const hArg = step === undefined ? '' : `, 2 ** ${Math.log2(step)}`;
          throw new Error(
            `${c.name} d=${c.d} K=${m.K} N=${c.N} kappa=${c.kappa} seed=${c.seed}: coordinate q=${m.q} (unit ${k}, input ${m.q - k * c.d}): ` +
              `actual (H U)_q = ${m.hvp}, expected (central difference of the gradient) ${m.fd}, difference ${Math.abs(m.fd - m.hvp)} > tolerance ${m.tolerance} ` +
              `(truncation ${m.truncation}, h = 2^${Math.log2(m.h)}); reproduce: measureHvpFd(subject, ${JSON.stringify(c)}${hArg})`,
          );
        }
      });
    },
  });
}
