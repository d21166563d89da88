/**
 * Problem instances of Zhong et al. 2017's generalized model: `y = sum_k v*_k phi(w*_k . x) + nu eps`
 * with v*_k in {-1, +1} (enough for homogeneous activations: v phi(z) = sign(v) phi(|v|^{1/p} z)),
 * W* drawn exactly as in `core/instance.ts` (same "weights" stream, so for a given seed the
 * teacher matrix is the ReLU instance's), signs from the "signs" stream.
 *
 * @example
 * ```ts
 * const inst = makeOutputModelInstance({ d: 10, K: 5, kappa: 2, N: 5000, seed: 1, activation: 'squaredRelu' });
 * inst.model.v; // the signs v*
 * ```
 */
import type { Activation, ActivationName } from '../activations/activation.js';
import { activationByName } from '../activations/catalog.js';
import { drawTeacher, sampleLabelled, validateInstanceConfig, type InstanceConfig } from '../instance.js';
import type { Dataset, Weights } from '../layout.js';
import { createStreams, type RandomStream } from '../random.js';
import { teacherQuantities, type TeacherQuantities } from '../teacher.js';
import { fail } from '../validate.js';
import { outputModelOutput, type OutputModel } from './outputModelKernel.js';

/** How the output signs are drawn. */
export type SignMode = 'random' | 'positive';

/** Instance settings: the ReLU ones plus the activation and the sign mode. */
export interface OutputModelConfig extends InstanceConfig {
  readonly activation: ActivationName | Activation;
  /** 'random': i.i.d. uniform signs; 'positive': all +1. Default 'random'. */
  readonly signs?: SignMode;
}

/** A generated instance: teacher (W*, v*), its quantities and the data. */
export interface OutputModelInstance {
  readonly config: Required<InstanceConfig> & { readonly signs: SignMode };
  /** The activation and v*. */
  readonly model: OutputModel;
  readonly Wstar: Weights;
  readonly teacher: TeacherQuantities;
  readonly data: Dataset;
}

/**
 * K signs, each +1 or -1 with probability 1/2, from `stream`.
 * @example drawSigns(5, streams.stream('signs'))
 */
export function drawSigns(K: number, stream: RandomStream): Float64Array {
  const v = new Float64Array(K);
  for (let k = 0; k < K; k++) v[k] = stream.uniform() < 0.5 ? -1 : 1;
  return v;
}

/**
 * N Gaussian inputs and the teacher's (noisy) outputs under `model`.
 * @example sampleOutputModelData(model, Wstar, 1000, 0, inputs, noise)
 */
export function sampleOutputModelData(
  model: OutputModel,
  Wstar: Weights,
  N: number,
  noiseStd: number,
  inputs: RandomStream,
  noise: RandomStream,
): Dataset {
  const { d, K } = Wstar;
  return sampleLabelled(d, N, noiseStd, inputs, noise, (X, o) => outputModelOutput(model, Wstar.data, d, K, X, o));
}

/**
 * Builds an instance; the same settings give a bit-identical result.
 * @example makeOutputModelInstance({ d: 6, K: 3, kappa: 2, N: 500, seed: 3, activation: 'tanh' })
 */
export function makeOutputModelInstance(config: OutputModelConfig): OutputModelInstance {
  const cfg = validateInstanceConfig(config);
  const signs = config.signs ?? 'random';
  if (signs !== 'random' && signs !== 'positive') fail('signs', "signs must be 'random' or 'positive'", signs);
  const activation =
    typeof config.activation === 'string' ? activationByName(config.activation) : config.activation;
  const streams = createStreams(cfg.seed);
  const Wstar = drawTeacher(cfg.d, cfg.K, cfg.kappa, streams.stream('weights'));
  const v = signs === 'positive' ? new Float64Array(cfg.K).fill(1) : drawSigns(cfg.K, streams.stream('signs'));
  const model: OutputModel = { activation, v };
  const data = sampleOutputModelData(
    model,
    Wstar,
    cfg.N,
    cfg.noiseStd,
    streams.stream('inputs'),
    streams.stream('noise'),
  );
  return { config: { ...cfg, signs }, model, Wstar, teacher: teacherQuantities(Wstar), data };
}
