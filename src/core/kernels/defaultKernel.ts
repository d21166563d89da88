/**
 * The backend gradient descent uses when none is given: the fastest single-thread kernel
 * that is bit-identical to the reference (`../kernel.ts`), i.e. the wasm SIMD kernel, or the
 * specialized TypeScript loops where WebAssembly is unavailable. Bit-identity keeps every
 * reference property (exactly zero gradient at W*, same seed -> same trajectory) intact.
 *
 * A fresh kernel per call: the wasm kernel keeps a dataset resident and assumes it is not
 * mutated while in use, which holds for the duration of one gradient descent run.
 *
 * @example
 * ```ts
 * const kernel = createDefaultKernel();
 * const loss = kernel(data, W, grad);
 * ```
 */
import type { Dataset, Weights } from '../layout.js';
import { specializedLossAndGradient } from './specialized.js';
import { createWasmKernel, wasmAvailable } from './wasm.js';

/** A fresh default loss/gradient backend. */
export function createDefaultKernel(): (data: Dataset, W: Weights, grad: Float64Array) => number {
  return wasmAvailable() ? createWasmKernel().lossAndGradient : specializedLossAndGradient;
}
