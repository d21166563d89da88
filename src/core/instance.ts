/**
 * Problem instances as in both papers: `W* = U diag(s) V^T` with U (d x K) and V (K x K)
 * Haar-orthonormal, s evenly spaced from 1 to kappa, Gaussian inputs and teacher outputs
 * `y = sum_j relu(w*_j . x) + nu * eps` with eps standard normal.
 *
 * Random draws come from named streams of one seed: "weights" (U, V), "inputs" (X),
 * "noise" (eps). The same seed gives a bit-identical instance.
 *
 * @example
 * ```ts
 * const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 5000, seed: 1 });
 * inst.teacher.lambda; // product of s_k over s_K^K
 * ```
 */
import { createStreams, type RandomStream } from './random.js';
import { type Dataset, type Weights } from './layout.js';
import { networkOutput } from './kernel.js';
import { haarOrthonormal } from './linalg.js';
import { teacherQuantities, type TeacherQuantities } from './teacher.js';
import { assertAtLeast, assertIntegerInRange } from './validate.js';

/** Settings of a problem instance. */
export interface InstanceConfig {
  /** Input dimension (>= 1). */
  readonly d: number;
  /** Hidden units (1 <= K <= d). */
  readonly K: number;
  /** Condition number of W* (>= 1); singular values are evenly spaced in [1, kappa]. */
  readonly kappa: number;
  /** Number of samples (>= 1). */
  readonly N: number;
  /** Standard deviation nu of the Gaussian label noise (>= 0). Default 0. */
  readonly noiseStd?: number;
  /** Master seed, an integer in [0, 2^32 - 1]. */
  readonly seed: number;
}

/** A generated instance: the teacher, its derived quantities and the data. */
export interface Instance {
  readonly config: Required<InstanceConfig>;
  readonly Wstar: Weights;
  readonly teacher: TeacherQuantities;
  readonly data: Dataset;
}

/**
 * Validates instance settings, naming the argument, rule and value on failure.
 * @example validateInstanceConfig({ d: 3, K: 5, kappa: 2, N: 10, seed: 0 }); // throws
 */
export function validateInstanceConfig(config: InstanceConfig): Required<InstanceConfig> {
  const { d, K, kappa, N, seed } = config;
  const noiseStd = config.noiseStd ?? 0;
  assertIntegerInRange('d', d, 1, 1e6);
  assertIntegerInRange('K', K, 1, Infinity);
  assertIntegerInRange('K', K, 1, d, `K must be at most d (d = ${d})`);
  assertAtLeast('kappa', kappa, 1);
  assertIntegerInRange('N', N, 1, 1e9);
  assertAtLeast('noiseStd', noiseStd, 0);
  assertIntegerInRange('seed', seed, 0, 0xffffffff);
  return { d, K, kappa, N, noiseStd, seed };
}

/**
 * The singular values of the papers' teacher: K values evenly spaced from kappa down to 1
 * (descending, s_1 = kappa, s_K = 1).
 * @example teacherSpectrum(3, 2) // [2, 1.5, 1]
 */
export function teacherSpectrum(K: number, kappa: number): Float64Array {
  const s = new Float64Array(K);
  // With K = 1 there is a single singular value, so kappa is necessarily 1.
  for (let k = 0; k < K; k++) s[k] = K === 1 ? 1 : kappa - ((kappa - 1) * k) / (K - 1);
  return s;
}

/**
 * Draws W* = U diag(s) V^T from the "weights" stream.
 * @example drawTeacher(10, 5, 2, stream)
 */
export function drawTeacher(d: number, K: number, kappa: number, stream: RandomStream): Weights {
  const U = haarOrthonormal(d, K, stream); // row-major d x K
  const V = haarOrthonormal(K, K, stream); // row-major K x K
  const s = teacherSpectrum(K, kappa);
  const data = new Float64Array(d * K);
  // column k of W* is sum_j U[:, j] s_j V[k, j]
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < d; i++) {
      let acc = 0;
      for (let j = 0; j < K; j++) acc += U[i * K + j] * s[j] * V[k * K + j];
      data[k * d + i] = acc;
    }
  }
  return { d, K, data };
}

/**
 * Draws N Gaussian inputs from `inputs` and labels `output(X, i * d) + noiseStd * eps_i` with
 * eps from `noise`: the sampler every teacher shares, whatever its activation (inputs first,
 * then one noise draw per row, so a seed gives the same X for every model).
 * @example sampleLabelled(10, 1000, 0.1, inputs, noise, (X, o) => X[o])
 */
export function sampleLabelled(
  d: number,
  N: number,
  noiseStd: number,
  inputs: RandomStream,
  noise: RandomStream,
  output: (X: Float64Array, offset: number) => number,
): Dataset {
  const X = inputs.fillNormal(new Float64Array(N * d));
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    y[i] = output(X, i * d);
    if (noiseStd > 0) y[i] += noiseStd * noise.normal();
  }
  return { n: N, d, X, y };
}

/**
 * Draws N Gaussian inputs and the ReLU teacher's (noisy) outputs.
 * @example sampleData(Wstar, 1000, 0.1, streams.stream('inputs'), streams.stream('noise'))
 */
export function sampleData(
  Wstar: Weights,
  N: number,
  noiseStd: number,
  inputs: RandomStream,
  noise: RandomStream,
): Dataset {
  const { d, K } = Wstar;
  return sampleLabelled(d, N, noiseStd, inputs, noise, (X, o) => networkOutput(Wstar.data, d, K, X, o));
}

/**
 * Builds a full instance from its settings; the same settings give a bit-identical result.
 * @example makeInstance({ d: 10, K: 5, kappa: 2, N: 5000, noiseStd: 0.1, seed: 42 })
 */
export function makeInstance(config: InstanceConfig): Instance {
  const cfg = validateInstanceConfig(config);
  const streams = createStreams(cfg.seed);
  const Wstar = drawTeacher(cfg.d, cfg.K, cfg.kappa, streams.stream('weights'));
  const data = sampleData(
    Wstar,
    cfg.N,
    cfg.noiseStd,
    streams.stream('inputs'),
    streams.stream('noise'),
  );
  return { config: cfg, Wstar, teacher: teacherQuantities(Wstar), data };
}
