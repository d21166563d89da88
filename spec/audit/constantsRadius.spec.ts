/**
 * The constants experiment's radius (Lemma 5.1): searched past s_K, the old cap where most
 * instances were still positive definite, up to |W*|_F, and bisected, so the reported c is the
 * probed radius itself rather than the cap's value.
 */
import { describe, expect, it } from 'vitest';
import { constants } from '../../src/audit/experiments/constants.js';
import { trialSeed } from '../../src/audit/runner/trialSeed.js';

describe('constants: the radius search', () => {
  it('finds a radius beyond s_K where the old search stopped, below |W*|_F, not a lower bound', () => {
    const t = constants.trials('quick').find((x) => x.id === 'constants/d=10/K=3/kappa=4/trial=0')!;
    const r = constants.runTrial(t.params, trialSeed(1, t.id));
    expect(r.cRadiusIsLowerBound).toBe(false);
    expect(Number(r.radiusOverSK)).toBeGreaterThan(1);
    expect(Number(r.radiusOverFrobenius)).toBeLessThan(1);
    // The radius and c agree: radius = c s_K / (lambda kappa^3 K^2).
    const unit = Number(r.radiusOverSK) / Number(r.cRadius);
    expect(unit * Number(r.lambda) * 4 ** 3 * 9).toBeCloseTo(1, 10);
  });
});
