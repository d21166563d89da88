/**
 * `relucheck/vitest`: relucheck's claims inside a user's vitest suite. Importing it registers
 * the `toSatisfyClaim` matcher; `describeClaims` registers one test per claim. Needs vitest
 * (an optional peer dependency).
 *
 * @example
 * ```ts
 * import { describeClaims } from 'relucheck/vitest';
 * describeClaims(mySolver, { tier: 'quick' });
 * ```
 */
import { expect } from 'vitest';
import { toSatisfyClaim } from './toSatisfyClaim.js';

expect.extend({ toSatisfyClaim });

export { claimTest, describeClaims, selectClaims, TIER_TIMEOUTS } from './describeClaims.js';
export type { DescribeClaimsOptions, ImplementationSource } from './describeClaims.js';
export { toSatisfyClaim } from './toSatisfyClaim.js';
