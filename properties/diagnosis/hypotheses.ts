/**
 * The named mistakes, each as a prediction of the implementation's answer from relucheck's
 * reference (replayed with the mistake where it changes the computation) and a sentence that
 * says what to fix. A hypothesis that cannot change this call's answer (a transposed layout
 * with K = 1, a kink convention with no exact kink) is not tried.
 *
 * @example
 * ```ts
 * const trials = HYPOTHESES.flatMap((h) => h(input) ?? []);
 * ```
 */
import type { CheckContext, DiagnosisCall, DiagnosisHypothesis } from '../Claim.js';
import { fmt } from '../violation.js';
import { weightsOf, type Answer } from './answerOf.js';
import { fitFactor, nameFactor } from './constantFactor.js';
import { answerLooksFloat32, roundedToFloat32 } from '../../src/impl/float32Answers.js';
import { exactKinks } from './kinkConvention.js';
import { referenceAnswer } from './referenceAnswer.js';
import { relativeResidual } from './residual.js';
import { permutationOfUnits, permuteUnits } from './unitPermutation.js';

/** What a hypothesis sees. */
export interface TrialInput {
  readonly call: DiagnosisCall;
  readonly actual: Answer;
  /** The reference's answer under the declared conventions. */
  readonly expected: Answer;
  readonly context: CheckContext;
  /** Relative residual under which a prediction counts as exact at this precision. */
  readonly fitTolerance: number;
  /** "gradient", "GD run", ... */
  readonly label: string;
}

/** One hypothesis tried on one call. */
export interface Trial {
  readonly hypothesis: DiagnosisHypothesis;
  readonly residual: number;
  /** The sentence for people when this is the best fit. */
  readonly summary: string;
}

type Hypothesis = (input: TrialInput) => Trial | undefined;

const r = (x: number): string => (x === 0 ? '0' : x.toExponential(1));

function trial(hypothesis: DiagnosisHypothesis, actual: Answer, predicted: Float64Array, summary: (res: string) => string): Trial {
  const residual = relativeResidual(actual.values, predicted);
  return { hypothesis, residual, summary: summary(r(residual)) };
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, q) => Object.is(v, b[q]));
}

const signFlip: Hypothesis = ({ call, actual, expected, context, label }) => {
  if (call.method === 'gradientDescent') {
    const p = referenceAnswer(call, { reluAtZero: context.reluAtZero, stepFactor: -1 }).values;
    return trial('sign-flip', actual, p, (res) => `GD steps uphill: its iterates match W + eta grad (residual ${res}); the update must subtract eta x gradient`);
  }
  return trial('sign-flip', actual, expected.values.map((v) => -v), (res) =>
    `${label} is the negative of the expected one (residual ${res}): a sign flip (r = y - f(x) instead of f(x) - y?)`);
};

const kinkConvention: Hypothesis = ({ call, actual, expected, context, label }) => {
  if (call.method !== 'gradient' && call.method !== 'hvp' && call.method !== 'gradientDescent') return undefined;
  const kinks = exactKinks(call.data, weightsOf(call));
  if (kinks.length === 0) return undefined;
  const other = context.reluAtZero === 1 ? 0 : 1;
  const p = referenceAnswer(call, { reluAtZero: other }).values;
  if (sameValues(p, expected.values)) return undefined;
  const pairs = kinks.slice(0, 3).map((k) => `sample ${k.sample}, unit ${k.unit}`).join('; ');
  return trial('kink-convention', actual, p, (res) =>
    `${label} differs only through the ${kinks.length} (sample, unit) pair(s) exactly on a kink (w_k . x_i = 0: ${pairs}) ` +
    `and matches relu'(0) = ${other} (residual ${res}), not the ${context.reluAtZero === 1 ? 'default' : 'declared'} relu'(0) = ${context.reluAtZero}: ` +
    `a different kink convention, not a wrong gradient; declare reluAtZero: ${other} (the ${other === 0 ? 'z > 0 mask of PyTorch, TensorFlow, JAX' : 'z >= 0 mask'}) ` +
    `in the handshake or Implementation (or run relucheck check with --relu-at-zero ${other})`);
};

const missingNoise: Hypothesis = ({ call, actual, expected, label }) => {
  if (call.method !== 'populationLoss' || !(call.nu > 0)) return undefined;
  const half = (call.nu * call.nu) / 2;
  return trial('missing-noise', actual, expected.values.map((v) => v - half), (res) =>
    `${label} is the expected one minus nu^2/2 = ${fmt(half)} (nu = ${call.nu}, residual ${res}): the noise term nu^2 / 2 is missing`);
};

const transposedLayout: Hypothesis = ({ call, actual, context, label }) => {
  const { d, K } = weightsOf(call);
  if (K < 2 || d < 2) return undefined;
  const p = referenceAnswer(call, { reluAtZero: context.reluAtZero, transposed: true }).values;
  return trial('transposed-layout', actual, p, (res) =>
    `${label} matches the expected one computed with W read as a d x K array in C order (d = ${d}, K = ${K}, residual ${res}): ` +
    `a transposed weight layout; relucheck sends unit k contiguous (W[k*d + i]): in NumPy use w.reshape(K, d).T (or reshape(d, K, order='F')), ` +
    'and send answers back the same way');
};

const permutedUnits: Hypothesis = ({ actual, expected, label }) => {
  const perm = permutationOfUnits(actual, expected);
  if (perm === undefined) return undefined;
  return trial('permuted-units', actual, permuteUnits(expected, perm), (res) =>
    `${label} matches the expected one with its units reordered: unit k of the answer is unit [${perm.join(', ')}][k] of the expected (residual ${res}): units permuted on the way in or out?`);
};

const constantFactor: Hypothesis = ({ call, actual, expected, context, fitTolerance, label }) => {
  const gd = call.method === 'gradientDescent';
  let c: number;
  if (gd) {
    // The step is what a factor scales: fit on the displacement W^T - W^0.
    const W0 = call.W0.data;
    const n = W0.length;
    c = fitFactor(actual.values.subarray(0, n).map((v, q) => v - W0[q]), expected.values.subarray(0, n).map((v, q) => v - W0[q]));
  } else {
    c = fitFactor(actual.values, expected.values);
  }
  if (!Number.isFinite(c) || Math.abs(c - 1) <= 10 * fitTolerance || Math.abs(c + 1) <= 10 * fitTolerance) return undefined;
  const n = call.method === 'populationLoss' || call.method === 'populationGradient' || call.method === 'populationHvp' ? undefined : call.data.n;
  const named = nameFactor(c, { n, K: weightsOf(call).K }, fitTolerance / 10);
  const factor = named?.value ?? c;
  const p = gd
    ? referenceAnswer(call, { reluAtZero: context.reluAtZero, stepFactor: factor }).values
    : expected.values.map((v) => v * factor);
  const text = named ? `${named.text}` : fmt(c);
  const hint = named?.hint ?? (c === 0 ? 'nothing accumulated?' : 'a wrong normalization?');
  if (gd) {
    return trial('constant-factor', actual, p, (res) =>
      `GD iterates match steps of ${text} x eta (residual ${res}): ${named ? `a gradient inside the loop off by ${named.text}: ${hint}` : 'eta not used as given (or a gradient off by that factor)?'}`);
  }
  return trial('constant-factor', actual, p, (res) =>
    c === 0 ? `${label} is all zeros (residual ${res}): nothing accumulated?` : `${label} is ${text} x the expected one (residual ${res}): ${hint}`);
};

const float32Rounding: Hypothesis = ({ actual, expected, context, label }) => {
  if (context.precision !== 'float64' || !answerLooksFloat32(actual.values, expected.values)) return undefined;
  return trial('float32-rounding', actual, roundedToFloat32(expected.values), (res) =>
    `every value of the ${label} is exactly a float32 and it matches the expected one to float32 rounding (residual ${res}): ` +
    "the implementation computes in float32; run with --precision float32 (or declare precision: 'float32') to hold it to float32 bounds");
};

/** Every hypothesis, most specific first: among those that fit, the first is named. */
export const HYPOTHESES: readonly Hypothesis[] = [
  signFlip,
  kinkConvention,
  missingNoise,
  transposedLayout,
  permutedUnits,
  constantFactor,
  float32Rounding,
];
