/**
 * An audit run: the tier's trials (optionally one shard, optionally filtered by id prefix),
 * minus those already in DIR/results.jsonl (resume), run on worker threads, each record
 * appended to results.jsonl as it finishes. A directory holds one master seed and one
 * revision of each experiment: resuming with another seed, or into results of an older
 * method, is refused rather than mixing results. One audit at a time writes a directory
 * (DIR/audit.lock, outLock.ts).
 *
 * @example
 * ```ts
 * const summary = await runAudit({ tier: 'quick', out: 'audit-out', masterSeed: 1, workers: 2,
 *   shard: WHOLE, isTTY: false, write: (t) => process.stdout.write(t) });
 * ```
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertIntegerInRange, fail } from '../../core/validate.js';
import { allTrials } from '../experiments/registry.js';
import type { AuditTier, TrialSpec } from '../experiments/types.js';
import { acquireOutLock } from './outLock.js';
import { createProgress } from './progress.js';
import { assertCurrentRevisions } from './revisions.js';
import { assertWritableRecord } from './recordValidation.js';
import { invalidLinesText, openResults, readResults, RESULTS_FILE } from './resultsFile.js';
import { inShard, type Shard } from './shard.js';
import { runOnWorkers } from './workerPool.js';

/** Settings of a run. */
export interface AuditOptions {
  readonly tier: AuditTier;
  readonly out: string;
  readonly masterSeed: number;
  readonly workers: number;
  readonly shard: Shard;
  /** Only trials whose id starts with one of these prefixes (all when empty or absent). */
  readonly only?: readonly string[];
  readonly isTTY: boolean;
  readonly write: (text: string) => void;
  /**
   * The caller already holds `out`'s lock (outLock.ts) and keeps it past the run (the CLI
   * holds it through writing the report). Otherwise the run takes it and releases it.
   */
  readonly holdsLock?: boolean;
}

/** What happened. */
export interface AuditSummary {
  /** Trials of this run's share (tier, shard, filter). */
  readonly planned: number;
  /** Already in results.jsonl before this run. */
  readonly resumed: number;
  readonly ran: number;
  readonly failed: readonly string[];
}

/** The trials of a run's share, in report order. */
export function plannedTrials(tier: AuditTier, shard: Shard, only?: readonly string[]): TrialSpec[] {
  return allTrials(tier).filter((t) => inShard(t.id, shard) && (!only?.length || only.some((p) => t.id.startsWith(p))));
}

/** Runs (or resumes) an audit into `out`. */
export async function runAudit(o: AuditOptions): Promise<AuditSummary> {
  // Checked before any file or worker exists: a bad seed must fail at once, not in a worker.
  assertIntegerInRange('--seed', o.masterSeed, 0, 0xffffffff);
  assertIntegerInRange('--workers', o.workers, 1, 256);
  mkdirSync(o.out, { recursive: true });
  // Before reading the results: two audits reading the same file would run the same trials.
  const lock = o.holdsLock ? undefined : acquireOutLock(o.out, '--out', o.write);
  try {
    return await runLocked(o);
  } finally {
    lock?.release();
  }
}

async function runLocked(o: AuditOptions): Promise<AuditSummary> {
  const path = join(o.out, RESULTS_FILE);
  const read = readResults(path, '--out');
  if (read.invalid.length > 0) {
    fail('--out', `${invalidLinesText(path, read.invalid)}; fix or delete those lines (their trials then rerun), or use another --out`, o.out);
  }
  const existing = read.records;
  const seeds = new Set(existing.map((r) => r.masterSeed));
  if (seeds.size > 0 && !seeds.has(o.masterSeed)) {
    fail('--seed', `${path} holds results of seed ${[...seeds].join(', ')}; resume with that seed or use another --out`, o.masterSeed);
  }
  assertCurrentRevisions(existing, '--out', path);
  const done = new Set(existing.map((r) => r.id));
  const planned = plannedTrials(o.tier, o.shard, o.only);
  const todo = planned.filter((t) => !done.has(t.id));
  const resumed = planned.length - todo.length;
  o.write(
    `relucheck audit: tier ${o.tier}, seed ${o.masterSeed}, shard ${o.shard.index}/${o.shard.count}, ${planned.length} trial(s)` +
      `${resumed ? `, ${resumed} already in ${path}` : ''}, ${o.workers} worker(s)\n`,
  );
  const progress = createProgress({ trials: todo, isTTY: o.isTTY, write: o.write });
  if (read.torn !== undefined) o.write(`${path} line ${read.torn} is a torn record (a run killed mid-write): cut off, its trial reruns\n`);
  const sink = openResults(path);
  const failed: string[] = [];
  let ran = 0;
  try {
    await runOnWorkers(todo, {
      workers: o.workers,
      masterSeed: o.masterSeed,
      onRecord: (record, trial) => {
        assertWritableRecord(record);
        sink.append(record);
        ran++;
        progress.done(trial, record.ms);
      },
      onError: (trial, message) => {
        failed.push(trial.id);
        progress.failed(trial, message);
      },
    });
  } finally {
    sink.close();
  }
  progress.finish();
  return { planned: planned.length, resumed, ran, failed };
}
