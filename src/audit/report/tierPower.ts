/**
 * Quick and full agree or say so: every verdict carries what each tier's design can decide
 * ({@link TierPower}), and a verdict taken on the quick tier's records whose quick design
 * cannot decide it is reported as "not decidable on the quick tier", with what the records
 * show kept as information. Such a verdict leaves the Holm family (it is not a test of the
 * claim), so the family-wise statement covers only verdicts their tier can decide.
 *
 * @example
 * ```ts
 * const v = withTierPower(verdict, experiment, 'quick'); // power filled, status maybe changed
 * ```
 */
import type { AuditTier, Experiment, TierPower, TrialRecord, Verdict } from '../experiments/types.js';

/** Which tier an experiment's records are: all its full trials, only quick trials, or neither ('partial'). */
export function recordsTier(experiment: Experiment, records: readonly TrialRecord[]): AuditTier | 'partial' {
  const ids = new Set(records.map((r) => r.id));
  if (experiment.trials('full').every((t) => ids.has(t.id))) return 'full';
  // No records at all is a quick-tier report only for an experiment the quick tier does not run.
  const quick = new Set(experiment.trials('quick').map((t) => t.id));
  return (records.length > 0 || quick.size === 0) && records.every((r) => quick.has(r.id)) ? 'quick' : 'partial';
}

/**
 * The power an experiment that states none gets: its tier's trial count, and that the
 * verdict's own rule (interval against a stated tolerance, "inconclusive" when too wide)
 * decides on either tier.
 */
export function defaultPower(experiment: Experiment): Record<AuditTier, TierPower> {
  const entry = (tier: AuditTier): TierPower => {
    const n = experiment.trials(tier).length;
    return {
      design: `${n} trial(s) of ${experiment.id}`,
      decides: n > 0,
      why: n > 0 ? 'decided by its stated rule on these trials; an interval too wide for the tolerance gives inconclusive' : `the ${tier} tier runs no trials of ${experiment.id}`,
    };
  };
  return { quick: entry('quick'), full: entry('full') };
}

/** The verdict with its power filled in, and "not decidable" when its records' tier cannot decide it. */
export function withTierPower<V extends Verdict>(verdict: V, experiment: Experiment, tier: AuditTier | 'partial'): V {
  const power = verdict.power ?? defaultPower(experiment);
  if (tier !== 'quick' || power.quick.decides || verdict.status === 'pending') return { ...verdict, power };
  const { test: _dropped, ...rest } = verdict;
  return {
    ...rest,
    power,
    status: 'not decidable on the quick tier',
    evidence: `The quick tier's design cannot decide this (${power.quick.why}); the full tier can (${power.full.design}). What the quick records show, as information and not a finding: ${verdict.evidence}`,
  } as V;
}

/** One row per verdict of the report's power table: claim, quick, full, the tier of its records. */
export function powerRows(verdicts: readonly (Verdict & { readonly tier?: AuditTier | 'partial' })[]): string[][] {
  const text = (p: TierPower | undefined) => (p === undefined ? '-' : `${p.decides ? 'decides' : 'cannot decide'}: ${p.design}; ${p.why}`);
  return verdicts.map((v) => [v.claim, text(v.power?.quick), text(v.power?.full), v.tier ?? '-']);
}
