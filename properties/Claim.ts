/**
 * The contract between the property suite and everything that runs it (vitest specs,
 * `relucheck check`, a user's own test suite, the audit): a claim of the papers, runnable
 * against any Implementation, with a verdict that is passed, failed (with a reproducible
 * counterexample) or not applicable.
 *
 * @example
 * ```ts
 * const result = await claim.run(impl, { seed: 42, numRuns: 20, tier: 'default' });
 * if (result.status === 'failed') console.log(result.replay);
 * ```
 */
import type { Dataset, Weights } from '../src/core/layout.js';
import type { Capability, Implementation, Precision, ReluAtZero } from '../src/impl/Implementation.js';

/** How hard to look: `default` keeps `npm test` under its time tier; `thorough` runs many more cases. */
export type Tier = 'quick' | 'default' | 'thorough';

/** Progress of one claim run, reported after every case (shrinking included). */
export interface ClaimProgress {
  readonly claimId: string;
  /** Cases evaluated so far (shrink candidates count once each). */
  readonly casesDone: number;
  /** Cases planned before any failure (the tier's or `numRuns`). */
  readonly casesPlanned: number;
  /** True once a failure was found and the run is shrinking it. */
  readonly shrinking: boolean;
}

/**
 * Builds the one shell line that replays a failed case. The runner knows where the claim ran
 * (relucheck's own suite, `relucheck check --cmd ...`, a user's vitest project), so it passes
 * its own builder; the default replays relucheck's suite on the reference.
 */
export type ReplayLineBuilder = (replay: {
  readonly claimId: string;
  readonly seed: number;
  readonly tier: Tier;
  readonly path?: string;
  readonly precision: Precision;
}) => string;

/** How a claim run is configured. */
export interface ClaimRunOptions {
  /** fast-check seed (and master seed of every instance drawn). */
  readonly seed: number;
  /** Overrides the tier's number of cases. */
  readonly numRuns?: number;
  readonly tier: Tier;
  /** Replays one counterexample (fast-check's path). */
  readonly path?: string;
  /**
   * The arithmetic the bounds assume: overrides the implementation's declaration (default
   * `float64`). Claims whose analysis does not carry over to float32 are not applicable.
   */
  readonly precision?: Precision;
  /**
   * relu'(0) the exact-kink checks hold the implementation to: overrides its declaration
   * (default 1, the `z >= 0` mask; 0 is the `z > 0` of PyTorch, TensorFlow, JAX).
   */
  readonly reluAtZero?: ReluAtZero;
  /** Stops the run between cases: `run` then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after every evaluated case. */
  readonly onProgress?: (progress: ClaimProgress) => void;
  /** Replay line for failures (default: relucheck's own suite, see properties/report.ts). */
  readonly replayLine?: ReplayLineBuilder;
}

/** What a claim's check sees besides the case: the conventions it must hold the implementation to. */
export interface CheckContext {
  readonly precision: Precision;
  /** Unit roundoff of `precision`: 2^-53 or 2^-24. */
  readonly unitRoundoff: number;
  /** The kink convention to hold the implementation to: the run option, else its declaration, else 1. */
  readonly reluAtZero: ReluAtZero;
}

/** Where a claim comes from. */
export interface Citation {
  /** e.g. "Zhang et al. 2019". */
  readonly paper: string;
  /** e.g. "Lemma 5.1" or "eq. (3.2)". */
  readonly where: string;
}

/**
 * The named mistakes a failed exact claim is tested against (properties/diagnosis/).
 * `missing-noise`: a population loss without its nu^2 / 2; `none`: no named mistake fits
 * (or the answers agree with relucheck's reference, and the claim's own comparison failed).
 */
export type DiagnosisHypothesis =
  | 'constant-factor'
  | 'transposed-layout'
  | 'float32-rounding'
  | 'sign-flip'
  | 'permuted-units'
  | 'kink-convention'
  | 'missing-noise'
  | 'none';

/** The best-fitting explanation of a failure, in words and as data. */
export interface Diagnosis {
  readonly hypothesis: DiagnosisHypothesis;
  /** One sentence for people: "gradient is 0.5 x the expected one: a missing 1/2 or 1/N?". */
  readonly summary: string;
  /** The numbers behind it: residual of the best fit against the raw mismatch. */
  readonly evidence: string;
  /** Every hypothesis tried, best first, with its relative residual (0 = explains it exactly). */
  readonly tried: readonly { readonly hypothesis: DiagnosisHypothesis; readonly residual: number }[];
}

/** A value of a failing case: a scalar, or an array with its shape (row-major). */
export type CaseValue = number | { readonly shape: readonly number[]; readonly data: Float64Array };

/**
 * The failing case's inputs and both answers, so that anyone (a Python author included) can
 * rebuild it without relucheck: `relucheck check --dump-case DIR` writes it as JSON and .npy.
 * Weight matrices are d x K (shape [d, K], unit k in column k); X is N x d.
 */
export interface FailingCase {
  /** The method called, e.g. "gradient". */
  readonly method: string;
  readonly inputs: Readonly<Record<string, CaseValue>>;
  readonly expected?: CaseValue;
  readonly actual?: CaseValue;
  /** Further answers of a method with several (GD's loss trace beside its final W). */
  readonly outputs?: Readonly<Record<string, { readonly expected: CaseValue; readonly actual: CaseValue }>>;
}

/**
 * One call a failed claim made, named for the diagnosis: properties/diagnosis/ replays it on
 * the implementation and on relucheck's reference (under each hypothesis) and compares.
 * Weights are in relucheck's layout (Implementation.ts).
 */
export type DiagnosisCall =
  | { readonly method: 'loss'; readonly data: Dataset; readonly W: Weights }
  | { readonly method: 'gradient'; readonly data: Dataset; readonly W: Weights }
  | { readonly method: 'hvp'; readonly data: Dataset; readonly W: Weights; readonly u: Float64Array }
  | { readonly method: 'gradientDescent'; readonly data: Dataset; readonly W0: Weights; readonly eta: number; readonly iterations: number }
  | { readonly method: 'populationLoss'; readonly Wstar: Weights; readonly W: Weights; readonly nu: number }
  | { readonly method: 'populationGradient'; readonly Wstar: Weights; readonly W: Weights }
  | { readonly method: 'populationHvp'; readonly Wstar: Weights; readonly W: Weights; readonly u: Float64Array };

/** Verdict of one claim against one implementation. */
export type ClaimResult =
  | {
      readonly status: 'passed';
      readonly numRuns: number;
      readonly seed: number;
      /** Information that is never a failure, e.g. "your init's error is 2.3x the reference's". */
      readonly detail?: string;
    }
  | {
      readonly status: 'failed';
      readonly seed: number;
      /** The tier the case was drawn at (with seed and path, all a replay needs). */
      readonly tier?: Tier;
      /** fast-check path of the shrunk counterexample. */
      readonly path?: string;
      /** The shrunk instance and point, printable. */
      readonly counterexample: string;
      /** Measured vs bound, in words: "probe 0.0012 < bound 0.0031 (tolerance ...)". */
      readonly message: string;
      /** One line that replays exactly this case. */
      readonly replay: string;
      /** The best explanation of the shrunk case's mismatch (exact claims). */
      readonly diagnosis?: Diagnosis;
      /** The shrunk case's inputs and answers. */
      readonly failingCase?: FailingCase;
    }
  | {
      readonly status: 'not-applicable';
      readonly missing: readonly Capability[];
      /** Why, when it is not a missing capability (e.g. "no float32 analysis of ..."). */
      readonly reason?: string;
    };

/** What a claim draws, per parameter, in words: `{ d: '2..32', K: '1..8', N: '10..4000 (odd and even)' }`. */
export type ClaimRanges = Readonly<Record<string, string>>;

/** A claim of the papers as a runnable check. */
export interface Claim {
  /** Stable id, e.g. "gradient-finite-differences". */
  readonly id: string;
  readonly title: string;
  readonly citation: Citation;
  /** Capabilities the implementation must offer; otherwise the verdict is not-applicable. */
  readonly needs: readonly Capability[];
  /**
   * False-alarm budget per thorough run of the claim on a correct implementation (0 for exact
   * claims): the probability that a correct implementation fails it. See falseAlarmBudgets.
   */
  readonly falseAlarmBudget: number;
  /**
   * The budget per run of each tier (per-case probability x the tier's cases, a union bound);
   * absent: falseAlarmBudget at every tier. The suite's budgets (properties/suiteBudget.ts) are
   * the sums of these over the claims.
   */
  readonly falseAlarmBudgets?: Readonly<Record<Tier, number>>;
  /** The ranges of the cases it draws (for `relucheck check --list` and docs). */
  readonly ranges?: ClaimRanges;
  /** Precisions at which the claim is not applicable, with the reason. */
  readonly notApplicableAt?: Readonly<Partial<Record<Precision, string>>>;
  run(impl: Implementation, options: ClaimRunOptions): Promise<ClaimResult>;
}
