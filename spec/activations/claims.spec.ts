import { describe, expect, it } from 'vitest';
import { activationClaims, referenceActivationSubject } from '../../properties/activations/index.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { ACTIVATION_CLAIM_THEORY } from '../../src/theory/activationClaims.js';
import { CLAIM_THEORY, claimTheory } from '../../src/theory/claims.js';

// The reference core must pass every activation claim. Seed, tier and a replay path come from
// RELUCHECK_SEED / RELUCHECK_TIER / RELUCHECK_PATH (what a failure's replay line sets); without
// them, tier 'default' and this suite's fixed seed 20240611.
const options = claimOptionsFromEnv({ RELUCHECK_SEED: '20240611', ...process.env });

describe(`activation claims hold for the reference core (seed ${options.seed}, tier ${options.tier})`, () => {
  const impl = referenceImplementation();
  for (const claim of activationClaims(referenceActivationSubject())) {
    it(`${claim.id} (${claim.citation.paper}, ${claim.citation.where})`, async () => {
      const result = await claim.run(impl, options);
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
