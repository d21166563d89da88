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
 * A {@link ReplayLineBuilder} for a user's own vitest project: the same environment variables,
 * no spec path, the claim id as the name filter. It replays the case when the project's test
 * reads `claimOptionsFromEnv(process.env)` (as `relucheck/vitest` does) and names its tests by claim id.
 * @example projectReplayLine({ claimId: 'hvp-fd', seed: 1, tier: 'default', precision: 'float64' })
 */
export const projectReplayLine: ReplayLineBuilder = ({ claimId, seed, tier, path }) => {
  const env = [`RELUCHECK_SEED=${seed}`, `RELUCHECK_TIER=${tier}`];
  if (path !== undefined) env.push(`RELUCHECK_PATH=${path}`);
  return `${env.join(' ')} npx vitest run -t "${claimId}"`;
};

/**
 * A multi-line report of a failed claim. Besides the runner's replay line it always prints the
 * call that replays the case from any code (a user's test included): the suite's default
 * line replays relucheck's reference, which is only right inside relucheck, so it is labelled.
 * @example formatClaimFailure(claim, result)
 */
export function formatClaimFailure(
  claim: Claim,
  result: Extract<ClaimResult, { status: 'failed' }>,
): string {
  const lines = [
    `Claim failed: ${claim.id} (${claim.title})`,
    `  cited: ${claim.citation.paper}, ${claim.citation.where}`,
    `  { seed: ${result.seed}${result.tier === undefined ? '' : `, tier: '${result.tier}'`}${result.path === undefined ? '' : `, path: '${result.path}'`} }`,
    `  counterexample: ${result.counterexample}`,
    `  ${result.message}`,
  ];
  if (result.diagnosis) lines.push(`  diagnosis: ${result.diagnosis.summary}`, `    (${result.diagnosis.evidence})`);
  const ownSuite = result.tier !== undefined && result.replay === replayCommand(claim.id, result.seed, result.tier, result.path);
  lines.push(ownSuite ? `  replay in relucheck's own suite (on its reference): ${result.replay}` : `  replay: ${result.replay}`);
  lines.push(`  replay from code: await claim.run(impl, ${replayOptionsText(result)})  // claim: the claim with id '${claim.id}'`);
  return lines.join('\n');
}

/** The ClaimRunOptions literal that replays a failure: `{ seed: 7, tier: 'default', path: '3:1' }`. */
function replayOptionsText(result: Extract<ClaimResult, { status: 'failed' }>): string {
  const parts = [`seed: ${result.seed}`, `tier: '${result.tier ?? 'default'}'`];
  if (result.path !== undefined) parts.push(`path: '${result.path}'`);
  return `{ ${parts.join(', ')} }`;
}

/**
 * One line per verdict, for summaries.
 * @example formatVerdict(claim, result) // "PASS gradient-fd-full (20 cases)"
 */
export function formatVerdict(claim: Claim, result: ClaimResult): string {
  switch (result.status) {
    case 'passed':
      return `PASS ${claim.id} (${result.numRuns} cases, seed ${result.seed})${result.detail === undefined ? '' : `; info: ${result.detail}`}`;
    case 'not-applicable':
      return `N/A  ${claim.id} (${result.missing.length > 0 ? `missing ${result.missing.join(', ')}` : (result.reason ?? 'not applicable')})`;
    case 'failed':
      return `FAIL ${claim.id}: ${result.message}`;
  }
}
