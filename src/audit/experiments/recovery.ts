/**
 * One recovery trial (Figures 2(b)-(d)): draw the papers' teacher with N samples, initialize,
 * run full-sample gradient descent (Algorithm 1) and measure the aligned error.
 *
 * @example
 * ```ts
 * const r = recoveryTrial({ d: 20, K: 5, N: 400, noiseStd: 0, init: 'random', eta: 0.5, iterations: 3000, lossTolerance: 1e-12 }, seed);
 * r.relError !== 'diverged' && r.relError <= 1e-3; // success
 * ```
 */
import { alignedError } from '../../core/alignedError.js';
import { gradientDescent } from '../../core/gd.js';
import { createFastestKernel } from '../../native/fastestKernel.js';
import { makeInstance } from '../../core/instance.js';
import { createStreams } from '../../core/random.js';
import { basinRadius } from '../../theory/quantities.js';
import { initialize, type InitKind } from './initialize.js';
import { PLATEAU_RATIO, PLATEAU_WINDOW } from './failureReason.js';
import { PAPER } from './settings.js';

/** Settings of a recovery trial. */
export interface RecoverySettings {
  readonly d: number;
  readonly K: number;
  readonly N: number;
  readonly noiseStd: number;
  readonly init: InitKind;
  /** Step size (the paper's 0.5 unless stated). */
  readonly eta: number;
  readonly iterations: number;
  /** Early-stop loss; 0 runs all iterations (the noisy case never reaches a small loss). */
  readonly lossTolerance: number;
  /** Early stop at a stationary point: |grad L_N|_F <= this (default: run the budget out). */
  readonly gradientTolerance?: number;
  /**
   * While the loss is still falling at the budget's end (no plateau, failureReason.ts), GD
   * continues for up to this many further budgets (default 0), so a slow run is decided.
   */
  readonly extensions?: number;
}

/** What a recovery trial measures. */
export interface RecoveryResult {
  readonly [key: string]: number | string | boolean;
  /** Aligned error; the string 'diverged' when the iterates overflowed (JSON has no Infinity). */
  readonly error: number | 'diverged';
  readonly relError: number | 'diverged';
  readonly diverged: boolean;
  /** Aligned relative error of the start. */
  readonly initError: number;
  /** Aligned |W0 - W* P|_F of the start (absolute). */
  readonly initDistance: number;
  /**
   * s_K / (lambda kappa^3 K^2) of the teacher: Theorem 4.2's ball has radius c times this, so
   * initDistance / ballUnit is the c a start needs to lie inside it (startBall.ts).
   */
  readonly ballUnit: number;
  /** The teacher's smallest singular value (Lemma 5.2's ball has radius s_K / 2). */
  readonly sK: number;
  /** Steps taken in all, extensions included. */
  readonly iterations: number;
  /** Further budgets run because the loss was still falling. */
  readonly extensions: number;
  readonly finalLoss: number | 'diverged';
  readonly initUsed: InitKind;
  /** |grad L_N|_F at the final iterate ('diverged' when it overflowed). */
  readonly gradientNorm: number | 'diverged';
  /** Why GD stopped: the loss or gradient tolerance, the step budget, or overflow. */
  readonly stoppedBy: 'loss' | 'gradient' | 'budget' | 'diverged';
  /**
   * L_N at the end over L_N PLATEAU_WINDOW of the budget earlier (1 when the last budget run is shorter):
   * near 1 the loss has stopped falling (the plateau detector of failureReason.ts).
   */
  readonly lossWindowRatio: number | 'diverged';
}

/** Runs one recovery trial from the instance and init streams of `seed`. */
export function recoveryTrial(s: RecoverySettings, seed: number): RecoveryResult {
  const inst = makeInstance({ d: s.d, K: s.K, kappa: PAPER.kappa, N: s.N, noiseStd: s.noiseStd, seed });
  const start = initialize(s.init, inst.data, s.K, createStreams(seed).stream('init'));
  const gtol = s.gradientTolerance ?? -1;
  const back = Math.max(1, Math.round(PLATEAU_WINDOW * s.iterations));
  const chunk = (W0: typeof start.W0) =>
    gradientDescent({
      data: inst.data,
      W0,
      eta: s.eta,
      iterations: s.iterations,
      lossTolerance: s.lossTolerance,
      ...(s.gradientTolerance === undefined ? {} : { gradientTolerance: s.gradientTolerance }),
      // Native when built, else wasm: bit-identical, so only the audit's wall time depends on it.
      kernel: createFastestKernel().lossAndGradient,
    });
  let run = chunk(start.W0);
  let iterations = run.iterations;
  let extensions = 0;
  // Continuing from the last iterate is the same arithmetic as one longer run.
  const finite = () => run.W.data.every(Number.isFinite);
  const ratio = () => (run.iterations >= back ? run.trajectory.loss[run.iterations] / run.trajectory.loss[run.iterations - back] : 1);
  const stop = () => (!finite() ? 'diverged' : run.trajectory.loss[run.iterations] <= s.lossTolerance ? 'loss' : run.gradientNorm <= gtol ? 'gradient' : 'budget');
  while (extensions < (s.extensions ?? 0) && stop() === 'budget' && ratio() < PLATEAU_RATIO) {
    run = chunk(run.W);
    iterations += run.iterations;
    extensions++;
  }
  // A step too large for this sample's curvature overflows; that is a failed trial, not a bug.
  const diverged = !finite();
  const final = diverged ? undefined : alignedError(run.W, inst.Wstar);
  const stoppedBy = stop();
  const startError = alignedError(start.W0, inst.Wstar);
  // A run can stop with finite iterates whose loss or error overflowed: 'diverged' too, as JSON
  // would write Infinity as null (refused on reading, resultFields.ts). Records with finite
  // values are unchanged, so the experiment's revision stays.
  const orDiverged = (x: number): number | 'diverged' => (Number.isFinite(x) ? x : 'diverged');
  return {
    error: final ? orDiverged(final.error) : 'diverged',
    relError: final ? orDiverged(final.relative) : 'diverged',
    diverged,
    initError: startError.relative,
    initDistance: startError.error,
    ballUnit: basinRadius(inst.teacher, 1),
    sK: inst.teacher.sK,
    iterations,
    extensions,
    finalLoss: diverged ? 'diverged' : orDiverged(run.trajectory.loss[run.iterations]),
    initUsed: start.used,
    gradientNorm: diverged ? 'diverged' : orDiverged(run.gradientNorm),
    stoppedBy,
    lossWindowRatio: diverged ? 'diverged' : orDiverged(ratio()),
  };
}
