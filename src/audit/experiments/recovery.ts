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
import { initialize, type InitKind } from './initialize.js';
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
}

/** What a recovery trial measures. */
export interface RecoveryResult {
  readonly [key: string]: number | string | boolean;
  /** Aligned error; the string 'diverged' when the iterates overflowed (JSON has no Infinity). */
  readonly error: number | 'diverged';
  readonly relError: number | 'diverged';
  readonly diverged: boolean;
  readonly initError: number;
  readonly iterations: number;
  readonly finalLoss: number | 'diverged';
  readonly initUsed: InitKind;
}

/** Runs one recovery trial from the instance and init streams of `seed`. */
export function recoveryTrial(s: RecoverySettings, seed: number): RecoveryResult {
  const inst = makeInstance({ d: s.d, K: s.K, kappa: PAPER.kappa, N: s.N, noiseStd: s.noiseStd, seed });
  const start = initialize(s.init, inst.data, s.K, createStreams(seed).stream('init'));
  const run = gradientDescent({
    data: inst.data,
    W0: start.W0,
    eta: s.eta,
    iterations: s.iterations,
    lossTolerance: s.lossTolerance,
    // Native when built, else wasm: bit-identical, so only the audit's wall time depends on it.
    kernel: createFastestKernel().lossAndGradient,
  });
  // A step too large for this sample's curvature overflows; that is a failed trial, not a bug.
  const diverged = !run.W.data.every(Number.isFinite);
  const final = diverged ? undefined : alignedError(run.W, inst.Wstar);
  return {
    error: final ? final.error : 'diverged',
    relError: final ? final.relative : 'diverged',
    diverged,
    initError: alignedError(start.W0, inst.Wstar).relative,
    iterations: run.iterations,
    finalLoss: diverged ? 'diverged' : run.trajectory.loss[run.iterations],
    initUsed: start.used,
  };
}
