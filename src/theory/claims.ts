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
  {
    id: 'invariance-permutation',
    title: 'permuting hidden units keeps the loss and permutes the gradient',
    citation: { paper: ZHANG, where: 'eq. (1.2): L_N is symmetric in the units' },
    statement: 'L_N(W P) = L_N(W), grad L_N(W P) = grad L_N(W) P, to rounding',
    constants: {},
  },
  {
    id: 'invariance-rotation',
    title: 'rotating inputs and weights together keeps the loss and rotates the gradient',
    citation: { paper: ZHANG, where: 'eq. (1.2): L_N depends on W^T x only' },
    statement: 'L_N(Q^T W; X Q) = L_N(W; X), grad = Q^T grad, to rounding',
    constants: {},
  },
  {
    id: 'invariance-duplication',
    title: 'duplicating every sample keeps the loss and the gradient',
    citation: { paper: ZHANG, where: 'eq. (1.2): L_N is a mean over samples' },
    statement: 'L_N and grad L_N on (X; X), (y; y) equal those on X, y, to rounding',
    constants: {},
  },
  {
    id: 'invariance-positive-scaling',
    title: 'relu(c z) = c relu(z): scaling W, X, y by powers of two scales loss and gradient exactly',
    citation: { paper: ZHANG, where: 'eq. (1.1), positive homogeneity of relu' },
    statement: 'L_N(cW; cy) = c^2 L_N, grad = c grad; L_N(W; cX, cy) = c^2 L_N, grad = c^2 grad, bit for bit',
    constants: {},
  },
  {
    id: 'determinism',
    title: 'the same call twice gives bit-identical results',
    citation: { paper: 'relucheck', where: 'reproducibility requirement' },
    statement: 'loss, gradient and GD are pure functions of their inputs',
    constants: {},
  },
  {
    id: 'gd-consistency',
    title: 'a gradient-descent run is T steps W <- W - eta grad L_N(W) with a loss trace of T + 1 values',
    citation: { paper: ZHANG, where: 'Algorithm 1' },
    statement: 'W^T and L_N(W^0..W^T) equal hand-made steps with the implementation\'s own gradient, to rounding',
    constants: {},
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
