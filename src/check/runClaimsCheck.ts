/**
 * Runs claims of the property suite against an implementation under supervision and turns
 * every outcome into a verdict: passed, failed (with counterexample and replay), not
 * applicable, or errored (the implementation crashed, hung, broke the protocol). Faults met
 * by a claim are attributed to it even when the claim caught the exception; after a fatal
 * fault the implementation is restarted for the next claim (one crash costs one claim).
 *
 * @example
 * ```ts
 * const report = await runClaimsCheck({ connect, claims, seed: 1, tier: 'default', replayPrefix });
 * process.exitCode = report.exitCode;
 * ```
 */
import type { Claim, ClaimProgress, Diagnosis, FailingCase, Tier } from '../../properties/Claim.js';
import { hasCapability, type Capability, type Precision, type ReluAtZero } from '../impl/Implementation.js';
import { ImplementationFault, isFault } from '../impl/ImplementationFault.js';
import type { GuardedImplementation } from '../impl/guardedImplementation.js';
import { checkReplayLine } from './checkReplayLine.js';
import { EXIT } from './exitCodes.js';
import { capLength, DISPLAY_LIMITS } from '../core/displayText.js';

export { shellQuote } from './checkReplayLine.js';

/** An implementation that `runClaimsCheck` can supervise. */
export interface SupervisedImplementation extends GuardedImplementation {
  /** Set when the implementation died (process adapters); then it is restarted. */
  readonly fault?: ImplementationFault | undefined;
  stderrTail?(): string;
  /** Releases the datasets the implementation holds (process adapters with protocol `drop`). */
  releaseDatasets?(): Promise<void>;
}

/** The verdict on one claim. */
export interface ClaimVerdict {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly status: 'passed' | 'failed' | 'not-applicable' | 'errored';
  readonly seconds: number;
  /** not applicable: why; failed/errored: what went wrong. */
  readonly message?: string;
  /**
   * passed: one line of information that is never a failure (e.g. "init error 2.3x the
   * reference's at N = 5e5"), from the claim's cases.
   */
  readonly detail?: string;
  readonly counterexample?: string;
  /**
   * A `relucheck check` command that replays exactly this claim and case (the only replay an
   * external implementation gets: relucheck's vitest line would rerun relucheck's reference).
   */
  readonly replay?: string;
  /** The same line as `replay` (kept for readers of older `--json` documents). */
  readonly checkReplay?: string;
  readonly seed: number;
  readonly path?: string;
  readonly numRuns?: number;
  readonly missing?: readonly Capability[];
  readonly fault?: { readonly kind: string; readonly message: string; readonly stderr: string };
  /** failed: the best explanation of the shrunk case's mismatch (exact claims). */
  readonly diagnosis?: Diagnosis;
  /** failed: the shrunk case's inputs and both answers (for `--dump-case`). */
  readonly failingCase?: FailingCase;
}

/** The outcome of a check. */
export interface ClaimsCheckReport {
  readonly verdicts: readonly ClaimVerdict[];
  readonly counts: Readonly<Record<ClaimVerdict['status'], number>>;
  /** No claim ran: every one was not applicable (or none was selected). */
  readonly nothingChecked: boolean;
  /** 0 every applicable claim held, 1 one failed or nothing was checked, 2 one errored. */
  readonly exitCode: number;
}

/** Settings of a check run. */
export interface ClaimsCheckOptions {
  /** Starts (or restarts) the implementation. */
  readonly connect: () => Promise<SupervisedImplementation>;
  readonly claims: readonly Claim[];
  readonly seed: number;
  readonly tier: Tier;
  readonly numRuns?: number;
  /** Replays one counterexample (needs exactly one claim). */
  readonly path?: string;
  /** `relucheck check --cmd '...'` (with the options that select the implementation). */
  readonly replayPrefix: string;
  /** The arithmetic the bounds assume (default: what the implementation declares). */
  readonly precision?: Precision;
  /** relu'(0) the exact-kink checks hold the implementation to (default: what it declares, else 1). */
  readonly reluAtZero?: ReluAtZero;
  /** A run in which no claim applied exits 0 instead of 1 (like vitest's `--passWithNoTests`). */
  readonly passWithNone?: boolean;
  /** Stops the run between cases. */
  readonly signal?: AbortSignal;
  /** Called before each claim starts (progress output). */
  readonly onClaimStart?: (claim: Claim) => void;
  /** Called after every case of a claim. */
  readonly onProgress?: (progress: ClaimProgress) => void;
  /** Called after each verdict (progress output). */
  readonly onVerdict?: (verdict: ClaimVerdict) => void;
}

/** Runs every claim and collects verdicts. The implementation is closed at the end. */
export async function runClaimsCheck(options: ClaimsCheckOptions): Promise<ClaimsCheckReport> {
  const verdicts: ClaimVerdict[] = [];
  let impl: SupervisedImplementation | undefined = await options.connect();
  let deadFault: ImplementationFault | undefined;
  try {
    for (const claim of options.claims) {
      if (!impl && !deadFault) {
        try {
          impl = await options.connect();
        } catch (err) {
          if (!isFault(err)) throw err;
          deadFault = err; // could not restart: every later claim errors without a new attempt
        }
      }
      options.onClaimStart?.(claim);
      const verdict = impl
        ? await runOne(claim, impl, options)
        : base(claim, options, 0, 'errored', { message: capLength(`implementation could not be restarted: ${deadFault!.message}`, DISPLAY_LIMITS.block), fault: faultInfo(deadFault!) });
      verdicts.push(verdict);
      options.onVerdict?.(verdict);
      if (impl?.fault) {
        await impl.close?.();
        impl = undefined;
      }
    }
  } finally {
    await impl?.close?.();
  }
  const counts = { passed: 0, failed: 0, 'not-applicable': 0, errored: 0 };
  for (const v of verdicts) counts[v.status]++;
  const nothingChecked = counts.passed + counts.failed + counts.errored === 0;
  const exitCode =
    counts.errored > 0 ? EXIT.usage : counts.failed > 0 || (nothingChecked && !options.passWithNone) ? EXIT.claimFailed : EXIT.ok;
  return { verdicts, counts, nothingChecked, exitCode };
}

async function runOne(claim: Claim, impl: SupervisedImplementation, options: ClaimsCheckOptions): Promise<ClaimVerdict> {
  const missing = claim.needs.filter((c) => !hasCapability(impl, c));
  if (missing.length > 0) return base(claim, options, 0, 'not-applicable', { missing });
  const started = performance.now();
  impl.takeFaults();
  let result: Awaited<ReturnType<Claim['run']>> | undefined;
  let thrown: unknown;
  try {
    result = await claim.run(impl, {
      seed: options.seed,
      tier: options.tier,
      numRuns: options.numRuns,
      path: options.path,
      ...(options.precision === undefined ? {} : { precision: options.precision }),
      ...(options.reluAtZero === undefined ? {} : { reluAtZero: options.reluAtZero }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      replayLine: checkReplayLine(options.replayPrefix),
    });
  } catch (err) {
    thrown = err;
  }
  // The claim is over and nothing it built is reachable from here: the child may drop its
  // datasets (garbage collection would tell it too, but at a time nobody controls).
  const released = await release(impl);
  const seconds = (performance.now() - started) / 1000;
  const faults = impl.takeFaults();
  if (released) faults.push(released);
  const fault = faults[0] ?? (isFault(thrown) ? thrown : undefined);
  if (fault && !fault.isWrongAnswer) {
    return base(claim, options, seconds, 'errored', { message: capLength(fault.message, DISPLAY_LIMITS.block), fault: faultInfo(fault, impl) });
  }
  if (fault) {
    // A wrong answer (NaN, wrong shape): the claim fails whatever it concluded from it.
    const failed = result?.status === 'failed' ? result : undefined;
    return base(claim, options, seconds, 'failed', {
      message: `implementation returned a wrong answer: ${capLength(fault.message, DISPLAY_LIMITS.block)}`,
      counterexample: failed?.counterexample,
      path: failed?.path,
      fault: faultInfo(fault, impl),
      precision: precisionOf(impl, options),
    });
  }
  if (thrown !== undefined) {
    const e = thrown as Error;
    return base(claim, options, seconds, 'errored', { message: capLength(`claim ${claim.id} threw: ${e?.stack ?? String(e)}`, DISPLAY_LIMITS.block) });
  }
  switch (result!.status) {
    case 'passed':
      return base(claim, options, seconds, 'passed', {
        numRuns: result!.numRuns,
        ...(result!.detail === undefined ? {} : { detail: result!.detail }),
      });
    case 'not-applicable':
      return base(claim, options, seconds, 'not-applicable', {
        missing: result!.missing,
        ...(result!.reason === undefined ? {} : { message: result!.reason }),
      });
    case 'failed':
      return base(claim, options, seconds, 'failed', {
        message: result!.message,
        counterexample: result!.counterexample,
        path: result!.path,
        precision: precisionOf(impl, options),
        ...(result!.diagnosis === undefined ? {} : { diagnosis: result!.diagnosis }),
        ...(result!.failingCase === undefined ? {} : { failingCase: result!.failingCase }),
      });
  }
}

/** Releases the claim's datasets; a fault from the drop is the claim's (it ran last). */
async function release(impl: SupervisedImplementation): Promise<ImplementationFault | undefined> {
  try {
    await impl.releaseDatasets?.();
    return undefined;
  } catch (err) {
    if (!isFault(err)) throw err;
    return err;
  }
}

function base(
  claim: Claim,
  options: ClaimsCheckOptions,
  seconds: number,
  status: ClaimVerdict['status'],
  { precision, ...extra }: Partial<ClaimVerdict> & { precision?: Precision },
): ClaimVerdict {
  const verdict: ClaimVerdict = {
    id: claim.id,
    title: claim.title,
    citation: `${claim.citation.paper}, ${claim.citation.where}`,
    status,
    seconds,
    seed: options.seed,
    ...extra,
  };
  if (status !== 'failed' && status !== 'errored') return verdict;
  // Built here rather than taken from the claim's result: a claim that ignores the replay
  // builder (or never returned) must still not hand out relucheck's own vitest line.
  const path = verdict.path ?? options.path;
  const replay = checkReplayLine(options.replayPrefix)({
    claimId: claim.id,
    seed: options.seed,
    tier: options.tier,
    precision: precision ?? options.precision ?? 'float64',
    ...(path === undefined ? {} : { path }),
  });
  return { ...verdict, replay, checkReplay: replay };
}

function precisionOf(impl: SupervisedImplementation, options: ClaimsCheckOptions): Precision {
  return options.precision ?? impl.precision ?? 'float64';
}

/** The fault for the verdict: its message and stderr are the implementation's text, so capped (JSON and text alike). */
function faultInfo(fault: ImplementationFault, impl?: SupervisedImplementation) {
  const stderr = fault.stderr || impl?.stderrTail?.() || '';
  const tail = stderr.length > 2 * DISPLAY_LIMITS.block ? stderr.slice(-2 * DISPLAY_LIMITS.block) : stderr;
  return { kind: fault.kind, message: capLength(fault.message, DISPLAY_LIMITS.block), stderr: tail };
}
