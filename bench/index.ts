/**
 * The benchmark modules `npm run bench` runs, in order. Each exports
 * `async function bench(out: (line: string) => void)`; append yours here.
 *
 * @example
 * ```ts
 * for (const m of benchModules) await (await m.load()).bench(console.log);
 * ```
 */

/** A benchmark module's interface. */
export interface BenchModule {
  bench(out: (line: string) => void): Promise<void>;
}

/** Registered benchmarks, run in this order. */
export const benchModules: ReadonlyArray<{ readonly name: string; readonly load: () => Promise<BenchModule> }> = [
  { name: 'gradient kernel vs NumPy', load: () => import('./kernelBench.js') },
];
