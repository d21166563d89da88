/**
 * `--shard i/n`: a deterministic share of the trials, by the FNV-1a hash of the trial id
 * modulo n, so every trial lands in exactly one shard whatever the tier's order, and a CI
 * matrix can split an audit across machines.
 *
 * @example
 * ```ts
 * const s = parseShard('2/4'); // { index: 2, count: 4 }
 * inShard('fig2a/init=random/trial=0', s);
 * ```
 */
import { fnv1a } from '../../core/random.js';
import { fail } from '../../core/validate.js';

/** Shard i of n, 1-based as on the command line. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole audit. */
export const WHOLE: Shard = { index: 1, count: 1 };

/** The most shards (more than the full tier's trials only makes empty shards). */
export const MAX_SHARDS = 10_000;

/** Parses "i/n" with 1 <= i <= n <= MAX_SHARDS. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > MAX_SHARDS) {
    fail('--shard', `--shard must be i/n with 1 <= i <= n <= ${MAX_SHARDS}, or auto (read from a job array's variables)`, text);
  }
  return { index, count };
}

/** Whether trial `id` belongs to `shard`. */
export function inShard(id: string, shard: Shard): boolean {
  return fnv1a(id) % shard.count === shard.index - 1;
}
