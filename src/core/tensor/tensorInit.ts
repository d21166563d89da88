/**
 * Tensor initialization (Zhong et al. 2017, Algorithm 1; used by Zhang et al. 2019):
 *
 * 1. V = top-K eigenvectors (by magnitude) of the estimate of P2 = M2 (ReLU, squared ReLU:
 *    m2 != 0), else M3(I, I, alpha) / M4(I, I, alpha, alpha) (Definition 5.4; see tensorDirections.ts).
 * 2. R3 = P3(V, V, V) with P3 = M3 when the activation's m3 != 0 (squared ReLU; one tensor,
 *    no alpha), else M4(I, I, I, alpha) (ReLU: M3 = 0 identically) for several random unit
 *    alphas. The activation (default ReLU) is a {@link TensorActivation}: its coefficients
 *    m_j(s) decide the path and feed RecMagSign.
 * 3. Decompose R3: whitening by C = V P2 V^T + tensor power method; when v = +1 (P2's weights
 *    share a sign) C is positive definite and the whitened tensor orthogonally decomposable;
 *    when v is unknown (or P2 = M3(I, I, alpha)) C is indefinite and the power method tracks
 *    the sign pattern J of C's eigenvalues (whitenedDecomposition.ts derives why that is
 *    exact). Among the alphas, keep
 *    the decomposition whose weakest component is strongest: the weight of unit i in R3 is
 *    proportional to alpha . wb_i, so one unlucky alpha can leave a unit almost invisible.
 * 4. RecMagSign: norms, orientations and output weights from M1 and M2. Only for positively
 *    homogeneous activations, as in the paper; sigmoid, tanh and erf are rejected here (with
 *    the rule named) and get steps 1-3 from {@link tensorDirections}.
 *
 * Defaults and why:
 * - split 'whole': every moment uses all N samples. The disjoint split into thirds is what
 *   the proof needs (independence between V and R3); the papers' experiments and Zhang
 *   et al.'s use do not rely on it, and each moment gets 3x the samples (errors ~ 1/sqrt(3)
 *   smaller). 'disjoint' is available for checking the theorem as stated.
 * - alpha drawn uniformly on the unit sphere of the estimated subspace (alpha = V^T b):
 *   only alpha's component in span(W*) carries signal (alpha . wb_i), while the noise of
 *   `a = alpha . x` is the same for any unit alpha; a uniform alpha in R^d puts only
 *   sqrt(K / d) of its norm there. ('ambient' reproduces the paper's choice.)
 * - magnitudes from M2 (see recMagSign.ts; measured in scripts/tensor-scaling.ts).
 * - 'hermite' variance reduction (see sampleMoments.ts: y minus its estimated low-order
 *   Hermite parts; unbiased up to O(1/N), far lower variance than centering alone).
 *
 * @example
 * ```ts
 * const { W, v, diagnostics } = tensorInit(inst.data, 5, { stream: createStreams(1).stream('init') });
 * const exact = tensorInitFromMoments(populationMoments(Wstar), 5, { stream });
 * const sq = tensorInit(data, 5, { stream, activation: tensorActivationOf(ACTIVATIONS.squaredRelu), outputWeights: 'unknown' });
 * ```
 */
import { assertDataset, type Dataset, type Weights } from '../layout.js';
import { assertIntegerInRange, fail } from '../validate.js';
import type { MomentSource } from './momentSource.js';
import { assertRecMagSignApplies, recMagSign, type MagnitudeSource, type OutputWeights } from './recMagSign.js';
import { RELU_TENSOR, type SecondOrderPath } from './tensorActivation.js';
import type { WhiteningMode } from './whitenedDecomposition.js';
import {
  asSources,
  estimateComponents,
  momentSourcesOf,
  type DirectionOptions,
  type MomentSources,
  type SplitMode,
} from './tensorDirections.js';

export type { MomentSources, SplitMode } from './tensorDirections.js';
export type { WhiteningMode } from './whitenedDecomposition.js';

/** Options of {@link tensorInit} / {@link tensorInitFromMoments}. */
export interface TensorInitOptions extends DirectionOptions {
  /** 'positive' (ReLU, v = +1; default) or 'unknown' (Zhong's v in {-1, +1}). */
  readonly outputWeights?: OutputWeights;
  /** Where RecMagSign takes norms from. Default 'm2'. */
  readonly magnitudes?: MagnitudeSource;
}

/** What happened inside, for reports and debugging. */
export interface TensorInitDiagnostics {
  readonly split: SplitMode;
  /** Which moment served as P2: M2, M3(I, I, alpha) or M4(I, I, alpha, alpha). */
  readonly p2: SecondOrderPath;
  /** Which moment served as P3: M3 (m3 != 0) or M4(I, I, I, alpha). */
  readonly p3: 'm3' | 'm4';
  /** Samples behind (P2, R3, RecMagSign); Infinity for population moments. */
  readonly sampleSizes: readonly [number, number, number];
  /** Top-K Ritz values of P2 (by magnitude). */
  readonly p2Values: Float64Array;
  readonly eigenConverged: boolean;
  readonly eigenIterations: number;
  /** Strength of the weakest component for each alpha tried, and the chosen index. */
  readonly alphaStrengths: Float64Array;
  readonly chosenAlpha: number;
  readonly whitening: WhiteningMode;
  readonly relativeResidual: number;
  readonly decompositionConverged: boolean;
  readonly whiteningValid: boolean;
  /** RecMagSign's least-squares coefficients (M1: beta, M2: gamma). */
  readonly beta: Float64Array;
  readonly gamma: Float64Array;
}

/** The initial weights, output weights and diagnostics. */
export interface TensorInitResult {
  readonly W: Weights;
  readonly v: Float64Array;
  readonly diagnostics: TensorInitDiagnostics;
}

/**
 * Tensor initialization from data (sample moments).
 * @example tensorInit(data, 5, { stream, split: 'disjoint' })
 */
export function tensorInit(data: Dataset, K: number, options: TensorInitOptions): TensorInitResult {
  assertDataset(data, data?.d);
  assertIntegerInRange('K', K, 1, data.d, `K must be at most d (d = ${data.d})`);
  const split = options.split ?? 'whole';
  const sources = momentSourcesOf(data, split, options.varianceReduction ?? 'hermite');
  return run(sources, K, options, split);
}

/**
 * Tensor initialization from given moments: one source for all (e.g. {@link populationMoments})
 * or separate sources for P2, R3 and RecMagSign.
 * @example tensorInitFromMoments(populationMoments(Wstar), K, { stream })
 */
export function tensorInitFromMoments(
  source: MomentSource | MomentSources,
  K: number,
  options: TensorInitOptions,
): TensorInitResult {
  const sources = asSources(source);
  assertIntegerInRange('K', K, 1, sources.p2.d, `K must be at most d (d = ${sources.p2.d})`);
  return run(sources, K, options, 'p2' in source ? 'disjoint' : 'whole');
}

function run(sources: MomentSources, K: number, options: TensorInitOptions, split: SplitMode): TensorInitResult {
  const outputWeights = options.outputWeights ?? 'positive';
  if (outputWeights !== 'positive' && outputWeights !== 'unknown') {
    fail('outputWeights', "outputWeights must be 'positive' or 'unknown'", outputWeights);
  }
  const magnitudes = options.magnitudes ?? 'm2';
  if (!['m1', 'm2', 'both'].includes(magnitudes)) fail('magnitudes', "magnitudes must be 'm1', 'm2' or 'both'", magnitudes);
  const activation = options.activation ?? RELU_TENSOR;
  if (!activation || typeof activation.coefficients !== 'function') {
    fail('activation', 'activation must be a TensorActivation (see tensorActivationOf)', activation);
  }
  // Reject before any work what step 4 cannot do (non-homogeneous activations).
  assertRecMagSignApplies(activation);
  const est = estimateComponents(sources, K, options, outputWeights === 'positive');
  const { d, V } = est;
  const comps = est.components;

  // 4. Norms, orientations, output weights.
  const mag = sources.magnitudes;
  const m1p = mag.m1Projected(V, K);
  const Cm = mag.m2Projected(V, K);
  const rec = recMagSign(comps.directions, V, K, d, m1p, Cm, { magnitudes, outputWeights, activation });
  return {
    W: rec.W,
    v: rec.v,
    diagnostics: {
      split,
      p2: est.p2,
      p3: est.p3,
      sampleSizes: [sources.p2.n, sources.r3.n, mag.n],
      p2Values: est.eig.values,
      eigenConverged: est.eig.converged,
      eigenIterations: est.eig.iterations,
      alphaStrengths: est.strengths,
      chosenAlpha: est.chosenAlpha,
      whitening: est.whitening,
      relativeResidual: comps.relativeResidual,
      decompositionConverged: comps.converged,
      whiteningValid: comps.whiteningValid,
      beta: rec.beta,
      gamma: rec.gamma,
    },
  };
}
