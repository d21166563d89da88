/**
 * The fields each experiment's `summarize` reads from a trial's result, and what each may
 * hold. results.jsonl is a file anyone can edit, truncate or corrupt, and summaries read it
 * with `Number(...)` and `=== true`: a record with `"error": "NaN"` turned a NOT SUPPORTED
 * verdict into SUPPORTED (NaN fails every comparison). Reading a record checks it against
 * these fields (runner/recordValidation.ts), and writing one checks it too, so a trial that
 * stops producing a declared field fails the audit at once instead of writing records that
 * the report would refuse.
 *
 * Kinds: `number` a finite number, or null (JSON writes NaN and Infinity as null, and some
 * trials record NaN for "not measured"); `number|diverged` also the string 'diverged' (the
 * recovery trials' overflowed runs); `numbers` an array of those; `boolean`; `label` a short
 * string of the listed values.
 *
 * @example
 * ```ts
 * resultFields('fig2b', { d: 20 }).error; // 'number|diverged'
 * ```
 */
import type { Params } from './types.js';

/** What a result field may hold. */
export type FieldKind = 'number' | 'number|diverged' | 'numbers' | 'boolean' | { readonly label: readonly string[] };

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
  gradientNorm: 'number',
  lossWindowRatio: 'number',
  initUsed: INIT,
  stoppedBy: { label: ['loss', 'gradient', 'budget', 'diverged'] },
};

const ZHONG_AB: Readonly<Record<string, FieldKind>> = {
  initUsed: INIT,
  initError: 'number',
  initSignsMatch: 'boolean',
  recovered: 'boolean',
  diverged: 'boolean',
  finalError: 'number',
  steps: 'number',
};
const ZHONG_C: Readonly<Record<string, FieldKind>> = { initUsed: INIT, log10Objective: 'numbers', finalError: 'number', signsMatch: 'boolean' };

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
      ['N', 'lambda', 'mu', 'L', 'eta', 'muLambdaKappa2', 'LOverKappaK2', 'c2', 'rho', 'proofRho', 'c3', 'c4', 'statError', 'cRadius'].map((k) => [k, 'number' as const]),
    ),
    cRadiusIsLowerBound: 'boolean',
  }),
  zhongFig1: (params) => (params.panel === 'ab' ? ZHONG_AB : ZHONG_C),
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
 * @example fieldProblem('NaN', 'number') // 'must be a number (or null), got the string "NaN"'
 */
export function fieldProblem(value: unknown, kind: FieldKind): string | undefined {
  const isNumber = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
  switch (kind) {
    case 'number':
      return isNumber(value) ? undefined : `must be a number (or null), got ${describe(value)}`;
    case 'number|diverged':
      return isNumber(value) || value === 'diverged' ? undefined : `must be a number, null or "diverged", got ${describe(value)}`;
    case 'numbers': {
      if (!Array.isArray(value)) return `must be an array of numbers, got ${describe(value)}`;
      const i = value.findIndex((v) => !isNumber(v));
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

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
