/**
 * Monte Carlo estimates of the population loss and gradient from fresh samples, with their
 * standard errors: the independent check on the closed forms.
 *
 * Draws x ~ N(0, I_d) and y = sum_j relu(w*_j . x) + nu eps, and averages the per-sample loss
 * `r^2 / 2` and gradient `r 1{w_k . x >= 0} x` (r = f_W(x) - y). Means and variances are
 * accumulated with Welford's update (numerically stable at N = 1e6), and samples are drawn in
 * chunks of CHUNK rows so memory stays O(CHUNK d) whatever N is.
 *
 * Stream use, in order, per chunk: CHUNK * d normals for the inputs, then (nu > 0) CHUNK
 * normals for the noise; the same stream state gives bit-identical estimates.
 *
 * @example
 * ```ts
 * const mc = monteCarloPopulation(Wstar, W, 0.1, 200_000, createStreams(1).stream('mc'));
 * mc.loss; mc.lossStdError; mc.gradient; mc.gradientStdError;
 * ```
 */
import type { Weights } from '../layout.js';
import type { RandomStream } from '../random.js';
import { assertAtLeast, assertIntegerInRange } from '../validate.js';
import { assertPopulationPair } from './arcCosine.js';

/** Rows drawn at once. */
export const MONTE_CARLO_CHUNK = 4096;

/** Sample means and their standard errors (sample std / sqrt(N)). */
export interface MonteCarloPopulation {
  readonly N: number;
  readonly loss: number;
  readonly lossStdError: number;
  /** Mean gradient, W's layout. */
  readonly gradient: Float64Array;
  /** Elementwise standard error of `gradient`. */
  readonly gradientStdError: Float64Array;
}

/** Estimates L(W) and grad L(W) from N >= 2 fresh samples drawn from `stream`. */
export function monteCarloPopulation(
  Wstar: Weights,
  W: Weights,
  nu: number,
  N: number,
  stream: RandomStream,
): MonteCarloPopulation {
  assertPopulationPair(Wstar, W);
  assertAtLeast('nu', nu, 0);
  assertIntegerInRange('N', N, 2, Number.MAX_SAFE_INTEGER);
  const { d, K } = W;
  const n = d * K;
  const w = W.data;
  const ws = Wstar.data;
  const X = new Float64Array(MONTE_CARLO_CHUNK * d);
  const eps = new Float64Array(MONTE_CARLO_CHUNK);
  const active = new Uint8Array(K);
  const gMean = new Float64Array(n);
  const gM2 = new Float64Array(n);
  let lMean = 0;
  let lM2 = 0;
  let count = 0;
  for (let start = 0; start < N; start += MONTE_CARLO_CHUNK) {
    const rows = Math.min(MONTE_CARLO_CHUNK, N - start);
    const Xc = X.subarray(0, rows * d);
    stream.fillNormal(Xc);
    if (nu > 0) stream.fillNormal(eps.subarray(0, rows), nu);
    for (let i = 0; i < rows; i++) {
      const xo = i * d;
      let r = nu > 0 ? -eps[i] : 0;
      for (let k = 0; k < K; k++) {
        let zs = 0;
        let zt = 0;
        for (let q = 0; q < d; q++) {
          zs += w[k * d + q] * Xc[xo + q];
          zt += ws[k * d + q] * Xc[xo + q];
        }
        active[k] = zs >= 0 ? 1 : 0;
        if (zs > 0) r += zs;
        if (zt > 0) r -= zt;
      }
      count++;
      const inv = 1 / count;
      const l = 0.5 * r * r;
      const dl = l - lMean;
      lMean += dl * inv;
      lM2 += dl * (l - lMean);
      for (let k = 0; k < K; k++) {
        const ko = k * d;
        const on = active[k] === 1;
        for (let q = 0; q < d; q++) {
          const g = on ? r * Xc[xo + q] : 0;
          const dg = g - gMean[ko + q];
          gMean[ko + q] += dg * inv;
          gM2[ko + q] += dg * (g - gMean[ko + q]);
        }
      }
    }
  }
  // Standard error of a mean: sqrt(sample variance / N), sample variance = M2 / (N - 1).
  const se = (m2: number) => Math.sqrt(m2 / (count - 1) / count);
  const gradientStdError = new Float64Array(n);
  for (let q = 0; q < n; q++) gradientStdError[q] = se(gM2[q]);
  return {
    N: count,
    loss: lMean,
    lossStdError: se(lM2),
    gradient: gMean,
    gradientStdError,
  };
}
