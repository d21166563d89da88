/**
 * The seed of a trial: a function of the master seed and the trial id only, so a trial gives
 * the same result whichever shard, worker or order runs it, and on resume.
 *
 * @example
 * ```ts
 * trialSeed(1, 'fig2b/d=20/K=5/ratio=4/trial=0'); // an integer in [0, 2^32)
 * ```
 */
import { createStream } from '../../core/random.js';

/** A uint32 seed drawn from the stream (master seed, "trial:" + id). */
export function trialSeed(masterSeed: number, id: string): number {
  return Math.floor(createStream(masterSeed, `trial:${id}`).uniform() * 2 ** 32) >>> 0;
}
