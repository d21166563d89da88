/**
 * From records to the report's content: each experiment's section (from its own records),
 * the verdicts gathered in one table, and how complete the audit is against each tier.
 * Everything here is a pure function of the records, so shards merged give the same report
 * as one run.
 *
 * @example
 * ```ts
 * const report = buildReport(loadRecords(['audit-out']).records, 1);
 * ```
 */
import { allTrials, EXPERIMENTS } from '../experiments/registry.js';
import type { AuditTier, Section, TrialRecord, Verdict } from '../experiments/types.js';
import { applyHolm, FAMILYWISE_LEVEL, type Family } from './holm.js';
import { withPaperValues } from './paperValueTable.js';
import { recordsTier, withTierPower } from './tierPower.js';

/** The report's content, before rendering. */
export interface Report {
  readonly masterSeed: number | undefined;
  readonly trials: number;
  /** Records of trials no tier lists any more (e.g. random-init stand-ins once tensor init exists); left out. */
  readonly stale: number;
  /** Per experiment: records found and trials of each tier. */
  readonly coverage: readonly { id: string; title: string; records: number; quick: number; full: number }[];
  /** The largest tier whose every trial is present, or 'partial'. */
  readonly tier: AuditTier | 'partial';
  readonly sections: readonly Section[];
  /**
   * Every verdict, after the tier-power rule (tierPower.ts) and the family-wise correction;
   * `tier` is the tier of its experiment's records.
   */
  readonly verdicts: readonly (Verdict & { section: string; tier?: AuditTier | 'partial' })[];
  /** The family-wise correction across the verdicts that carry a test. */
  readonly family: Family;
}

/** Builds the report content from the merged records. */
export function buildReport(all: readonly TrialRecord[], masterSeed: number | undefined): Report {
  const known = new Set([...allTrials('full'), ...allTrials('quick')].map((t) => t.id));
  const records = all.filter((r) => known.has(r.id));
  const ids = new Set(records.map((r) => r.id));
  const coverage = EXPERIMENTS.map((e) => ({
    id: e.id,
    title: e.title,
    records: records.filter((r) => r.experiment === e.id).length,
    quick: e.trials('quick').length,
    full: e.trials('full').length,
  }));
  const complete = (tier: AuditTier) => EXPERIMENTS.every((e) => e.trials(tier).every((t) => ids.has(t.id)));
  const tier = complete('full') ? 'full' : complete('quick') ? 'quick' : 'partial';
  const byExperiment = EXPERIMENTS.map((e) => {
    const own = records.filter((r) => r.experiment === e.id);
    // The papers' values beside ours lead each section (paperValueTable.ts).
    return { e, tier: recordsTier(e, own), section: withPaperValues(e.summarize(own)) };
  });
  const sections = byExperiment.map((x) => x.section);
  // Power first: a verdict its tier cannot decide leaves the Holm family (tierPower.ts).
  const judged = byExperiment.flatMap(({ e, tier, section }) => section.verdicts.map((v) => ({ ...withTierPower(v, e, tier), section: section.title, tier })));
  const { verdicts, family } = applyHolm(judged, FAMILYWISE_LEVEL);
  return { masterSeed, trials: records.length, stale: all.length - records.length, coverage, tier, sections, verdicts, family };
}
