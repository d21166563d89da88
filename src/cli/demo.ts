/**
 * `relucheck demo`: a small, fast demonstration of the main claim (Theorem 4.2): gradient
 * descent from a point in the basin converges linearly to W* on noiseless data, and to within
 * the statistical error on noisy data. Kept as the quick sanity run once the audit exists.
 *
 * @example
 * ```sh
 * relucheck demo --seed 3
 * ```
 */
import { parseOptions } from './parseOptions.js';
import { alignedError } from '../core/alignedError.js';
import { gradientDescent } from '../core/gd.js';
import { makeInstance } from '../core/instance.js';
import { createStreams } from '../core/random.js';
import { LIMITS, parseIntegerOption } from './optionValues.js';
import type { CliIo, Command } from './usage.js';

/** Runs GD from W* + perturbation, noiseless and noisy, and prints the aligned errors. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'run a small demonstration of linear convergence (d = 10, K = 5)',
  help: `relucheck demo [--seed S]

Draws a teacher (d = 10, K = 5, kappa = 2, N = 5000), starts gradient descent (eta = 0.5)
from W* plus a perturbation of relative size 0.1, and prints the aligned error every 50
steps, without and with label noise (nu = 0.1).`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseOptions({ args: [...argv], options: { seed: { type: 'string' } } });
    const seed = values.seed === undefined ? 1 : parseIntegerOption('--seed', values.seed, LIMITS.seed);
    for (const nu of [0, 0.1]) {
      const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 5000, noiseStd: nu, seed });
      const noise = createStreams(seed).stream('demo-perturbation');
      const W0 = { ...inst.Wstar, data: Float64Array.from(inst.Wstar.data) };
      const scale = (0.1 * inst.teacher.frobenius) / Math.sqrt(W0.data.length);
      for (let i = 0; i < W0.data.length; i++) W0.data[i] += scale * noise.normal();
      const run = gradientDescent({ data: inst.data, W0, eta: 0.5, iterations: 300, Wstar: inst.Wstar });
      const err = run.trajectory.error!;
      io.stdout(`nu = ${nu}: aligned relative error by step (|W*|_F = ${inst.teacher.frobenius.toFixed(3)})\n`);
      for (let t = 0; t <= run.iterations; t += 50) {
        io.stdout(`  t = ${String(t).padStart(3)}  ${(err[t] / inst.teacher.frobenius).toExponential(3)}\n`);
      }
      const final = alignedError(run.W, inst.Wstar).relative;
      io.stdout(`  final ${final.toExponential(3)}\n`);
    }
    return 0;
  },
};
