/**
 * Loads and merges the records of one or more audit directories (shards of one audit, or one
 * run): one record per trial id, in report order. Mixing master seeds, records of an older
 * experiment revision, or two different results for one trial, is an error: a report must
 * describe one audit of one method. So is a directory without results.jsonl, and any line
 * that is not a record this relucheck could have written (named by number, with the reason):
 * a report over records it cannot believe would state verdicts it cannot back. Only a torn
 * last line (an audit killed mid-write) is let through, counted in `torn`.
 *
 * @example
 * ```ts
 * const { records, masterSeed } = loadRecords(['out-shard1', 'out-shard2']);
 * ```
 */
import { join } from 'node:path';
import { fail } from '../../core/validate.js';
import type { TrialRecord } from '../experiments/types.js';
import { invalidLinesText, readResults, RESULTS_FILE } from '../runner/resultsFile.js';
import { assertCurrentRevisions } from '../runner/revisions.js';

/** The merged records of an audit. */
export interface Loaded {
  readonly records: TrialRecord[];
  readonly masterSeed: number | undefined;
  /** Torn last lines (an audit killed mid-write) left out, as "DIR/results.jsonl line N". */
  readonly torn: readonly string[];
}

/** Merges the results.jsonl files of `dirs`, sorted by trial id. */
export function loadRecords(dirs: readonly string[]): Loaded {
  const byId = new Map<string, TrialRecord>();
  const torn: string[] = [];
  for (const dir of dirs) {
    const path = join(dir, RESULTS_FILE);
    const read = readResults(path);
    if (!read.exists) fail('DIR', `${path} does not exist: DIR must be a directory written by relucheck audit`, dir);
    if (read.invalid.length > 0) {
      fail('DIR', `${invalidLinesText(path, read.invalid)}; fix or delete those lines (rerunning the audit into DIR reruns the trials they held)`, dir);
    }
    if (read.torn !== undefined) torn.push(`${path} line ${read.torn}`);
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
  return { records, masterSeed: seeds[0], torn };
}
