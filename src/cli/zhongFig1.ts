/**
 * `relucheck zhong-fig1`: runs Zhong et al. 2017 Fig. 1(c) approaches (I), (II) and (III)
 * (squared ReLU, d = 10, k = 5, N = 10000, step 0.02) and prints log10 of the objective every
 * 100 steps, then one Fig. 1(a)-(b) trial (d = 10, N = 1000) from the squared-ReLU tensor
 * initialization.
 *
 * @example
 * ```sh
 * relucheck zhong-fig1 --seed 2 --iterations 1000
 * ```
 */
import { parseOptions } from './parseOptions.js';
import { runFig1abTrial, runFig1cTrial, squaredReluTensorInit } from '../audit/experiments/zhongFig1Trials.js';
import { LIMITS, parseIntegerOption } from './optionValues.js';
import type { CliIo, Command } from './usage.js';

/** The command. */
export const zhongFig1Command: Command = {
  name: 'zhong-fig1',
  summary: 'Zhong et al. 2017 Fig. 1(c): objective vs iterations for the three inits (squared ReLU)',
  help: `relucheck zhong-fig1 [--seed S] [--iterations T]

Squared ReLU, kappa = 2, k = 5, d = 10, N = 10000, step 0.02, no resampling. Prints log10 of
the objective every 100 steps for (I) tensor initialization of v and W (M3 path), GD on W,
(II) random v and W, GD on both, and (III) v = v*, random W, GD on W, with Zhong's final
error min_pi max_j |w*_j - w_pi(j)| / |w*_j|; then one Fig. 1(a)-(b) trial at d = 10, N = 1000
(initialization error, recovered or not).`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseOptions({
      args: [...argv],
      options: { seed: { type: 'string' }, iterations: { type: 'string' } },
    });
    const seed = values.seed === undefined ? 1 : parseIntegerOption('--seed', values.seed, LIMITS.seed);
    const iterations = values.iterations === undefined ? 1000 : parseIntegerOption('--iterations', values.iterations, LIMITS.iterations);
    for (const approach of ['I', 'II', 'III'] as const) {
      const r = runFig1cTrial({ approach, iterations }, seed, squaredReluTensorInit);
      if (r.initUsed === 'unavailable') {
        io.stdout(`(${approach}) unavailable: needs a squared-ReLU tensor initialization\n`);
        continue;
      }
      const curve = r.log10Objective.filter((_, i) => i % 10 === 0 || i === r.log10Objective.length - 1);
      io.stdout(`(${approach}) log10 objective every 100 steps: ${curve.join(' ')}\n`);
      io.stdout(`     final error ${r.finalError.toExponential(3)}, signs match: ${r.signsMatch}\n`);
    }
    const ab = runFig1abTrial({ d: 10, N: 1000 }, seed, squaredReluTensorInit);
    io.stdout(
      `Fig. 1(a)-(b) at d = 10, N = 1000: init error ${ab.initError.toExponential(3)} (signs ${ab.initSignsMatch ? 'recovered' : 'wrong'}), ` +
        `after ${ab.steps} GD steps error ${ab.finalError.toExponential(3)}, recovered: ${ab.recovered}\n`,
    );
    return 0;
  },
};
