/**
 * Records computed by an older revision of an experiment (see Experiment.revision) must not
 * be resumed into, or merged with, results of the current code: the trial ids would match and
 * the report would silently mix two methods. Refused with the experiment, both revisions and
 * the way out.
 *
 * @example
 * ```ts
 * assertCurrentRevisions(readResults(path).records, '--out', dir);
 * ```
 */
import { fail } from '../../core/validate.js';
import { experimentById } from '../experiments/registry.js';
import type { TrialRecord } from '../experiments/types.js';

/** Throws (a ValidationError on `argument`) if some record is of another revision than the code's. */
export function assertCurrentRevisions(records: readonly TrialRecord[], argument: string, where: string): void {
  const stale = new Map<string, { found: Set<number>; count: number; current: number }>();
  for (const r of records) {
    const current = experimentById(r.experiment)?.revision;
    const found = r.revision ?? 1;
    if (current === undefined || found === current) continue;
    const s = stale.get(r.experiment) ?? { found: new Set<number>(), count: 0, current };
    s.found.add(found);
    s.count++;
    stale.set(r.experiment, s);
  }
  if (stale.size === 0) return;
  const what = [...stale].map(([id, s]) => `${s.count} ${id} record(s) of revision ${[...s.found].join(', ')} (this relucheck computes revision ${s.current})`);
  fail(argument, `${argument} must not hold results of an older method: ${where} has ${what.join('; ')}; use another ${argument === '--out' ? '--out' : 'directory'} or rerun from scratch`, where);
}
