/**
 * One user module running on a worker thread, driven from the main thread: method calls
 * matched to answers by id, a per-call timeout that terminates the worker (so a synchronous
 * endless loop in the module cannot hang relucheck), each dataset posted once per worker and
 * named by id afterwards (keyed on the Dataset object's identity, dropped in the worker when
 * the object is collected here), and a bounded tail of what the module printed.
 *
 * Semantics mirror the process adapter (src/impl/process/childConnection.ts): a timeout or a
 * dead worker is a fatal {@link ImplementationFault}; every later call rejects with
 * "implementation is no longer running (...)", and `relucheck check` starts a fresh worker
 * for the next claim.
 *
 * @example
 * ```ts
 * const { connection, ready } = await WorkerConnection.open({ path: './solver.mjs', timeoutMs: 5000 });
 * const g = await connection.call('gradient', [data, W]);
 * await connection.close();
 * ```
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../../core/layout.js';
import { ImplementationFault, type FaultKind } from '../ImplementationFault.js';
import type { Capability, Precision, ReluAtZero } from '../Implementation.js';
import { DATASET_METHODS, type FromWorker, type ModuleWorkerData, type ToWorker, type WorkerMethod } from './workerMessages.js';

/** How to start and supervise the worker. */
export interface WorkerConnectionOptions {
  /** The module, as the user wrote it (resolved against `cwd`). */
  readonly path: string;
  readonly cwd?: string;
  /** Per-call timeout in ms; on expiry the worker is terminated. */
  readonly timeoutMs: number;
  /** Timeout of loading the module (its top-level code, a factory). Default max(timeoutMs, 30 s). */
  readonly startTimeoutMs?: number;
  /** Characters of the module's stdout/stderr kept for reports (most recent). Default 16 KiB. */
  readonly outputLimit?: number;
  /** Sees what the module prints, by stream (the CLI shows it escaped on stderr, keeping stdout clean for --json). */
  readonly onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

/** What the module said about itself once loaded. */
export interface WorkerReady {
  readonly name: string;
  readonly capabilities: readonly Capability[];
  readonly reluAtZero?: ReluAtZero;
  readonly precision?: Precision;
}

interface Pending {
  readonly label: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
  readonly timer: NodeJS.Timeout | undefined;
}

/** The pending id of the module's load (calls count from 0). */
const LOAD = -1;

/** The names reports use for methods (as the in-process guard does). */
const LABEL: Partial<Record<WorkerMethod, string>> = { gradientDescent: 'gd', tensorInit: 'init' };

/** The compiled worker: next to this file in dist/, or in dist/ when running from sources. */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../../dist/src/impl/worker/moduleWorker.js', here) : new URL('./moduleWorker.js', here);
}

/** A user module on a supervised worker thread. */
export class WorkerConnection {
  /** The fatal fault that ended the worker, if any. */
  fault: ImplementationFault | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly datasetIds = new WeakMap<Dataset, number>();
  private nextDataset = 0;
  private output = '';
  private closing: Promise<void> | undefined;
  private readonly dropped = new FinalizationRegistry<number>((id) => {
    if (!this.fault && !this.closing) this.worker.postMessage({ type: 'drop', id } satisfies ToWorker);
  });

  private constructor(
    private readonly worker: Worker,
    private readonly options: WorkerConnectionOptions,
  ) {
    const limit = options.outputLimit ?? 16_384;
    for (const [stream, name] of [[worker.stdout, 'stdout'], [worker.stderr, 'stderr']] as const) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        this.output = (this.output + chunk).slice(-limit);
        options.onOutput?.(chunk, name);
      });
    }
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    // Before the module answered `ready` a dead worker is a start fault, as a child that dies
    // before the handshake is.
    const kind = (): FaultKind => (this.pending.has(LOAD) ? 'start' : 'exited');
    worker.on('error', (err) => this.fatal(kind(), `the module's worker thread died of an uncaught exception${this.during()}: ${err?.message ?? String(err)}`));
    worker.on('exit', (code) => {
      if (!this.closing) this.fatal(kind(), `the module's worker thread exited with code ${code}${this.during()}`);
    });
  }

  /**
   * Starts the worker and waits for the module to load. Rejects with a fatal
   * ImplementationFault: kind `module` (the texts of loadModuleImplementation), `timeout`, `start`.
   */
  static async open(options: WorkerConnectionOptions): Promise<{ connection: WorkerConnection; ready: WorkerReady }> {
    const url = workerUrl();
    if (!existsSync(fileURLToPath(url))) {
      throw new ImplementationFault('start', `relucheck's worker script ${fileURLToPath(url)} is missing; run \`npm run build\``, true);
    }
    const data: ModuleWorkerData = { path: options.path, cwd: options.cwd ?? process.cwd() };
    const worker = new Worker(url, { workerData: data, stdout: true, stderr: true });
    const connection = new WorkerConnection(worker, options);
    const startMs = options.startTimeoutMs ?? Math.max(options.timeoutMs, 30_000);
    const ready = (await connection.wait(LOAD, `loading ${options.path}`, startMs)) as WorkerReady;
    connection.worker.unref(); // ref'ed only while a call is pending: a forgotten close cannot keep the process alive
    return { connection, ready };
  }

  /** What the module printed recently (stdout and stderr, bounded). */
  outputTail(): string {
    return this.output;
  }

  /** Calls `method` in the worker; the first argument of dataset methods is sent once per worker. */
  call(method: WorkerMethod, args: readonly unknown[]): Promise<unknown> {
    const label = LABEL[method] ?? method;
    if (this.fault) {
      return Promise.reject(new ImplementationFault(this.fault.kind, `implementation is no longer running (${this.fault.message})`, true, this.output));
    }
    if (this.closing) return Promise.reject(new ImplementationFault('exited', `${label} was called after the implementation was closed`, true));
    const sent = [...args];
    if (DATASET_METHODS.includes(method)) sent[0] = { dataset: this.datasetId(args[0] as Dataset) };
    const id = this.nextId++;
    const answer = this.wait(id, label, this.options.timeoutMs);
    this.worker.postMessage({ type: 'call', id, method, args: sent } satisfies ToWorker);
    return answer;
  }

  /** Terminates the worker and waits for it to exit; calls still pending reject. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new ImplementationFault('exited', `${p.label} was interrupted: the implementation was closed`, true, this.output));
      }
      this.pending.clear();
      await this.worker.terminate();
    })();
    return this.closing;
  }

  /** Registers a pending answer (or the load) with its timeout. */
  private wait(id: number, label: string, ms: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = ms > 0
        ? setTimeout(() => this.fatal('timeout', id === LOAD
          ? `${label} did not finish within ${ms} ms (the module's worker thread was stopped)`
          : `${label} did not settle within ${ms} ms (the module's worker thread was stopped)`), ms)
        : undefined;
      this.pending.set(id, { label, resolve, reject, timer });
      this.worker.ref();
    });
  }

  private datasetId(data: Dataset): number {
    let id = this.datasetIds.get(data);
    if (id === undefined) {
      id = this.nextDataset++;
      this.datasetIds.set(data, id);
      this.dropped.register(data, id);
      // Compact copies of views: structured clone would copy a view's whole underlying buffer.
      const sent = { ...data, X: compact(data.X), y: compact(data.y) };
      this.worker.postMessage({ type: 'dataset', id, data: sent } satisfies ToWorker);
    }
    return id;
  }

  private onMessage(message: FromWorker): void {
    const id = message.type === 'ready' || message.type === 'load-fault' ? LOAD : message.id;
    const pending = this.pending.get(id);
    if (!pending) return; // an answer that arrived after its timeout
    this.settled(id);
    switch (message.type) {
      case 'ready':
        return pending.resolve({
          name: message.name,
          capabilities: message.capabilities,
          ...(message.reluAtZero === undefined ? {} : { reluAtZero: message.reluAtZero }),
          ...(message.precision === undefined ? {} : { precision: message.precision }),
        });
      case 'load-fault':
        this.fault = new ImplementationFault(message.fault.kind, message.fault.message, true, this.output);
        void this.worker.terminate();
        return pending.reject(this.fault);
      case 'result':
        return pending.resolve(message.value);
      case 'threw':
        // A plain Error: the guard turns it into `${method} threw: ${message}`, as in-process.
        return pending.reject(new Error(message.message));
      case 'uncloneable':
        return pending.reject(new ImplementationFault('shape', `${pending.label} returned a value that cannot be copied out of the module's worker thread (${message.message})`, false, this.output));
    }
  }

  private settled(id: number): void {
    clearTimeout(this.pending.get(id)?.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private during(): string {
    const first = this.pending.values().next();
    if (first.done) return '';
    return this.pending.has(LOAD) ? ` while ${first.value.label}` : ` while answering ${first.value.label}`;
  }

  /** Ends the worker: records the fault, rejects every pending call, terminates the thread. */
  private fatal(kind: FaultKind, message: string): void {
    if (this.fault || this.closing) return;
    this.fault = new ImplementationFault(kind, message, true, this.output);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.fault);
    }
    this.pending.clear();
    void this.worker.terminate();
  }
}

function compact(a: Float64Array): Float64Array {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice();
}
