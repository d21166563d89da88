/**
 * The failing case as data anyone can rebuild it from (a Python author included): the
 * call's inputs and both answers, weight matrices as row-major d x K (unit k in column k,
 * the contract of FailingCase), X as N x d. `expected` is relucheck's reference at the same
 * inputs under the declared conventions.
 *
 * @example
 * ```ts
 * const fc = failingCaseOf(call, actual, expected); // { method: 'gradient', inputs: { X, y, W }, ... }
 * ```
 */
import type { CaseValue, DiagnosisCall, FailingCase } from '../Claim.js';
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Answer, AnswerPart } from './answerOf.js';
import { rowMajorDxK } from './weightLayout.js';

function weights(W: Weights): CaseValue {
  return { shape: [W.d, W.K], data: rowMajorDxK(W.d, W.K, W.data) };
}

function direction(W: Weights, u: Float64Array): CaseValue {
  return { shape: [W.d, W.K], data: rowMajorDxK(W.d, W.K, u) };
}

function dataset(data: Dataset): Record<string, CaseValue> {
  return { X: { shape: [data.n, data.d], data: Float64Array.from(data.X) }, y: { shape: [data.n], data: Float64Array.from(data.y) } };
}

function inputsOf(call: DiagnosisCall): Record<string, CaseValue> {
  switch (call.method) {
    case 'loss':
    case 'gradient':
      return { ...dataset(call.data), W: weights(call.W) };
    case 'hvp':
      return { ...dataset(call.data), W: weights(call.W), u: direction(call.W, call.u) };
    case 'gradientDescent':
      return { ...dataset(call.data), W0: weights(call.W0), eta: call.eta, iterations: call.iterations };
    case 'populationLoss':
      return { Wstar: weights(call.Wstar), W: weights(call.W), nu: call.nu };
    case 'populationGradient':
      return { Wstar: weights(call.Wstar), W: weights(call.W) };
    case 'populationHvp':
      return { Wstar: weights(call.Wstar), W: weights(call.W), u: direction(call.W, call.u) };
  }
}

function valueOf(answer: Answer, part: AnswerPart): CaseValue {
  const v = answer.values.subarray(part.offset, part.offset + part.length);
  if (part.units) return { shape: [part.units.d, part.units.K], data: rowMajorDxK(part.units.d, part.units.K, v) };
  if (part.length === 1 && part.name.endsWith('loss')) return v[0];
  return { shape: [part.length], data: Float64Array.from(v) };
}

/**
 * The FailingCase of one call: its first answer part as expected/actual, any further part
 * (GD's loss trace) under `outputs`.
 * @example failingCaseOf({ method: 'loss', data, W }, actual, expected).expected
 */
export function failingCaseOf(call: DiagnosisCall, actual: Answer, expected: Answer): FailingCase {
  const [first, ...rest] = expected.parts;
  const outputs = Object.fromEntries(rest.map((p) => [p.name, { expected: valueOf(expected, p), actual: valueOf(actual, p) }]));
  return {
    method: call.method,
    inputs: inputsOf(call),
    expected: valueOf(expected, first),
    actual: valueOf(actual, first),
    ...(rest.length === 0 ? {} : { outputs }),
  };
}
