/**
 * Rounding-error bounds of the closed-form population loss and gradient (THEORY.md eq. 3.1),
 * in the spirit of `rounding.ts` (Higham's gamma_n = n u / (1 - n u)): worst-case bounds that
 * hold for any summation order and for each of the usual ways of computing the angle (acos of
 * the cosine, atan2 of a wedge norm, Lagrange's identity), so that a correct implementation
 * written differently from relucheck's passes, in float64 and in float32.
 *
 * Why a bound of its own: L(W) = 1/2 sum_{j,l} [k(w_j,w_l) - 2 k(w_j,w*_l) + k(w*_j,w*_l)] is a
 * difference of 3K^2 kernel values of size |w||v|/2 that cancel to a small number near W*; the
 * rounding error scales with the terms, (sum_j |w_j| + sum_l |w*_l|)^2, not with the value. A
 * relative rule u (|L| + 1) held for small K but not at K = 8, d = 26 near W* (the Kahan +
 * wedge control: 1.4e-10 against a bound of 7.4e-11, thorough seed 2654435761).
 *
 * The model, per kernel value k(w, v) = |w||v| f(t) / (2 pi), f(t) = sin t + (pi - t) cos t:
 * - the cosine from d-term dot products and norms has absolute error <= gamma_{2d+6}; a wedge
 *   norm summed over the d(d-1)/2 pairs has relative error <= gamma_{d^2/2+3}; converting
 *   inputs to a coarser format adds 4 roundings ({@link kernelRoundings});
 * - df/dc = pi - t <= pi (c = cos t) and |df/dt| <= pi, so either angle error moves f by at most
 *   pi times it; f <= pi, and the norms, sin, cos and products add a few more roundings;
 * - hence |fl(k) - k| <= 2 gamma_m |w||v| (the 2 covers pi/(2 pi) twice plus the last few ops).
 * The gradient's g(w, v) = ((pi - t) v + |v| sin t w/|w|) / (2 pi) depends on t itself, and acos
 * is only Hoelder-1/2 at t = 0: an angle t carries an error dt <= min(2 gamma / sin t, 1.6 sqrt(gamma)),
 * which moves g by at most |v| dt / pi. The self pair g(w, w) = w / 2 is the exception that
 * matters (t = 0 exactly, yet acos(1 - an ulp) = 1.5e-8): there g = (pi - t + sin t) w / (2 pi) and
 * the first-order errors cancel, leaving |w| dt^3 / (12 pi), provided the sine and the angle
 * come from the same computed angle or cosine (acos with sqrt(1 - c^2), atan2 with its own
 * arguments: every formula we know of). Charging the self pair |w| dt / pi instead made
 * population-hvp-fd's bound 0.1-0.7 of |<v, H u>| on wide cases, too weak to be a check.
 *
 * In float32 these bounds exceed the quantities the population claims difference (the loss
 * near W* is smaller than its own rounding bound), so those claims are not applicable there
 * (population.ts says why); stationarity-population and the fixtures still apply.
 *
 * @example
 * ```ts
 * const eL = populationLossRoundingBound(Wstar, W); // |fl(L(W)) - L(W)| <= eL in float64
 * const eg = populationDirectionalGradientRoundingBound(Wstar, W, v, 2 ** -24); // |<v, fl(g) - g>|, float32
 * ```
 */
import type { Weights } from '../src/core/layout.js';
import { gamma, inputRoundings, UNIT_ROUNDOFF } from './rounding.js';

/** Column norms of a d x K weight matrix (stored unit-major). */
function columnNorms(W: Weights): Float64Array {
  const out = new Float64Array(W.K);
  for (let k = 0; k < W.K; k++) {
    let s = 0;
    for (let i = 0; i < W.d; i++) s += W.data[k * W.d + i] ** 2;
    out[k] = Math.sqrt(s);
  }
  return out;
}

/**
 * Roundings charged to one kernel value or angle: the cosine's dot products and norms (2d + 6),
 * a wedge norm over the pairs (d^2/2 + 3), the last products (8) and, when the implementation
 * computes in a coarser format, the conversion of both vectors (4).
 * @example kernelRoundings(4, 2 ** -53) === 36
 */
export function kernelRoundings(d: number, u: number): number {
  return 2 * d + 6 + Math.ceil((d * d) / 2) + 3 + 8 + 4 * inputRoundings(u);
}

/**
 * A bound on |fl(L(W)) - L(W)| for the population loss with noise level nu, computed with unit
 * roundoff u: (gamma_m + gamma_{3K^2+1}) (sum |w_j| + sum |w*_l|)^2 + gamma_2 nu^2 / 2.
 * @example populationLossRoundingBound(Wstar, W)
 */
export function populationLossRoundingBound(Wstar: Weights, W: Weights, u = UNIT_ROUNDOFF, nu = 0): number {
  let mass = 0;
  for (const n of columnNorms(W)) mass += n;
  for (const n of columnNorms(Wstar)) mass += n;
  const K = W.K;
  // 2 gamma_m |w||v| per kernel value, weights 1, 2, 1 and the 1/2 in front: gamma_m (a + b)^2;
  // the sum of 3K^2 terms of size <= |w||v|/2: at most gamma_{3K^2+1} (a + b)^2 / 4.
  return (gamma(kernelRoundings(W.d, u), u) + gamma(3 * K * K + 1, u)) * mass * mass + (gamma(2, u) * nu * nu) / 2;
}

/** Angle between two columns, accurate near 0 and pi (Kahan: 2 atan2(|a - b|, |a + b|) of unit vectors). */
function angleBetween(a: Float64Array, na: number, b: Float64Array, nb: number): number {
  let dm = 0;
  let dp = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] / na;
    const y = b[i] / nb;
    dm += (x - y) ** 2;
    dp += (x + y) ** 2;
  }
  return 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp));
}

/**
 * A bound on |<v, fl(grad L(W)) - grad L(W)>| for the population gradient computed with unit
 * roundoff u, for a direction v (d x K, unit-major like W). Per pair, |fl(g) - g| <=
 * |v_l| (dt / pi + 2 gamma_m) with dt the pair's angle error, dt^3 / 12 for the self pair (see
 * the module comment); the 2K
 * terms of unit k sum with gamma_{2K+1} of their sizes (<= 0.66 |v_l| each); the dot with v adds
 * gamma_{dK} of |v_k| times the same sizes.
 * @example populationDirectionalGradientRoundingBound(Wstar, W, v)
 */
export function populationDirectionalGradientRoundingBound(Wstar: Weights, W: Weights, v: Float64Array, u = UNIT_ROUNDOFF): number {
  const { d, K } = W;
  const gm = gamma(kernelRoundings(d, u), u);
  const gSelf = gamma(2 * d + 6 + 4 * inputRoundings(u), u);
  const nW = columnNorms(W);
  const nS = columnNorms(Wstar);
  const col = (M: Weights, k: number) => M.data.subarray(k * d, (k + 1) * d);
  const angleError = (t: number) => Math.min((2 * gm) / Math.max(Math.sin(t), 0), 1.6 * Math.sqrt(gm));
  // The self pair's error, |w| dt^3 / (12 pi), written per |w| and per 1/pi like the others.
  const selfError = (1.6 * Math.sqrt(gSelf)) ** 3 / 12;
  const sizeFactor = (Math.PI + 1) / (2 * Math.PI);
  const sums = gamma(2 * K + 1, u) + gamma(d * K + 1, u);
  let bound = 0;
  for (let k = 0; k < K; k++) {
    let vk = 0;
    for (let i = 0; i < d; i++) vk += v[k * d + i] ** 2;
    vk = Math.sqrt(vk);
    if (vk === 0) continue;
    let unit = 0;
    for (let l = 0; l < K; l++) {
      const eW = l === k ? selfError : angleError(angleBetween(col(W, k), nW[k], col(W, l), nW[l]));
      const eS = angleError(angleBetween(col(W, k), nW[k], col(Wstar, l), nS[l]));
      unit += nW[l] * (eW / Math.PI + 2 * gm) + nS[l] * (eS / Math.PI + 2 * gm);
      unit += sums * sizeFactor * (nW[l] + nS[l]);
    }
    bound += vk * unit;
  }
  return bound;
}
