/**
 * The claim runner itself: environment parsing, replay by path, verdict shapes.
 */
import { describe, expect, it } from 'vitest';
import { claimOptionsFromEnv, DEFAULT_SEED } from '../../properties/environment.js';
import { claims, runClaims } from '../../properties/index.js';
import { CLAIM_THEORY } from '../../src/theory/claims.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { PLANTED_BUGS } from '../planted/bugs.js';

describe('claim runner', () => {
  it('reads seed, tier and path from the environment, rejecting bad values', () => {
    expect(claimOptionsFromEnv({})).toEqual({ seed: DEFAULT_SEED, tier: 'default' });
    expect(claimOptionsFromEnv({ RELUCHECK_SEED: '7', RELUCHECK_TIER: 'quick', RELUCHECK_PATH: '1:2' })).toEqual({
      seed: 7,
      tier: 'quick',
      path: '1:2',
    });
    expect(() => claimOptionsFromEnv({ RELUCHECK_SEED: '-1' })).toThrow(/RELUCHECK_SEED/);
    expect(() => claimOptionsFromEnv({ RELUCHECK_TIER: 'slow' })).toThrow(/RELUCHECK_TIER/);
  });

  it('every claim has an entry in src/theory/claims.ts, ids are unique', () => {
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(CLAIM_THEORY.map((t) => t.id)).toContain(id);
  });

  it('replaying the reported seed and path fails again on the same counterexample', async () => {
    const bug = PLANTED_BUGS.find((b) => b.caughtBy === 'gradient-fd-full')!;
    const claim = claims.find((c) => c.id === bug.caughtBy)!;
    const first = await claim.run(bug.make(), { seed: 11, tier: 'default' });
    expect(first.status).toBe('failed');
    if (first.status !== 'failed') return;
    expect(first.replay).toMatch(/^RELUCHECK_SEED=11 RELUCHECK_TIER=default RELUCHECK_PATH=\S+ npx vitest run spec\/properties -t "gradient-fd-full"$/);
    const again = await claim.run(bug.make(), { seed: 11, tier: 'default', path: first.path });
    expect(again.status).toBe('failed');
    if (again.status === 'failed') expect(again.counterexample).toBe(first.counterexample);
  });

  it('reports not-applicable with the missing capabilities', async () => {
    const lossOnly: Implementation = { name: 'loss only', capabilities: ['loss'], loss: referenceImplementation().loss };
    const verdicts = await runClaims(lossOnly, { seed: 1, tier: 'quick' });
    expect(verdicts.length).toBe(claims.length);
    for (const v of verdicts) {
      expect(v.result.status).toBe('not-applicable');
      if (v.result.status === 'not-applicable') expect(v.result.missing.length).toBeGreaterThan(0);
    }
  });
});
