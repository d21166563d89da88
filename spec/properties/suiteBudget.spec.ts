/**
 * The suite-level false-alarm budget (properties/suiteBudget.ts): per tier, the claims'
 * budgets (per-case probability x the tier's cases) add up to at most the stated suite
 * budget, for the ReLU suite and the activation family alike.
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import { activationClaims, referenceActivationSubject } from '../../properties/activations/index.js';
import { claimFalseAlarm, SUITE_FALSE_ALARM_BUDGET, suiteFalseAlarm } from '../../properties/suiteBudget.js';
import type { Claim, Tier } from '../../properties/Claim.js';
import { claimTheory } from '../../src/theory/claims.js';

const TIERS: readonly Tier[] = ['quick', 'default', 'thorough'];

describe('suite false-alarm budget', () => {
  it.each(TIERS)('the %s tier: the claims add up to within the suite budget, every budget a probability', (tier) => {
    for (const suite of [claims, activationClaims(referenceActivationSubject())]) {
      for (const c of suite) expect(claimFalseAlarm(c, tier), c.id).toBeGreaterThanOrEqual(0);
      for (const c of suite) expect(claimFalseAlarm(c, tier), c.id).toBeLessThan(1);
      expect(suiteFalseAlarm(suite, tier)).toBeLessThanOrEqual(SUITE_FALSE_ALARM_BUDGET[tier]);
    }
  });

  it('a suite over its budget is caught', () => {
    const heavy: Claim = { ...claims[0], id: 'heavy', falseAlarmBudget: 0.2, falseAlarmBudgets: { quick: 0.06, default: 0.06, thorough: 0.3 } };
    for (const tier of TIERS) expect(suiteFalseAlarm([...claims, heavy], tier)).toBeGreaterThan(SUITE_FALSE_ALARM_BUDGET[tier]);
  });

  it("statistical-rate counts both of its calibrated parts per case: C's 1/201 and the slope interval's 0.001 + 1/201", () => {
    const sr = claims.find((c) => c.id === 'statistical-rate')!;
    const k = claimTheory('statistical-rate').constants;
    const perCase = k.C.falseAlarmPerCase! + k.level.falseAlarmPerCase!;
    expect(perCase).toBeCloseTo(0.001 + 2 / 201, 15);
    expect(claimFalseAlarm(sr, 'default')).toBeCloseTo(2 * perCase, 15);
    expect(sr.falseAlarmBudget).toBe(claimFalseAlarm(sr, 'thorough'));
  });

  it('the thorough tier states a budget below 1 and no lower tier exceeds it', () => {
    expect(SUITE_FALSE_ALARM_BUDGET.thorough).toBeLessThan(1);
    expect(suiteFalseAlarm(claims, 'quick')).toBeLessThanOrEqual(suiteFalseAlarm(claims, 'default'));
    expect(suiteFalseAlarm(claims, 'default')).toBeLessThanOrEqual(suiteFalseAlarm(claims, 'thorough'));
  });
});
