import { describe, expect, it } from 'vitest';
import { activationClaims, referenceActivationSubject } from '../../properties/activations/index.js';
import { referenceImplementation } from '../../src/impl/reference.js';

// The reference core must pass every activation claim (tier 'default', fixed seed).
describe('activation claims hold for the reference core', () => {
  const impl = referenceImplementation();
  for (const claim of activationClaims(referenceActivationSubject())) {
    it(`${claim.id} (${claim.citation.paper}, ${claim.citation.where})`, async () => {
      const result = await claim.run(impl, { seed: 20240611, tier: 'default' });
      if (result.status === 'failed') throw new Error(`${result.message}\nreplay: ${result.replay}`);
      expect(result.status).toBe('passed');
    });
  }
});
