/**
 * The suite-level false-alarm budget of each tier: the probability that a correct
 * implementation fails at least one claim of the suite in one run of that tier is at most
 * the sum of the claims' budgets (a union bound), and the claims' budgets are set so that
 * the sum stays within SUITE_FALSE_ALARM_BUDGET (spec/properties/suiteBudget.spec.ts checks
 * it; scripts/flake-check.mjs compares the observed failures with it).
 *
 * Why thorough is 0.25 and not 0.05: a calibrated constant fails a new case with probability
 * at most 1/(n+1) after n calibration cases (exchangeability; the margins beyond the extremes
 * are not counted). The three claims calibrated on whole grids of runs (statistical-rate on
 * 200 teachers; tensor-init-rate and -basin on the faithful family's worst member, 60 and 30
 * teachers, with a normal / log-normal tail of 0.002 per case (a rate case averages 4
 * teachers): scripts/calibrate-faithful-init.ts) pay 0.002-0.011 per case, so their thorough
 * cases are few (4, 2, 12); the cheap calibrations were extended to 20,000
 * cases so their claims keep 200-300 thorough cases for 0.005-0.03 each. A lower thorough
 * budget needs larger calibrations of those three (scripts/calibrate-rate.mjs, -init.mjs).
 *
 * @example
 * ```ts
 * suiteFalseAlarm(claims, 'default') <= SUITE_FALSE_ALARM_BUDGET.default; // true
 * ```
 */
import type { Claim, Tier } from './Claim.js';

/** The stated budget per run of the whole suite, per tier. */
export const SUITE_FALSE_ALARM_BUDGET: Readonly<Record<Tier, number>> = { quick: 0.05, default: 0.05, thorough: 0.25 };

/** A claim's budget per run of `tier`. */
export function claimFalseAlarm(claim: Claim, tier: Tier): number {
  return claim.falseAlarmBudgets?.[tier] ?? claim.falseAlarmBudget;
}

/** The union bound on a false alarm of any of `claims` in one run of `tier`. */
export function suiteFalseAlarm(claims: readonly Claim[], tier: Tier): number {
  return claims.reduce((a, c) => a + claimFalseAlarm(c, tier), 0);
}
