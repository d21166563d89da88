/**
 * Runs trials on worker threads (one trial per worker at a time), longest first so the last
 * trials to finish are short ones, and hands each record back the moment it finishes.
 *
 * @example
 * ```ts
 * await runOnWorkers(trials, { workers: 2, masterSeed: 1, onRecord: (r) => sink.append(r), onError });
 * ```
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrialRecord, TrialSpec } from '../experiments/types.js';
import { trialSeed } from './trialSeed.js';
import type { ReplyMessage, RunMessage } from './worker.js';

/** How to run the trials. */
export interface PoolOptions {
  readonly workers: number;
  readonly masterSeed: number;
  readonly onRecord: (record: TrialRecord, trial: TrialSpec) => void;
  readonly onError: (trial: TrialSpec, message: string) => void;
}

/**
 * The compiled worker script. From dist/ it sits next to this file; from the TypeScript
 * sources (vitest) it is the same path under dist/, built by `pretest`.
 */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts')
    ? here.replace(/([\\/])src([\\/]audit[\\/]runner[\\/])workerPool\.ts$/, '$1dist$1src$2worker.js')
    : here.replace(/workerPool\.js$/, 'worker.js');
  if (!existsSync(script)) throw new Error(`worker script ${script} is missing; run \`npm run build\` first`);
  return script;
}

/**
 * Runs every trial; resolves when all have finished or failed. Rejects on the first error of
 * the machinery itself (a worker that cannot start, an `onRecord` that throws, e.g. ENOSPC
 * while appending): then the queue is emptied and every worker is terminated before the
 * rejection, so a failed audit exits instead of waiting on live worker threads.
 */
export async function runOnWorkers(trials: readonly TrialSpec[], o: PoolOptions): Promise<void> {
  const queue = [...trials].sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : 1));
  if (queue.length === 0) return;
  const script = workerScript();
  const count = Math.max(1, Math.min(o.workers, queue.length));
  const workers: Worker[] = [];
  const lanes = Array.from({ length: count }, () => lane(queue, script, o, workers));
  try {
    await Promise.all(lanes);
  } catch (err) {
    queue.length = 0;
    await Promise.allSettled(workers.map((w) => w.terminate()));
    await Promise.allSettled(lanes);
    throw err;
  }
}

function lane(queue: TrialSpec[], script: string, o: PoolOptions, workers: Worker[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    workers.push(worker);
    let current: TrialSpec | undefined;
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate().then(
        () => (err === undefined ? resolve() : reject(err)),
        () => (err === undefined ? resolve() : reject(err)),
      );
    };
    const next = () => {
      current = queue.shift();
      if (!current) {
        finish();
        return;
      }
      const msg: RunMessage = { trial: current, masterSeed: o.masterSeed, seed: trialSeed(o.masterSeed, current.id) };
      worker.postMessage(msg);
    };
    const guarded = (step: () => void) => {
      try {
        step();
      } catch (err) {
        finish(err);
      }
    };
    worker.on('message', (reply: ReplyMessage) =>
      guarded(() => {
        if (settled) return;
        if (reply.type === 'done') o.onRecord(reply.record, current!);
        else o.onError(current!, reply.message);
        next();
      }),
    );
    worker.on('error', (err) => finish(err));
    worker.on('exit', (code) => {
      if (!settled) finish(new Error(`audit worker thread exited with code ${code} while running ${current?.id ?? 'nothing'}`));
    });
    guarded(next);
  });
}
