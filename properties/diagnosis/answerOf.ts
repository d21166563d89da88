/**
 * An answer of one call as a flat vector with named parts, so that every hypothesis compares
 * the same way whatever the method: a loss is one number, a gradient a d x K block, a GD run
 * its final W followed by its loss trace.
 *
 * @example
 * ```ts
 * const a = await implementationAnswer(impl, { method: 'gradient', data, W });
 * a.values; // the gradient in W's layout
 * ```
 */
import type { DiagnosisCall } from '../Claim.js';
import type { Implementation } from '../../src/impl/Implementation.js';

/** A slice of an answer: `length` values from `offset`, weights-shaped when `units` is set. */
export interface AnswerPart {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  /** d and K when the part is a weight matrix in relucheck's layout (unit k contiguous). */
  readonly units?: { readonly d: number; readonly K: number };
}

/** A call's answer, flattened. */
export interface Answer {
  readonly values: Float64Array;
  readonly parts: readonly AnswerPart[];
}

/** What the call's answer is called in messages ("gradient", "population loss", ...). */
export function answerLabel(call: DiagnosisCall): string {
  switch (call.method) {
    case 'loss':
      return 'loss';
    case 'gradient':
      return 'gradient';
    case 'hvp':
      return 'Hessian-vector product';
    case 'gradientDescent':
      return 'GD run';
    case 'populationLoss':
      return 'population loss';
    case 'populationGradient':
      return 'population gradient';
    case 'populationHvp':
      return 'population Hessian-vector product';
  }
}

/** The weights whose shape the call's answer has (W, or W0 for GD). */
export function weightsOf(call: DiagnosisCall) {
  return call.method === 'gradientDescent' ? call.W0 : call.W;
}

/**
 * Wraps raw results in an Answer with the call's parts.
 * @example answerFrom(call, g)
 */
export function answerFrom(call: DiagnosisCall, result: number | Float64Array | { W: { data: Float64Array }; loss: Float64Array }): Answer {
  const { d, K } = weightsOf(call);
  if (typeof result === 'number') return { values: Float64Array.of(result), parts: [{ name: answerLabel(call), offset: 0, length: 1 }] };
  if (result instanceof Float64Array) {
    return { values: Float64Array.from(result), parts: [{ name: answerLabel(call), offset: 0, length: result.length, units: { d, K } }] };
  }
  const values = new Float64Array(result.W.data.length + result.loss.length);
  values.set(result.W.data);
  values.set(result.loss, result.W.data.length);
  return {
    values,
    parts: [
      { name: 'final W', offset: 0, length: result.W.data.length, units: { d, K } },
      { name: 'loss trace', offset: result.W.data.length, length: result.loss.length },
    ],
  };
}

/** Whether `impl` has the method the call needs. */
export function offers(impl: Implementation, call: DiagnosisCall): boolean {
  return typeof impl[call.method] === 'function';
}

/**
 * The implementation's answer to the call.
 * @example await implementationAnswer(impl, { method: 'loss', data, W })
 */
export async function implementationAnswer(impl: Implementation, call: DiagnosisCall): Promise<Answer> {
  switch (call.method) {
    case 'loss':
      return answerFrom(call, await impl.loss!(call.data, call.W));
    case 'gradient':
      return answerFrom(call, await impl.gradient!(call.data, call.W));
    case 'hvp':
      return answerFrom(call, await impl.hvp!(call.data, call.W, call.u));
    case 'gradientDescent':
      return answerFrom(call, await impl.gradientDescent!(call.data, { W0: call.W0, eta: call.eta, iterations: call.iterations }));
    case 'populationLoss':
      return answerFrom(call, await impl.populationLoss!(call.Wstar, call.W, call.nu));
    case 'populationGradient':
      return answerFrom(call, await impl.populationGradient!(call.Wstar, call.W));
    case 'populationHvp':
      return answerFrom(call, await impl.populationHvp!(call.Wstar, call.W, call.u));
  }
}
