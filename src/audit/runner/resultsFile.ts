/**
 * results.jsonl: one line per finished trial, appended and flushed to disk (fsync) as the
 * trial ends, so a killed audit loses no finished trial. Reading tolerates a torn last line
 * (the process died mid-write): it is dropped, and the next append starts on a fresh line.
 *
 * @example
 * ```ts
 * const sink = openResults('audit-out/results.jsonl');
 * sink.append(record); sink.close();
 * readResults('audit-out/results.jsonl');
 * ```
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { TrialRecord } from '../experiments/types.js';

/** The file name inside an audit directory. */
export const RESULTS_FILE = 'results.jsonl';

/** Parsed records and the number of unreadable lines dropped. */
export interface ReadResults {
  readonly records: TrialRecord[];
  readonly dropped: number;
}

/** Reads every complete record of a results file (none when it does not exist). */
export function readResults(path: string): ReadResults {
  if (!existsSync(path)) return { records: [], dropped: 0 };
  const records: TrialRecord[] = [];
  let dropped = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = JSON.parse(line) as TrialRecord;
      if (typeof r.id === 'string' && typeof r.experiment === 'string' && r.result) records.push(r);
      else dropped++;
    } catch {
      dropped++;
    }
  }
  return { records, dropped };
}

/** An append-only writer of records. */
export interface ResultsSink {
  append(record: TrialRecord): void;
  close(): void;
}

/** Opens `path` for appending, first ending a torn last line so the next record starts clean. */
export function openResults(path: string): ResultsSink {
  const torn = existsSync(path) && !/(^|\n)$/.test(readFileSync(path, 'utf8'));
  const fd = openSync(path, 'a');
  if (torn) writeSync(fd, '\n');
  return {
    append(record: TrialRecord) {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}
