/**
 * Loads and merges the records of one or more audit directories (shards of one audit, or one
 * run): one record per trial id, in report order. Mixing master seeds, records of an older
 * experiment revision, or two different results for one trial, is an error: a report must
 * describe one audit of one method.
 *
 * @example
 * ```ts
 * const { records, masterSeed } = loadRecords(['out-shard1', 'out-shard2']);
 * ```
 */
import { join } from 'node:path';
import { fail } from '../../core/validate.js';
import type { TrialRecord } from '../experiments/types.js';
import { readResults, RESULTS_FILE } from '../runner/resultsFile.js';
import { assertCurrentRevisions } from '../runner/revisions.js';

/** The merged records of an audit. */
export interface Loaded {
  readonly records: TrialRecord[];
  readonly masterSeed: number | undefined;
  /** Unreadable (torn) lines skipped. */
  readonly dropped: number;
}

/** Merges the results.jsonl files of `dirs`, sorted by trial id. */
export function loadRecords(dirs: readonly string[]): Loaded {
  const byId = new Map<string, TrialRecord>();
  let dropped = 0;
  for (const dir of dirs) {
    const read = readResults(join(dir, RESULTS_FILE));
    dropped += read.dropped;
    assertCurrentRevisions(read.records, 'DIR', dir);
    for (const r of read.records) {
      const prev = byId.get(r.id);
      if (prev && JSON.stringify(prev.result) !== JSON.stringify(r.result)) {
        fail('DIR', `trial ${r.id} has two different results (seeds ${prev.seed} and ${r.seed})`, dir);
      }
      if (!prev) byId.set(r.id, r);
    }
  }
  const records = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seeds = [...new Set(records.map((r) => r.masterSeed))];
  if (seeds.length > 1) fail('DIR', 'the directories hold results of different master seeds', seeds.join(', '));
  return { records, masterSeed: seeds[0], dropped };
}
