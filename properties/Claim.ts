/**
 * The contract between the property suite and everything that runs it (vitest specs,
 * `relucheck check`, the audit): a claim of the papers, runnable against any Implementation,
 * with a verdict that is passed, failed (with a reproducible counterexample) or not applicable.
 *
 * @example
 * ```ts
 * const result = await claim.run(impl, { seed: 42, numRuns: 20, tier: 'default' });
 * if (result.status === 'failed') console.log(result.replay);
 * ```
 */
import type { Capability, Implementation } from '../src/impl/Implementation.js';

/** How hard to look: `default` keeps `npm test` under its time tier; `thorough` runs many more cases. */
export type Tier = 'quick' | 'default' | 'thorough';

/** How a claim run is configured. */
export interface ClaimRunOptions {
  /** fast-check seed (and master seed of every instance drawn). */
  readonly seed: number;
  /** Overrides the tier's number of cases. */
  readonly numRuns?: number;
  readonly tier: Tier;
  /** Replays one counterexample (fast-check's path). */
  readonly path?: string;
}

/** Where a claim comes from. */
export interface Citation {
  /** e.g. "Zhang et al. 2019". */
  readonly paper: string;
  /** e.g. "Lemma 5.1" or "eq. (3.2)". */
  readonly where: string;
}

/** Verdict of one claim against one implementation. */
export type ClaimResult =
  | { readonly status: 'passed'; readonly numRuns: number; readonly seed: number; readonly detail?: string }
  | {
      readonly status: 'failed';
      readonly seed: number;
      /** fast-check path of the shrunk counterexample. */
      readonly path?: string;
      /** The shrunk instance and point, printable. */
      readonly counterexample: string;
      /** Measured vs bound, in words: "probe 0.0012 < bound 0.0031 (tolerance ...)". */
      readonly message: string;
      /** One line that replays exactly this case. */
      readonly replay: string;
    }
  | { readonly status: 'not-applicable'; readonly missing: readonly Capability[] };

/** A claim of the papers as a runnable check. */
export interface Claim {
  /** Stable id, e.g. "gradient-finite-differences". */
  readonly id: string;
  readonly title: string;
  readonly citation: Citation;
  /** Capabilities the implementation must offer; otherwise the verdict is not-applicable. */
  readonly needs: readonly Capability[];
  /** False-alarm budget per run of the claim on a correct implementation (0 for exact claims). */
  readonly falseAlarmBudget: number;
  run(impl: Implementation, options: ClaimRunOptions): Promise<ClaimResult>;
}
