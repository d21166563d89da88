/**
 * The fastest bit-identical loss+gradient backend available here: the native kernel when its
 * addon is built, else the WebAssembly SIMD kernel (the pure core's default). Both reproduce
 * the reference loop bit for bit, so the choice changes speed, never a result.
 *
 * Lives beside the native loader, not in the core, because it loads a binary; the core's
 * gradient descent keeps its own default (`createDefaultKernel`) and callers outside the core
 * pass this one as `kernel`.
 *
 * @example
 * ```ts
 * const { backend, lossAndGradient } = createFastestKernel();
 * gradientDescent({ data, W0, eta, iterations, kernel: lossAndGradient });
 * ```
 */
import { createWasmKernel } from '../core/kernels/wasm.js';
import { createNativeKernel, nativeKernelStatus, type NativeKernel } from './nativeKernel.js';

/** Kernel backends that compute unscaled partial sums (what the parallel kernel needs). */
export type KernelBackend = 'native' | 'wasm';

/** A kernel and the backend it runs on. */
export interface FastKernel extends NativeKernel {
  readonly backend: KernelBackend;
}

/**
 * The backend `auto` resolves to here: native when its addon loaded, else wasm.
 * @example fastestBackend() // 'native' after a successful `npm run build`
 */
export function fastestBackend(): KernelBackend {
  return nativeKernelStatus().available ? 'native' : 'wasm';
}

/**
 * A fresh kernel on `backend` (default: the fastest available). Asking for `native` where
 * the addon is unavailable throws with the reason.
 * @example createFastestKernel().lossAndGradient(data, W, grad)
 */
export function createFastestKernel(backend: KernelBackend | 'auto' = 'auto'): FastKernel {
  const chosen = backend === 'auto' ? fastestBackend() : backend;
  const k = chosen === 'native' ? createNativeKernel() : createWasmKernel();
  return {
    backend: chosen,
    lossAndGradient: k.lossAndGradient,
    halfSquaresAndSums: k.halfSquaresAndSums,
    release: () => k.release(),
  };
}
