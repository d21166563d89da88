/**
 * The messages between `relucheck check --impl` (main thread) and the worker thread that runs
 * the user's module (src/impl/worker/moduleWorker.ts). Values travel by structured clone, so
 * Float64Arrays arrive as Float64Arrays; datasets are sent once per worker and then named by
 * id (the worker keeps the object, so the module sees one Dataset object per dataset, as
 * in-process). Faults cross as plain data because the worker's ImplementationFault class is a
 * different class object (dist/) from the main thread's.
 *
 * @example
 * ```ts
 * const call: ToWorker = { type: 'call', id: 3, method: 'gradient', args: [{ dataset: 1 }, W] };
 * ```
 */
import type { Dataset } from '../../core/layout.js';
import type { FaultKind } from '../ImplementationFault.js';
import type { Capability, Implementation, Precision, ReluAtZero } from '../Implementation.js';

/** The Implementation methods a worker answers (closed over the interface). */
export type WorkerMethod = Exclude<keyof Implementation, 'name' | 'capabilities' | 'close' | 'reluAtZero' | 'precision'>;

/** Methods whose first argument is a Dataset (sent once, then named by id). */
export const DATASET_METHODS: readonly WorkerMethod[] = ['loss', 'gradient', 'hvp', 'gradientDescent', 'tensorInit'];

/** A dataset argument replaced by its id. */
export interface DatasetRef {
  readonly dataset: number;
}

/** What the worker is started with (workerData). */
export interface ModuleWorkerData {
  /** The module path as the user gave it (fault texts quote it). */
  readonly path: string;
  /** The folder `path` is resolved against. */
  readonly cwd: string;
}

/** A fault as plain data. */
export interface WireFault {
  readonly kind: FaultKind;
  readonly message: string;
  readonly fatal: boolean;
}

/** Main thread -> worker. */
export type ToWorker =
  | { readonly type: 'dataset'; readonly id: number; readonly data: Dataset }
  | { readonly type: 'drop'; readonly id: number }
  | { readonly type: 'call'; readonly id: number; readonly method: WorkerMethod; readonly args: readonly unknown[] };

/** Worker -> main thread. */
export type FromWorker =
  /** The module loaded and passed the checks. */
  | {
      readonly type: 'ready';
      readonly name: string;
      readonly capabilities: readonly Capability[];
      readonly reluAtZero?: ReluAtZero;
      readonly precision?: Precision;
    }
  /** The module could not be loaded (same verdicts as loadModuleImplementation). */
  | { readonly type: 'load-fault'; readonly fault: WireFault }
  /** A method's value. */
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  /** A method threw (or rejected) with this message. */
  | { readonly type: 'threw'; readonly id: number; readonly message: string }
  /** A method returned a value that structured clone cannot copy (a function, a symbol...). */
  | { readonly type: 'uncloneable'; readonly id: number; readonly message: string };
