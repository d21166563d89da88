/**
 * results.jsonl: one line per finished trial, appended and flushed to disk (fsync) as the
 * trial ends, so a killed audit loses no finished trial. Reading checks every line
 * (recordValidation.ts) and names the ones it cannot believe instead of skipping them
 * silently: the report is only as good as the records it reads. One torn last line (the
 * process died mid-write: no newline at the end) is expected and reported apart; the next
 * append cuts it off, so its trial simply reruns.
 *
 * @example
 * ```ts
 * const sink = openResults('audit-out/results.jsonl');
 * sink.append(record); sink.close();
 * const { records, invalid, torn } = readResults('audit-out/results.jsonl');
 * ```
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { IoError } from '../../core/ioError.js';
import { fail } from '../../core/validate.js';
import type { TrialRecord } from '../experiments/types.js';
import { restoreNonFinite } from '../experiments/resultFields.js';
import { recordProblem } from './recordValidation.js';

/** The file name inside an audit directory. */
export const RESULTS_FILE = 'results.jsonl';

/** A line that is not a believable record: its 1-based number and why. */
export interface InvalidLine {
  readonly line: number;
  readonly reason: string;
}

/** What a results file holds. */
export interface ReadResults {
  readonly records: TrialRecord[];
  /** Lines that are not records this relucheck could have written (the torn last line apart). */
  readonly invalid: readonly InvalidLine[];
  /** The line number of an unreadable last line without a newline (a run killed mid-write). */
  readonly torn?: number;
  /** False when the file does not exist. */
  readonly exists: boolean;
}

/**
 * Reads and checks every line of a results file (no records when it does not exist). A path
 * that is not a regular file (a FIFO, /dev/zero) is refused: reading it could never end.
 */
export function readResults(path: string, argument = 'DIR'): ReadResults {
  if (!existsSync(path)) return { records: [], invalid: [], exists: false };
  if (!statSync(path).isFile()) fail(argument, `${path} must be a regular file (reading a device or pipe might never end)`, path);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const records: TrialRecord[] = [];
  const invalid: InvalidLine[] = [];
  let torn: number | undefined;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(line);
      problem = recordProblem(value);
    } catch {
      problem = /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(line) ? 'not text (binary data)' : 'not valid JSON';
    }
    if (problem === undefined) {
      const r = value as TrialRecord;
      records.push({ ...r, result: restoreNonFinite(r.experiment, r.params, r.result) });
    }
    else if (i === lines.length - 1 && problem === 'not valid JSON') torn = i + 1; // no newline after it
    else invalid.push({ line: i + 1, reason: problem });
  });
  return { records, invalid, exists: true, ...(torn === undefined ? {} : { torn }) };
}

/**
 * The lines a reader must be told about, in one sentence (the first five, then a count).
 * @example invalidLinesText('out/results.jsonl', invalid) // 'out/results.jsonl line 3: not valid JSON; ...'
 */
export function invalidLinesText(path: string, invalid: readonly InvalidLine[]): string {
  const shown = invalid.slice(0, 5).map((l) => `line ${l.line}: ${l.reason}`);
  const more = invalid.length > 5 ? `; and ${invalid.length - 5} more line(s)` : '';
  return `${path} has ${invalid.length} line(s) that are not trial records of this relucheck (${shown.join('; ')}${more})`;
}

/** An append-only writer of records. */
export interface ResultsSink {
  append(record: TrialRecord): void;
  close(): void;
}

/** Opens `path` for appending, first cutting off a torn last line so the next record starts clean. */
export function openResults(path: string): ResultsSink {
  const fd = openSync(path, 'a+');
  cutTornTail(fd);
  return {
    append(record: TrialRecord) {
      // writeSync may write less than asked (a file size limit, a nearly full disk): loop, so
      // a short write is either completed or ends in the error that explains it.
      const bytes = Buffer.from(`${JSON.stringify(record)}\n`);
      try {
        for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
        fsyncSync(fd);
      } catch (err) {
        throw IoError.wrap(
          err,
          `could not append trial ${record.id} to ${path}; that trial is not recorded (every trial before it is), free space and rerun the same command to resume`,
        );
      }
    },
    close() {
      closeSync(fd);
    },
  };
}

/**
 * Ends the file on a newline: a last line that is not JSON is a torn record and is cut off
 * (its trial reruns); a complete record merely missing its newline (a hand-edited file) gets one.
 */
function cutTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  const chunk = Buffer.alloc(Math.min(size, 1 << 20));
  let end = size;
  let lastNewline = -1;
  while (end > 0 && lastNewline < 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) lastNewline = start + nl;
    end = start;
  }
  const tailStart = lastNewline + 1;
  if (tailStart >= size) return;
  const tail = Buffer.alloc(size - tailStart);
  readSync(fd, tail, 0, tail.length, tailStart);
  try {
    JSON.parse(tail.toString('utf8'));
    writeSync(fd, '\n');
  } catch {
    ftruncateSync(fd, tailStart);
  }
}
