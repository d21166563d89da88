/**
 * `relucheck check --impl`: the user's JavaScript module on a worker thread
 * (src/impl/worker/), behind the same guard as every other implementation. Same module
 * resolution and checks as {@link loadModuleImplementation}, same verdicts for a method that
 * throws or returns a wrong answer, but a method that never returns (a synchronous endless
 * loop included) gets a timeout verdict: the main thread terminates the worker. After such a
 * fatal fault every call rejects and `relucheck check` starts a fresh worker for the next
 * claim, as with the process adapter.
 *
 * Library users who pass an Implementation object to the claims directly are unaffected; this
 * adapter is for code that must survive the module it runs.
 *
 * @example
 * ```ts
 * const impl = await workerModuleImplementation({ path: './solver.mjs', timeoutMs: 5000 });
 * const g = await impl.gradient!(data, W); // ImplementationFault('timeout', ...) if it loops
 * await impl.close();
 * ```
 */
import type { Dataset, Weights } from '../core/layout.js';
import type { ImplementationFault } from './ImplementationFault.js';
import { CAPABILITIES, type GdRequest, type GdResponse, type Implementation, type InitRequest } from './Implementation.js';
import { guardImplementation, type GuardedImplementation } from './guardedImplementation.js';
import { WorkerConnection, type WorkerConnectionOptions } from './worker/workerConnection.js';

export type { WorkerConnectionOptions } from './worker/workerConnection.js';

/** A guarded module implementation on a worker thread, with its supervision state. */
export interface WorkerModuleImplementation extends GuardedImplementation {
  /** The fatal fault that ended the worker, if any (then every call rejects). */
  readonly fault: ImplementationFault | undefined;
  /** What the module printed recently (stdout and stderr). */
  stderrTail(): string;
  close(): Promise<void>;
}

/**
 * Starts a worker, loads the module in it and returns the Implementation it exports.
 * Rejects with a fatal ImplementationFault when the module cannot be loaded.
 */
export async function workerModuleImplementation(options: WorkerConnectionOptions): Promise<WorkerModuleImplementation> {
  const { connection, ready } = await WorkerConnection.open(options);
  const caps = CAPABILITIES.filter((c) => ready.capabilities.includes(c));
  const raw: Implementation = {
    name: ready.name,
    capabilities: ready.capabilities,
    ...(ready.reluAtZero === undefined ? {} : { reluAtZero: ready.reluAtZero }),
    ...(ready.precision === undefined ? {} : { precision: ready.precision }),
  };
  const m = raw as { -readonly [K in keyof Implementation]: Implementation[K] };
  const call = connection.call.bind(connection);
  if (caps.includes('loss')) m.loss = (data: Dataset, W: Weights) => call('loss', [data, W]) as Promise<number>;
  if (caps.includes('gradient')) m.gradient = (data: Dataset, W: Weights) => call('gradient', [data, W]) as Promise<Float64Array>;
  if (caps.includes('hvp')) {
    m.hvp = (data: Dataset, W: Weights, u: Float64Array) => call('hvp', [data, W, u]) as Promise<Float64Array>;
  }
  if (caps.includes('population')) {
    m.populationLoss = (Ws: Weights, W: Weights, nu: number) => call('populationLoss', [Ws, W, nu]) as Promise<number>;
    m.populationGradient = (Ws: Weights, W: Weights) => call('populationGradient', [Ws, W]) as Promise<Float64Array>;
  }
  if (caps.includes('populationHvp')) {
    m.populationHvp = (Ws: Weights, W: Weights, u: Float64Array) => call('populationHvp', [Ws, W, u]) as Promise<Float64Array>;
  }
  if (caps.includes('gd')) {
    m.gradientDescent = (data: Dataset, req: GdRequest) => call('gradientDescent', [data, req]) as Promise<GdResponse>;
  }
  if (caps.includes('init')) m.tensorInit = (data: Dataset, req: InitRequest) => call('tensorInit', [data, req]) as Promise<Weights>;

  // The connection enforces the timeout (it must terminate the worker), so the guard has none.
  const guarded = guardImplementation(raw, { stderr: () => connection.outputTail() });
  Object.defineProperties(guarded, {
    fault: { get: () => connection.fault, enumerable: true },
    stderrTail: { value: () => connection.outputTail() },
    close: { value: () => connection.close() },
  });
  return guarded as WorkerModuleImplementation;
}
