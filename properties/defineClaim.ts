/**
 * Turns a claim definition (an arbitrary of cases and a check that throws on a broken bound)
 * into a {@link Claim}: capability gating, a seeded fast-check run with a per-tier number of
 * cases, bounded shrinking, and a failure verdict that carries the shrunk case, measured vs
 * bound and a one-line replay command.
 *
 * @example
 * ```ts
 * export const myClaim = defineClaim({
 *   id: 'my-claim', title: '...', citation, needs: ['gradient'], falseAlarmPerCase: 0,
 *   runs: { quick: 2, default: 5, thorough: 100 },
 *   arbitrary: () => instanceArbitrary({}), show: JSON.stringify,
 *   check: async (impl, c) => expectAtMost('x', 1, 2, 'why'),
 * });
 * ```
 */
import fc from 'fast-check';
import type { Capability, Implementation, Precision } from '../src/impl/Implementation.js';
import { hasCapability, reluAtZeroOf } from '../src/impl/Implementation.js';
import { watchFloat32Answers } from '../src/impl/float32Answers.js';
import { claimTheory } from '../src/theory/claims.js';
import type {
  CheckContext,
  Claim,
  ClaimRanges,
  ClaimResult,
  ClaimRunOptions,
  Diagnosis,
  DiagnosisCall,
  FailingCase,
  Tier,
} from './Claim.js';
import { diagnoseCalls } from './diagnosis/diagnoseCalls.js';
import { suiteReplayLine } from './report.js';

/** What a claim file writes; {@link defineClaim} does the rest. */
export interface ClaimDefinition<T> {
  /** The claim's id in src/theory/claims.ts, where its title and citation live (once). */
  readonly id: string;
  readonly needs: readonly Capability[];
  /**
   * Probability that one case of a correct implementation fails (0 for exact claims). The
   * claim's budget at a tier is this times the tier's number of cases (a union bound).
   */
  readonly falseAlarmPerCase: number;
  /** Cases per tier. */
  readonly runs: Readonly<Record<Tier, number>>;
  /** Evaluations allowed for shrinking (default SHRINK_EVALUATIONS); fewer for costly cases. */
  readonly shrinkEvaluations?: number;
  arbitrary(tier: Tier): fc.Arbitrary<T>;
  /** Printable case (the instance settings and the point), for reports. */
  show(value: T): string;
  /**
   * Throws a ClaimViolation (or any error) when the case breaks the claim. May return one line
   * of information about a case that held (e.g. "init error 2.3x the reference's"): never a
   * failure, it reaches the passed verdict's `detail` (see `summarize`).
   */
  check(impl: Implementation, value: T, context: CheckContext): Promise<void | string>;
  /**
   * Folds the information lines of the cases that held into the passed verdict's one `detail`
   * line (default {@link summarizeDetails}).
   */
  summarize?(details: readonly string[]): string;
  /** What the cases draw, per parameter, in words (shown by `relucheck check --list`). */
  readonly ranges?: ClaimRanges;
  /** Precisions where the claim's analysis does not carry over, with the reason. */
  readonly notApplicableAt?: Readonly<Partial<Record<Precision, string>>>;
  /** Names the likely mistake behind the shrunk case's failure (exact claims). */
  diagnose?(impl: Implementation, value: T, context: CheckContext): Promise<Diagnosis | undefined>;
  /** The shrunk case's inputs and answers, for `--dump-case`. */
  failingCase?(impl: Implementation, value: T, context: CheckContext): Promise<FailingCase | undefined>;
  /**
   * The implementation calls the check makes on a case, most telling first (exact claims):
   * when `diagnose` / `failingCase` are absent, properties/diagnosis/ replays these on the
   * implementation and on relucheck's reference under each hypothesis, and names the best fit.
   */
  diagnosisCalls?(value: T, context: CheckContext): readonly DiagnosisCall[];
}

/** Unit roundoff by precision: binary64 and binary32. */
export const UNIT_ROUNDOFF_OF: Readonly<Record<Precision, number>> = { float64: 2 ** -53, float32: 2 ** -24 };

/**
 * Further evaluations allowed once a failure is found: each case may cost a GD run, so
 * shrinking stops after this many tries and reports the smallest failing case seen so far.
 */
export const SHRINK_EVALUATIONS = 40;

/**
 * Builds a runnable Claim from its definition.
 * @example const claim = defineClaim(definition); await claim.run(impl, { seed: 1, tier: 'quick' });
 */
export function defineClaim<T>(def: ClaimDefinition<T>): Claim {
  const theory = claimTheory(def.id);
  return {
    id: def.id,
    title: theory.title,
    citation: theory.citation,
    needs: def.needs,
    falseAlarmBudget: Math.min(1, def.falseAlarmPerCase * def.runs.thorough),
    falseAlarmBudgets: {
      quick: Math.min(1, def.falseAlarmPerCase * def.runs.quick),
      default: Math.min(1, def.falseAlarmPerCase * def.runs.default),
      thorough: Math.min(1, def.falseAlarmPerCase * def.runs.thorough),
    },
    ...(def.ranges === undefined ? {} : { ranges: def.ranges }),
    ...(def.notApplicableAt === undefined ? {} : { notApplicableAt: def.notApplicableAt }),
    run: (impl, options) => runDefinition(def, impl, options),
  };
}

async function runDefinition<T>(
  def: ClaimDefinition<T>,
  unwatched: Implementation,
  options: ClaimRunOptions,
): Promise<ClaimResult> {
  const missing = def.needs.filter((c) => !hasCapability(unwatched, c));
  if (missing.length > 0) return { status: 'not-applicable', missing };
  const precision = options.precision ?? unwatched.precision ?? 'float64';
  const unsupported = def.notApplicableAt?.[precision];
  if (unsupported !== undefined) return { status: 'not-applicable', missing: [], reason: unsupported };
  // Held to float64 bounds, a float32 implementation fails for its format alone: say so.
  const watch = precision === 'float64' ? watchFloat32Answers(unwatched) : undefined;
  const impl = watch?.impl ?? unwatched;
  const context: CheckContext = { precision, unitRoundoff: UNIT_ROUNDOFF_OF[precision], reluAtZero: options.reluAtZero ?? reluAtZeroOf(impl) };
  const numRuns = options.numRuns ?? def.runs[options.tier];
  const { signal } = options;
  signal?.throwIfAborted();
  let failures = 0;
  let afterFailure = 0;
  let casesDone = 0;
  // Information lines of the cases run before any failure, in order (a passed run's detail).
  const details: string[] = [];
  const property = fc.asyncProperty(def.arbitrary(options.tier), async (value) => {
    // Between cases is the only safe place to stop: a case may hold a child's request open.
    signal?.throwIfAborted();
    // Past the shrink budget every candidate "passes", which ends shrinking at the smallest
    // failing case found so far.
    if (failures > 0 && ++afterFailure > (def.shrinkEvaluations ?? SHRINK_EVALUATIONS)) return;
    try {
      const detail = await def.check(impl, value, context);
      if (typeof detail === 'string' && detail !== '' && failures === 0) details.push(detail);
    } catch (e) {
      failures++;
      throw e;
    } finally {
      options.onProgress?.({ claimId: def.id, casesDone: ++casesDone, casesPlanned: numRuns, shrinking: failures > 0 });
    }
  });
  const outcome = await fc.check(property, {
    seed: options.seed,
    numRuns,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  // An abort thrown inside a case reaches fast-check as a failure; it is the caller's stop.
  signal?.throwIfAborted();
  if (!outcome.failed) {
    const detail = details.length === 0 ? undefined : (def.summarize ?? summarizeDetails)(details);
    return { status: 'passed', numRuns: outcome.numRuns, seed: options.seed, ...(detail === undefined ? {} : { detail }) };
  }
  const err = outcome.errorInstance;
  const message = err instanceof Error ? err.message : String(err);
  const path = outcome.counterexamplePath ?? undefined;
  const shrunk = outcome.counterexample ? outcome.counterexample[0] : undefined;
  const counterexample = shrunk === undefined ? '(none)' : def.show(shrunk);
  // The named calls are replayed once for both; a claim's own hooks take precedence.
  const replayed =
    shrunk === undefined || !def.diagnosisCalls || (def.diagnose && def.failingCase)
      ? undefined
      : await diagnoseCalls(impl, callsOf(def, shrunk, context), context);
  const diagnosis = shrunk === undefined ? undefined : def.diagnose ? await def.diagnose(impl, shrunk, context) : replayed?.diagnosis;
  const failingCase = shrunk === undefined ? undefined : def.failingCase ? await def.failingCase(impl, shrunk, context) : replayed?.failingCase;
  const replayLine = options.replayLine ?? suiteReplayLine;
  const hint = watch?.hint();
  return {
    status: 'failed',
    seed: options.seed,
    tier: options.tier,
    ...(path === undefined ? {} : { path }),
    counterexample,
    message: `${message} [implementation ${impl.name}; ${outcome.numRuns} case(s), shrunk ${outcome.numShrinks} time(s)]${hint === undefined ? '' : `; ${hint}`}`,
    replay: replayLine({ claimId: def.id, seed: options.seed, tier: options.tier, precision, ...(path === undefined ? {} : { path }) }),
    ...(diagnosis === undefined ? {} : { diagnosis }),
    ...(failingCase === undefined ? {} : { failingCase }),
  };
}

/**
 * The default one-line summary of the cases' information lines: the distinct lines in order,
 * the first three in full and a count of the rest (a thorough run has 100 cases).
 * @example summarizeDetails(['a', 'b', 'a']) // "a; b"
 */
export function summarizeDetails(details: readonly string[]): string {
  const distinct = [...new Set(details)];
  const shown = distinct.slice(0, 3).join('; ');
  return distinct.length > 3 ? `${shown}; ... (${distinct.length - 3} more of ${details.length} cases)` : shown;
}

/** The claim's named calls; a claim that cannot name them gets no diagnosis, not a crash. */
function callsOf<T>(def: ClaimDefinition<T>, value: T, context: CheckContext): readonly DiagnosisCall[] {
  try {
    return def.diagnosisCalls?.(value, context) ?? [];
  } catch {
    return [];
  }
}
