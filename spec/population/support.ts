/**
 * Shared helpers for the population specs: perturbed weights, rounding bounds and a
 * failure-message formatter that carries everything needed to reproduce a case.
 */
import type { Weights } from '../../src/core/layout.js';
import { createStreams } from '../../src/core/random.js';

export const EPS = Number.EPSILON;

/** W* + scale * G with G standard normal from stream 'spec-perturb' of `seed`. */
export function perturbed(W: Weights, scale: number, seed: number): Weights {
  const s = createStreams(seed).stream('spec-perturb');
  return { d: W.d, K: W.K, data: W.data.map((v) => v + scale * s.normal()) };
}

/** A unit-norm direction of length n from stream `name` of `seed`. */
export function unitVector(n: number, seed: number, name = 'spec-direction'): Float64Array {
  const u = createStreams(seed).stream(name).fillNormal(new Float64Array(n));
  let s = 0;
  for (const v of u) s += v * v;
  const inv = 1 / Math.sqrt(s);
  return u.map((v) => v * inv);
}

/** W + t U. */
export function shifted(W: Weights, U: Float64Array, t: number): Weights {
  return { d: W.d, K: W.K, data: W.data.map((v, q) => v + t * U[q]) };
}

/** Sum of unit norms of a weight matrix. */
export function sumOfNorms(W: Weights): number {
  let total = 0;
  for (let k = 0; k < W.K; k++) {
    let s = 0;
    for (let i = 0; i < W.d; i++) s += W.data[k * W.d + i] ** 2;
    total += Math.sqrt(s);
  }
  return total;
}

/** Largest ratio |v| / |w_k| over units v of W or W* and units w_k of W. */
export function maxNormRatio(Wstar: Weights, W: Weights): number {
  const norms = (M: Weights) =>
    Array.from({ length: M.K }, (_, k) => Math.hypot(...M.data.subarray(k * M.d, (k + 1) * M.d)));
  const ns = norms(W);
  const all = [...ns, ...norms(Wstar)];
  return Math.max(...all) / Math.min(...ns);
}

/**
 * Rounding bound on the closed-form population loss: each of the 3K^2 kernel values
 * |a||b|/(2pi)(...) carries an absolute error of at most about (d + 10) eps |a||b| (norms and
 * Kahan's angle cost O(d) roundings; sin, cos, atan2 a few ulps), their magnitudes sum to at
 * most (A + B)^2 / 4 with A, B the sums of unit norms (|k(a, b)| <= |a||b|/2), and the K^2
 * accumulations add K^2 eps relative. A factor 4 covers the constants.
 */
export function lossRounding(Wstar: Weights, W: Weights): number {
  const A = sumOfNorms(W);
  const B = sumOfNorms(Wstar);
  return 4 * (W.d + 10 + W.K * W.K) * EPS * (A + B) ** 2;
}

/**
 * Rounding bound on each closed-form gradient component: 2K terms, each with magnitude
 * below |v| (|g(w, v)| <= |v| (pi + 1)/(2 pi)) and O(d) roundings in its angle.
 */
export function gradientRounding(Wstar: Weights, W: Weights): number {
  return 4 * (2 * W.K + W.d + 10) * EPS * (sumOfNorms(W) + sumOfNorms(Wstar));
}

/** One-line reproduction record for failure messages. */
export function repro(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toPrecision(6) : String(v)}`)
    .join(' ');
}
