/**
 * Standard-Gaussian random initialization, the papers' baseline against tensor initialization.
 *
 * @example
 * ```ts
 * const W0 = randomInit(10, 5, createStreams(1).stream('init'));
 * ```
 */
import type { Weights } from './layout.js';
import type { RandomStream } from './random.js';
import { assertIntegerInRange } from './validate.js';

/** W0 with i.i.d. N(0, scale^2) entries (scale 1 by default). */
export function randomInit(d: number, K: number, stream: RandomStream, scale = 1): Weights {
  assertIntegerInRange('d', d, 1, 1e6);
  assertIntegerInRange('K', K, 1, d, `K must be at most d (d = ${d})`);
  return { d, K, data: stream.fillNormal(new Float64Array(d * K), scale) };
}
