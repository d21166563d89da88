/**
 * The initializations the figures compare: tensor initialization (Zhong et al. 2017,
 * Algorithm 1, src/core/tensor) and standard-Gaussian random initialization. Every trial
 * records which one it ran (`initUsed`), so a report can never pass off one for the other.
 *
 * @example
 * ```ts
 * const { W0, used } = initialize('tensor', inst.data, inst.Wstar.K, stream);
 * ```
 */
import { randomInit } from '../../core/init.js';
import { tensorInit } from '../../core/tensor/tensorInit.js';
import type { Dataset, Weights } from '../../core/layout.js';
import type { RandomStream } from '../../core/random.js';

/** An initialization the experiments ask for. */
export type InitKind = 'tensor' | 'random';

/** The starting point and the initialization actually used. */
export interface Start {
  readonly W0: Weights;
  readonly used: InitKind;
}

/** W0 for `kind` on `data` with K units; random is i.i.d. standard Gaussian as in Zhang et al. */
export function initialize(kind: InitKind, data: Dataset, K: number, stream: RandomStream): Start {
  if (kind === 'tensor') {
    return { W0: tensorInit(data, K, { stream }).W, used: 'tensor' };
  }
  return { W0: randomInit(data.d, K, stream), used: 'random' };
}
