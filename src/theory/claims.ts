/**
 * Each claim of the papers once: its title, citation, statement and the open constants it
 * leaves unnamed, with the value relucheck uses and how that value was obtained. The property
 * suite and the audit both read this table, so a verdict and a plot never disagree about what
 * a claim says or which constant was used.
 *
 * @example
 * ```ts
 * const t = claimTheory('strong-convexity-population');
 * t.citation.where;              // "Lemma 5.1"
 * t.constants.cBall.value;       // the c in c s_K / (lambda kappa^3 K^2)
 * ```
 */
import { fail } from '../core/validate.js';

/** A constant the paper leaves unnamed, as relucheck fixes it. */
export interface OpenConstant {
  readonly symbol: string;
  readonly value: number;
  /** Derived, stated or calibrated, and from what. */
  readonly how: string;
}

/** A claim as data. */
export interface ClaimTheory {
  readonly id: string;
  readonly title: string;
  readonly citation: { readonly paper: string; readonly where: string };
  readonly statement: string;
  readonly constants: Readonly<Record<string, OpenConstant>>;
}

const ZHANG = 'Zhang, Yu, Wang, Gu 2019';
const ZHONG = 'Zhong, Song, Jain, Bartlett, Dhillon 2017';

/**
 * The ball of Lemma 5.1 / Theorem 4.2 used by every "in the ball" claim: radius
 * `c s_K / (lambda kappa^3 K^2)` with this c.
 */
export const BALL_C: OpenConstant = {
  symbol: 'c',
  value: 1,
  how: 'stated: c = 1 (the paper leaves c open; the strong-convexity claims measure mu over this ball)',
};

/** Every claim, in report order. */
export const CLAIM_THEORY: readonly ClaimTheory[] = [
  {
    id: 'gradient-fd-directional',
    title: 'gradient equals the kink-free central difference along random directions',
    citation: { paper: ZHANG, where: 'eq. (3.2)' },
    statement: '<grad L_N(W), U> = d/dt L_N(W + tU) at t = 0, to rounding, off kinks',
    constants: {},
  },
  {
    id: 'gradient-fd-full',
    title: 'every gradient coordinate equals its kink-free central difference',
    citation: { paper: ZHANG, where: 'eq. (3.2)' },
    statement: 'dL_N/dW_q = central difference along e_q, to rounding, off kinks',
    constants: {},
  },
  {
    id: 'gradient-at-kink',
    title: 'at a kink the reported derivative lies between the one-sided derivatives',
    citation: { paper: ZHANG, where: 'eq. (3.2), indicator >= 0' },
    statement: 'min(D-, D+) <= <grad L_N(W), U> <= max(D-, D+) when some w_k . x_i = 0',
    constants: {},
  },
  {
    id: 'hvp-fd',
    title: 'Hessian-vector product equals the central difference of the gradient (v^T J u)',
    citation: { paper: ZHANG, where: 'Section 5 (Gauss-Newton Hessian off kinks)' },
    statement: '<v, H(W) u> = d/dt <v, grad L_N(W + tu)>, to rounding, off kinks',
    constants: {},
  },
  {
    id: 'stationarity-noiseless',
    title: 'the noiseless empirical gradient vanishes at W*',
    citation: { paper: ZHANG, where: 'eq. (3.2) at W = W*, nu = 0' },
    statement: 'grad L_N(W*) = 0 (every residual is 0), to rounding',
    constants: {},
  },
  {
    id: 'stationarity-noisy',
    title: 'the noisy empirical gradient at W* is within its Gaussian concentration bound',
    citation: { paper: ZHANG, where: 'Lemma 5.3 at W = W*' },
    statement:
      '|grad L_N(W*)|_F <= sqrt(tr S) (1 + sqrt(2 log(1/delta))), S its covariance given X',
    constants: {
      delta: {
        symbol: 'delta',
        value: 1e-9,
        how: 'derived: Gaussian concentration of a norm (Lipschitz constant sqrt(|S|) <= sqrt(tr S)); false alarm <= delta per case',
      },
    },
  },
];

/**
 * The table entry of a claim.
 * @example claimTheory('gradient-fd-full').citation.paper
 */
export function claimTheory(id: string): ClaimTheory {
  const t = CLAIM_THEORY.find((c) => c.id === id);
  if (t === undefined) fail('id', 'id must name a claim of src/theory/claims.ts', id);
  return t;
}
