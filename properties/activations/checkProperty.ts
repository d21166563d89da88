/**
 * Runs a fast-check property as a Claim verdict: seeded, replayable by path, and with the
 * failing case's message (measured, expected, tolerance) carried into the result.
 *
 * @example
 * ```ts
 * return checkProperty(fc.property(arb, (c) => { if (bad) throw new Error('...'); }), options, 'zhong-properties');
 * ```
 */
import { replayCommand } from '../report.js';
import fc from 'fast-check';
import type { ClaimResult, ClaimRunOptions, Tier } from '../Claim.js';

/** Default number of cases per tier, scaled by the claim's own cost. */
export function runsFor(tier: Tier, perTier: Readonly<Record<Tier, number>>, override?: number): number {
  return override ?? perTier[tier];
}

/**
 * fc.check with the claim's seed, run count and replay path, mapped to a ClaimResult.
 * @example await checkProperty(prop, { seed: 1, tier: 'default' }, 'id', { quick: 5, default: 20, thorough: 200 })
 */
export function checkProperty<T>(
  property: fc.IProperty<T>,
  options: ClaimRunOptions,
  claimId: string,
  perTier: Readonly<Record<Tier, number>>,
): ClaimResult {
  const numRuns = runsFor(options.tier, perTier, options.numRuns);
  const details = fc.check(property, {
    seed: options.seed,
    numRuns,
    path: options.path,
    endOnFailure: false,
  });
  if (!details.failed) return { status: 'passed', numRuns: details.numRuns, seed: options.seed };
  const err = details.errorInstance;
  const message = err instanceof Error ? err.message : String(err);
  const path = details.counterexamplePath ?? undefined;
  return {
    status: 'failed',
    seed: options.seed,
    path,
    counterexample: fc.stringify(details.counterexample),
    message,
    // Activation claims check relucheck's own core, so they replay in spec/activations (not
    // through `relucheck check`, which runs claims against an Implementation).
    replay: replayCommand(claimId, options.seed, options.tier, path, 'spec/activations'),
  };
}
