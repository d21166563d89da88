/**
 * The worker thread's body: runs the trials the pool sends, one at a time, and posts each
 * finished record back. Loaded from dist/ (compiled JS), never from the TypeScript sources.
 *
 * @example
 * ```ts
 * // started by workerPool.ts: new Worker(workerScript())
 * ```
 */
import { parentPort } from 'node:worker_threads';
import { experimentById } from '../experiments/registry.js';
import type { TrialRecord, TrialSpec } from '../experiments/types.js';

/** A request from the pool. */
export interface RunMessage {
  readonly trial: TrialSpec;
  readonly masterSeed: number;
  readonly seed: number;
}

/** A reply to the pool. */
export type ReplyMessage =
  | { readonly type: 'done'; readonly record: TrialRecord }
  | { readonly type: 'error'; readonly id: string; readonly message: string };

/** Runs one trial into its record (exported for in-thread use by specs). */
export function runOne(msg: RunMessage): TrialRecord {
  const experiment = experimentById(msg.trial.experiment);
  if (!experiment) throw new Error(`unknown experiment ${JSON.stringify(msg.trial.experiment)}`);
  const start = performance.now();
  const result = experiment.runTrial(msg.trial.params, msg.seed);
  return {
    id: msg.trial.id,
    experiment: msg.trial.experiment,
    params: msg.trial.params,
    masterSeed: msg.masterSeed,
    seed: msg.seed,
    result,
    revision: experiment.revision,
    ms: Math.round(performance.now() - start),
  };
}

parentPort?.on('message', (msg: RunMessage) => {
  let reply: ReplyMessage;
  try {
    reply = { type: 'done', record: runOne(msg) };
  } catch (err) {
    reply = { type: 'error', id: msg.trial.id, message: (err as Error)?.stack ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
