/**
 * The fields each experiment's `summarize` reads from a trial's result, and what each may
 * hold. results.jsonl is a file anyone can edit, truncate or corrupt, and summaries read it
 * with `Number(...)` and `=== true`: a record with `"error": "NaN"` turned a NOT SUPPORTED
 * verdict into SUPPORTED (NaN fails every comparison). Reading a record checks it against
 * these fields (runner/recordValidation.ts), and writing one checks it too, so a trial that
 * stops producing a declared field fails the audit at once instead of writing records that
 * the report would refuse.
 *
 * JSON has no NaN or Infinity: JSON.stringify writes them as null, and `Number(null)` is 0, so
 * a null read where a number is required would be a perfect recovery (error 0) or a perfect
 * rate. Null is therefore refused unless a field is declared nullable, and in a nullable
 * field it is read back as NaN (restoreNonFinite), the value the trial had, never as 0.
 *
 * Kinds: `number` a finite number (null refused); `number|unmeasured` a finite number, or null
 * for the NaN a trial records when it could not measure the value (Zhong's trials when the
 * tensor initialization is unavailable, or a run that overflowed); `number|diverged` a finite
 * number or the string 'diverged' (the recovery trials' overflowed runs; null refused);
 * `numbers` a curve: an array of finite numbers, where null is a point that was not finite
 * (an overflowed loss), read back as NaN; `boolean`; `label` a short string of the listed
 * values.
 *
 * @example
 * ```ts
 * resultFields('fig2b', { d: 20 }).error; // 'number|diverged'
 * ```
 */
import type { Params, TrialResult } from './types.js';

/** What a result field may hold. */
export type FieldKind = 'number' | 'number|unmeasured' | 'number|diverged' | 'numbers' | 'boolean' | { readonly label: readonly string[] };

const INIT = { label: ['tensor', 'random', 'unavailable', 'I', 'II', 'III'] } as const;

/** recoveryTrial's fields (fig2b, fig2c, fig2d; see recovery.ts). */
const RECOVERY: Readonly<Record<string, FieldKind>> = {
  error: 'number|diverged',
  relError: 'number|diverged',
  finalLoss: 'number|diverged',
  diverged: 'boolean',
  initError: 'number',
  initDistance: 'number',
  ballUnit: 'number',
  sK: 'number',
  iterations: 'number',
  extensions: 'number',
  // 'diverged' when the run overflowed, like error and finalLoss.
  gradientNorm: 'number|diverged',
  lossWindowRatio: 'number|diverged',
  initUsed: INIT,
  stoppedBy: { label: ['loss', 'gradient', 'budget', 'diverged'] },
};

const ZHONG_AB: Readonly<Record<string, FieldKind>> = {
  initUsed: INIT,
  // NaN when the tensor initialization is unavailable (zhongFig1Trials.ts).
  initError: 'number|unmeasured',
  initSignsMatch: 'boolean',
  recovered: 'boolean',
  diverged: 'boolean',
  finalError: 'number|unmeasured',
  steps: 'number',
};
// finalError: NaN when the initialization is unavailable, not finite when the run overflowed.
// eta: the step used; startCurvature: lambda_max of the joint Hessian at (II)'s start, NaN for (I) and (III).
const ZHONG_C: Readonly<Record<string, FieldKind>> = { initUsed: INIT, log10Objective: 'numbers', finalError: 'number|unmeasured', signsMatch: 'boolean', eta: 'number', startCurvature: 'number|unmeasured' };

const FIELDS: Readonly<Record<string, (params: Params) => Readonly<Record<string, FieldKind>>>> = {
  fig2a: () => ({
    log10Loss: 'numbers',
    initUsed: INIT,
    iterations: 'number',
    lambdaMin: 'number',
    lambdaMax: 'number',
    predictedStepsPerDecade: 'number',
  }),
  fig2b: () => ({ ...RECOVERY, success: 'boolean' }),
  fig2c: () => ({ ...RECOVERY, success: 'boolean' }),
  fig2d: () => ({ ...RECOVERY, noiseStd: 'number', traceInverseHessian: 'number', traceInverseHessianSquared: 'number' }),
  constants: () => ({
    ...Object.fromEntries(
      ['N', 'lambda', 'mu', 'L', 'eta', 'muLambdaKappa2', 'LOverKappaK2', 'c2', 'rho', 'proofRho', 'c3', 'c4', 'statError', 'cRadius', 'radiusOverSK'].map((k) => [k, 'number' as const]),
    ),
    cRadiusIsLowerBound: 'boolean',
  }),
  zhongFig1: (params) => (params.panel === 'ab' ? ZHONG_AB : ZHONG_C),
  // Errors are 1e300 for an overflowed run (flagged by the *Diverged fields).
  resampling: () => ({ initUsed: INIT, initError: 'number', fullError: 'number', resamplingError: 'number', fullDiverged: 'boolean', resamplingDiverged: 'boolean' }),
};

/**
 * The declared fields of a result of `experiment` with these parameters; undefined for an
 * experiment this relucheck does not have.
 */
export function resultFields(experiment: string, params: Params): Readonly<Record<string, FieldKind>> | undefined {
  return Object.hasOwn(FIELDS, experiment) ? FIELDS[experiment]!(params) : undefined;
}

/**
 * Why `value` is not of `kind` (undefined when it is).
 * @example fieldProblem(null, 'number') // 'must be a number, got null (JSON writes NaN and Infinity as null; ...)'
 */
export function fieldProblem(value: unknown, kind: FieldKind): string | undefined {
  const isFinite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const got = value === null ? `null (${NULL_IS})` : describe(value);
  switch (kind) {
    case 'number':
      return isFinite(value) ? undefined : `must be a number, got ${got}`;
    case 'number|unmeasured':
      return isFinite(value) || value === null ? undefined : `must be a number, or null where it was not measured, got ${describe(value)}`;
    case 'number|diverged':
      return isFinite(value) || value === 'diverged' ? undefined : `must be a number or "diverged", got ${got}`;
    case 'numbers': {
      if (!Array.isArray(value)) return `must be an array of numbers, got ${describe(value)}`;
      const i = value.findIndex((v) => !isFinite(v) && v !== null);
      return i < 0 ? undefined : `must be an array of numbers, but entry ${i} is ${describe(value[i])}`;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${describe(value)}`;
    default:
      return typeof value === 'string' && kind.label.includes(value)
        ? undefined
        : `must be one of ${kind.label.map((l) => JSON.stringify(l)).join(', ')}, got ${describe(value)}`;
  }
}

/** Why a null in a required number field is refused, for the message. */
const NULL_IS = 'JSON writes NaN and Infinity as null, and this field is always finite in a record relucheck writes';

/**
 * A checked record's result with the nulls of nullable fields read back as NaN, the value the
 * trial had (summaries read numbers with `Number(...)`, which turns null into 0). Fields of
 * other kinds and undeclared fields are kept as they are.
 * @example restoreNonFinite('zhongFig1', { panel: 'c' }, { finalError: null }).finalError // NaN
 */
export function restoreNonFinite(experiment: string, params: Params, result: TrialResult): TrialResult {
  const fields = resultFields(experiment, params) ?? {};
  const out: Record<string, TrialResult[string]> = { ...result };
  for (const [field, kind] of Object.entries(fields)) {
    // The record was checked, so what is null here is what JSON made of a non-finite number.
    const v = out[field] as unknown;
    if (kind === 'number|unmeasured' && v === null) out[field] = NaN;
    else if (kind === 'numbers' && Array.isArray(v) && v.includes(null)) out[field] = v.map((x: unknown) => (x === null ? NaN : (x as number)));
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
