/**
 * Failure reports, shaped like fast-check's RunDetails formatter but in the claim's terms:
 * which claim (paper and equation), the shrunk instance, measured vs bound, seed and path,
 * and a single command that replays exactly that case.
 *
 * @example
 * ```ts
 * if (result.status === 'failed') console.error(formatClaimFailure(claim, result));
 * ```
 */
import type { Claim, ClaimResult, ReplayLineBuilder } from './Claim.js';

/**
 * The shell line that replays one case of a claim through vitest's name filter: the ReLU
 * claims run in spec/properties, the activation claims (relucheck's own core, not an
 * Implementation) in spec/activations; both specs read RELUCHECK_SEED / _TIER / _PATH.
 * @example replayCommand('stationarity-noiseless', 7, 'default', '3:1')
 */
export function replayCommand(claimId: string, seed: number, tier: string, path?: string, spec = 'spec/properties'): string {
  const env = [`RELUCHECK_SEED=${seed}`, `RELUCHECK_TIER=${tier}`];
  if (path !== undefined) env.push(`RELUCHECK_PATH=${path}`);
  return `${env.join(' ')} npx vitest run ${spec} -t "${claimId}"`;
}

/**
 * The default {@link ReplayLineBuilder}: relucheck's own suite on the reference
 * (spec/properties), which is right only for relucheck's own runs; `relucheck check` and a
 * user's test suite pass their own builder.
 * @example suiteReplayLine({ claimId: 'hvp-fd', seed: 1, tier: 'default', precision: 'float64' })
 */
export const suiteReplayLine: ReplayLineBuilder = ({ claimId, seed, tier, path }) => replayCommand(claimId, seed, tier, path);

/**
 * A multi-line report of a failed claim.
 * @example formatClaimFailure(claim, result)
 */
export function formatClaimFailure(
  claim: Claim,
  result: Extract<ClaimResult, { status: 'failed' }>,
): string {
  return [
    `Claim failed: ${claim.id} (${claim.title})`,
    `  cited: ${claim.citation.paper}, ${claim.citation.where}`,
    `  { seed: ${result.seed}${result.path === undefined ? '' : `, path: "${result.path}"`} }`,
    `  counterexample: ${result.counterexample}`,
    `  ${result.message}`,
    `  replay: ${result.replay}`,
  ].join('\n');
}

/**
 * One line per verdict, for summaries.
 * @example formatVerdict(claim, result) // "PASS gradient-fd-full (20 cases)"
 */
export function formatVerdict(claim: Claim, result: ClaimResult): string {
  switch (result.status) {
    case 'passed':
      return `PASS ${claim.id} (${result.numRuns} cases, seed ${result.seed})`;
    case 'not-applicable':
      return `N/A  ${claim.id} (missing ${result.missing.join(', ')})`;
    case 'failed':
      return `FAIL ${claim.id}: ${result.message}`;
  }
}
