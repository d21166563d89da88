/**
 * Claim family 5 (Zhang et al. Theorem 4.2 and its proof step (5.2)): from W^0 in the ball,
 * gradient descent with eta = 1/(c_eta kappa K^2) contracts,
 *
 *   e_{t+1}^2 <= (1 - q) e_t^2 + q S,   q = c3 eta / (lambda kappa^2),
 *   S = c4 lambda^2 kappa^4 K^5 (d log N / N) (|W*|_F^2 + nu^2),
 *
 * whose iteration is exactly the theorem's bound (1 - q)^T e_0^2 + S. Without noise S = 0
 * and the run converges geometrically to W* (down to a rounding floor). c3 and c4 are the
 * paper's open constants, calibrated (see src/theory/claims.ts for the calibration record).
 * The steps are taken one GD call at a time (iterations = 1), so the claim sees every iterate.
 *
 * @example
 * ```ts
 * const m = await measureContraction(referenceImplementation(), someCase); // c3 needed
 * ```
 */
import { frobeniusDistance, type Weights } from '../src/core/layout.js';
import type { Implementation } from '../src/impl/Implementation.js';
import { BALL_C, claimTheory } from '../src/theory/claims.js';
import { basinRadius, contractionFactor, statisticalError, stepBound } from '../src/theory/quantities.js';
import { caseArbitrary, materialize, pointArbitrary, pointNear, showCase, type ClaimCase, type InstanceRanges } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { SAFETY } from './gradientFiniteDifferences.js';
import { gradientRoundingBound, UNIT_ROUNDOFF } from './rounding.js';
import { expectAtMost } from './violation.js';

const theory = claimTheory('contraction');
const C_ETA = theory.constants.cEta.value;
const C3 = theory.constants.c3.value;
const C4 = theory.constants.c4.value;
/** Steps checked per case. */
export const CONTRACTION_STEPS = 30;

/** Instances of the contraction claims (N large enough for the empirical basin). */
export const CONTRACTION_RANGES: InstanceRanges = { d: [3, 6], Kmin: 2, Kmax: 3, kappa: [1, 2], N: [300, 1500] };

/** The errors e_0..e_T of a run stepped one GD call at a time, and its settings. */
export interface ContractionTrace {
  readonly e: Float64Array;
  readonly eta: number;
  /** q / c3 = eta / (lambda kappa^2). */
  readonly qPerC3: number;
  /** S / c4. */
  readonly sPerC4: number;
}

/**
 * Steps GD from the case's point in the ball and records |W^t - W*|_F.
 * @example await contractionTrace(impl, c, 30)
 */
export async function contractionTrace(impl: Implementation, c: ClaimCase, T: number): Promise<ContractionTrace> {
  const inst = materialize(c.instance);
  const t = inst.teacher;
  const eta = stepBound(t, C_ETA);
  let W: Weights = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
  const e = new Float64Array(T + 1);
  e[0] = frobeniusDistance(W.data, inst.Wstar.data);
  for (let s = 1; s <= T; s++) {
    W = (await impl.gradientDescent!(inst.data, { W0: W, eta, iterations: 1 })).W;
    e[s] = frobeniusDistance(W.data, inst.Wstar.data);
  }
  return {
    e,
    eta,
    qPerC3: 1 - contractionFactor(t, 1, eta),
    sPerC4: statisticalError(t, 1, { N: inst.config.N, nu: inst.config.noiseStd }),
  };
}

/**
 * The smallest c3 each step of a noiseless trace needs: (1 - e_{t+1}^2 / e_t^2) / (q / c3).
 * @example minC3(trace)
 */
export function minC3(tr: ContractionTrace): number {
  let m = Infinity;
  for (let s = 0; s + 1 < tr.e.length; s++) {
    if (tr.e[s] === 0) continue;
    m = Math.min(m, (1 - (tr.e[s + 1] / tr.e[s]) ** 2) / tr.qPerC3);
  }
  return m;
}

/**
 * The largest c4 the steps of a trace need given c3: (e_{t+1}^2 - (1 - q) e_t^2) / (q S/c4).
 * @example maxC4(trace, 0.1)
 */
export function maxC4(tr: ContractionTrace, c3: number): number {
  const q = c3 * tr.qPerC3;
  let m = 0;
  for (let s = 0; s + 1 < tr.e.length; s++) {
    m = Math.max(m, (tr.e[s + 1] ** 2 - (1 - q) * tr.e[s] ** 2) / (q * tr.sPerC4));
  }
  return m;
}

/** Points between 20% and 100% of the ball's radius (shrinking to 20%). */
const inBall = pointArbitrary(0.2, 1);

/** One-step contraction along GD trajectories from the ball, with and without noise. */
export const contraction = defineClaim<ClaimCase>({
  id: 'contraction',
  needs: ['gd'],
  falseAlarmPerCase: theory.constants.c3.falseAlarmPerCase ?? 0,
  runs: { quick: 1, default: 4, thorough: 200 },
  arbitrary: () => caseArbitrary({ ...CONTRACTION_RANGES, noise: [0, 0.5] }, inBall),
  show: showCase,
  async check(impl, c) {
    const tr = await contractionTrace(impl, c, CONTRACTION_STEPS);
    const q = C3 * tr.qPerC3;
    const S = C4 * tr.sPerC4;
    for (let s = 0; s + 1 < tr.e.length; s++) {
      expectAtMost(
        `e_${s + 1}^2 against (1 - q) e_${s}^2 + q S`,
        tr.e[s + 1] ** 2,
        (1 - q) * tr.e[s] ** 2 + q * S,
        `e_${s}^2 = ${tr.e[s] ** 2}, q = ${q} (c3 = ${C3}), S = ${S} (c4 = ${C4}), eta = ${tr.eta}`,
      );
    }
  },
});

const geo = claimTheory('geometric-convergence');
const GEO_STEPS = geo.constants.T.value;
/** Noiseless GD from the ball reaches W* geometrically: e_T^2 <= (1 - q)^T e_0^2 + floor. */
export const geometricConvergence = defineClaim<ClaimCase>({
  id: 'geometric-convergence',
  needs: ['gd'],
  falseAlarmPerCase: theory.constants.c3.falseAlarmPerCase ?? 0,
  runs: { quick: 1, default: 4, thorough: 200 },
  arbitrary: () => caseArbitrary(CONTRACTION_RANGES, inBall),
  show: showCase,
  async check(impl, c) {
    const inst = materialize(c.instance);
    const t = inst.teacher;
    const eta = stepBound(t, C_ETA);
    const W0 = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
    const run = await impl.gradientDescent!(inst.data, { W0, eta, iterations: GEO_STEPS });
    const q = 1 - contractionFactor(t, C3, eta);
    const e0 = frobeniusDistance(W0.data, inst.Wstar.data);
    const eT = frobeniusDistance(run.W.data, inst.Wstar.data);
    // Rounding floor: each step adds at most eta |rounding of grad| + u |W| of error, which
    // the contraction keeps below (that) / q at steady state.
    let eg = 0;
    for (const v of gradientRoundingBound(inst.data, inst.Wstar)) eg += v * v;
    const floor = (SAFETY * (eta * Math.sqrt(eg) + UNIT_ROUNDOFF * t.frobenius)) / q;
    expectAtMost(
      `e_T^2 after T = ${GEO_STEPS} noiseless steps`,
      eT ** 2,
      (1 - q) ** GEO_STEPS * e0 ** 2 + floor ** 2,
      `e_0^2 = ${e0 ** 2}, q = ${q} (c3 = ${C3}), eta = ${eta}, rounding floor ${floor}`,
    );
  },
});

