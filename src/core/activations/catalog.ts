/**
 * The activations of Zhong et al. 2017, Theorem 3.5, and its two counterexamples.
 *
 * Satisfy Properties 3.1-3.3: ReLU, leaky ReLU (0.01), squared ReLU, sigmoid, tanh and erf
 * (Zhong's erf is phi(z) = int_0^z exp(-t^2) dt = sqrt(pi)/2 erf(z), not the normalized erf).
 * Do not: linear (rho = 0) and quadratic (rho < 0, phi' changes sign).
 *
 * Closed forms of the Gaussian moments come from the half-line moments h_m = E[z^m 1{z>0}]
 * for the piecewise polynomials, from E[exp(-c z^2) z^{2k}] = (2k-1)!! (1 + 2c)^{-(2k+1)/2} and
 * Stein's identity E[f(z) z^3] = E[f'''(z)] + 3 E[f'(z)] for erf, and from symmetry (odd phi
 * has zero even gamma; even phi' has zero alpha_1 and beta_1) for sigmoid and tanh.
 *
 * @example
 * ```ts
 * ACTIVATIONS.relu.phi(-1); // 0
 * ZHONG_FAMILY.map((a) => a.name); // the six of Theorem 3.5
 * ```
 */
import { lazyDependency } from '../lazyDependency.js';
import type { Activation, ActivationName } from './activation.js';
import { halfMoment as h, normalMoment as mu } from './gaussianMoments.js';
import { fail } from '../validate.js';

const LEAK = 0.01;

// FreeBSD msun's erf (rational approximations; within 1.1 ulp of 200-bit values over [-6, 6]
// where mathjs' was within 3.2), as ported by stdlib, required on first use (about 50 small
// modules) instead of mathjs, whose import alone cost seconds.
const erf = lazyDependency<(z: number) => number>('@stdlib/math-base-special-erf');
const range = (n: number) => Array.from({ length: n }, (_, k) => k);

/**
 * sup |sigma''''|. With p = sigma(z), q = p (1 - p) = sigma' and s = 1 - 2p (q' = q s):
 * sigma''' = q (1 - 6q), sigma'''' = q s (1 - 12 q) = s (1 - s^2) (3 s^2 - 2) / 4 for s in (-1, 1).
 * Its derivative in s, (-15 s^4 + 15 s^2 - 2) / 4, vanishes at s^2 = (15 -+ sqrt 105) / 30;
 * the smaller root gives the larger |value|, 0.12768 (the other 0.0191; 0 at s = 0, +-1).
 */
const SIGMOID_D4_SUP = (() => {
  const s = Math.sqrt((15 - Math.sqrt(105)) / 30);
  return (s * (1 - s * s) * (2 - 3 * s * s)) / 4;
})();

/**
 * sup |phi''''| for Zhong's erf phi' = exp(-z^2): phi'''' = (12 z - 8 z^3) exp(-z^2) (minus the
 * Hermite H_3 times the Gaussian). phi^(5) = (16 z^4 - 48 z^2 + 12) exp(-z^2) vanishes at
 * z^2 = (3 -+ sqrt 6) / 2; the smaller root gives the larger |value|, 3.9036 (the other 1.0605).
 */
const ERF_D4_SUP = (() => {
  const z2 = (3 - Math.sqrt(6)) / 2;
  const z = Math.sqrt(z2);
  return (12 * z - 8 * z * z2) * Math.exp(-z2);
})();

const sigmoidFn = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Every activation by name. */
export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  relu: {
    name: 'relu',
    formula: 'max{z, 0}',
    phi: (z) => (z > 0 ? z : 0),
    d1: (z) => (z > 0 ? 1 : 0),
    d2: () => 0,
    kinks: [0],
    degree: 1,
    smooth: false,
    zhongFamily: true,
    closedMoments: (s) => ({
      gamma: range(5).map((j) => s * h(j + 1)),
      alpha: range(3).map((q) => h(q)),
      beta: range(3).map((q) => h(q)),
    }),
  },
  leakyRelu: {
    name: 'leakyRelu',
    formula: 'max{z, 0.01 z}',
    phi: (z) => (z > 0 ? z : LEAK * z),
    d1: (z) => (z > 0 ? 1 : LEAK),
    d2: () => 0,
    kinks: [0],
    degree: 1,
    smooth: false,
    zhongFamily: true,
    closedMoments: (s) => ({
      gamma: range(5).map((j) => s * (1 + LEAK * (-1) ** (j + 1)) * h(j + 1)),
      alpha: range(3).map((q) => (1 + LEAK * (-1) ** q) * h(q)),
      beta: range(3).map((q) => (1 + LEAK * LEAK * (-1) ** q) * h(q)),
    }),
  },
  squaredRelu: {
    name: 'squaredRelu',
    formula: 'max{z, 0}^2',
    phi: (z) => (z > 0 ? z * z : 0),
    d1: (z) => (z > 0 ? 2 * z : 0),
    d2: (z) => (z > 0 ? 2 : 0),
    kinks: [0],
    degree: 2,
    smooth: false,
    zhongFamily: true,
    closedMoments: (s) => ({
      gamma: range(5).map((j) => s * s * h(j + 2)),
      alpha: range(3).map((q) => 2 * s * h(q + 1)),
      beta: range(3).map((q) => 4 * s * s * h(q + 2)),
    }),
  },
  sigmoid: {
    name: 'sigmoid',
    formula: '1 / (1 + exp(-z))',
    phi: sigmoidFn,
    d1: (z) => {
      const p = sigmoidFn(z);
      return p * (1 - p);
    },
    d2: (z) => {
      const p = sigmoidFn(z);
      return p * (1 - p) * (1 - 2 * p);
    },
    kinks: [],
    degree: null,
    smooth: true,
    zhongFamily: true,
    // sup sigma' = 1/4 (z = 0), sup |sigma''| = 1/(6 sqrt 3), sup |sigma'''| = 1/8 (z = 0),
    // sup |sigma''''| = SIGMOID_D4_SUP (see there).
    derivativeBound: (order) => [0, 0.25, 1 / (6 * Math.sqrt(3)), 0.125, SIGMOID_D4_SUP][order],
    // sigma - 1/2 is odd: gamma_j = E[z^j] / 2 for even j; sigma' is even: alpha_1 = beta_1 = 0.
    closedMoments: () => ({
      gamma: [0.5, undefined, 0.5, undefined, 1.5],
      alpha: [undefined, 0, undefined],
      beta: [undefined, 0, undefined],
    }),
  },
  tanh: {
    name: 'tanh',
    formula: 'tanh(z)',
    phi: Math.tanh,
    d1: (z) => 1 - Math.tanh(z) ** 2,
    d2: (z) => {
      const t = Math.tanh(z);
      return -2 * t * (1 - t * t);
    },
    kinks: [],
    degree: null,
    smooth: true,
    zhongFamily: true,
    // sup tanh' = 1, sup |tanh''| = 4 / (3 sqrt 3), sup |tanh'''| = 2 (z = 0); tanh(z) =
    // 2 sigma(2z) - 1, so tanh'''' (z) = 32 sigma''''(2z) and sup |tanh''''| = 32 SIGMOID_D4_SUP.
    derivativeBound: (order) => [0, 1, 4 / (3 * Math.sqrt(3)), 2, 32 * SIGMOID_D4_SUP][order],
    closedMoments: () => ({
      gamma: [0, undefined, 0, undefined, 0],
      alpha: [undefined, 0, undefined],
      beta: [undefined, 0, undefined],
    }),
  },
  erf: {
    name: 'erf',
    formula: 'int_0^z exp(-t^2) dt',
    phi: (z) => (Math.sqrt(Math.PI) / 2) * erf()(z),
    d1: (z) => Math.exp(-z * z),
    d2: (z) => -2 * z * Math.exp(-z * z),
    kinks: [],
    degree: null,
    smooth: true,
    zhongFamily: true,
    // sup phi' = 1, sup |phi''| = sqrt(2) e^{-1/2} (z = 1/sqrt 2), sup |phi'''| = 2 (z = 0),
    // sup |phi''''| = ERF_D4_SUP (see there).
    derivativeBound: (order) => [0, 1, Math.SQRT2 * Math.exp(-0.5), 2, ERF_D4_SUP][order],
    closedMoments: (s) => {
      const c1 = 1 + 2 * s * s;
      const c2 = 1 + 4 * s * s;
      const a0 = c1 ** -0.5;
      const a2 = c1 ** -1.5;
      // Stein: E[phi(sz) z^3] = s^3 E[phi'''(sz)] + 3 s E[phi'(sz)], phi''' = (4u^2 - 2) e^{-u^2}.
      const g3 = s ** 3 * (4 * s * s * a2 - 2 * a0) + 3 * s * a0;
      return { gamma: [0, s * a0, 0, g3, 0], alpha: [a0, 0, a2], beta: [c2 ** -0.5, 0, c2 ** -1.5] };
    },
  },
  quadratic: {
    name: 'quadratic',
    formula: 'z^2',
    phi: (z) => z * z,
    d1: (z) => 2 * z,
    d2: () => 2,
    kinks: [],
    degree: 2,
    smooth: true,
    zhongFamily: false,
    derivativeBound: (order, lo, hi) => [0, 2 * Math.max(Math.abs(lo), Math.abs(hi)), 2, 0, 0][order],
    closedMoments: (s) => ({
      gamma: range(5).map((j) => s * s * mu(j + 2)),
      alpha: range(3).map((q) => 2 * s * mu(q + 1)),
      beta: range(3).map((q) => 4 * s * s * mu(q + 2)),
    }),
  },
  linear: {
    name: 'linear',
    formula: 'z',
    phi: (z) => z,
    d1: () => 1,
    d2: () => 0,
    kinks: [],
    degree: 1,
    smooth: true,
    zhongFamily: false,
    derivativeBound: (order) => [0, 1, 0, 0, 0][order],
    closedMoments: (s) => ({
      gamma: range(5).map((j) => s * mu(j + 1)),
      alpha: range(3).map((q) => mu(q)),
      beta: range(3).map((q) => mu(q)),
    }),
  },
};

/** The six activations of Zhong et al. Theorem 3.5. */
export const ZHONG_FAMILY: readonly Activation[] = Object.values(ACTIVATIONS).filter(
  (a) => a.zhongFamily,
);

/** Every activation, in catalogue order. */
export const ALL_ACTIVATIONS: readonly Activation[] = Object.values(ACTIVATIONS);

/**
 * Looks an activation up by name, failing with the list of known names.
 * @example activationByName('tanh').degree // null
 */
export function activationByName(name: string): Activation {
  const a = (ACTIVATIONS as Record<string, Activation>)[name];
  if (!a) fail('activation', `activation must be one of ${Object.keys(ACTIVATIONS).join(', ')}`, name);
  return a;
}
