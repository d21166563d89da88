/**
 * verdicts.json: the report's verdicts for CI, one object a job can read without parsing
 * Markdown: provenance, tier, seed, the family-wise correction, counts by status, and every
 * verdict (after the correction) with its tolerance and p-value (and, for success-rate
 * verdicts, every failed run with the reason it failed; for the constants' verdicts, the
 * bound's tightness over the instances). `relucheck audit --strict`
 * exits non-zero exactly when `counts["not supported"] > 0`.
 *
 * @example
 * ```ts
 * writeFileSync('verdicts.json', JSON.stringify(verdictsJson(report, provenance), null, 2));
 * ```
 */
import type { Verdict, VerdictStatus } from '../experiments/types.js';
import type { Report } from './buildReport.js';
import type { Family } from './holm.js';
import type { Provenance } from './provenance.js';

/** The schema tag, bumped when a field changes meaning. */
// 2: status 'not decidable on the quick tier' (and its count) and each verdict's power per tier.
export const VERDICTS_SCHEMA = 'relucheck-audit-verdicts/2';

/** The file's content. */
export interface VerdictsFile {
  readonly schema: typeof VERDICTS_SCHEMA;
  readonly provenance: Provenance;
  readonly tier: Report['tier'];
  readonly masterSeed: number | null;
  readonly trials: number;
  readonly family: Family;
  readonly counts: Readonly<Record<VerdictStatus, number>>;
  readonly verdicts: readonly {
    readonly section: string;
    readonly claim: string;
    readonly citation: string;
    readonly status: VerdictStatus;
    readonly tolerance: string | null;
    readonly pValue: number | null;
    readonly evidence: string;
    /** What the quick and the full tier's designs can decide (tierPower.ts). */
    readonly power: Verdict['power'] | null;
    /** The tier of the verdict's experiment's records. */
    readonly recordsTier: NonNullable<Report['verdicts'][number]['tier']> | null;
    /** Success-rate verdicts: every failed run, with its reason and the detector behind it. */
    readonly failedRuns?: Verdict['failedRuns'];
    /** Bound verdicts (the constants): measured / the paper's bound with relucheck's constant (constantsTightness.ts). */
    readonly tightness?: Verdict['tightness'];
  }[];
}

/** Builds verdicts.json's content. */
export function verdictsJson(report: Report, provenance: Provenance): VerdictsFile {
  const counts: Record<VerdictStatus, number> = { supported: 0, 'not supported': 0, inconclusive: 0, pending: 0, 'not decidable on the quick tier': 0 };
  for (const v of report.verdicts) counts[v.status]++;
  return {
    schema: VERDICTS_SCHEMA,
    provenance,
    tier: report.tier,
    masterSeed: report.masterSeed ?? null,
    trials: report.trials,
    family: report.family,
    counts,
    verdicts: report.verdicts.map((v) => ({
      section: v.section,
      claim: v.claim,
      citation: v.citation,
      status: v.status,
      tolerance: v.tolerance ?? null,
      // JSON has no NaN/Infinity: a p-value that is not finite is written as null.
      pValue: v.test && Number.isFinite(v.test.pValue) ? v.test.pValue : null,
      evidence: v.evidence,
      power: v.power ?? null,
      recordsTier: v.tier ?? null,
      ...(v.failedRuns === undefined ? {} : { failedRuns: v.failedRuns }),
      ...(v.tightness === undefined ? {} : { tightness: v.tightness }),
    })),
  };
}
