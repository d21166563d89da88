/**
 * The measurement behind the unknown-v tensor-initialization spec (spec/tensor/unknownSigns.spec.ts)
 * and its calibration (scripts/unknown-signs-compare.ts --calibrate): on teachers with mixed
 * output signs v*, run the tensor initialization with `outputWeights: 'unknown'` over a grid
 * of N and seeds, and report the aligned relative errors, their medians per N, the
 * least-squares slope of log median error against log N, and how often v* was recovered.
 * Spec and calibration share this code so the recorded calibration is of the same statistic.
 *
 * @example
 * ```ts
 * const s = unknownSignsSweep({ activation: 'relu', d: 10, K: 5, kappa: 2, Ns: [1e4, 1e5], seeds: [1, 2, 3] });
 * s.slope; // near -1/2
 * ```
 */
import { alignedError } from '../../src/core/alignedError.js';
import { ACTIVATIONS } from '../../src/core/activations/catalog.js';
import { makeOutputModelInstance, type OutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import { createStreams } from '../../src/core/random.js';
import { fitLine } from '../../src/core/stats/fitLine.js';
import { tensorActivationOf } from '../../src/core/tensor/tensorActivation.js';
import { tensorInit, tensorInitFromMoments, type TensorInitOptions } from '../../src/core/tensor/tensorInit.js';
import { drawTeacher } from '../../src/core/instance.js';
import { populationMoments } from '../../src/core/tensor/populationMoments.js';

/** The grid and the teacher family. */
export interface UnknownSignsSweepConfig {
  readonly activation: 'relu' | 'squaredRelu';
  readonly d: number;
  readonly K: number;
  readonly kappa: number;
  readonly Ns: readonly number[];
  readonly seeds: readonly number[];
  /** Extra tensorInit options (e.g. a planted `whitening: 'absolute'`). */
  readonly options?: Partial<TensorInitOptions>;
  /** The tensorInit under test (default the core's). */
  readonly init?: typeof tensorInit;
}

/** Errors per N (rows) and seed (columns), their medians, the fitted slope, sign recoveries. */
export interface UnknownSignsSweep {
  readonly errors: number[][];
  readonly medians: number[];
  /** Least-squares slope of log(median error) on log(N). */
  readonly slope: number;
  /** Per N: seeds whose v* was recovered exactly under the aligned matching. */
  readonly signsRecovered: number[];
}

/**
 * The seeds' teachers (mixed signs for sure: a unit's sign is flipped when all agree, the
 * case that makes P2 indefinite), one dataset per (N, seed).
 * @example unknownSignsInstance('relu', 10, 5, 2, 1e4, 7)
 */
export function unknownSignsInstance(
  activation: 'relu' | 'squaredRelu',
  d: number,
  K: number,
  kappa: number,
  N: number,
  seed: number,
): OutputModelInstance {
  const inst = makeOutputModelInstance({ d, K, kappa, N, seed, activation });
  if (inst.model.v.every((x) => x === inst.model.v[0])) {
    // Draw again with the next seed stream rather than editing v* (labels would not match).
    return unknownSignsInstance(activation, d, K, kappa, N, seed + 1_000_003);
  }
  return inst;
}

/**
 * Runs the sweep.
 * @example unknownSignsSweep({ activation: 'squaredRelu', d: 10, K: 5, kappa: 2, Ns: [1e4, 1e5], seeds: [1, 2] })
 */
export function unknownSignsSweep(config: UnknownSignsSweepConfig): UnknownSignsSweep {
  const { activation, d, K, kappa, Ns, seeds } = config;
  const act = tensorActivationOf(ACTIVATIONS[activation]);
  const init = config.init ?? tensorInit;
  const errors: number[][] = [];
  const signsRecovered: number[] = [];
  for (const N of Ns) {
    const row: number[] = [];
    let signs = 0;
    for (const seed of seeds) {
      const inst = unknownSignsInstance(activation, d, K, kappa, N, seed);
      const r = init(inst.data, K, {
        stream: createStreams(seed).stream('unknown-signs-init'),
        outputWeights: 'unknown',
        activation: act,
        ...config.options,
      });
      const { relative, permutation } = alignedError(r.W, inst.Wstar);
      row.push(relative);
      if (Array.from(permutation).every((j, k) => r.v[k] === inst.model.v[j])) signs++;
    }
    errors.push(row);
    signsRecovered.push(signs);
  }
  const medians = errors.map(median);
  const slope = fitLine(Ns.map(Math.log), medians.map(Math.log)).b;
  return { errors, medians, slope, signsRecovered };
}

/** Median (mean of the two middle values for even n). @example median([3, 1, 2]) // 2 */
export function median(a: readonly number[]): number {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/**
 * The tensor initialization on exact population moments of a teacher with mixed signs
 * (teacher from the seed's "weights" stream, signs from its "signs" stream, unit 0 flipped
 * when all agree): the aligned relative error and whether v* came back exactly.
 * @example populationUnknownSigns('relu', 10, 5, 2, 1).relative // ~1e-15
 */
export function populationUnknownSigns(
  activation: 'relu' | 'squaredRelu',
  d: number,
  K: number,
  kappa: number,
  seed: number,
  options: Partial<TensorInitOptions> = {},
): { relative: number; signsRecovered: boolean; vstar: Float64Array } {
  const Wstar = drawTeacher(d, K, kappa, createStreams(seed).stream('weights'));
  const signs = createStreams(seed).stream('signs');
  let vstar = new Float64Array(K).map(() => (signs.uniform() < 0.5 ? -1 : 1));
  if (vstar.every((x) => x === vstar[0])) vstar = vstar.map((x, k) => (k === 0 ? -x : x));
  const act = tensorActivationOf(ACTIVATIONS[activation]);
  const r = tensorInitFromMoments(populationMoments(Wstar, vstar, act), K, {
    stream: createStreams(seed).stream('unknown-signs-init'),
    outputWeights: 'unknown',
    activation: act,
    ...options,
  });
  const { relative, permutation } = alignedError(r.W, Wstar);
  return { relative, signsRecovered: Array.from(permutation).every((j, k) => r.v[k] === vstar[j]), vstar };
}

/** The spec's grid (spec/tensor/unknownSigns.spec.ts); calibrated in scripts/unknown-signs-compare.ts --calibrate. */
export const UNKNOWN_SIGNS_GRID = {
  activation: 'relu',
  d: 10,
  K: 5,
  kappa: 2,
  Ns: [1e4, 3e4, 1e5],
  seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
} as const;
