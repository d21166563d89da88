/**
 * The shared-memory protocol between {@link createParallelKernel} and its gradient workers.
 *
 * A control Int32Array on a SharedArrayBuffer carries a generation counter (the main thread
 * bumps it to start a command), a done counter (each worker adds 1 when finished), the
 * command and K. Calls are synchronous on both sides (Atomics.wait), because a
 * LossGradientFn is synchronous and postMessage round trips would cost more than the kernel
 * at small N. Datasets travel once per dataset by postMessage, read with receiveMessageOnPort.
 *
 * @example
 * ```ts
 * const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_SLOTS * 4));
 * Atomics.store(ctrl, CTRL.command, COMMAND.compute);
 * ```
 */
import type { MessagePort } from 'node:worker_threads';
import type { KernelBackend } from '../native/fastestKernel.js';

/** Slots of the control array. */
export const CTRL = { generation: 0, done: 1, command: 2, K: 3, failed: 4 } as const;
/** Length of the control array. */
export const CTRL_SLOTS = 8;
/** Length of the params array. */
export const PARAMS_SLOTS = 4;

/** Commands a worker executes when the generation changes. */
export const COMMAND = { compute: 1, load: 2, exit: 3 } as const;

/** Sent once per dataset (shared buffers, never copied by postMessage). */
export interface LoadMessage {
  readonly X: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly d: number;
  /** Shared W (d * d doubles: K <= d) written by the main thread before each compute. */
  readonly W: SharedArrayBuffer;
  /** Per worker at {@link resultOffset}: [0.5 * sum r^2, sums (d*K)]. */
  readonly results: SharedArrayBuffer;
}

/** Per compute: which rows of the shared dataset, written into the params Float64Array. */
export const PARAMS = { xOffset: 0, yOffset: 1, n: 2 } as const;

/** Rows [start, end) of part `p` out of `parts` for n rows: a fixed split, for determinism. */
export function partRange(n: number, parts: number, p: number): [number, number] {
  const size = Math.ceil(n / parts);
  return [Math.min(n, p * size), Math.min(n, (p + 1) * size)];
}

/** Worker start-up data. */
export interface WorkerData {
  readonly ctrl: SharedArrayBuffer;
  /** Float64 params, see PARAMS. */
  readonly params: SharedArrayBuffer;
  readonly index: number;
  readonly parts: number;
  readonly port: MessagePort;
  /** The kernel every thread runs (resolved once by the main thread, so all agree). */
  readonly backend: KernelBackend;
}

/** The worker's result slot: offset in doubles inside the results buffer. */
export function resultOffset(index: number, dK: number): number {
  return index * (dK + 1);
}
