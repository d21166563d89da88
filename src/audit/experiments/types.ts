/**
 * The shape of an audit experiment. Experiments are data: each one lists its trials for a
 * tier (settings and trial index, no code), runs one trial from its parameters and a seed
 * (pure: same parameters and seed give the same result), and turns the finished records into
 * a report section (figures as Vega-Lite specs, tables, verdicts). The runner and the report
 * know nothing about any particular experiment.
 *
 * @example
 * ```ts
 * for (const trial of experiment.trials('quick')) {
 *   const result = experiment.runTrial(trial.params, trialSeed(1, trial.id));
 * }
 * ```
 */

import type { TightnessSummary } from './constantsTightness.js';

/** How many trials: `quick` keeps `npm run audit` under 3 minutes; `full` uses the papers' counts. */
export type AuditTier = 'quick' | 'full';

/** Parameter values of a trial (JSON-serializable scalars). */
export type Params = Readonly<Record<string, number | string>>;

/** One trial to run: a stable id (its seed derives from it), its experiment and parameters. */
export interface TrialSpec {
  /** Stable and unique across the audit, e.g. "fig2b/d=20/ratio=4/trial=3". */
  readonly id: string;
  readonly experiment: string;
  readonly params: Params;
  /** Relative cost estimate (arbitrary units) for scheduling and the ETA. */
  readonly cost: number;
}

/** A trial's outcome: JSON-serializable numbers, strings, booleans and arrays of numbers. */
export type TrialResult = Readonly<Record<string, number | string | boolean | readonly number[]>>;

/** One line of results.jsonl. */
export interface TrialRecord {
  readonly id: string;
  readonly experiment: string;
  readonly params: Params;
  readonly masterSeed: number;
  readonly seed: number;
  readonly result: TrialResult;
  /** The experiment's revision that computed it; absent in records written before revisions (= 1). */
  readonly revision?: number;
  /** Wall time of the trial; informative only, never shown in the report (it is not reproducible). */
  readonly ms: number;
}

/** A chart: a Vega-Lite spec with its data inlined. */
export interface FigureSpec {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly vegaLite: Readonly<Record<string, unknown>>;
}

/** A table of the report (rendered to HTML and Markdown alike). */
export interface TableSpec {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * How a claim fared. `pending` means a prerequisite is not in the code base yet. `not
 * decidable on the quick tier`: the quick tier's design cannot reach one of the verdict's
 * outcomes (its {@link TierPower} says why), so whatever its records show is information, not a
 * finding; the full tier decides it.
 */
export type VerdictStatus = 'supported' | 'not supported' | 'inconclusive' | 'pending' | 'not decidable on the quick tier';

/** What one tier's design can decide about a verdict. */
export interface TierPower {
  /** The tier's design behind the verdict, in words (grid, trials). */
  readonly design: string;
  /** Whether the design can reach both a "supported" and a "not supported" verdict. */
  readonly decides: boolean;
  /** Why, in words (e.g. the smallest p-value its trials allow, an interval's width). */
  readonly why: string;
}

/** The verdict on one claim of a paper, with the evidence in words. */
export interface Verdict {
  readonly claim: string;
  /** e.g. "Zhang et al. 2019, Fig. 2(b)". */
  readonly citation: string;
  readonly status: VerdictStatus;
  readonly evidence: string;
  /** The stated tolerance the claim is held to, in words (e.g. "N exponent [-0.6, -0.4]"). */
  readonly tolerance?: string;
  /** How the verdict fares on other fit windows (edge cells dropped), shown beside it. */
  readonly sensitivity?: TableSpec;
  /**
   * The test behind a "not supported": the p-value of the claim (small rejects it). Verdicts
   * carrying one form the report's family, corrected by Holm (report/holm.ts); a "not
   * supported" the correction does not confirm is reported as inconclusive.
   */
  readonly test?: { readonly pValue: number };
  /**
   * What the quick and the full tier's designs can decide (both listed whatever tier ran);
   * buildReport fills in the experiment's trial counts when an experiment states none.
   */
  readonly power?: Readonly<Record<AuditTier, TierPower>>;
  /** Every failed run behind the verdict with the reason it failed (success-rate claims). */
  readonly failedRuns?: readonly { readonly id: string; readonly reason: string; readonly detector: string }[];
  /**
   * Bound verdicts (the constants): measured / the paper's bound with relucheck's constant
   * over the instances (constantsTightness.ts), so a reader sees how loose the bound is.
   */
  readonly tightness?: TightnessSummary;
}

/** What an experiment contributes to the report. */
export interface Section {
  readonly id: string;
  readonly title: string;
  /** Settings and decisions, in words. */
  readonly notes: readonly string[];
  readonly figures: readonly FigureSpec[];
  readonly tables: readonly TableSpec[];
  readonly verdicts: readonly Verdict[];
  /**
   * Our value for each entry of the papers' values (report/paperValues.ts) that concerns this
   * section, by entry id, in words (a setting of this tier's records, or a measured value with
   * its interval); the report prints it beside the paper's (report/paperValueTable.ts).
   */
  readonly paperComparison?: Readonly<Record<string, string>>;
}

/** An experiment of the audit. */
export interface Experiment {
  readonly id: string;
  readonly title: string;
  /**
   * Bumped whenever what a trial computes changes (not its id or parameters): records carry
   * it, and resuming or merging refuses records of another revision instead of silently
   * mixing old results into a new report (see runner/revisions.ts).
   */
  readonly revision: number;
  trials(tier: AuditTier): readonly TrialSpec[];
  runTrial(params: Params, seed: number): TrialResult;
  /** Builds the section from this experiment's records (any order; sorted inside). */
  summarize(records: readonly TrialRecord[]): Section;
}

/** A number parameter, or a thrown error naming the trial's parameter. */
export function num(params: Params, key: string): number {
  const v = params[key];
  if (typeof v !== 'number') throw new Error(`trial parameter ${key} must be a number; got ${JSON.stringify(v)}`);
  return v;
}

/** A string parameter, or a thrown error. */
export function str(params: Params, key: string): string {
  const v = params[key];
  if (typeof v !== 'string') throw new Error(`trial parameter ${key} must be a string; got ${JSON.stringify(v)}`);
  return v;
}
