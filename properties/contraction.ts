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
 * with c3, c4 calibrated (src/theory/claims.ts). S is large (S / r^2 >= 2.39, r the radius), so
 * this half only catches steps that blow the error up; the noiseless half is the sharp one.
 *
 * @example
 * ```ts
 * const tr = await contractionTrace(referenceImplementation(), someCase, 30);
 * ```
 */
import { frobeniusDistance, type Dataset, type Weights } from '../src/core/layout.js';
import type { Implementation } from '../src/impl/Implementation.js';
import { BALL_C, claimTheory } from '../src/theory/claims.js';
import {
  basinRadius,
  contractionFactor,
  gdContractionRate,
  smoothness,
  statisticalError,
  stepBound,
  strongConvexity,
} from '../src/theory/quantities.js';
import type { TeacherQuantities } from '../src/core/teacher.js';
import { caseArbitrary, materialize, pointArbitrary, pointNear, showCase, type ClaimCase, type InstanceRanges } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { SAFETY } from './gradientFiniteDifferences.js';
import { gamma, gradientRoundingBound, UNIT_ROUNDOFF } from './rounding.js';
import { CURVATURE_RANGES } from './strongConvexity.js';
import { expectAtMost, fmt } from './violation.js';

const theory = claimTheory('contraction');
const C_ETA = theory.constants.cEta.value;
const C3 = theory.constants.c3.value;
const C4 = theory.constants.c4.value;
const curvature = claimTheory('strong-convexity-empirical');
const C_MU = curvature.constants.cMu;
const C_L = curvature.constants.cL;
/** Steps checked per case. */
export const CONTRACTION_STEPS = 30;

/** Instances of the geometric-convergence claim (and of c3's calibration). */
export const CONTRACTION_RANGES: InstanceRanges = { d: [3, 6], Kmin: 2, Kmax: 3, kappa: [1, 2], N: [300, 1500] };

/**
 * Instances of the contraction claim: N in strong-convexity-empirical's range, whose c_mu and
 * c_L the noiseless bound uses (at N = 300..1500 the smallest Hessian eigenvalue came within
 * 15% of c_mu in 200 cases, outside what that claim was calibrated for).
 */
export const CONTRACTION_CLAIM_RANGES: InstanceRanges = { ...CONTRACTION_RANGES, N: CURVATURE_RANGES.N, noise: [0, 0.5] };

/**
 * The derived noiseless one-step rate q = eta mu (2 - eta L) with the empirical curvature
 * claim's constants.
 * @example noiselessRate(teacher, stepBound(teacher, 1))
 */
export function noiselessRate(t: TeacherQuantities, eta: number): number {
  return gdContractionRate(strongConvexity(t, C_MU.value), smoothness(t, C_L.value), eta);
}

/** The errors e_0..e_T of a run stepped one GD call at a time, and its settings. */
export interface ContractionTrace {
  readonly e: Float64Array;
  /** Rounding allowance of step t -> t + 1 on the computed e_{t+1} (length T). */
  readonly slack: Float64Array;
  readonly eta: number;
  /** The derived noiseless rate q = eta mu (2 - eta L). */
  readonly q: number;
  /** q / c3 = eta / (lambda kappa^2), for the paper's form. */
  readonly qPerC3: number;
  /** S / c4. */
  readonly sPerC4: number;
}

function frobenius(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

/**
 * Rounding of one computed step and of the distances: fl(W - eta fl(g)) is off the exact step
 * by at most eta |eg| (the gradient's bound) plus u per entry of |W_t| and |W_{t+1}| (product,
 * subtraction), and each computed distance by gamma_{dK+3} of itself.
 */
function stepSlack(data: Dataset, W: Weights, next: Weights, eta: number, e0: number, e1: number): number {
  const eg = frobenius(gradientRoundingBound(data, W));
  const n = W.data.length;
  return SAFETY * (eta * eg + 2 * UNIT_ROUNDOFF * (frobenius(W.data) + frobenius(next.data)) + gamma(n + 3) * (e0 + e1));
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
  const slack = new Float64Array(T);
  e[0] = frobeniusDistance(W.data, inst.Wstar.data);
  for (let s = 1; s <= T; s++) {
    const next = (await impl.gradientDescent!(inst.data, { W0: W, eta, iterations: 1 })).W;
    e[s] = frobeniusDistance(next.data, inst.Wstar.data);
    slack[s - 1] = stepSlack(inst.data, W, next, eta, e[s - 1], e[s]);
    W = next;
  }
  return {
    e,
    slack,
    eta,
    q: noiselessRate(t, eta),
    qPerC3: 1 - contractionFactor(t, 1, eta),
    sPerC4: statisticalError(t, 1, { N: inst.config.N, nu: inst.config.noiseStd }),
  };
}

/** The loss trace of one T-step GD call from the case's point and its rounding allowances. */
export interface LossTrace {
  readonly loss: Float64Array;
  readonly eta: number;
  readonly q: number;
  /** Rounding allowance on each reported loss (same length). */
  readonly slack: Float64Array;
}

/**
 * Runs T steps of GD in one call and bounds the rounding of each reported loss. For any W with
 * |W - W*|_F <= e_0 (a correct run stays there), the Higham bound of rounding.ts gives
 * |fl(L_N) - L_N| <= (2 sqrt(2 N L_N) |delta| + |delta|^2) / (2N) + gamma_{N+2} L_N with
 * delta_i = gamma_{d+K+1} (sqrt(K) (|W*|_F + e_0) |x_i| + |y_i|) (Cauchy-Schwarz on the residuals).
 * @example await lossTrace(impl, c, 30)
 */
export async function lossTrace(impl: Implementation, c: ClaimCase, T: number): Promise<LossTrace> {
  const inst = materialize(c.instance);
  const t = inst.teacher;
  const { n, d, X, y } = inst.data;
  const eta = stepBound(t, C_ETA);
  const W0 = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
  const reach = Math.sqrt(t.K) * (t.frobenius + frobeniusDistance(W0.data, inst.Wstar.data));
  let delta2 = 0;
  for (let i = 0; i < n; i++) {
    let xx = 0;
    for (let j = 0; j < d; j++) xx += X[i * d + j] ** 2;
    delta2 += (gamma(d + t.K + 1) * (reach * Math.sqrt(xx) + Math.abs(y[i]))) ** 2;
  }
  const { loss } = await impl.gradientDescent!(inst.data, { W0, eta, iterations: T });
  const slack = loss.map((L) => (2 * Math.sqrt(2 * n * Math.max(L, 0) * delta2) + delta2) / (2 * n) + gamma(n + 2) * Math.abs(L));
  return { loss, eta, q: noiselessRate(t, eta), slack };
}

/**
 * Per step, the decrease of e^2 achieved over the one the noiseless bound guarantees,
 * (1 - e_{t+1}^2 / e_t^2) / q; its minimum is the margin (>= 1 passes, up to rounding).
 * @example derivedMargin(trace)
 */
export function derivedMargin(tr: ContractionTrace): number {
  let m = Infinity;
  for (let s = 0; s + 1 < tr.e.length; s++) {
    if (tr.e[s] === 0) continue;
    m = Math.min(m, (1 - (tr.e[s + 1] / tr.e[s]) ** 2) / tr.q);
  }
  return m;
}

/**
 * The same margin for a loss trace: (1 - L_{t+1} / L_t) / q, minimum over steps.
 * @example lossMargin(trace)
 */
export function lossMargin(tr: LossTrace): number {
  let m = Infinity;
  for (let s = 0; s + 1 < tr.loss.length; s++) {
    if (tr.loss[s] === 0) continue;
    m = Math.min(m, (1 - tr.loss[s + 1] / tr.loss[s]) / tr.q);
  }
  return m;
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

/** The case with its noise set to 0 (same X, W* and starting point). */
function noiseless(c: ClaimCase): ClaimCase {
  return { ...c, instance: { ...c.instance, noiseStd: 0 } };
}

async function checkNoiseless(impl: Implementation, c: ClaimCase): Promise<void> {
  const clean = noiseless(c);
  const tr = await contractionTrace(impl, clean, CONTRACTION_STEPS);
  const how = (s: number) =>
    `noiseless, e_${s} = ${fmt(tr.e[s])}, q = eta mu (2 - eta L) = ${fmt(tr.q)} (c_mu = ${C_MU.value}, c_L = ${C_L.value} from strong-convexity-empirical), eta = ${fmt(tr.eta)}, rounding ${fmt(tr.slack[s])}`;
  for (let s = 0; s + 1 < tr.e.length; s++) {
    expectAtMost(`e_${s + 1} against sqrt(1 - q) e_${s} (one GD call per step)`, tr.e[s + 1], Math.sqrt(1 - tr.q) * tr.e[s] + tr.slack[s], how(s));
  }
  const lt = await lossTrace(impl, clean, CONTRACTION_STEPS);
  for (let s = 0; s + 1 < lt.loss.length; s++) {
    expectAtMost(
      `L_N(W^${s + 1}) against (1 - q) L_N(W^${s}) (one ${CONTRACTION_STEPS}-step GD call)`,
      lt.loss[s + 1],
      (1 - lt.q) * lt.loss[s] + SAFETY * (lt.slack[s] + lt.slack[s + 1]),
      `noiseless, L_N(W^${s}) = ${fmt(lt.loss[s])}, q = ${fmt(lt.q)}, rounding ${fmt(SAFETY * (lt.slack[s] + lt.slack[s + 1]))}`,
    );
  }
}

async function checkNoisy(impl: Implementation, c: ClaimCase): Promise<void> {
  const tr = await contractionTrace(impl, c, CONTRACTION_STEPS);
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
  arbitrary: () => caseArbitrary(CONTRACTION_CLAIM_RANGES, inBall),
  show: showCase,
  async check(impl, c) {
    await checkNoiseless(impl, c);
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

