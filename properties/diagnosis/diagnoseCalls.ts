/**
 * Names the likely mistake behind a failed exact claim: replays the calls the claim made on
 * its shrunk case, on the implementation and on relucheck's reference, and for each call
 * whose answers differ tries every hypothesis of hypotheses.ts. The first call (in the
 * claim's order) with a hypothesis that explains the mismatch to rounding is named; when
 * none fits, or when every answer agrees with the reference (the claim's own comparison
 * failed, e.g. a control's near miss of a rounding bound), the diagnosis says `none` rather
 * than force a fit.
 *
 * @example
 * ```ts
 * const { diagnosis, failingCase } = await diagnoseCalls(impl, [{ method: 'gradient', data, W }], context);
 * diagnosis?.summary; // "gradient is 1/2 x the expected one (residual 0): an extra 1/2 ...?"
 * ```
 */
import type { CheckContext, DiagnosisCall, Diagnosis, FailingCase } from '../Claim.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { fmt } from '../violation.js';
import { answerLabel, implementationAnswer, offers, type Answer } from './answerOf.js';
import { failingCaseOf } from './failingCaseOf.js';
import { answerLooksFloat32 } from '../../src/impl/float32Answers.js';
import { HYPOTHESES, type Trial } from './hypotheses.js';
import { referenceAnswer } from './referenceAnswer.js';
import { largestDifference, relativeResidual } from './residual.js';

/**
 * Relative agreement of two correct float64 computations of the same quantity: summation
 * orders differ by gamma_n ~ n 2^-53 relative to the sum of absolute terms, far below 1e-9
 * for the sizes claims draw, while the slips named here move answers by 1e-4 or more.
 */
export const FLOAT64_TOLERANCE = 1e-9;
/** The same for float32 arithmetic (u = 2^-24 ~ 6e-8, sums of up to ~1e3 terms). */
export const FLOAT32_TOLERANCE = 1e-4;

/** A call replayed: both answers and the hypotheses tried on it. */
interface Examined {
  readonly call: DiagnosisCall;
  readonly actual: Answer;
  readonly expected: Answer;
  readonly mismatch: number;
  readonly trials: readonly Trial[];
  readonly chosen?: Trial;
}

/** What the diagnosis found: the Diagnosis, and the case of the call it is about. */
export interface CallsDiagnosis {
  readonly diagnosis?: Diagnosis;
  readonly failingCase?: FailingCase;
}

function where(e: Examined): string {
  const q = largestDifference(e.actual.values, e.expected.values);
  const part = e.expected.parts.find((p) => q >= p.offset && q < p.offset + p.length) ?? e.expected.parts[0];
  const t = q - part.offset;
  const at = part.units ? `${part.name} unit ${Math.floor(t / part.units.d)}, input ${t % part.units.d}` : part.length > 1 ? `${part.name}[${t}]` : part.name;
  return `largest at ${at}: ${e.actual.values[q]} vs ${e.expected.values[q]}`;
}

function examine(call: DiagnosisCall, actual: Answer, context: CheckContext): Examined {
  const expected = referenceAnswer(call, { reluAtZero: context.reluAtZero });
  const mismatch = relativeResidual(actual.values, expected.values);
  const agree = context.precision === 'float32' ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
  if (mismatch <= agree || actual.values.length !== expected.values.length) return { call, actual, expected, mismatch, trials: [] };
  const float32 = context.precision === 'float32' || answerLooksFloat32(actual.values, expected.values);
  const fitTolerance = float32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
  const input = { call, actual, expected, context, fitTolerance, label: answerLabel(call) };
  const trials = HYPOTHESES.flatMap((h) => h(input) ?? []);
  // A fit must be exact to rounding and explain far more than the raw mismatch.
  const chosen = trials.find((t) => t.residual <= fitTolerance && t.residual <= 1e-3 * mismatch);
  return { call, actual, expected, mismatch, trials, ...(chosen === undefined ? {} : { chosen }) };
}

function tried(e: Examined): Diagnosis['tried'] {
  return [...e.trials.map((t) => ({ hypothesis: t.hypothesis, residual: t.residual })), { hypothesis: 'none' as const, residual: e.mismatch }]
    .sort((a, b) => a.residual - b.residual);
}

function evidence(e: Examined, others: readonly Examined[]): string {
  const list = e.trials.map((t) => `${t.hypothesis} ${fmt(t.residual)}`).join(', ');
  const also = others.length > 0 ? `; also differing: ${others.map((o) => `${answerLabel(o.call)} (${fmt(o.mismatch)})`).join(', ')}` : '';
  return `${answerLabel(e.call)} vs relucheck's reference: relative difference ${fmt(e.mismatch)}, ${where(e)}; ` +
    `relative residual per hypothesis: ${list || '(none applicable)'}${also}`;
}

function float32Note(e: Examined, context: CheckContext): string {
  return e.chosen?.hypothesis !== 'float32-rounding' && context.precision === 'float64' && answerLooksFloat32(e.actual.values, e.expected.values)
    ? '; every value is also exactly a float32: run with --precision float32'
    : '';
}

/**
 * Replays `calls` (skipping methods `impl` lacks or that throw) and names the best-fitting
 * hypothesis, with the FailingCase of the call it is about. Never throws.
 * @example await diagnoseCalls(impl, calls, context)
 */
export async function diagnoseCalls(impl: Implementation, calls: readonly DiagnosisCall[], context: CheckContext): Promise<CallsDiagnosis> {
  const examined: Examined[] = [];
  for (const call of calls) {
    if (!offers(impl, call)) continue;
    try {
      examined.push(examine(call, await implementationAnswer(impl, call), context));
    } catch {
      // The implementation (or the reference on its answer) failed on the call: the claim's
      // own message reports that; the diagnosis uses the calls that answered.
    }
  }
  if (examined.length === 0) return {};
  const differing = examined.filter((e) => e.trials.length > 0 || e.actual.values.length !== e.expected.values.length);
  if (differing.length === 0) {
    const worst = Math.max(...examined.map((e) => e.mismatch));
    const labels = [...new Set(examined.map((e) => answerLabel(e.call)))].join(', ');
    return {
      diagnosis: {
        hypothesis: 'none',
        summary: `no named mistake: ${labels} agree with relucheck's reference at the shrunk case (relative difference <= ${fmt(worst)}); ` +
          "the claim's own comparison failed (a bound met too tightly, or a quantity the reference does not compute here)",
        evidence: examined.map((e) => `${answerLabel(e.call)} ${fmt(e.mismatch)}`).join(', '),
        tried: [{ hypothesis: 'none', residual: worst }],
      },
      failingCase: failingCaseOf(examined[0].call, examined[0].actual, examined[0].expected),
    };
  }
  const best = differing.find((e) => e.chosen !== undefined) ?? differing[0];
  const others = differing.filter((e) => e !== best);
  const closest = best.trials.reduce<Trial | undefined>((a, t) => (a === undefined || t.residual < a.residual ? t : a), undefined);
  const summary = best.chosen
    ? `${best.chosen.summary}${float32Note(best, context)}`
    : `${answerLabel(best.call)} differs from relucheck's reference by ${fmt(best.mismatch)} (relative) and no named mistake fits` +
      `${closest ? ` (closest: ${closest.hypothesis}, residual ${fmt(closest.residual)})` : ''}${float32Note(best, context)}`;
  return {
    diagnosis: { hypothesis: best.chosen?.hypothesis ?? 'none', summary, evidence: evidence(best, others), tried: tried(best) },
    failingCase: failingCaseOf(best.call, best.actual, best.expected),
  };
}
