/**
 * Claim family 5 (Zhang et al. Theorem 4.2 and its proof step (5.2)): gradient descent from the
 * ball, eta = 1/(c_eta kappa K^2), contracts towards W* every step.
 *
 * Noiseless (every case, on the case's instance with its noise set to 0; same X and W*): W* is
 * an exact stationary point of L_N (stationarity-noiseless) and L_N(W*) = 0. In the ball L_N
 * is mu-strongly convex and L-smooth (Lemmas 5.1, 5.2; claim strong-convexity-empirical, whose
 * calibrated c_mu and c_L this claim reuses: mu = c_mu / (lambda kappa^2), L = c_L kappa K^2).
 * Writing g = grad L_N(W_t) - grad L_N(W*) = Hbar e_t (Hbar the Hessian averaged over the
 * segment W* -> W_t, mu I <= Hbar <= L I; the ball is convex and contains W*):
 *
 *   e_{t+1}^2 = e_t^2 - 2 eta <g, e_t> + eta^2 |g|^2 <= e_t^2 - eta (2 - eta L) <g, e_t>
 *             <= (1 - q) e_t^2,   q = eta mu (2 - eta L)   (0 < eta L < 2),
 *
 * using |Hbar e|^2 <= L e^T Hbar e and e^T Hbar e >= mu |e|^2; so e_{t+1} <= e_t and the next
 * iterate stays in the ball (induction). The statistical term is 0 here: the paper's term
 * S ~ (d log N / N)(|W*|_F^2 + nu^2) comes from its route through the population loss and
 * Lemma 5.3, which this route does not take. The descent lemma plus |g|^2 >= 2 mu L_N gives
 * the same factor for the loss: L_N(W_{t+1}) <= (1 - q) L_N(W_t). The claim checks both:
 * the distance one GD call (iterations = 1) at a time, so it sees every iterate, and the loss
 * trace of one T-step call, so state kept across the steps of a run (a momentum buffer, a
 * stale gradient) is seen too. Tolerances are derived rounding bounds, nothing is fitted.
 * Caveat: L_N is only piecewise quadratic; its gradient jumps where some w_k . x_i crosses 0
 * with a nonzero residual, which the Hessian average ignores. Near W* those jumps are of
 * third order in e (residual O(e), crossings O(N e)); the flake check measures the margin.
 *
 * Noisy (cases with nu > 0, additionally): the paper's form e_{t+1}^2 <= (1 - q3) e_t^2 + q3 S,
 * q3 = c3 eta / (lambda kappa^2), S = c4 lambda^2 kappa^4 K^5 (d log N / N)(|W*|_F^2 + nu^2),
 * with c3, c4 calibrated (src/theory/claims.ts). S is large: S / r^2 >= 1.02 over every drawable
 * noisy case (r the radius, e_0 <= r; minimum at d = 3, K = 2, kappa = 1, N = 4000), so even a
 * GD that does not move passes this half; it only catches steps that blow the error up, so it
 * checks the first 10 steps. The noiseless half, run on every case, is the sharp one.
 *
 * @example
 * ```ts
 * await contraction.run(referenceImplementation(), { seed: 1, tier: 'default' });
 * ```
 */
import { frobeniusDistance } from '../src/core/layout.js';
import type { Implementation } from '../src/impl/Implementation.js';
import { BALL_C, claimTheory } from '../src/theory/claims.js';
import { basinRadius, contractionFactor, stepBound } from '../src/theory/quantities.js';
import { caseArbitrary, materialize, pointArbitrary, pointNear, showCase, type ClaimCase } from './arbitraries.js';
import {
  C_ETA,
  C_L,
  C_MU,
  CONTRACTION_CLAIM_RANGES,
  CONTRACTION_RANGES,
  CONTRACTION_STEPS,
  contractionTrace,
  lossTrace,
} from './contractionTrace.js';
import { defineClaim } from './defineClaim.js';
import { SAFETY } from './gradientFiniteDifferences.js';
import { gradientRoundingBound } from './rounding.js';
import { expectAtMost, fmt } from './violation.js';

const theory = claimTheory('contraction');
const C3 = theory.constants.c3.value;
const C4 = theory.constants.c4.value;
/** Points between 20% and 100% of the ball's radius (shrinking to 20%). */
const inBall = pointArbitrary(0.2, 1);

/** The case with its noise set to 0 (same X, W* and starting point). */
function noiseless(c: ClaimCase): ClaimCase {
  return { ...c, instance: { ...c.instance, noiseStd: 0 } };
}

async function checkNoiseless(impl: Implementation, c: ClaimCase, u: number): Promise<void> {
  const clean = noiseless(c);
  const tr = await contractionTrace(impl, clean, CONTRACTION_STEPS, u);
  const how = (s: number) =>
    `noiseless, e_${s} = ${fmt(tr.e[s])}, q = eta mu (2 - eta L) = ${fmt(tr.q)} (c_mu = ${C_MU.value}, c_L = ${C_L.value} from strong-convexity-empirical), eta = ${fmt(tr.eta)}, rounding ${fmt(tr.slack[s])}`;
  for (let s = 0; s + 1 < tr.e.length; s++) {
    expectAtMost(`e_${s + 1} against sqrt(1 - q) e_${s} (one GD call per step)`, tr.e[s + 1], Math.sqrt(1 - tr.q) * tr.e[s] + tr.slack[s], how(s));
  }
  const lt = await lossTrace(impl, clean, CONTRACTION_STEPS, u);
  for (let s = 0; s + 1 < lt.loss.length; s++) {
    expectAtMost(
      `L_N(W^${s + 1}) against (1 - q) L_N(W^${s}) (one ${CONTRACTION_STEPS}-step GD call)`,
      lt.loss[s + 1],
      (1 - lt.q) * lt.loss[s] + lt.slack[s] + lt.slack[s + 1],
      `noiseless, L_N(W^${s}) = ${fmt(lt.loss[s])}, q = ${fmt(lt.q)}, rounding ${fmt(lt.slack[s] + lt.slack[s + 1])}`,
    );
  }
}

/**
 * Steps of the noisy half: it can only catch a step that blows the error up, which shows at
 * once; c4 was calibrated as a maximum over 30 steps, so checking fewer only drops checks.
 */
const NOISY_STEPS = 10;

async function checkNoisy(impl: Implementation, c: ClaimCase): Promise<void> {
  const tr = await contractionTrace(impl, c, NOISY_STEPS);
  const q = C3 * tr.qPerC3;
  const S = C4 * tr.sPerC4;
  for (let s = 0; s + 1 < tr.e.length; s++) {
    expectAtMost(
      `e_${s + 1}^2 against (1 - q) e_${s}^2 + q S (noisy)`,
      tr.e[s + 1] ** 2,
      (1 - q) * tr.e[s] ** 2 + q * S,
      `e_${s}^2 = ${tr.e[s] ** 2}, q = ${q} (c3 = ${C3}), S = ${S} (c4 = ${C4}), eta = ${tr.eta}`,
    );
  }
}

/** One-step contraction along GD trajectories from the ball: derived without noise, the paper's form with it. */
export const contraction = defineClaim<ClaimCase>({
  id: 'contraction',
  needs: ['gd'],
  // The noiseless half's measured margin (q's record) plus the noisy half's c3 and c4.
  falseAlarmPerCase: ['q', 'c3', 'c4'].reduce((a, k) => a + (theory.constants[k].falseAlarmPerCase ?? 0), 0),
  runs: { quick: 1, default: 4, thorough: 200 },
  // A case costs up to ~90 GD steps at N 2000..4000; shrink less than the default 40.
  shrinkEvaluations: 10,
  arbitrary: () => caseArbitrary(CONTRACTION_CLAIM_RANGES, inBall),
  show: showCase,
  async check(impl, c, { unitRoundoff }) {
    await checkNoiseless(impl, c, unitRoundoff);
    if ((c.instance.noiseStd ?? 0) > 0) await checkNoisy(impl, c);
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
  async check(impl, c, { unitRoundoff }) {
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
    for (const v of gradientRoundingBound(inst.data, inst.Wstar, unitRoundoff)) eg += v * v;
    const floor = (SAFETY * (eta * Math.sqrt(eg) + unitRoundoff * t.frobenius)) / q;
    expectAtMost(
      `e_T^2 after T = ${GEO_STEPS} noiseless steps`,
      eT ** 2,
      (1 - q) ** GEO_STEPS * e0 ** 2 + floor ** 2,
      `e_0^2 = ${e0 ** 2}, q = ${q} (c3 = ${C3}), eta = ${eta}, rounding floor ${floor}`,
    );
  },
});

