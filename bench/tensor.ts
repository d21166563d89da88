/**
 * Benchmark: tensor initialization at d = 100, K = 15, N = 1e5 against the time of 20
 * empirical gradients at the same size (the budget), as a ratio measured in the same
 * run (the machine is shared, so only same-run ratios mean anything).
 *
 * @example
 * ```ts
 * await bench(console.log);
 * ```
 */
import { makeInstance } from '../src/core/instance.js';
import { lossAndGradient } from '../src/core/kernel.js';
import { createStreams } from '../src/core/random.js';
import { tensorInit } from '../src/core/tensor/tensorInit.js';
import { randomInit } from '../src/core/init.js';

/** Runs the benchmark, writing human-readable lines to `out`. */
export async function bench(out: (line: string) => void): Promise<void> {
  const d = 100;
  const K = 15;
  const N = 100_000;
  const inst = makeInstance({ d, K, kappa: 2, N, seed: 1 });
  const W = randomInit(d, K, createStreams(1).stream('bench-W'));
  const grad = new Float64Array(d * K);
  lossAndGradient(inst.data, W, grad); // warm-up
  let t = performance.now();
  for (let i = 0; i < 20; i++) lossAndGradient(inst.data, W, grad);
  const gradMs = performance.now() - t;
  tensorInit(inst.data, K, { stream: createStreams(1).stream('warm') }); // warm-up (JIT)
  t = performance.now();
  const r = tensorInit(inst.data, K, { stream: createStreams(2).stream('init') });
  const initMs = performance.now() - t;
  out(
    `tensor init d=${d} K=${K} N=${N}: ${initMs.toFixed(0)} ms; 20 gradients: ${gradMs.toFixed(0)} ms; ` +
      `ratio ${(initMs / gradMs).toFixed(2)} (budget <= 1; eigen iterations ${r.diagnostics.eigenIterations})`,
  );
}
