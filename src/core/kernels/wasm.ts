/**
 * WebAssembly SIMD (f64x2) loss+gradient backend, compiled from
 * `kernels/wasm/gradient.as.ts` by AssemblyScript at build time.
 *
 * Why it exists: the gradient is the hot loop of everything relucheck runs, and plain
 * TypeScript was 3.4x-19x slower than NumPy on it (issue 2). Wasm SIMD gives two float64
 * lanes per instruction, which V8 never does for JS loops. The lanes run over hidden units
 * and coordinates, never along a sum, so the result is bit-identical to the plain kernel in
 * `../kernel.ts`, which stays the oracle the specs compare against.
 *
 * Copying X into wasm memory on every call would cost about as much as the kernel, so a
 * {@link WasmKernel} keeps the dataset resident: the first call with a dataset copies the
 * ArrayBuffers under X and y into its memory once; later calls (every GD step) reuse them.
 * Datasets that are slices of the same buffers (resampling GD batches) map to offsets of the
 * same copy. Contract: do not mutate X or y after a kernel has seen them (relucheck never
 * does); call `release()` or use a fresh kernel otherwise.
 *
 * @example
 * ```ts
 * const kernel = createWasmKernel();
 * const loss = kernel.lossAndGradient(data, W, grad); // copies data once
 * gradientDescent({ data, W0, eta, iterations, kernel: kernel.lossAndGradient });
 * ```
 */
import type { Dataset, Weights } from '../layout.js';
import { wasmBytes } from './wasmBytes.generated.js';

// The ES2022 lib and @types/node 20 do not declare WebAssembly; this is the slice used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface Exports {
  readonly memory: WasmMemory;
  heapBase(): number;
  lossGrad(
    xp: number, yp: number, n: number, d: number, K: number, wp: number, gp: number, zp: number,
    scale: number,
  ): number;
}

/** A wasm instance holding one resident dataset. */
export interface WasmKernel {
  /** Loss and gradient; the backend's LossGradientFn (see `../gd.ts`). */
  readonly lossAndGradient: (data: Dataset, W: Weights, grad: Float64Array) => number;
  /**
   * Unscaled partial sums, for combining parts of a sample: writes sum_i r_i 1{..} x_i into
   * `sums` and returns 0.5 * sum_i r_i^2 (the loss is the total of these times 1/N).
   */
  readonly halfSquaresAndSums: (data: Dataset, W: Weights, sums: Float64Array) => number;
  /** Forgets the resident dataset (the next call copies again). */
  release(): void;
}

/** Whether this runtime runs the kernel (wasm SIMD: Node >= 16). @example wasmAvailable() */
export function wasmAvailable(): boolean {
  return WA !== undefined && WA.validate(wasmBytes);
}

let compiled: object | undefined;

/** The compiled module, memoized: compiling is a pure function of the embedded bytes. */
function wasmModule(): object {
  if (!WA) throw new Error('WebAssembly is not available in this runtime');
  compiled ??= new WA.Module(wasmBytes);
  return compiled;
}

const align16 = (p: number): number => (p + 15) & ~15;

/**
 * A fresh wasm kernel with its own memory (instantiating costs microseconds).
 * @example createWasmKernel().lossAndGradient(data, W, grad)
 */
export function createWasmKernel(): WasmKernel {
  const ex = new WA!.Instance(wasmModule(), {}).exports as Exports;
  const base = align16(ex.heapBase());
  let xBuf: ArrayBufferLike | undefined;
  let yBuf: ArrayBufferLike | undefined;
  let xAt = 0; // wasm byte address of X.buffer's byte 0
  let yAt = 0;
  let scratch = 0; // first free byte after the resident data

  function ensure(bytes: number): void {
    const have = ex.memory.buffer.byteLength;
    if (bytes > have) ex.memory.grow(Math.ceil((bytes - have) / 65536));
  }

  function load(data: Dataset): void {
    const xb = data.X.buffer;
    const yb = data.y.buffer;
    xAt = base;
    yAt = align16(xAt + xb.byteLength);
    scratch = align16(yAt + yb.byteLength);
    ensure(scratch);
    const mem = new Uint8Array(ex.memory.buffer);
    mem.set(new Uint8Array(xb), xAt);
    mem.set(new Uint8Array(yb), yAt);
    xBuf = xb;
    yBuf = yb;
  }

  function run(data: Dataset, W: Weights, grad: Float64Array, scale: number): number {
    if (data.X.buffer !== xBuf || data.y.buffer !== yBuf) load(data);
    const { d, K } = W;
    const pairs = (K + 1) >> 1;
    const wp = scratch;
    const gp = align16(wp + 16 * pairs * d);
    const zp = align16(gp + 8 * d * K);
    ensure(zp + 64 * pairs + 48); // z of 4 rows, then 4 (coefficient, row) slots
    const heap = new Float64Array(ex.memory.buffer);
    // W interleaved by unit pairs (lane l of pair p is unit 2p + l), a zero unit if K is odd.
    const w = W.data;
    const wi = wp >> 3;
    for (let k = 0; k < K; k++) {
      const dst = wi + (k >> 1) * 2 * d + (k & 1);
      const src = k * d;
      for (let j = 0; j < d; j++) heap[dst + 2 * j] = w[src + j];
    }
    if (K & 1) for (let j = 0; j < d; j++) heap[wi + (pairs - 1) * 2 * d + 2 * j + 1] = 0;
    const half = ex.lossGrad(
      xAt + data.X.byteOffset, yAt + data.y.byteOffset, data.n, d, K, wp, gp, zp, scale,
    );
    grad.set(heap.subarray(gp >> 3, (gp >> 3) + d * K));
    return half;
  }

  return {
    lossAndGradient: (data, W, grad) => run(data, W, grad, 1 / data.n),
    halfSquaresAndSums: (data, W, sums) => run(data, W, sums, 1),
    release(): void {
      xBuf = undefined;
      yBuf = undefined;
    },
  };
}
