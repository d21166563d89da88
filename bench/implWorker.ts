/**
 * What running `--impl` modules on a worker thread costs: the same module
 * (examples/typescript/solver.mjs) called in-process (guarded, as before) and through the
 * worker adapter, per gradient call on a dataset already sent, and for a first call on a new
 * dataset (which includes sending it). Rounds alternate the two so machine load hits both;
 * the ratio worker / in-process is the number to read.
 *
 * @example
 * ```sh
 * npm run bench -- worker
 * ```
 */
import { fileURLToPath } from 'node:url';
import { makeInstance } from '../src/core/instance.js';
import type { Weights } from '../src/core/layout.js';
import { guardImplementation } from '../src/impl/guardedImplementation.js';
import { loadModuleImplementation } from '../src/impl/moduleImplementation.js';
import { workerModuleImplementation } from '../src/impl/workerModuleImplementation.js';

const SOLVER = fileURLToPath(new URL('../../examples/typescript/solver.mjs', import.meta.url));
const SIZES = [
  { N: 40, d: 4, K: 2 }, // the size of most claims' cases
  { N: 1000, d: 10, K: 5 },
  { N: 20000, d: 50, K: 5 },
];

async function perCall(run: () => Promise<unknown>, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return (performance.now() - started) / calls;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the comparison, one line per size. */
export async function bench(out: (line: string) => void): Promise<void> {
  const inProcess = guardImplementation(await loadModuleImplementation(SOLVER), { timeoutMs: 60_000 });
  const worker = await workerModuleImplementation({ path: SOLVER, timeoutMs: 60_000 });
  try {
    out('(N, d, K)        | in-process ms/call | worker ms/call | ratio | first call on a new dataset: in-process / worker ms');
    for (const size of SIZES) {
      const inst = makeInstance({ ...size, kappa: 2, noiseStd: 0.1, seed: 1 });
      const W: Weights = inst.Wstar;
      const calls = Math.max(5, Math.round(20_000 / size.N));
      const a: number[] = [];
      const b: number[] = [];
      const firstA: number[] = [];
      const firstB: number[] = [];
      for (let round = 0; round < 7; round++) {
        a.push(await perCall(() => inProcess.gradient!(inst.data, W), calls));
        b.push(await perCall(() => worker.gradient!(inst.data, W), calls));
      }
      // Separately: the worker keeps each dataset until this thread collects the object,
      // and a pile of them slows the steady-state calls above by GC pressure.
      for (let round = 0; round < 7; round++) {
        const fresh = { ...inst.data }; // a new object: the worker must be sent it
        firstA.push(await perCall(() => inProcess.gradient!(fresh, W), 1));
        const fresh2 = { ...inst.data };
        firstB.push(await perCall(() => worker.gradient!(fresh2, W), 1));
      }
      const [ma, mb] = [median(a), median(b)];
      out(
        `(${size.N}, ${size.d}, ${size.K})`.padEnd(17) +
          `| ${ma.toFixed(4).padStart(18)} | ${mb.toFixed(4).padStart(14)} | ${(mb / ma).toFixed(2).padStart(5)} | ` +
          `${median(firstA).toFixed(3)} / ${median(firstB).toFixed(3)}`,
      );
    }
  } finally {
    await worker.close();
  }
}
