/**
 * Is a line of results.jsonl a record this relucheck could have written? The report believes
 * every record it reads, so a record is checked before it is believed: its shape (id,
 * experiment, params, seeds, revision, wall time), its seed (a pure function of the master
 * seed and the trial id: an edited or foreign record rarely has the right one), its
 * parameters (those of the planned trial with that id), and every result field the
 * experiment's summary reads (experiments/resultFields.ts). The answer is a sentence saying
 * what is wrong, for the message that names the line.
 *
 * @example
 * ```ts
 * recordProblem(JSON.parse(line)); // undefined, or 'result.error must be a number ...'
 * ```
 */
import { allTrials, experimentById } from '../experiments/registry.js';
import { fieldProblem, resultFields } from '../experiments/resultFields.js';
import type { Params, TrialRecord, TrialSpec } from '../experiments/types.js';
import { trialSeed } from './trialSeed.js';

let planned: Map<string, TrialSpec> | undefined;

/** Every planned trial of either tier, by id (built once). */
function plannedById(): Map<string, TrialSpec> {
  planned ??= new Map([...allTrials('full'), ...allTrials('quick')].map((t) => [t.id, t]));
  return planned;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint32 = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;

/** What is wrong with `value` as a trial record, or undefined when nothing is. */
export function recordProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  const r = value;
  if (typeof r.id !== 'string' || r.id === '' || r.id.length > 500) return 'id must be a trial id (a non-empty string)';
  if (typeof r.experiment !== 'string') return 'experiment must be a string';
  if (!experimentById(r.experiment)) return `experiment ${JSON.stringify(r.experiment.slice(0, 60))} is not one this relucheck runs`;
  if (!isObject(r.params) || !Object.values(r.params).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
    return 'params must be an object of numbers and strings';
  }
  if (!isUint32(r.masterSeed)) return 'masterSeed must be an integer from 0 to 4294967295';
  if (r.revision !== undefined && !(Number.isInteger(r.revision) && (r.revision as number) >= 1)) return 'revision must be a positive integer';
  // A record of another revision of the experiment is refused as such (revisions.ts), with
  // the way out; its fields are those of the older method, so they are not checked here.
  if (((r.revision as number | undefined) ?? 1) !== experimentById(r.experiment)!.revision) return undefined;
  if (!isUint32(r.seed)) return 'seed must be an integer from 0 to 4294967295';
  if (r.seed !== trialSeed(r.masterSeed, r.id)) {
    return `seed ${r.seed} is not the seed of trial ${r.id} under master seed ${r.masterSeed} (${trialSeed(r.masterSeed, r.id)}): the record was edited or not written by relucheck`;
  }
  if (typeof r.ms !== 'number' || !Number.isFinite(r.ms) || r.ms < 0) return 'ms must be a non-negative number';
  const trial = plannedById().get(r.id);
  if (trial && (trial.experiment !== r.experiment || !sameParams(trial.params, r.params as Params))) {
    return `experiment and params are not those of the planned trial ${r.id} (${trial.experiment} ${JSON.stringify(trial.params)})`;
  }
  if (!isObject(r.result)) return 'result must be an object';
  const fields = resultFields(r.experiment, r.params as Params) ?? {};
  for (const [field, kind] of Object.entries(fields)) {
    const problem = fieldProblem(r.result[field], kind);
    if (problem) return `result.${field} ${problem}`;
  }
  return undefined;
}

/**
 * Throws when a record this relucheck just computed would be refused on reading: the trial's
 * output and experiments/resultFields.ts disagree (a relucheck bug, caught by any audit spec).
 */
export function assertWritableRecord(record: TrialRecord): void {
  const problem = recordProblem(JSON.parse(JSON.stringify(record)) as unknown);
  if (problem) {
    throw new Error(`relucheck bug: trial ${record.id} produced a record its own reader refuses (${problem}); update src/audit/experiments/resultFields.ts with the experiment`);
  }
}

function sameParams(a: Params, b: Params): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]) || a[k] === b[k]);
}
