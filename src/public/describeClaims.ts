/**
 * One vitest test per claim, for a user's own suite: `describeClaims(impl)` in a spec file
 * registers a `describe` block whose tests are named `<claim id>: <title>`, so
 * `vitest -t "<claim id>"`, `--shard` and the replay line printed on failure all work.
 *
 * Seed, tier and replay path come from RELUCHECK_SEED / RELUCHECK_TIER / RELUCHECK_PATH
 * unless given. Each test gets its tier's timeout, and vitest's AbortSignal (aborted on
 * timeout or when the run is cancelled) is passed to the claim, which stops between cases:
 * a thorough-tier claim then ends at vitest's timeout instead of running on unobserved.
 *
 * @example
 * ```ts
 * import { describeClaims } from 'relucheck/vitest';
 * import { mySolver } from './mySolver.js'; // your Implementation
 * describeClaims(mySolver, { only: ['gradient-fd-full', 'hvp-fd'] });
 * ```
 */
import { afterAll, describe, it, type TestContext } from 'vitest';
import type { Implementation } from '../impl/Implementation.js';
import { claims as allClaims } from '../../properties/index.js';
import type { Claim, ClaimRunOptions, Tier } from '../../properties/Claim.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { formatClaimFailure, projectReplayLine } from '../../properties/report.js';

/** Per-test timeouts (ms) by tier: above the slowest claim's time on the reference at that tier. */
export const TIER_TIMEOUTS: Readonly<Record<Tier, number>> = {
  quick: 60_000,
  default: 240_000,
  thorough: 1_800_000,
};

/** Options of {@link describeClaims}; every field is optional. */
export interface DescribeClaimsOptions extends Partial<Omit<ClaimRunOptions, 'signal'>> {
  /** Only these claim ids (default: every claim). An unknown id is an error. */
  readonly only?: readonly string[];
  /** Per-test timeout in ms (default: {@link TIER_TIMEOUTS} of the tier). */
  readonly timeout?: number;
  /** Title of the describe block (default: "relucheck claims on <impl name>"). */
  readonly name?: string;
}

/** An implementation, or a factory for one (created once, closed after the block). */
export type ImplementationSource = Implementation | (() => Implementation | Promise<Implementation>);

/**
 * The claims `only` selects, in report order; throws naming the unknown ids.
 * @example selectClaims(['hvp-fd']).map((c) => c.id) // ['hvp-fd']
 */
export function selectClaims(only?: readonly string[]): readonly Claim[] {
  if (only === undefined) return allClaims;
  const unknown = only.filter((id) => !allClaims.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new Error(`describeClaims: options.only has unknown claim ids ${JSON.stringify(unknown)}; known: ${allClaims.map((c) => c.id).join(', ')}`);
  }
  return allClaims.filter((c) => only.includes(c.id));
}

/**
 * The body of one claim's test: runs it with the test's signal, fails with the formatted
 * report, skips with the reason when not applicable. Exported so the wiring can be tested
 * without a nested vitest run.
 * @example it('hvp-fd', claimTest(claim, () => impl, options))
 */
export function claimTest(
  claim: Claim,
  getImpl: () => Promise<Implementation>,
  options: ClaimRunOptions,
): (ctx: Pick<TestContext, 'signal' | 'skip'>) => Promise<void> {
  return async (ctx) => {
    const impl = await getImpl();
    const result = await claim.run(impl, { ...options, signal: ctx.signal });
    if (result.status === 'failed') throw new Error(formatClaimFailure(claim, result));
    if (result.status === 'not-applicable') {
      ctx.skip(`not applicable: ${result.reason ?? `needs ${result.missing.join(', ')}`}`);
    }
  };
}

/**
 * Registers a describe block with one test per selected claim.
 * @example describeClaims(() => processImplementation({ command: 'python3 solver.py', timeoutMs: 60_000 }), { tier: 'quick' })
 */
export function describeClaims(source: ImplementationSource, options: DescribeClaimsOptions = {}): void {
  const { only, timeout, name, ...runOptions } = options;
  const selected = selectClaims(only);
  const env = claimOptionsFromEnv(process.env);
  const run: ClaimRunOptions = { replayLine: projectReplayLine, ...env, ...runOptions };
  let impl: Promise<Implementation> | undefined;
  const getImpl = (): Promise<Implementation> => {
    impl ??= Promise.resolve(typeof source === 'function' ? source() : source);
    return impl;
  };
  const title = name ?? `relucheck claims on ${typeof source === 'function' ? 'a fresh implementation' : source.name} (seed ${run.seed}, tier ${run.tier})`;
  describe(title, () => {
    // Only what the factory created is ours to close; a passed-in object is the caller's.
    afterAll(async () => {
      if (typeof source === 'function' && impl) await (await impl).close?.();
    });
    for (const claim of selected) {
      it(`${claim.id}: ${claim.title}`, claimTest(claim, getImpl, run), timeout ?? TIER_TIMEOUTS[run.tier]);
    }
  });
}
