import { describe, expect, it } from 'vitest';
import { activationClaims, referenceActivationSubject } from '../../properties/activations/index.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { ACTIVATION_CLAIM_THEORY } from '../../src/theory/activationClaims.js';
import { CLAIM_THEORY, claimTheory } from '../../src/theory/claims.js';

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

// Titles, citations and calibration records live once, in src/theory/activationClaims.ts.
describe('activation claims read their theory from src/theory', () => {
  it('each claim is the table entry of its id, in table order, and no id is also a ReLU claim', () => {
    const built = activationClaims(referenceActivationSubject());
    expect(built.map((c) => c.id)).toEqual(ACTIVATION_CLAIM_THEORY.map((t) => t.id));
    for (const c of built) {
      const t = claimTheory(c.id);
      expect({ title: c.title, citation: c.citation }).toEqual({ title: t.title, citation: t.citation });
    }
    const relu = new Set(CLAIM_THEORY.map((t) => t.id));
    expect(ACTIVATION_CLAIM_THEORY.filter((t) => relu.has(t.id)).map((t) => t.id)).toEqual([]);
  });
});
