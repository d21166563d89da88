/**
 * The gradient kernel against NumPy (issue 2): milliseconds per loss+gradient at four sizes,
 * for the plain reference loop, the specialized TS loops, the wasm SIMD kernel and the wasm
 * kernel on 2 worker threads, against NumPy with 1 and 2 BLAS threads, all measured in this
 * run. Runs are interleaved (round-robin, rotating the order each round) after a warm-up and
 * summarized by medians, because the machine is shared and noisy.
 *
 * @example
 * ```ts
 * await bench((line) => console.log(line));
 * ```
 */
import { loadavg } from 'node:os';
import type { LossGradientFn } from '../src/core/gd.js';
import { makeInstance } from '../src/core/instance.js';
import { lossAndGradient } from '../src/core/kernel.js';
import { specializedLossAndGradient } from '../src/core/kernels/specialized.js';
import { createWasmKernel } from '../src/core/kernels/wasm.js';
import type { Weights } from '../src/core/layout.js';
import { createNativeKernel, nativeKernelStatus } from '../src/native/nativeKernel.js';
import { createParallelKernel } from '../src/parallel/parallelKernel.js';
import { startNumpy } from './numpyBaseline.js';

const SIZES: ReadonlyArray<readonly [number, number, number]> = [
  [5000, 10, 5],
  [20000, 50, 5],
  [10000, 100, 15],
  [100000, 100, 10],
];
/** Issue 2's per-core float64 peak estimate (GFLOP/s). */
const STATED_PEAK = 45;
const ROUNDS = 7;
/** Target wall time of one contender's batch in a round. */
const BATCH_MS = 40;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
};

function timeCalls(fn: LossGradientFn, data: Parameters<LossGradientFn>[0], W: Weights, reps: number): number[] {
  const grad = new Float64Array(W.d * W.K);
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn(data, W, grad);
    ms.push(performance.now() - t);
  }
  return ms;
}

/** Runs the kernel benchmark, printing through `out`. */
export async function bench(out: (line: string) => void): Promise<void> {
  out(`# gradient kernel vs NumPy (load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  const np1 = await startNumpy(1);
  const np2 = await startNumpy(2);
  const native = nativeKernelStatus();
  const parWasm = await createParallelKernel({ workers: 2, backend: 'wasm' });
  const parNative = native.available ? await createParallelKernel({ workers: 2, backend: 'native' }) : undefined;
  try {
    out(native.available
      ? `native kernel: ${native.isa} (${native.path})`
      : `native kernel: unavailable (${native.reason}); its rows are left out`);
    out(`NumPy 1 thread: ${np1.blas}`);
    out(`NumPy 2 threads: ${np2.blas}`);
    const peak = await np1.peak();
    out(`float64 peak per core: stated ~${STATED_PEAK} GFLOP/s; NumPy 1-thread 1000^3 dgemm here: ${peak.toFixed(1)} GFLOP/s`);
    out('flops per loss+gradient = 4 N d K; ratio = our ms / NumPy ms (< 1: faster than NumPy)');
    out('');
    // One row per (size, backend): both the summary and the target verdicts are read from it.
    const results: Array<{ size: string; name: string; threads: 1 | 2; vs1: number; vs2: number }> = [];
    for (const [N, d, K] of SIZES) {
      const inst = makeInstance({ d, K, kappa: 2, N, noiseStd: 0.1, seed: 1 });
      const W: Weights = { d, K, data: inst.Wstar.data.map((v, q) => v + 0.3 * Math.sin(q)) };
      // [name, kernel, threads it runs on]
      const ours: Array<[string, LossGradientFn, 1 | 2]> = [
        ['plain TS', lossAndGradient, 1],
        ['specialized TS', specializedLossAndGradient, 1],
        ['wasm SIMD', createWasmKernel().lossAndGradient, 1],
        ...(native.available ? [['native C', createNativeKernel().lossAndGradient, 1] as [string, LossGradientFn, 1]] : []),
        ['wasm, caller + 1 worker', parWasm.lossAndGradient, 2],
        ...(parNative ? [['native, caller + 1 worker', parNative.lossAndGradient, 2] as [string, LossGradientFn, 2]] : []),
      ];
      const samples = new Map<string, number[]>();
      const reps = new Map<string, number>();
      // Warm-up (JIT tiers, resident data, NumPy caches), then reps per batch from its speed.
      for (const [name, fn] of ours) {
        timeCalls(fn, inst.data, W, 2);
        const est = median(timeCalls(fn, inst.data, W, 3));
        reps.set(name, Math.max(1, Math.min(200, Math.round(BATCH_MS / est))));
        samples.set(name, []);
      }
      for (const [name, np] of [['NumPy 1 thread', np1], ['NumPy 2 threads', np2]] as const) {
        const est = median(await np.time(N, d, K, 3));
        reps.set(name, Math.max(1, Math.min(200, Math.round(BATCH_MS / est))));
        samples.set(name, []);
      }
      const contenders: Array<[string, () => Promise<number[]>]> = [
        ...ours.map(([name, fn]) => [name, async () => timeCalls(fn, inst.data, W, reps.get(name)!)] as [string, () => Promise<number[]>]),
        ['NumPy 1 thread', () => np1.time(N, d, K, reps.get('NumPy 1 thread')!)],
        ['NumPy 2 threads', () => np2.time(N, d, K, reps.get('NumPy 2 threads')!)],
      ];
      for (let round = 0; round < ROUNDS; round++) {
        for (let c = 0; c < contenders.length; c++) {
          const [name, f] = contenders[(c + round) % contenders.length];
          samples.get(name)!.push(...(await f()));
        }
      }
      const ms = new Map([...samples].map(([k, v]) => [k, median(v)]));
      const n1 = ms.get('NumPy 1 thread')!;
      const n2 = ms.get('NumPy 2 threads')!;
      const flops = 4 * N * d * K;
      out(`(N, d, K) = (${N}, ${d}, ${K}): NumPy ${n1.toFixed(3)} ms (1 thread), ${n2.toFixed(3)} ms (2 threads)`);
      for (const [name, , threads] of ours) {
        const t = ms.get(name)!;
        results.push({ size: `${N},${d},${K}`, name, threads, vs1: t / n1, vs2: t / n2 });
        const gf = flops / t / 1e6;
        out(`  ${name.padEnd(17)} ${t.toFixed(3).padStart(9)} ms  vs NumPy-1t ${(t / n1).toFixed(2)}x  vs NumPy-2t ${(t / n2).toFixed(2)}x  ${gf.toFixed(1)} GFLOP/s = ${((100 * gf) / STATED_PEAK).toFixed(0)}% of ${STATED_PEAK} (${((100 * gf) / peak).toFixed(0)}% of measured dgemm)`);
      }
      out(`  (NumPy 1 thread: ${(flops / n1 / 1e6).toFixed(1)} GFLOP/s)`);
    }
    out('');
    out('summary: size | backend | ours/NumPy-1t | ours/NumPy-2t');
    for (const r of results) out(`  ${r.size} | ${r.name} | ${r.vs1.toFixed(2)} | ${r.vs2.toFixed(2)}`);
    // Issue 2's targets: one thread vs NumPy-1t and two cores vs NumPy-2t, every size, with
    // the fastest backend of that thread count at each size.
    out('');
    for (const [threads, label] of [[1, 'one thread vs NumPy-1t'], [2, 'two cores vs NumPy-2t']] as const) {
      const bySize = new Map<string, [string, number]>();
      for (const r of results.filter((x) => x.threads === threads)) {
        const ratio = threads === 1 ? r.vs1 : r.vs2;
        const cur = bySize.get(r.size);
        if (!cur || ratio < cur[1]) bySize.set(r.size, [r.name, ratio]);
      }
      const met = [...bySize.values()].every(([, r]) => r <= 1);
      out(`target ${label}: ${met ? 'MET' : 'NOT MET'} (${[...bySize].map(([size, [name, r]]) => `${size}: ${r.toFixed(2)} ${name}`).join('; ')})`);
    }
  } finally {
    np1.close();
    np2.close();
    await parWasm.close();
    await parNative?.close();
  }
}
