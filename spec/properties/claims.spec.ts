/**
 * Every claim against the reference implementation, one vitest test per claim named by its
 * id, so `-t "<claim id>"`, `--shard` and `--merge-reports` select and split claims. The
 * global seed, tier and a replay path come from RELUCHECK_SEED / RELUCHECK_TIER /
 * RELUCHECK_PATH (see properties/environment.ts).
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { formatClaimFailure } from '../../properties/report.js';
import { referenceImplementation } from '../../src/impl/reference.js';

const options = claimOptionsFromEnv(process.env);
const impl = referenceImplementation();

describe(`claims on the reference (seed ${options.seed}, tier ${options.tier})`, () => {
  for (const claim of claims) {
    // A claim whose capability the reference does not declare yet shows as skipped.
    const offered = claim.needs.every((c) => impl.capabilities.includes(c));
    it.skipIf(!offered)(`${claim.id}: ${claim.title}`, async () => {
      const result = await claim.run(impl, options);
      if (result.status === 'failed') expect.fail(formatClaimFailure(claim, result));
      if (result.status === 'not-applicable') {
        // Declared but without the method: a broken reference.
        expect.fail(`${claim.id}: reference lacks ${result.missing.join(', ')}`);
      }
      expect(result.status).toBe('passed');
    });
  }
});
