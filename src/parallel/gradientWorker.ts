/**
 * A gradient worker: waits on the shared control array, runs the main thread's kernel backend (native or wasm) on its fixed
 * part of the rows and writes unscaled partial sums. Started by {@link createParallelKernel}
 * from the compiled dist/ file; exits on the `exit` command.
 *
 * @example
 * ```ts
 * new Worker(new URL('./gradientWorker.js', import.meta.url), { workerData });
 * ```
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { Dataset } from '../core/layout.js';
import { createFastestKernel } from '../native/fastestKernel.js';
import {
  COMMAND,
  CTRL,
  PARAMS,
  partRange,
  resultOffset,
  type LoadMessage,
  type WorkerData,
} from './protocol.js';

const wd = workerData as WorkerData;
const kernel = createFastestKernel(wd.backend);
const ctrl = new Int32Array(wd.ctrl);
const params = new Float64Array(wd.params);
let data: LoadMessage | undefined;
let X: Float64Array = new Float64Array(0);
let y: Float64Array = new Float64Array(0);
let W: Float64Array = new Float64Array(0);
let results: Float64Array = new Float64Array(0);
let seen = 0;

function compute(): void {
  if (!data) throw new Error('compute before load');
  const d = data.d;
  const K = Atomics.load(ctrl, CTRL.K);
  const n = params[PARAMS.n];
  const [start, end] = partRange(n, wd.parts, wd.index);
  const xOff = params[PARAMS.xOffset] + start * d;
  const yOff = params[PARAMS.yOffset] + start;
  const part: Dataset = {
    n: end - start,
    d,
    X: X.subarray(xOff, xOff + (end - start) * d),
    y: y.subarray(yOff, yOff + end - start),
  };
  const at = resultOffset(wd.index, d * K);
  const sums = results.subarray(at + 1, at + 1 + d * K);
  results[at] = kernel.halfSquaresAndSums(part, { d, K, data: W.subarray(0, d * K) }, sums);
}

for (;;) {
  Atomics.wait(ctrl, CTRL.generation, seen);
  seen = Atomics.load(ctrl, CTRL.generation);
  const command = Atomics.load(ctrl, CTRL.command);
  if (command === COMMAND.exit) break;
  try {
    if (command === COMMAND.load) {
      const msg = receiveMessageOnPort(wd.port);
      if (!msg) throw new Error('load command without a dataset message');
      data = msg.message as LoadMessage;
      X = new Float64Array(data.X);
      y = new Float64Array(data.y);
      W = new Float64Array(data.W);
      results = new Float64Array(data.results);
      kernel.release();
    } else {
      compute();
    }
  } catch (err) {
    Atomics.store(ctrl, CTRL.failed, 1);
    console.error(err);
  }
  Atomics.add(ctrl, CTRL.done, 1);
  Atomics.notify(ctrl, CTRL.done);
}
wd.port.close();
