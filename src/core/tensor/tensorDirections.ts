/**
 * Steps 1-3 of tensor initialization (Zhong et al. 2017, Algorithm 1): the subspace V from P2,
 * R3 = P3(V, V, V), and its decomposition into unit directions. {@link tensorInit} adds
 * RecMagSign (norms, signs) for homogeneous activations; {@link tensorDirections} stops here
 * and returns oriented unit directions, which is all the paper defines for non-homogeneous
 * activations (sigmoid, tanh, erf).
 *
 * P2 = M_{j2}(I, I, alpha, ...) with j2 = min{j >= 2 : m_j != 0} (Definition 5.4): M2 for
 * ReLU and squared ReLU; M3(I, I, alpha) for sigmoid, tanh, erf (odd up to a constant, so
 * m2 = m4 = 0 and M2 carries no signal); M4(I, I, alpha, alpha) if m3 also vanished. Claim 5.5:
 * P2 = sum_i v_i m_{j2,i} (alpha . wb_i)^(j2-2) wb_i wb_i^T, of rank K whenever no
 * alpha . wb_i is 0.
 *
 * Which alpha for P2 (j2 > 2): uniform on the unit sphere of R^d, drawn from the method's
 * stream, as the paper's "randomly picked" alpha. Why not anything cleverer: V is not known
 * yet, so alpha cannot be confined to span(W*) the way R3's alphas are; a uniform alpha makes
 * every alpha . wb_i non-zero with probability 1 for any W* (what rank K needs), and being
 * independent of the data it keeps the estimate of P2 unbiased (alpha = M1 / |M1| would be
 * data-dependent and can be orthogonal to a unit). The price: |alpha . wb_i| ~ 1/sqrt(d), so
 * P2's K-th eigenvalue is smaller than M2's would be, by that factor, and one unlucky alpha
 * nearly orthogonal to a unit leaves that unit almost invisible. So several alphas are drawn
 * (default 4; 1 reproduces the paper) and the one whose P2 has the largest K-th eigenvalue
 * magnitude is kept: measured at d = 6, K = 3, tanh, a single alpha left some instances at a
 * subspace error of 0.8 up to N = 3e5.
 *
 * Decomposition: whitening by C = V P2 V^T + tensor power method. When P2's weights share a
 * sign (P2 = M2 and v = +1) C is definite and 'absolute' whitening is exact; with j2 = 3 the
 * weights are v_i m3_i (alpha . wb_i), of both signs for a random alpha (and with unknown v
 * they have v's signs), so C is indefinite and the power method tracks C's sign pattern J
 * ('signed' whitening; whitenedDecomposition.ts derives why that is exact).
 *
 * @example
 * ```ts
 * const tanh = tensorActivationOf(ACTIVATIONS.tanh);
 * const { directions, basis } = tensorDirections(data, 3, { stream, activation: tanh });
 * ```
 */
import { assertDataset, sliceDataset, type Dataset, type Weights } from '../layout.js';
import type { RandomStream } from '../random.js';
import { assertIntegerInRange, fail } from '../validate.js';
import { projectMatrix, type MomentSource } from './momentSource.js';
import { pseudoSolve } from './pseudoSolve.js';
import { sampleMoments, type VarianceReduction } from './sampleMoments.js';
import { norm2 } from './symmetricTensor.js';
import {
  coefficientVanishes,
  RELU_TENSOR,
  secondOrderPath,
  thirdOrderPath,
  type SecondOrderPath,
  type TensorActivation,
} from './tensorActivation.js';
import { topEigenvectors, type TopEigen } from './topEigenvectors.js';
import { whitenedDecomposition, type TensorComponents, type WhiteningMode } from './whitenedDecomposition.js';

/** How the sample is shared among the moments. */
export type SplitMode = 'whole' | 'disjoint';

/** Options of steps 1-3 (shared by {@link tensorDirections} and tensorInit). */
export interface DirectionOptions {
  /** The method's randomness: alphas, subspace-iteration start, restarts. */
  readonly stream: RandomStream;
  /** Default 'whole' (see tensorInit.ts). */
  readonly split?: SplitMode;
  /** Variance reduction of the sample moments (see sampleMoments.ts). Default 'hermite'. */
  readonly varianceReduction?: VarianceReduction;
  /**
   * How C's eigenvalues enter the whitening: default 'absolute' when P2 = M2 and the output
   * weights are positive (C is positive definite), else 'signed' (sign pattern tracked).
   * 'absolute' with weights of mixed sign is wrong (the components are then not
   * orthonormal); it stays selectable so specs can show what the tracking buys.
   */
  readonly whitening?: WhiteningMode;
  /** Number of random alphas tried for R3 when P3 = M4(I, I, I, alpha). Default 4. */
  readonly alphas?: number;
  /** Draw R3's alphas in the estimated subspace (default) or in all of R^d (the paper). */
  readonly alphaSpace?: 'subspace' | 'ambient';
  /** Random restarts of the power method per component. Default 10. */
  readonly restarts?: number;
  /**
   * Random alphas tried for P2 when it is M3(I, I, alpha) or M4(I, I, alpha, alpha) (m2 = 0);
   * the one with the largest K-th eigenvalue magnitude is kept. Default 4 (1 is the paper).
   */
  readonly p2Alphas?: number;
  /** The teacher's activation (default ReLU). */
  readonly activation?: TensorActivation;
}

/** The three moment sources the algorithm reads: P2 (S2), R3 (S3), RecMagSign (S4). */
export interface MomentSources {
  readonly p2: MomentSource;
  readonly r3: MomentSource;
  readonly magnitudes: MomentSource;
}

/** What steps 1-3 produce (in the coordinates of the basis V). */
export interface ComponentEstimate {
  readonly d: number;
  /** K x d, orthonormal rows spanning the estimated span(W*). */
  readonly V: Float64Array;
  readonly eig: TopEigen;
  /** The whitening matrix C = V P2 V^T (indefinite unless P2 = M2 and v = +1). */
  readonly C: Float64Array;
  readonly p2: SecondOrderPath;
  readonly p3: 'm3' | 'm4';
  /** The alpha contracted into P2 (null when P2 = M2). */
  readonly p2Alpha: Float64Array | null;
  readonly components: TensorComponents;
  readonly whitening: WhiteningMode;
  readonly strengths: Float64Array;
  readonly chosenAlpha: number;
}

/**
 * The moment sources of a dataset under a split (validated).
 * @example momentSourcesOf(data, 'whole', 'hermite')
 */
export function momentSourcesOf(data: Dataset, split: SplitMode, varianceReduction: VarianceReduction): MomentSources {
  assertDataset(data, data?.d);
  if (split !== 'whole' && split !== 'disjoint') fail('split', "split must be 'whole' or 'disjoint'", split);
  const mo = { varianceReduction };
  if (split === 'whole') {
    assertIntegerInRange('data.n', data.n, 2, Number.MAX_SAFE_INTEGER, 'N must be at least 2');
    const all = sampleMoments(data, mo);
    return { p2: all, r3: all, magnitudes: all };
  }
  assertIntegerInRange('data.n', data.n, 6, Number.MAX_SAFE_INTEGER, "N must be at least 6 for split 'disjoint'");
  // Rows of an i.i.d. sample are exchangeable, so fixed contiguous thirds are distributed
  // exactly like a random partition (and cost no copy).
  const third = Math.floor(data.n / 3);
  return {
    p2: sampleMoments(sliceDataset(data, 0, third), mo),
    r3: sampleMoments(sliceDataset(data, third, third), mo),
    magnitudes: sampleMoments(sliceDataset(data, 2 * third, data.n - 2 * third), mo),
  };
}

/** A single source for all three roles, or the three given. */
export function asSources(source: MomentSource | MomentSources): MomentSources {
  return 'p2' in source ? source : { p2: source, r3: source, magnitudes: source };
}

/**
 * Steps 1-3 on given sources. `positiveWeights`: whether v = +1 is known (whitening is valid
 * only then, and only for P2 = M2).
 * @example estimateComponents(asSources(populationMoments(Wstar)), K, { stream }, true)
 */
export function estimateComponents(
  sources: MomentSources,
  K: number,
  options: DirectionOptions,
  positiveWeights: boolean,
): ComponentEstimate {
  const stream = options.stream;
  if (!stream || typeof stream.normal !== 'function') fail('stream', 'stream must be a RandomStream', stream);
  const d = sources.p2.d;
  assertIntegerInRange('K', K, 1, d, `K must be at most d (d = ${d})`);
  const activation = options.activation ?? RELU_TENSOR;
  if (!activation || typeof activation.coefficients !== 'function') {
    fail('activation', 'activation must be a TensorActivation (see tensorActivationOf)', activation);
  }
  const p2Path = secondOrderPath(activation);
  const p3 = thirdOrderPath(activation);
  const whitening = options.whitening ?? (positiveWeights && p2Path === 'm2' ? 'absolute' : 'signed');
  if (whitening !== 'absolute' && whitening !== 'signed') {
    fail('whitening', "whitening must be 'absolute' or 'signed'", whitening);
  }
  const L = options.alphas ?? 4;
  assertIntegerInRange('alphas', L, 1, 1000);
  const restarts = options.restarts ?? 10;
  assertIntegerInRange('restarts', restarts, 1, 1000);
  const alphaSpace = options.alphaSpace ?? 'subspace';

  // 1. Subspace from P2 (alpha drawn only when j2 > 2, so the M2 path's stream is unchanged).
  let p2Alpha: Float64Array | null = null;
  let P2: Float64Array;
  let eig: TopEigen;
  if (p2Path === 'm2') {
    P2 = sources.p2.m2();
    eig = topEigenvectors(P2, d, K, stream);
  } else {
    // Several alphas, keep the one whose K-th eigenvalue is largest in magnitude: that
    // eigenvalue is min_i |m_{j2,i} (alpha . wb_i)^(j2-2)| in the population, the gap that
    // the subspace error is divided by (Davis-Kahan), while the noise of the estimate does not
    // depend on which unit alpha was drawn (a = alpha . x ~ N(0, 1) for every unit alpha).
    const L2 = options.p2Alphas ?? 4;
    assertIntegerInRange('p2Alphas', L2, 1, 1000);
    let bestK = -1;
    for (let l = 0; l < L2; l++) {
      const alpha = unit(stream.fillNormal(new Float64Array(d)));
      const P = p2Path === 'm3' ? sources.p2.m3Matrix(alpha) : sources.p2.m4Matrix(alpha);
      const e = topEigenvectors(P, d, K, stream);
      const weakest = Math.abs(e.values[K - 1]);
      if (weakest > bestK) {
        bestK = weakest;
        p2Alpha = alpha;
        P2 = P;
        eig = e;
      }
    }
  }
  const V = eig!.vectors;
  const C = projectMatrix(V, K, d, P2!);

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
    alphas.push(unit(alpha));
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
  return { d, V, eig: eig!, C, p2: p2Path, p3, p2Alpha, components: best!, whitening, strengths, chosenAlpha: chosen };
}

function unit(x: Float64Array): Float64Array {
  const n = norm2(x);
  return x.map((t) => t / n);
}

/** Unit directions and what produced them. */
export interface TensorDirectionsResult {
  /** K unit rows (a Weights with |w_k| = 1), oriented so that v_k = +1 (see below). */
  readonly directions: Weights;
  /** K x d, orthonormal rows: the estimated span(W*). */
  readonly basis: Float64Array;
  /** M1 coefficients beta_i = v_i m1(s_i) after orientation (all of sign m1(1)). */
  readonly beta: Float64Array;
  readonly estimate: ComponentEstimate;
}

/**
 * Oriented unit directions from data (output weights v = +1 known). Orientation: M1 is odd in
 * each direction, M1 = sum_i v_i m1(s_i) wb_i, and for the family (phi' >= 0, Property 3.1)
 * m1(s) = s E[phi'(s z)] > 0 at every s, so with v_i = +1 the least-squares coefficient of
 * unit i in V M1 has the sign of m1: each direction is flipped to make it so.
 * @example tensorDirections(data, 3, { stream, activation: tensorActivationOf(ACTIVATIONS.erf) })
 */
export function tensorDirections(data: Dataset, K: number, options: DirectionOptions): TensorDirectionsResult {
  const sources = momentSourcesOf(data, options.split ?? 'whole', options.varianceReduction ?? 'hermite');
  return orient(estimateComponents(sources, K, options, true), sources.magnitudes, options.activation ?? RELU_TENSOR);
}

/**
 * {@link tensorDirections} on given moments (e.g. exact population moments).
 * @example tensorDirectionsFromMoments(populationMoments(Wstar, undefined, tanh), 3, { stream, activation: tanh })
 */
export function tensorDirectionsFromMoments(
  source: MomentSource | MomentSources,
  K: number,
  options: DirectionOptions,
): TensorDirectionsResult {
  const sources = asSources(source);
  return orient(estimateComponents(sources, K, options, true), sources.magnitudes, options.activation ?? RELU_TENSOR);
}

function orient(est: ComponentEstimate, mag: MomentSource, act: TensorActivation): TensorDirectionsResult {
  if (coefficientVanishes(act, 1)) {
    fail('activation', 'orienting the directions needs m1 != 0 (M1 is the only odd moment read)', act.name);
  }
  const { d, V } = est;
  const K = V.length / d;
  const A = est.components.directions;
  const m1p = mag.m1Projected(V, K);
  const G = new Float64Array(K * K);
  const rhs = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += A[i * K + p] * A[j * K + p];
      G[i * K + j] = s;
    }
    for (let p = 0; p < K; p++) rhs[i] += A[i * K + p] * m1p[p];
  }
  const beta = pseudoSolve(G, K, rhs);
  const sgnM1 = act.coefficients(1)[0] < 0 ? -1 : 1;
  const W = new Float64Array(K * d);
  for (let i = 0; i < K; i++) {
    const flip = (beta[i] < 0 ? -1 : 1) * sgnM1;
    beta[i] *= flip;
    const a = A.subarray(i * K, (i + 1) * K);
    let n = 0;
    for (let t = 0; t < d; t++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += a[p] * V[p * d + t];
      W[i * d + t] = flip * s;
      n += s * s;
    }
    n = Math.sqrt(n);
    for (let t = 0; t < d; t++) W[i * d + t] /= n;
  }
  return { directions: { d, K, data: W }, basis: V, beta, estimate: est };
}
