/**
 * Loss and gradient split over threads with shared memory: the rows are cut into `workers`
 * fixed parts (see `partRange`); the calling thread computes part 0 itself with the fastest
 * bit-identical kernel (native, else wasm SIMD; see ParallelOptions.backend) while
 * `workers - 1` worker threads compute the others (one fewer thread to wake per call), each
 * as unscaled partial sums; the calling thread adds them in part order and scales by 1/N. Fixed split and fixed summation order make the result bit-identical from
 * run to run.
 *
 * Runtime machinery (threads), hence outside the pure core and optional. The workers load
 * the compiled dist/ files (`npm run build`). Always `await kernel.close()`; the workers are
 * also unref'ed, so a forgotten close cannot keep the process alive.
 *
 * Data contract as for the wasm kernel: X and y are copied into shared memory the first time
 * a dataset (its underlying buffers) is seen and must not be mutated afterwards. Slices of
 * one buffer (resampling batches) reuse the copy.
 *
 * @example
 * ```ts
 * const par = await createParallelKernel({ workers: 2 });
 * const loss = par.lossAndGradient(data, W, grad);
 * await par.close();
 * ```
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { LossGradientFn } from '../core/gd.js';
import type { Dataset, Weights } from '../core/layout.js';
import { assertIntegerInRange, fail } from '../core/validate.js';
import { createFastestKernel, type KernelBackend } from '../native/fastestKernel.js';
import {
  COMMAND,
  CTRL,
  CTRL_SLOTS,
  PARAMS,
  partRange,
  PARAMS_SLOTS,
  resultOffset,
  type LoadMessage,
  type WorkerData,
} from './protocol.js';

/** Options of {@link createParallelKernel}. */
export interface ParallelOptions {
  /** Parallel parts (default 2): the calling thread computes one, worker threads the rest. */
  readonly workers?: number;
  /**
   * Kernel every thread runs: 'auto' (default) is the native kernel when its addon is built,
   * else wasm; both are bit-identical to the reference, so this only changes speed.
   */
  readonly backend?: KernelBackend | 'auto';
}

/** A running pool of gradient workers. */
export interface ParallelKernel {
  readonly lossAndGradient: LossGradientFn;
  /** Parallel parts (threads computing at once, the calling thread included). */
  readonly workers: number;
  /** The backend the threads run. */
  readonly backend: KernelBackend;
  /** Stops the workers and waits for them to exit. Idempotent. */
  close(): Promise<void>;
}

/** The compiled worker: next to this file in dist/, or in dist/ when running from sources. */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../dist/src/parallel/gradientWorker.js', here)
    : new URL('./gradientWorker.js', here);
}

/**
 * Starts the workers; resolves once they are running.
 * @example const par = await createParallelKernel();
 */
export async function createParallelKernel(options: ParallelOptions = {}): Promise<ParallelKernel> {
  const parts = options.workers ?? 2;
  assertIntegerInRange('workers', parts, 1, 64);
  const wanted = options.backend ?? 'auto';
  if (wanted !== 'auto' && wanted !== 'native' && wanted !== 'wasm') {
    fail('backend', "backend must be 'auto', 'native' or 'wasm'", wanted);
  }
  const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_SLOTS * 4));
  const paramsBuf = new SharedArrayBuffer(PARAMS_SLOTS * 8);
  const params = new Float64Array(paramsBuf);
  const ports: import('node:worker_threads').MessagePort[] = [];
  const workers: Worker[] = [];
  // Part 0 runs on the calling thread; worker `index` computes part `index`.
  const own = createFastestKernel(wanted);
  const backend = own.backend;
  for (let index = 1; index < parts; index++) {
    const { port1, port2 } = new MessageChannel();
    const wd: WorkerData = { ctrl: ctrl.buffer as SharedArrayBuffer, params: paramsBuf, index, parts, port: port2, backend };
    const worker = new Worker(workerUrl(), { workerData: wd, transferList: [port2] });
    ports.push(port1);
    workers.push(worker);
  }
  await Promise.all(
    workers.map((w) => new Promise<void>((res, rej) => {
      w.once('online', () => res());
      w.once('error', rej);
    })),
  );
  // Only now: unref'ed earlier, nothing would keep the loop alive while they start.
  for (const w of workers) w.unref();
  for (const p of ports) p.unref();
  let closed = false;
  let xBuf: ArrayBufferLike | undefined;
  let yBuf: ArrayBufferLike | undefined;
  let shared: { X: Float64Array; y: Float64Array; W: Float64Array; results: Float64Array; d: number } | undefined;

  /**
   * Bumps the generation, runs `meanwhile` (the calling thread's share) and blocks until
   * every worker has finished the command, also when `meanwhile` throws.
   */
  function dispatch(command: number, meanwhile: () => void): void {
    Atomics.store(ctrl, CTRL.done, 0);
    Atomics.store(ctrl, CTRL.command, command);
    Atomics.add(ctrl, CTRL.generation, 1);
    Atomics.notify(ctrl, CTRL.generation);
    let ownError: unknown;
    try {
      meanwhile();
    } catch (err) {
      ownError = err ?? new Error('parallel kernel: the calling thread failed');
    }
    for (let done = Atomics.load(ctrl, CTRL.done); done < workers.length; done = Atomics.load(ctrl, CTRL.done)) {
      if (Atomics.wait(ctrl, CTRL.done, done, 60_000) === 'timed-out') {
        throw new Error('parallel kernel: a worker did not answer within 60 s');
      }
    }
    if (ownError !== undefined) throw ownError;
    if (Atomics.load(ctrl, CTRL.failed) !== 0) {
      throw new Error('parallel kernel: a worker failed (its error is on stderr)');
    }
  }

  function toShared(a: Float64Array): Float64Array {
    const src = new Float64Array(a.buffer, 0, a.buffer.byteLength >> 3);
    if (a.buffer instanceof SharedArrayBuffer) return src;
    const out = new Float64Array(new SharedArrayBuffer(src.byteLength));
    out.set(src);
    return out;
  }

  function load(data: Dataset): void {
    const X = toShared(data.X);
    const y = toShared(data.y);
    const d = data.d;
    const W = new Float64Array(new SharedArrayBuffer(8 * d * d));
    const results = new Float64Array(new SharedArrayBuffer(8 * parts * (d * d + 1)));
    const msg: LoadMessage = {
      X: X.buffer as SharedArrayBuffer, y: y.buffer as SharedArrayBuffer, d,
      W: W.buffer as SharedArrayBuffer, results: results.buffer as SharedArrayBuffer,
    };
    for (const p of ports) p.postMessage(msg);
    dispatch(COMMAND.load, () => own.release());
    shared = { X, y, W, results, d };
    xBuf = data.X.buffer;
    yBuf = data.y.buffer;
  }

  function lossAndGradient(data: Dataset, W: Weights, grad: Float64Array): number {
    if (closed) throw new Error('parallel kernel: used after close()');
    if (data.X.buffer !== xBuf || data.y.buffer !== yBuf || shared?.d !== data.d) load(data);
    const s = shared!;
    const dK = W.d * W.K;
    s.W.set(W.data);
    Atomics.store(ctrl, CTRL.K, W.K);
    params[PARAMS.xOffset] = data.X.byteOffset >> 3;
    params[PARAMS.yOffset] = data.y.byteOffset >> 3;
    params[PARAMS.n] = data.n;
    dispatch(COMMAND.compute, () => {
      // Part 0, exactly as a worker computes its part (see gradientWorker.ts).
      const [start, end] = partRange(data.n, parts, 0);
      const xOff = (data.X.byteOffset >> 3) + start * W.d;
      const yOff = (data.y.byteOffset >> 3) + start;
      const part: Dataset = {
        n: end - start,
        d: W.d,
        X: s.X.subarray(xOff, xOff + (end - start) * W.d),
        y: s.y.subarray(yOff, yOff + end - start),
      };
      s.results[0] = own.halfSquaresAndSums(part, { d: W.d, K: W.K, data: s.W.subarray(0, dK) }, s.results.subarray(1, 1 + dK));
    });
    // Fixed order: worker 0, then 1, ...; then the same 1/N scaling as the serial kernels.
    let half = 0;
    grad.fill(0);
    for (let p = 0; p < parts; p++) {
      const at = resultOffset(p, dK);
      half += s.results[at];
      for (let q = 0; q < dK; q++) grad[q] += s.results[at + 1 + q];
    }
    const inv = 1 / data.n;
    for (let q = 0; q < dK; q++) grad[q] *= inv;
    return half * inv;
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    const exited = workers.map((w) => new Promise<void>((res) => w.once('exit', () => res())));
    for (const w of workers) w.ref(); // keep the loop alive until they have exited
    Atomics.store(ctrl, CTRL.command, COMMAND.exit);
    Atomics.add(ctrl, CTRL.generation, 1);
    Atomics.notify(ctrl, CTRL.generation);
    await Promise.all(exited);
    for (const p of ports) p.close();
  }

  return { lossAndGradient, workers: parts, backend, close };
}
