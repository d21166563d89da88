/**
 * relucheck's own answer to a call, optionally as a named mistake would have computed it:
 * with the weights read through a transposed layout, with the other kink convention, or
 * with GD's step scaled. The hypotheses compare the implementation against these.
 *
 * @example
 * ```ts
 * const e = referenceAnswer(call, { reluAtZero: 1 });                      // expected
 * const t = referenceAnswer(call, { reluAtZero: 1, transposed: true });    // under the slip
 * ```
 */
import type { DiagnosisCall } from '../Claim.js';
import { loss, lossAndGradient } from '../../src/core/kernel.js';
import type { Dataset, Weights } from '../../src/core/layout.js';
import { empiricalHvp } from '../../src/core/population/empiricalHessian.js';
import { populationGradient } from '../../src/core/population/populationGradient.js';
import { populationHvp } from '../../src/core/population/populationHessian.js';
import { populationLoss } from '../../src/core/population/populationLoss.js';
import type { ReluAtZero } from '../../src/impl/Implementation.js';
import { answerFrom, type Answer } from './answerOf.js';
import { readAsCOrderDxK, readVector, writeAsCOrderDxK } from './weightLayout.js';

/** How the reference computes: the kink convention, and the mistakes it may replay. */
export interface ReferenceVariant {
  readonly reluAtZero: ReluAtZero;
  /** Weights (and directions) read as a C-order d x K array, answers written back so. */
  readonly transposed?: boolean;
  /** GD only: steps of stepFactor x eta (a gradient off by that factor inside the loop). */
  readonly stepFactor?: number;
}

function gradientAt(data: Dataset, W: Weights, reluAtZero: ReluAtZero): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(W.data.length);
  const L = lossAndGradient(data, W, grad, reluAtZero);
  return { loss: L, grad };
}

/**
 * The reference's answer to `call` under `variant`.
 * @example referenceAnswer({ method: 'loss', data, W }, { reluAtZero: 1 }).values[0]
 */
export function referenceAnswer(call: DiagnosisCall, variant: ReferenceVariant): Answer {
  const t = variant.transposed === true;
  const read = (W: Weights): Weights => (t ? readAsCOrderDxK(W) : W);
  const readU = (W: Weights, u: Float64Array): Float64Array => (t ? readVector(W.d, W.K, u) : u);
  const write = (W: Weights, g: Float64Array): Float64Array => (t ? writeAsCOrderDxK(W.d, W.K, g) : g);
  switch (call.method) {
    case 'loss':
      return answerFrom(call, loss(call.data, read(call.W)));
    case 'gradient':
      return answerFrom(call, write(call.W, gradientAt(call.data, read(call.W), variant.reluAtZero).grad));
    case 'hvp': {
      const W = read(call.W);
      const u = readU(call.W, call.u);
      const Hu = empiricalHvp(call.data, W, u, undefined, variant.reluAtZero);
      return answerFrom(call, write(call.W, Hu));
    }
    case 'gradientDescent': {
      // Algorithm 1 stepped here (core/gd.ts takes no negative or rescaled step): loss before
      // each step, then W <- W - eta' grad, and the loss at W^T; T + 1 losses in all.
      const W = { ...read(call.W0), data: Float64Array.from(read(call.W0).data) };
      const eta = call.eta * (variant.stepFactor ?? 1);
      const trace = new Float64Array(call.iterations + 1);
      for (let s = 0; ; s++) {
        const r = gradientAt(call.data, W, variant.reluAtZero);
        trace[s] = r.loss;
        if (s === call.iterations) break;
        for (let q = 0; q < W.data.length; q++) W.data[q] -= eta * r.grad[q];
      }
      return answerFrom(call, { W: { data: write(call.W0, W.data) }, loss: trace });
    }
    case 'populationLoss':
      return answerFrom(call, populationLoss(read(call.Wstar), read(call.W), call.nu));
    case 'populationGradient':
      return answerFrom(call, write(call.W, populationGradient(read(call.Wstar), read(call.W))));
    case 'populationHvp':
      return answerFrom(call, write(call.W, populationHvp(read(call.Wstar), read(call.W), readU(call.W, call.u))));
  }
}
