/**
 * The native (C, Node-API) loss+gradient backend: `addon/gradient.c`, compiled by
 * scripts/build-native.mjs with node-gyp and the system C compiler when the package is
 * installed (its `install` script; `npm rebuild relucheck` runs it again) and, in a clone of
 * the repository, during `npm run build`.
 *
 * Why it exists: WebAssembly SIMD has two float64 lanes and no fused multiply-add, which
 * leaves the wasm kernel 1.1-1.3x slower than one-thread NumPy at two of issue 2's sizes;
 * four-lane AVX2 multiplies and adds (run-time dispatch, baseline code elsewhere) beat it
 * without changing a rounding. Bit-identical to the reference loop in `../core/kernel.ts`
 * (the same order-of-operations argument as the wasm kernel, see the C file), so it can
 * replace any other backend without changing a single result.
 *
 * Optional by design: the addon needs a C compiler at install time. Where it is missing or
 * failed to build, {@link nativeKernelStatus} says why and callers fall back to wasm
 * (see `fastestKernel.ts`). Outside the pure core because loading a binary is I/O.
 *
 * No resident copy (unlike wasm): the addon reads the caller's Float64Arrays in place.
 *
 * @example
 * ```ts
 * const status = nativeKernelStatus();
 * if (status.available) {
 *   const loss = createNativeKernel().lossAndGradient(data, W, grad);
 * }
 * ```
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Dataset, Weights } from '../core/layout.js';
import { fail } from '../core/validate.js';

interface Addon {
  lossGrad(
    X: Float64Array, y: Float64Array, n: number, d: number, K: number, W: Float64Array,
    grad: Float64Array, scale: number,
  ): number;
  isa(): string;
}

/** Whether the addon loaded, and which instruction set it runs, or why it did not load. */
export type NativeKernelStatus =
  | { readonly available: true; readonly isa: string; readonly path: string }
  | { readonly available: false; readonly reason: string };

/** The addon's build output, relative to this file in src/ (vitest) and in dist/src/ (node). */
const CANDIDATES = [
  './addon/build/Release/relucheck_native.node',
  '../../../src/native/addon/build/Release/relucheck_native.node',
];

let loaded: { addon: Addon; path: string } | { reason: string } | undefined;

function load(): { addon: Addon; path: string } | { reason: string } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const tried: string[] = [];
  for (const rel of CANDIDATES) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    try {
      loaded = { addon: require(path) as Addon, path };
      return loaded;
    } catch (err) {
      tried.push(`${path}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  loaded = { reason: `the native addon is not built (${howToBuild(fileURLToPath(import.meta.url))}). Tried ${tried.join('; ')}` };
  return loaded;
}

/**
 * What builds the addon where relucheck lives: an installed package (a path through
 * node_modules) builds it in its install script, which `npm rebuild relucheck` reruns; a
 * consumer has no `npm run build`. A clone of the repository builds it in `npm run build`.
 * @example howToBuild('/app/node_modules/relucheck/dist/src/native/nativeKernel.js') // 'run `npm rebuild relucheck` ...'
 */
export function howToBuild(modulePath: string): string {
  const installed = /[\\/]node_modules[\\/]/.test(modulePath);
  const needs = 'it needs a C compiler, make and Python 3 for node-gyp; meanwhile the WebAssembly kernel gives identical results';
  return installed
    ? `it is built when relucheck is installed: run \`npm rebuild relucheck\` in your project; ${needs}`
    : `run \`npm run build\` in the relucheck checkout; ${needs}`;
}

/**
 * Whether the native kernel can run here (memoized).
 * @example nativeKernelStatus().available
 */
export function nativeKernelStatus(): NativeKernelStatus {
  const l = load();
  return 'addon' in l
    ? { available: true, isa: l.addon.isa(), path: l.path }
    : { available: false, reason: l.reason };
}

/** Same shape as the wasm kernel's, so the parallel kernel can run either. */
export interface NativeKernel {
  /** Loss and gradient (a LossGradientFn, see `../core/gd.ts`). */
  readonly lossAndGradient: (data: Dataset, W: Weights, grad: Float64Array) => number;
  /** Unscaled sums: writes sum_i r_i 1{..} x_i into `sums`, returns 0.5 * sum_i r_i^2. */
  readonly halfSquaresAndSums: (data: Dataset, W: Weights, sums: Float64Array) => number;
  /** Nothing to release (no resident copy); present for interchangeability with wasm. */
  release(): void;
}

/**
 * A native kernel; throws (with the reason) where the addon is unavailable.
 * @example createNativeKernel().lossAndGradient(data, W, grad)
 */
export function createNativeKernel(): NativeKernel {
  const l = load();
  if (!('addon' in l)) throw new Error(`native kernel unavailable: ${l.reason}`);
  const { addon } = l;
  // O(1) shape checks per call (a scan for finiteness would cost as much as the kernel;
  // datasets are validated where they are made).
  function run(data: Dataset, W: Weights, out: Float64Array, scale: number): number {
    if (W.d !== data.d) fail('W', `W must have d = data.d (${data.d})`, W.d);
    if (W.data.length !== W.d * W.K) fail('W.data', `W.data must have length d * K = ${W.d * W.K}`, W.data.length);
    if (out.length !== W.d * W.K) fail('grad', `grad must have length d * K = ${W.d * W.K}`, out.length);
    if (data.X.length < data.n * data.d) fail('data.X', `data.X must have length n * d = ${data.n * data.d}`, data.X.length);
    if (data.y.length < data.n) fail('data.y', `data.y must have length n = ${data.n}`, data.y.length);
    return addon.lossGrad(data.X, data.y, data.n, data.d, W.K, W.data, out, scale);
  }
  return {
    lossAndGradient: (data, W, grad) => run(data, W, grad, 1 / data.n),
    halfSquaresAndSums: (data, W, sums) => run(data, W, sums, 1),
    release(): void {},
  };
}
