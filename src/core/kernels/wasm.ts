/**
 * WebAssembly SIMD (f64x2) loss+gradient backend, compiled from
 * `kernels/wasm/gradient.as.ts` by AssemblyScript at build time.
 *
 * Why it exists: the gradient is the hot loop of everything relucheck runs, and plain
 * TypeScript was 3.4x-19x slower than NumPy on it (issue 2). Wasm SIMD gives two float64
 * lanes per instruction, which V8 never does for JS loops. The plain kernel in `../kernel.ts`
 * stays the oracle the specs compare against.
 *
 * Copying X into wasm memory on every call would cost as much as the kernel itself, so a
 * {@link WasmKernel} keeps the dataset resident: the first call with a dataset copies the
 * ArrayBuffers under X and y into its memory once, later calls (every GD step) reuse them.
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
import type { LossGradientFn } from '../gd.js';
import type { Dataset, Weights } from '../layout.js';
import { wasmRelaxedBytes, wasmSimdBytes } from './wasmBytes.generated.js';

// The ES2022 lib and @types/node 20 do not declare WebAssembly; this is the slice used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** An opaque compiled module. */
export type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
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
  /** Loss and gradient; the backend's {@link LossGradientFn}. */
  readonly lossAndGradient: LossGradientFn;
  /**
   * Unscaled partial sums for combining parts of a sample: writes sum_i r_i 1{..} x_i into
   * `sums` and returns 0.5 * sum_i r_i^2 (the loss is their total times 1/N).
   */
  readonly halfSquaresAndSums: LossGradientFn;
  /** The build in use. */
  readonly variant: 'simd' | 'relaxed';
  /** Forgets the resident dataset (the next call copies again). */
  release(): void;
}

/**
 * Which build: `simd` (mul then add, runs on any Node >= 16), `relaxed` (fused multiply-add;
 * Node 20 validates it only under --experimental-wasm-relaxed-simd), or `auto` (relaxed when
 * this runtime validates it, else simd).
 */
export type WasmVariant = 'simd' | 'relaxed' | 'auto';

const compiled = new Map<'simd' | 'relaxed', WasmModule>();

/**
 * Whether this runtime validates the given build. @example wasmAvailable('relaxed')
 */
export function wasmAvailable(variant: 'simd' | 'relaxed'): boolean {
  return WA !== undefined && WA.validate(variant === 'simd' ? wasmSimdBytes : wasmRelaxedBytes);
}

/** The build `auto` resolves to here. @example resolveWasmVariant('auto') */
export function resolveWasmVariant(variant: WasmVariant): 'simd' | 'relaxed' {
  if (variant !== 'auto') return variant;
  return wasmAvailable('relaxed') ? 'relaxed' : 'simd';
}

/**
 * The compiled module, memoized (compiling is a pure function of the embedded bytes).
 * @example new WebAssembly.Instance(wasmModule('simd'))
 */
export function wasmModule(variant: 'simd' | 'relaxed'): WasmModule {
  if (!WA) throw new Error('WebAssembly is not available in this runtime');
  let m = compiled.get(variant);
  if (!m) {
    m = new WA.Module(variant === 'simd' ? wasmSimdBytes : wasmRelaxedBytes);
    compiled.set(variant, m);
  }
  return m;
}

const align16 = (p: number): number => (p + 15) & ~15;

/**
 * A fresh wasm kernel with its own memory (instantiating is cheap: microseconds).
 * @example createWasmKernel().lossAndGradient(data, W, grad)
 */
export function createWasmKernel(variant: WasmVariant = 'auto'): WasmKernel {
  const ex = new WA!.Instance(wasmModule(resolveWasmVariant(variant)), {}).exports as unknown as Exports;
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
    const dK = W.d * W.K;
    const padded = W.d * ((W.K + 3) & ~3); // the kernel reads W zero-padded to 4 units
    const wp = scratch;
    const gp = align16(wp + padded * 8);
    const zp = align16(gp + dK * 8);
    ensure(zp + 16 * (W.K + 1));
    const heap = new Float64Array(ex.memory.buffer);
    heap.set(W.data, wp / 8);
    heap.fill(0, wp / 8 + dK, wp / 8 + padded);
    const loss = ex.lossGrad(
      xAt + data.X.byteOffset, yAt + data.y.byteOffset, data.n, data.d, W.K, wp, gp, zp, scale,
    );
    grad.set(heap.subarray(gp / 8, gp / 8 + dK));
    return loss;
  }

  return {
    lossAndGradient: (data, W, grad) => run(data, W, grad, 1 / data.n),
    halfSquaresAndSums: (data, W, sums) => run(data, W, sums, 1),
    variant: resolveWasmVariant(variant),
    release(): void {
      xBuf = undefined;
      yBuf = undefined;
    },
  };
}
