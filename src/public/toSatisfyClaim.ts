/**
 * `expect(impl).toSatisfyClaim(id, options?)`: an async vitest matcher that runs one claim
 * and fails with the claim's full report (counterexample, measured vs bound, diagnosis,
 * replay line). A not-applicable verdict fails too: asking for a claim the implementation
 * cannot be held to is a mistake in the test. Importing `relucheck/vitest` registers it.
 *
 * @example
 * ```ts
 * import 'relucheck/vitest';
 * await expect(mySolver).toSatisfyClaim('gradient-fd-full', { tier: 'quick' });
 * ```
 */
import type { Implementation } from '../impl/Implementation.js';
import type { ClaimRunOptions } from '../../properties/Claim.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { formatClaimFailure, projectReplayLine } from '../../properties/report.js';
import { selectClaims } from './describeClaims.js';

/** The matcher's result shape (vitest's ExpectationResult). */
interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * The matcher function, for `expect.extend({ toSatisfyClaim })`.
 * @example expect.extend({ toSatisfyClaim })
 */
export async function toSatisfyClaim(
  this: { isNot: boolean },
  received: unknown,
  id: string,
  options: Partial<ClaimRunOptions> = {},
): Promise<MatcherResult> {
  const impl = received as Implementation;
  if (impl === null || typeof impl !== 'object' || !Array.isArray(impl.capabilities)) {
    throw new TypeError(`toSatisfyClaim: expected an Implementation (an object with a capabilities array), got ${received === null ? 'null' : typeof received}`);
  }
  const [claim] = selectClaims([id]);
  const run: ClaimRunOptions = { replayLine: projectReplayLine, ...claimOptionsFromEnv(process.env), ...options };
  const result = await claim.run(impl, run);
  if (result.status === 'failed') return { pass: false, message: () => formatClaimFailure(claim, result) };
  if (result.status === 'not-applicable') {
    return { pass: false, message: () => `${claim.id} is not applicable to ${impl.name}: ${result.reason ?? `needs ${result.missing.join(', ')}`}` };
  }
  return { pass: true, message: () => `expected ${impl.name} not to satisfy ${claim.id}, but it passed ${result.numRuns} cases (seed ${result.seed})` };
}

declare module 'vitest' {
  interface Matchers<T = any> {
    /** Runs claim `id` against the implementation; resolves when it passes. */
    toSatisfyClaim(id: string, options?: Partial<ClaimRunOptions>): Promise<T>;
  }
}
