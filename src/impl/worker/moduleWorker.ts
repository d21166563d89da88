/**
 * The worker thread of `relucheck check --impl`: loads the user's module with
 * {@link loadModuleImplementation} (same resolution, same checks, same fault texts as
 * in-process) and answers method calls posted by the main thread
 * (src/impl/worker/workerConnection.ts). Running here, a synchronous endless loop in the
 * module blocks only this thread; the main thread's timeout stays alive and terminates it.
 *
 * Results are copied back (structured clone), never transferred: the module may keep the
 * arrays it returned (a cache, a reused buffer) and transferring would detach them under it.
 *
 * Started by WorkerConnection.open with {@link ModuleWorkerData}; not meant to be imported.
 * @example new Worker(new URL('./moduleWorker.js', import.meta.url), { workerData: { path: './solver.mjs', cwd: process.cwd() } })
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Dataset } from '../../core/layout.js';
import { captureStandardDescriptors } from './captureDescriptors.js';
import { isFault } from '../ImplementationFault.js';
import type { Implementation } from '../Implementation.js';
import { loadModuleImplementation } from '../moduleImplementation.js';
import { DATASET_METHODS, type DatasetRef, type FromWorker, type ModuleWorkerData, type ToWorker } from './workerMessages.js';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);
const { path, cwd } = workerData as ModuleWorkerData;

// Before the module's own imports run: a write to fd 1 must not land in relucheck's stdout.
captureStandardDescriptors();

let impl: Implementation | undefined;
try {
  impl = await loadModuleImplementation(path, cwd);
  post({
    type: 'ready',
    name: impl.name,
    capabilities: [...impl.capabilities],
    ...(impl.reluAtZero === undefined ? {} : { reluAtZero: impl.reluAtZero }),
    ...(impl.precision === undefined ? {} : { precision: impl.precision }),
  });
} catch (err) {
  const fault = isFault(err)
    ? { kind: err.kind, message: err.message, fatal: true }
    : { kind: 'module' as const, message: `could not load ${path}: ${(err as Error)?.message ?? String(err)}`, fatal: true };
  post({ type: 'load-fault', fault });
}

if (impl) {
  const loaded = impl;
  // Datasets by id: the module sees one object per dataset, call after call.
  const datasets = new Map<number, Dataset>();
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'dataset':
        datasets.set(message.id, message.data);
        break;
      case 'drop':
        datasets.delete(message.id);
        break;
      case 'call':
        void answer(loaded, datasets, message);
        break;
    }
  });
}

async function answer(impl: Implementation, datasets: Map<number, Dataset>, call: Extract<ToWorker, { type: 'call' }>): Promise<void> {
  const args = [...call.args];
  if (DATASET_METHODS.includes(call.method)) args[0] = datasets.get((args[0] as DatasetRef).dataset);
  let value: unknown;
  try {
    value = await (impl[call.method] as (...a: unknown[]) => unknown).apply(impl, args);
  } catch (err) {
    // The same text the in-process guard builds from a thrown value.
    post({ type: 'threw', id: call.id, message: (err as Error)?.message ?? String(err) });
    return;
  }
  try {
    post({ type: 'result', id: call.id, value });
  } catch (err) {
    post({ type: 'uncloneable', id: call.id, message: (err as Error)?.message ?? String(err) });
  }
}
