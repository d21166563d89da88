/**
 * Zhong et al. 2017, Fig. 1 (squared ReLU, kappa = 2, k = 5, step 0.02, no resampling), as
 * pure trial functions shaped for the audit's Experiment interface (params + seed -> JSON
 * result), so the audit can wrap them as data once it lands:
 *
 * - (a) recovery rate over d = 10..100 and N = 1000..10000: tensor init, then GD on W with v
 *   fixed; success = some permutation with max_j |w*_j - w_pi(j)| / |w*_j| <= 0.01 and
 *   v_pi(j) = v*_j (10 trials per cell).
 * - (b) the tensor initialization's error min_pi max_j |w*_j - w0_pi(j)| / |w*_j| on the grid.
 * - (c) log objective against iterations at d = 10, N = 10000 for three inits: (I) tensor
 *   init of v and W, GD on W; (II) random v and W, GD on both; (III) v = v*, random W, GD on W.
 *   (II)'s step is min(0.02, 1 / lambda_max) of the joint Hessian at its start: 0.02 overflowed
 *   there (zhongStableStep.ts says why).
 *
 * (a), (b) and (I) need a tensor initialization for squared ReLU (M3 path: m3 != 0 there), passed
 * in as `init` ({@link squaredReluTensorInit}: src/core/tensor with the squared-ReLU
 * coefficients, v unknown); without one those trials report `initUsed: 'unavailable'`.
 *
 * @example
 * ```ts
 * const r = runFig1cTrial({ approach: 'III', iterations: 200 }, 7);
 * r.log10Objective[0];
 * ```
 */
import { ACTIVATIONS } from '../../core/activations/catalog.js';
import type { Dataset, Weights } from '../../core/layout.js';
import { makeOutputModelInstance } from '../../core/outputModel/outputModelInstance.js';
import { outputModelLossAndGradient, type OutputModel } from '../../core/outputModel/outputModelKernel.js';
import { createStreams, type RandomStream } from '../../core/random.js';
import { drawSigns } from '../../core/outputModel/outputModelInstance.js';
import { tensorActivationOf } from '../../core/tensor/tensorActivation.js';
import { tensorInit } from '../../core/tensor/tensorInit.js';
import { zhongError } from '../../core/outputModel/zhongError.js';
import { stableStep } from './zhongStableStep.js';

/** The paper's settings. */
export const ZHONG_FIG1 = {
  activation: 'squaredRelu',
  kappa: 2,
  K: 5,
  eta: 0.02,
  dGrid: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  nGrid: [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000],
  trials: 10,
  fig1c: { d: 10, N: 10000, iterations: 1000 },
  successTolerance: 0.01,
} as const;

/** A tensor initialization of (W, v) from data; injected until one for squared ReLU exists. */
export type Fig1Init = (data: Dataset, K: number, stream: RandomStream) => { W: Weights; v: Float64Array };

/**
 * Zhong et al.'s Algorithm 1 for squared ReLU with unknown output weights: P2 = M2, P3 = M3,
 * whitening by the indefinite V M2 V^T with its sign pattern tracked, RecMagSign (src/core/tensor
 * defaults otherwise).
 * @example runFig1abTrial({ d: 10, N: 2000 }, 3, squaredReluTensorInit)
 */
export const squaredReluTensorInit: Fig1Init = (data, K, stream) =>
  tensorInit(data, K, { stream, outputWeights: 'unknown', activation: tensorActivationOf(ACTIVATIONS.squaredRelu) });

/**
 * Full-sample GD on W (and on v when `trainV`), recording L_N every `every` steps; when
 * `stop` is given it is asked every `every` steps and ends the run early when it says so.
 */
function descend(
  model: OutputModel,
  data: Dataset,
  W0: Weights,
  iterations: number,
  trainV: boolean,
  every: number,
  stop?: (W: Weights, v: Float64Array) => boolean,
  eta: number = ZHONG_FIG1.eta,
): { W: Weights; v: Float64Array; objective: number[]; steps: number } {
  const W: Weights = { d: W0.d, K: W0.K, data: Float64Array.from(W0.data) };
  const v = Float64Array.from(model.v);
  const m: OutputModel = { activation: model.activation, v };
  const gW = new Float64Array(W.data.length);
  const gV = new Float64Array(W.K);
  const objective: number[] = [];
  let steps = 0;
  for (let t = 0; t <= iterations; t++) {
    steps = t;
    const L = outputModelLossAndGradient(m, data, W, gW, trainV ? gV : undefined);
    if (t % every === 0 || t === iterations) objective.push(L);
    if (t === iterations || !Number.isFinite(L)) break;
    if (stop && t % every === 0 && stop(W, v)) break;
    for (let q = 0; q < gW.length; q++) W.data[q] -= eta * gW[q];
    if (trainV) for (let k = 0; k < v.length; k++) v[k] -= eta * gV[k];
  }
  return { W, v, objective, steps };
}

/** Fig. 1(c) settings of one trial. */
export interface Fig1cParams {
  readonly approach: 'I' | 'II' | 'III';
  readonly iterations?: number;
  readonly d?: number;
  readonly N?: number;
}

/**
 * One Fig. 1(c) curve: log10 of the objective every 10 steps.
 * @example runFig1cTrial({ approach: 'II', iterations: 50, N: 500 }, 1)
 */
export function runFig1cTrial(params: Fig1cParams, seed: number, init?: Fig1Init) {
  const d = params.d ?? ZHONG_FIG1.fig1c.d;
  const N = params.N ?? ZHONG_FIG1.fig1c.N;
  const iterations = params.iterations ?? ZHONG_FIG1.fig1c.iterations;
  const { K, kappa } = ZHONG_FIG1;
  const inst = makeOutputModelInstance({ d, K, kappa, N, seed, activation: ACTIVATIONS.squaredRelu });
  const streams = createStreams(seed);
  let W0: Weights;
  let v0: Float64Array;
  let initUsed: string = params.approach;
  if (params.approach === 'I') {
    if (!init) return { initUsed: 'unavailable', log10Objective: [] as number[], finalError: NaN, signsMatch: false, eta: ZHONG_FIG1.eta, startCurvature: NaN };
    ({ W: W0, v: v0 } = init(inst.data, K, streams.stream('init')));
    initUsed = 'tensor';
  } else {
    W0 = { d, K, data: streams.stream('init').fillNormal(new Float64Array(d * K)) };
    v0 = params.approach === 'II' ? drawSigns(K, streams.stream('init-v')) : Float64Array.from(inst.model.v);
  }
  // (II) trains v too from a random start, where the paper's 0.02 overflows: its step is
  // capped at 1 / lambda_max of the joint Hessian there (zhongStableStep.ts).
  const start = params.approach === 'II' ? stableStep({ activation: inst.model.activation, v: v0 }, inst.data, W0, ZHONG_FIG1.eta) : { eta: ZHONG_FIG1.eta, lambdaMax: NaN };
  const run = descend(
    { activation: inst.model.activation, v: v0 },
    inst.data,
    W0,
    iterations,
    params.approach === 'II',
    10,
    undefined,
    start.eta,
  );
  const z = zhongError(run.W, run.v, inst.Wstar, inst.model.v);
  return {
    initUsed,
    log10Objective: run.objective.map((L) => Math.round(Math.log10(Math.max(L, 1e-300)) * 1e4) / 1e4),
    finalError: z.error,
    signsMatch: z.signsMatch,
    eta: start.eta,
    // lambda_max of the joint Hessian at the start ((II) only; NaN otherwise).
    startCurvature: start.lambdaMax,
  };
}

/**
 * One Fig. 1(a)/(b) cell trial: tensor init, its error (b), then GD on W with v fixed and
 * Zhong's success criterion (a). Success means "within `iterations` steps": GD stops as soon
 * as the criterion holds (checked every 10 steps; `steps` records when), since after that
 * the noiseless empirical loss only pulls W further towards W*; this is what makes the
 * (d, N) grid affordable (measured: from tensor init most runs meet it in a few hundred steps).
 * @example runFig1abTrial({ d: 10, N: 2000, iterations: 300 }, 3, myTensorInit)
 */
export function runFig1abTrial(
  params: { readonly d: number; readonly N: number; readonly iterations?: number },
  seed: number,
  init?: Fig1Init,
) {
  if (!init) return { initUsed: 'unavailable', initError: NaN, initSignsMatch: false, recovered: false, diverged: false, finalError: NaN, steps: 0 };
  const { K, kappa } = ZHONG_FIG1;
  const inst = makeOutputModelInstance({ d: params.d, K, kappa, N: params.N, seed, activation: ACTIVATIONS.squaredRelu });
  const start = init(inst.data, K, createStreams(seed).stream('init'));
  const z0 = zhongError(start.W, start.v, inst.Wstar, inst.model.v);
  const success = (W: Weights, v: Float64Array) => {
    const e = zhongError(W, v, inst.Wstar, inst.model.v);
    return e.error <= ZHONG_FIG1.successTolerance && e.signsMatch;
  };
  const run = descend({ activation: inst.model.activation, v: start.v }, inst.data, start.W, params.iterations ?? ZHONG_FIG1.fig1c.iterations, false, 10, success);
  const z = zhongError(run.W, run.v, inst.Wstar, inst.model.v);
  // A diverged run (overflowed iterate) is a failed trial; its error is reported as 1e300 so
  // the record stays valid JSON (Infinity would serialize as null).
  const diverged = !Number.isFinite(z.error);
  return {
    initUsed: 'tensor',
    initError: Number.isFinite(z0.error) ? z0.error : 1e300,
    initSignsMatch: z0.signsMatch,
    recovered: !diverged && z.error <= ZHONG_FIG1.successTolerance && z.signsMatch,
    diverged,
    finalError: diverged ? 1e300 : z.error,
    steps: run.steps,
  };
}
