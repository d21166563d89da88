/**
 * The measurements of the contraction claims (properties/contraction.ts, which states the
 * derivation): GD stepped one call at a time with its errors |W^t - W*|_F and derived rounding
 * allowances, the loss trace of one multi-step call, the derived noiseless rate q, and the
 * per-case quantities the calibration script reads (scripts/calibrate-contraction.mjs).
 *
 * @example
 * ```ts
 * const tr = await contractionTrace(referenceImplementation(), someCase, 30);
 * derivedMargin(tr); // >= 1 when every step met the noiseless bound
 * ```
 */
import { frobeniusDistance, type Dataset, type Weights } from '../src/core/layout.js';
import type { TeacherQuantities } from '../src/core/teacher.js';
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
import { materialize, pointNear, type ClaimCase, type InstanceRanges } from './arbitraries.js';
import { SAFETY } from './gradientFiniteDifferences.js';
import { gamma, inputRoundings, UNIT_ROUNDOFF } from './rounding.js';
import { CURVATURE_RANGES } from './strongConvexity.js';

const theory = claimTheory('contraction');
/** eta = 1 / (c_eta kappa K^2). */
export const C_ETA = theory.constants.cEta.value;
const curvature = claimTheory('strong-convexity-empirical');
/** Lemma 5.1's c_mu of the empirical Hessian (strong-convexity-empirical's record). */
export const C_MU = curvature.constants.cMu;
/** Lemma 5.2's c_L of the empirical Hessian (strong-convexity-empirical's record). */
export const C_L = curvature.constants.cL;
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
  /** Rounding allowance of step t -> t + 1 on the computed e_{t+1} (length T; NaN with noise). */
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
 * Sums over the samples that bound the rounding of L_N and grad L_N at every W with
 * |W - W*|_F <= e_0 (a correct run stays there): with reach = sqrt(K)(|W*|_F + e_0), the
 * rounding of residual i is at most delta_i = gamma_{d+K+1} (reach |x_i| + |y_i|) (rounding.ts).
 */
interface BallRounding {
  /** sum_i delta_i^2. */
  readonly delta2: number;
  /** sum_i delta_i |x_i|. */
  readonly deltaX: number;
  /** |X|_F^2 = sum_i |x_i|^2. */
  readonly X2: number;
}

function ballRounding(data: Dataset, Wstar: Weights, e0: number, u: number): BallRounding {
  const { n, d, X, y } = data;
  let Wn = 0;
  for (const v of Wstar.data) Wn += v * v;
  const reach = Math.sqrt(Wstar.K) * (Math.sqrt(Wn) + e0);
  const g = gamma(d + Wstar.K + 1 + 2 * inputRoundings(u), u);
  let delta2 = 0;
  let deltaX = 0;
  let X2 = 0;
  for (let i = 0; i < n; i++) {
    let xx = 0;
    for (let j = 0; j < d; j++) xx += X[i * d + j] ** 2;
    const delta = g * (reach * Math.sqrt(xx) + Math.abs(y[i]));
    delta2 += delta * delta;
    deltaX += delta * Math.sqrt(xx);
    X2 += xx;
  }
  return { delta2, deltaX, X2 };
}

/**
 * Rounding of one computed noiseless step and of the distances (times SAFETY). The gradient's
 * bound (rounding.ts: (1/N) sum_i (delta_i + gamma_{N+2} |r_i|) |x_ij| per entry) has
 * Frobenius norm <= sqrt(K)/N sum_i (delta_i + gamma_{N+2} |r_i|) |x_i|, and without noise
 * |r_i| <= sum_k |(w_k - w*_k) . x_i| <= sqrt(K) e_t |x_i|; so fl(W - eta fl(g)) is off the exact
 * step by at most eta sqrt(K)/N (sum delta_i |x_i| + gamma_{N+2} sqrt(K) e_t |X|_F^2), plus u
 * per entry of |W_t| and |W_{t+1}| (product, subtraction); each computed distance is off by
 * gamma_{dK+3} of itself. No pass over the data per step.
 */
function stepSlack(b: BallRounding, n: number, W: Weights, next: Weights, eta: number, e0: number, e1: number, u: number): number {
  const sK = Math.sqrt(W.K);
  const c = inputRoundings(u);
  const eg = (sK / n) * (b.deltaX + gamma(n + 2 + c, u) * sK * e0 * b.X2);
  const m = W.data.length;
  // The step's own roundings are the implementation's (u; plus the conversion of W and eta in
  // a coarser format); the distances are relucheck's, in float64.
  return SAFETY * (eta * eg + (2 + c) * u * (frobenius(W.data) + frobenius(next.data)) + gamma(m + 3) * (e0 + e1));
}

/**
 * Steps GD from the case's point in the ball and records |W^t - W*|_F (and, noiseless only,
 * the rounding allowance of each step; NaN with noise, where the residual bound fails).
 * @example await contractionTrace(impl, c, 30)
 */
export async function contractionTrace(impl: Implementation, c: ClaimCase, T: number, u = UNIT_ROUNDOFF): Promise<ContractionTrace> {
  const inst = materialize(c.instance);
  const t = inst.teacher;
  const eta = stepBound(t, C_ETA);
  let W: Weights = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
  const e = new Float64Array(T + 1);
  const slack = new Float64Array(T).fill(NaN);
  e[0] = frobeniusDistance(W.data, inst.Wstar.data);
  const b = inst.config.noiseStd === 0 ? ballRounding(inst.data, inst.Wstar, e[0], u) : undefined;
  for (let s = 1; s <= T; s++) {
    const next = (await impl.gradientDescent!(inst.data, { W0: W, eta, iterations: 1 })).W;
    e[s] = frobeniusDistance(next.data, inst.Wstar.data);
    if (b !== undefined) slack[s - 1] = stepSlack(b, inst.data.n, W, next, eta, e[s - 1], e[s], u);
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
  /** Rounding allowance on each reported loss, times SAFETY (same length). */
  readonly slack: Float64Array;
}

/**
 * Runs T steps of GD in one call and bounds the rounding of each reported loss: by the Higham
 * bound of rounding.ts and Cauchy-Schwarz on the residuals, at any W of the ball
 * |fl(L_N) - L_N| <= (2 sqrt(2 N L_N) |delta| + |delta|^2) / (2N) + gamma_{N+2} L_N.
 * @example await lossTrace(impl, c, 30)
 */
export async function lossTrace(impl: Implementation, c: ClaimCase, T: number, u = UNIT_ROUNDOFF): Promise<LossTrace> {
  const inst = materialize(c.instance);
  const t = inst.teacher;
  const n = inst.data.n;
  const eta = stepBound(t, C_ETA);
  const W0 = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
  const { delta2 } = ballRounding(inst.data, inst.Wstar, frobeniusDistance(W0.data, inst.Wstar.data), u);
  const { loss } = await impl.gradientDescent!(inst.data, { W0, eta, iterations: T });
  const slack = loss.map((L) => SAFETY * ((2 * Math.sqrt(2 * n * Math.max(L, 0) * delta2) + delta2) / (2 * n) + gamma(n + 2, u) * Math.abs(L)));
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
