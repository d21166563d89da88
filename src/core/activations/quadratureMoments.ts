/**
 * The Gaussian moments gamma_j(s), alpha_q(s), beta_q(s) of an activation by quadrature,
 * with an a-posteriori error estimate.
 *
 * Rule 'split' (default): composite Gauss-Legendre split at the activation's kinks (scaled to
 * z = kink / s) with panels no wider than min(1, 1/s), the scale on which phi(s z) varies, so
 * it converges exponentially for every activation here, kinked or not, and for large s too.
 * Rule 'hermite': plain Gauss-Hermite, fast for smooth activations at moderate s, slow for
 * kinks (kept as the independent cross-check).
 *
 * The error estimate is the difference between the rule and the same rule with twice the
 * points (the finer rule's own error is negligible under exponential convergence), plus the
 * rounding of a sum of terms as large as E|integrand|.
 *
 * @example
 * ```ts
 * const { moments, error } = momentsWithError(ACTIVATIONS.tanh, 2);
 * rho(moments) > error.rho; // Property 3.2 decided beyond quadrature error
 * ```
 */
import type { Activation } from './activation.js';
import {
  hermiteExpectation,
  splitExpectation,
  type QuadratureStats,
} from './gaussianExpectation.js';
import type { GaussianMoments } from './gaussianMoments.js';
import { assertAtLeast } from '../validate.js';

/** Which quadrature to use. */
export type MomentRule = 'split' | 'hermite';

/** Quadrature settings. */
export interface MomentOptions {
  readonly rule?: MomentRule;
  /** Points per panel (split, default 20) or in total (hermite, default 64). */
  readonly points?: number;
}

function expectation(
  act: Activation,
  s: number,
  f: (z: number) => number,
  opts: MomentOptions,
  stats?: QuadratureStats,
): number {
  if ((opts.rule ?? 'split') === 'hermite') return hermiteExpectation(f, opts.points ?? 64, stats);
  return splitExpectation(
    f,
    act.kinks.map((k) => k / s),
    { panelWidth: Math.min(1, 1 / s), points: opts.points ?? 20 },
    stats,
  );
}

/**
 * Rounding bound of a quadrature sum: recursive summation of n terms errs by at most
 * (n - 1) eps sum|t|, and each term (phi, a power, exp, a product) carries at most ~16 eps
 * relative error of its own.
 */
function roundingBound(stats: QuadratureStats): number {
  return (stats.terms + 16) * Number.EPSILON * stats.absolute;
}

/**
 * The moments at scale s > 0 by quadrature.
 * @example quadratureMoments(ACTIVATIONS.relu, 1).alpha[0] // 0.5
 */
export function quadratureMoments(
  act: Activation,
  s: number,
  opts: MomentOptions = {},
  rounding?: { gamma: number[]; alpha: number[]; beta: number[] },
): GaussianMoments {
  assertAtLeast('s', s, 0, true);
  const run = (f: (z: number) => number, into?: number[]) => {
    const stats: QuadratureStats = { terms: 0, absolute: 0 };
    const value = expectation(act, s, f, opts, stats);
    into?.push(roundingBound(stats));
    return value;
  };
  const gamma = [0, 1, 2, 3, 4].map((j) => run((z) => act.phi(s * z) * z ** j, rounding?.gamma));
  const alpha = [0, 1, 2].map((q) => run((z) => act.d1(s * z) * z ** q, rounding?.alpha));
  const beta = [0, 1, 2].map((q) => run((z) => act.d1(s * z) ** 2 * z ** q, rounding?.beta));
  return { s, gamma, alpha, beta };
}

/** Moments with per-entry error estimates, and the error estimate of rho. */
export interface MomentsWithError {
  readonly moments: GaussianMoments;
  readonly error: {
    readonly gamma: readonly number[];
    readonly alpha: readonly number[];
    readonly beta: readonly number[];
    /** Bound on |rho - rho_exact| from the entries' errors (first order) and rounding. */
    readonly rho: number;
  };
}

/**
 * Moments by the given rule, with errors estimated against the rule at twice the points.
 * @example momentsWithError(ACTIVATIONS.sigmoid, 0.5).error.rho
 */
export function momentsWithError(act: Activation, s: number, opts: MomentOptions = {}): MomentsWithError {
  const base = opts.points ?? ((opts.rule ?? 'split') === 'hermite' ? 64 : 20);
  const rounding = { gamma: [] as number[], alpha: [] as number[], beta: [] as number[] };
  const m = quadratureMoments(act, s, { ...opts, points: base }, rounding);
  const fine = quadratureMoments(act, s, { ...opts, points: 2 * base });
  // Truncation: the coarse rule's distance from the fine one; rounding: the coarse rule's
  // summation bound, twice (the fine rule's rounding enters the difference too).
  const err = (a: readonly number[], b: readonly number[], r: readonly number[]) =>
    a.map((x, k) => Math.abs(x - b[k]) + 3 * r[k]);
  const eg = err(m.gamma, fine.gamma, rounding.gamma);
  const ea = err(m.alpha, fine.alpha, rounding.alpha);
  const eb = err(m.beta, fine.beta, rounding.beta);
  const [a0, a1, a2] = m.alpha.map(Math.abs);
  // First-order propagation through the three terms of rho (each term's partial derivatives).
  const t1 = eb[0] + 2 * a0 * ea[0] + 2 * a1 * ea[1];
  const t2 = eb[2] + 2 * a1 * ea[1] + 2 * a2 * ea[2];
  const t3 = a2 * ea[0] + a0 * ea[2] + 2 * a1 * ea[1];
  // Factor 2 covers the second-order terms (products of errors, far smaller) generously; the
  // last term is the rounding of the three subtractions themselves.
  const rhoErr = 2 * Math.max(t1, t2, t3) + 8 * Number.EPSILON * (Math.abs(m.beta[0]) + Math.abs(m.beta[2]) + a0 * a2 + 1e-300);
  return { moments: m, error: { gamma: eg, alpha: ea, beta: eb, rho: rhoErr } };
}

/**
 * The moments the rest of relucheck uses: split quadrature (the closed forms are its
 * cross-check in the specs).
 * @example rho(momentsOf(ACTIVATIONS.relu, 3)) // 1/4 - 1/(2 pi)
 */
export function momentsOf(act: Activation, s: number): GaussianMoments {
  return quadratureMoments(act, s);
}
