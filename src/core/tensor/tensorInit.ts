/**
 * Tensor initialization (Zhong et al. 2017, Algorithm 1; used by Zhang et al. 2019):
 *
 * 1. V = top-K eigenvectors (by magnitude) of the estimate of P2 = M2 (ReLU, squared ReLU: m2 != 0).
 * 2. R3 = P3(V, V, V) with P3 = M3 when the activation's m3 != 0 (squared ReLU; one tensor,
 *    no alpha), else M4(I, I, I, alpha) (ReLU: M3 = 0 identically) for several random unit
 *    alphas. The activation (default ReLU) is a {@link TensorActivation}: its coefficients
 *    m_j(s) decide the path and feed RecMagSign.
 * 3. Decompose R3: whitening by C = V P2 V^T + tensor power method; when v = +1 (P2's weights
 *    share a sign) C is positive definite and the whitened tensor orthogonally decomposable;
 *    when v is unknown C is indefinite and the power method tracks the sign pattern J of C's
 *    eigenvalues (whitenedDecomposition.ts derives why that is exact). Among the alphas, keep
 *    the decomposition whose weakest component is strongest: the weight of unit i in R3 is
 *    proportional to alpha . wb_i, so one unlucky alpha can leave a unit almost invisible.
 * 4. RecMagSign: norms, orientations and output weights from M1 and M2.
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
import { assertDataset, sliceDataset, type Dataset, type Weights } from '../layout.js';
import type { RandomStream } from '../random.js';
import { assertIntegerInRange, fail } from '../validate.js';
import { projectMatrix, type MomentSource } from './momentSource.js';
import { recMagSign, type MagnitudeSource, type OutputWeights } from './recMagSign.js';
import { sampleMoments, type VarianceReduction } from './sampleMoments.js';
import { norm2 } from './symmetricTensor.js';
import { coefficientVanishes, RELU_TENSOR, thirdOrderPath, type TensorActivation } from './tensorActivation.js';
import { topEigenvectors } from './topEigenvectors.js';
import { whitenedDecomposition, type TensorComponents, type WhiteningMode } from './whitenedDecomposition.js';

/** How the sample is shared among the moments. */
export type SplitMode = 'whole' | 'disjoint';

/** Options of {@link tensorInit} / {@link tensorInitFromMoments}. */
export interface TensorInitOptions {
  /** The method's randomness: alphas, subspace-iteration start, restarts. */
  readonly stream: RandomStream;
  /** Default 'whole' (see the module comment). */
  readonly split?: SplitMode;
  /** Variance reduction of the sample moments (see sampleMoments.ts). Default 'hermite'. */
  readonly varianceReduction?: VarianceReduction;
  /** 'positive' (ReLU, v = +1; default) or 'unknown' (Zhong's v in {-1, +1}). */
  readonly outputWeights?: OutputWeights;
  /**
   * How C's eigenvalues enter the whitening: default 'absolute' for positive weights (C is
   * positive definite), 'signed' for unknown ones (sign pattern tracked). 'absolute' with
   * weights of mixed sign is wrong (the components are then not orthonormal); it stays
   * selectable so specs can show what the tracking buys.
   */
  readonly whitening?: WhiteningMode;
  /** Number of random alphas tried. Default 4. */
  readonly alphas?: number;
  /** Draw alpha in the estimated subspace (default) or in all of R^d (the paper). */
  readonly alphaSpace?: 'subspace' | 'ambient';
  /** Where RecMagSign takes norms from. Default 'm2'. */
  readonly magnitudes?: MagnitudeSource;
  /** Random restarts of the power method per component. Default 10. */
  readonly restarts?: number;
  /** The teacher's activation (default ReLU); must be positively homogeneous with m2 != 0. */
  readonly activation?: TensorActivation;
}

/** What happened inside, for reports and debugging. */
export interface TensorInitDiagnostics {
  readonly split: SplitMode;
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

/** The three moment sources the algorithm reads: P2 (S2), R3 (S3), RecMagSign (S4). */
export interface MomentSources {
  readonly p2: MomentSource;
  readonly r3: MomentSource;
  readonly magnitudes: MomentSource;
}

/**
 * Tensor initialization from data (sample moments).
 * @example tensorInit(data, 5, { stream, split: 'disjoint' })
 */
export function tensorInit(data: Dataset, K: number, options: TensorInitOptions): TensorInitResult {
  assertDataset(data, data?.d);
  assertIntegerInRange('K', K, 1, data.d, `K must be at most d (d = ${data.d})`);
  const split = options.split ?? 'whole';
  if (split !== 'whole' && split !== 'disjoint') fail('split', "split must be 'whole' or 'disjoint'", split);
  const mo = { varianceReduction: options.varianceReduction ?? 'hermite' };
  let sources: MomentSources;
  if (split === 'whole') {
    assertIntegerInRange('data.n', data.n, 2, Number.MAX_SAFE_INTEGER, 'N must be at least 2');
    const all = sampleMoments(data, mo);
    sources = { p2: all, r3: all, magnitudes: all };
  } else {
    assertIntegerInRange('data.n', data.n, 6, Number.MAX_SAFE_INTEGER, "N must be at least 6 for split 'disjoint'");
    // Rows of an i.i.d. sample are exchangeable, so fixed contiguous thirds are distributed
    // exactly like a random partition (and cost no copy).
    const third = Math.floor(data.n / 3);
    sources = {
      p2: sampleMoments(sliceDataset(data, 0, third), mo),
      r3: sampleMoments(sliceDataset(data, third, third), mo),
      magnitudes: sampleMoments(sliceDataset(data, 2 * third, data.n - 2 * third), mo),
    };
  }
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
  const sources: MomentSources =
    'p2' in source ? source : { p2: source, r3: source, magnitudes: source };
  assertIntegerInRange('K', K, 1, sources.p2.d, `K must be at most d (d = ${sources.p2.d})`);
  return run(sources, K, options, 'p2' in source ? 'disjoint' : 'whole');
}

function run(sources: MomentSources, K: number, options: TensorInitOptions, split: SplitMode): TensorInitResult {
  const stream = options.stream;
  if (!stream || typeof stream.normal !== 'function') fail('stream', 'stream must be a RandomStream', stream);
  const outputWeights = options.outputWeights ?? 'positive';
  if (outputWeights !== 'positive' && outputWeights !== 'unknown') {
    fail('outputWeights', "outputWeights must be 'positive' or 'unknown'", outputWeights);
  }
  const whitening = options.whitening ?? (outputWeights === 'positive' ? 'absolute' : 'signed');
  if (whitening !== 'absolute' && whitening !== 'signed') {
    fail('whitening', "whitening must be 'absolute' or 'signed'", whitening);
  }
  const L = options.alphas ?? 4;
  assertIntegerInRange('alphas', L, 1, 1000);
  const restarts = options.restarts ?? 10;
  assertIntegerInRange('restarts', restarts, 1, 1000);
  const magnitudes = options.magnitudes ?? 'm2';
  if (!['m1', 'm2', 'both'].includes(magnitudes)) fail('magnitudes', "magnitudes must be 'm1', 'm2' or 'both'", magnitudes);
  const alphaSpace = options.alphaSpace ?? 'subspace';
  const activation = options.activation ?? RELU_TENSOR;
  if (!activation || typeof activation.coefficients !== 'function' || !(activation.degree > 0)) {
    fail('activation', 'activation must be a TensorActivation (see tensorActivationOf)', activation);
  }
  if (coefficientVanishes(activation, 2)) {
    fail('activation', 'P2 = M3(I, I, alpha) or M4(I, I, alpha, alpha) (m2 = 0) is not implemented', activation.name);
  }
  const p3 = thirdOrderPath(activation);
  const d = sources.p2.d;

  // 1. Subspace.
  const P2 = sources.p2.m2();
  const eig = topEigenvectors(P2, d, K, stream);
  const V = eig.vectors;
  const C = projectMatrix(V, K, d, P2);

  // 2. R3: M3(V, V, V) when m3 != 0; else M4(V, V, V, alpha) for L alphas in one data pass.
  const alphas: Float64Array[] = [];
  for (let l = 0; p3 === 'm4' && l < L; l++) {
    let alpha: Float64Array;
    if (alphaSpace === 'subspace') {
      const b = stream.fillNormal(new Float64Array(K));
      alpha = new Float64Array(d);
      for (let k = 0; k < K; k++) for (let t = 0; t < d; t++) alpha[t] += b[k] * V[k * d + t];
    } else {
      alpha = stream.fillNormal(new Float64Array(d));
    }
    const n = norm2(alpha);
    alphas.push(alpha.map((x) => x / n));
  }
  const R3s = p3 === 'm3' ? [sources.r3.m3Projected(V, K)] : sources.r3.r3(V, K, alphas);

  // 3. Decompose each; keep the one whose weakest component is strongest.
  const strengths = new Float64Array(R3s.length);
  let best: TensorComponents | undefined;
  let chosen = 0;
  R3s.forEach((R3, l) => {
    const comps = whitenedDecomposition(R3, C, K, stream, { restarts, whitening });
    strengths[l] = comps.strength;
    if (!best || comps.strength > best.strength) {
      best = comps;
      chosen = l;
    }
  });
  const comps = best!;

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
      p3,
      sampleSizes: [sources.p2.n, sources.r3.n, mag.n],
      p2Values: eig.values,
      eigenConverged: eig.converged,
      eigenIterations: eig.iterations,
      alphaStrengths: strengths,
      chosenAlpha: chosen,
      whitening,
      relativeResidual: comps.relativeResidual,
      decompositionConverged: comps.converged,
      whiteningValid: comps.whiteningValid,
      beta: rec.beta,
      gamma: rec.gamma,
    },
  };
}
