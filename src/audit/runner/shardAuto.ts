/**
 * `--shard auto`: the shard of this process read from the job-array engine that started it,
 * so one command line serves every element of the array.
 *
 * | engine | index | count |
 * |---|---|---|
 * | GitHub Actions matrix | `RELUCHECK_SHARD_INDEX` (0-based), set from `${{ strategy.job-index }}` | `RELUCHECK_SHARD_COUNT`, set from `${{ strategy.job-total }}` |
 * | Slurm job array | `(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP` | `SLURM_ARRAY_TASK_COUNT` |
 * | Kubernetes Indexed Job | `JOB_COMPLETION_INDEX` (0-based) | `RELUCHECK_SHARD_COUNT`, set to `spec.completions` |
 *
 * Why these variables: GitHub exports no matrix index to the environment (`strategy.job-index`
 * is an expression only), so the workflow must pass it in, under relucheck's own names;
 * Kubernetes exports the index but not `spec.completions`, so the count comes the same way.
 * Slurm exports both, but an array need not start at 0 (`--array=1-8` has MIN = 1) and may
 * step (`--array=0-30:10`), so the shard is the task's position in the range, and an array
 * that is not a regular range (`--array=1,2,7`) is refused: its positions are not knowable
 * from the environment.
 *
 * Anything else is a usage error naming the variable, the rule and the value: no index
 * variable at all, two engines' index variables at once (which engine started us is then a
 * guess), two counts (RELUCHECK_SHARD_COUNT beside Slurm's), a value that is not a decimal
 * integer, an index outside [0, count). Guessing would silently run the wrong share, and a
 * merged report would then miss trials or hold some twice.
 *
 * @example
 * ```ts
 * shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' });
 * // { shard: { index: 3, count: 8 }, source: 'Slurm job array: SLURM_ARRAY_TASK_ID=3, ...' }
 * ```
 */
import { fail } from '../../core/validate.js';
import { MAX_SHARDS, type Shard } from './shard.js';

/** The environment read (process.env, or a spec's own). */
export type ShardEnvironment = Readonly<Record<string, string | undefined>>;

/** The variables `--shard auto` reads. */
export const SHARD_VARIABLES = {
  index: 'RELUCHECK_SHARD_INDEX',
  count: 'RELUCHECK_SHARD_COUNT',
  slurmId: 'SLURM_ARRAY_TASK_ID',
  slurmCount: 'SLURM_ARRAY_TASK_COUNT',
  slurmMin: 'SLURM_ARRAY_TASK_MIN',
  slurmMax: 'SLURM_ARRAY_TASK_MAX',
  slurmStep: 'SLURM_ARRAY_TASK_STEP',
  k8sIndex: 'JOB_COMPLETION_INDEX',
} as const;

/** The shard and where it came from (printed, so a log shows which variables chose it). */
export interface AutoShard {
  readonly shard: Shard;
  readonly source: string;
}

const V = SHARD_VARIABLES;

/** A decimal integer from `min` to `max`, or a usage error naming the variable. */
function integerVariable(env: ShardEnvironment, name: string, min: number, max: number, why = ''): number {
  const text = env[name];
  if (text === undefined) fail(name, `--shard auto needs ${name}${why}`, text);
  const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) fail(name, `--shard auto: ${name} must be an integer from ${min} to ${max}${why}`, text);
  return value;
}

/** Reads the shard of a job-array element from `env`. */
export function shardFromEnvironment(env: ShardEnvironment): AutoShard {
  const engines = [V.index, V.slurmId, V.k8sIndex].filter((name) => env[name] !== undefined);
  if (engines.length === 0) {
    const countOnly = env[V.count] !== undefined ? ` (${V.count} is set, but no index)` : '';
    fail(
      '--shard',
      `--shard auto needs a job-array index${countOnly}: ${V.index} and ${V.count} (GitHub Actions: set them from strategy.job-index and strategy.job-total), ` +
        `${V.slurmId} (a Slurm job array), or ${V.k8sIndex} (a Kubernetes Indexed Job, with ${V.count} set to spec.completions); none is set`,
      'auto',
    );
  }
  if (engines.length > 1) {
    fail('--shard', `--shard auto found the index variables of more than one engine (${engines.join(', ')}); unset all but one, or give --shard i/n`, engines.map((n) => `${n}=${env[n]}`).join(' '));
  }
  const engine = engines[0];
  if (engine === V.slurmId) return slurmShard(env);
  const count = integerVariable(env, V.count, 1, MAX_SHARDS, engine === V.k8sIndex ? ' (Kubernetes does not export spec.completions: set it to that value)' : ' (set it from strategy.job-total)');
  const index = integerVariable(env, engine, 0, count - 1, ` (0-based, below ${V.count} = ${count})`);
  const engineName = engine === V.k8sIndex ? 'Kubernetes Indexed Job' : 'job matrix (GitHub Actions)';
  return { shard: { index: index + 1, count }, source: `${engineName}: ${engine}=${index}, ${V.count}=${count}` };
}

/** A Slurm array element: its position in the regular range MIN, MIN + STEP, ..., MAX. */
function slurmShard(env: ShardEnvironment): AutoShard {
  if (env[V.count] !== undefined) {
    fail(V.count, `--shard auto: ${V.count} and ${V.slurmCount} both give a shard count; on Slurm unset ${V.count}`, env[V.count]);
  }
  const count = integerVariable(env, V.slurmCount, 1, MAX_SHARDS);
  const min = integerVariable(env, V.slurmMin, 0, 999_999_999, ' (Slurm sets it in every array task)');
  const step = env[V.slurmStep] === undefined ? 1 : integerVariable(env, V.slurmStep, 1, 999_999_999);
  const id = integerVariable(env, V.slurmId, min, 999_999_999, ` (at least ${V.slurmMin} = ${min})`);
  const lastId = min + (count - 1) * step;
  const max = env[V.slurmMax] === undefined ? lastId : integerVariable(env, V.slurmMax, min, 999_999_999);
  if (max !== lastId) {
    fail(
      V.slurmMax,
      `--shard auto needs a Slurm array that is a regular range (MIN + (COUNT - 1) * STEP = MAX), not a list such as --array=1,2,7: here ${min} + ${count - 1} * ${step} = ${lastId}; give --shard i/n instead`,
      env[V.slurmMax],
    );
  }
  if ((id - min) % step !== 0 || id > lastId) {
    fail(V.slurmId, `--shard auto: ${V.slurmId} must be one of ${min}, ${min + step}, ..., ${lastId} (${V.slurmMin}, ${V.slurmStep}, ${V.slurmCount})`, env[V.slurmId]);
  }
  const index = (id - min) / step;
  return {
    shard: { index: index + 1, count },
    source: `Slurm job array: ${V.slurmId}=${id}, ${V.slurmMin}=${min}, ${V.slurmStep}=${step}, ${V.slurmCount}=${count}`,
  };
}
