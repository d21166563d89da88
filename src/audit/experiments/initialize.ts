/**
 * The initializations the figures compare. Tensor initialization (Zhong et al. 2017,
 * Algorithm 1) comes from the tensor issue; until it is in src/core, a trial that asks for it
 * runs random initialization instead and records which one it used (`initUsed`), so the report
 * says plainly which curves are provisional. Plugging it in is the one marked line below.
 *
 * @example
 * ```ts
 * const { W0, used } = initialize('tensor', inst.data, inst.Wstar.K, stream);
 * ```
 */
import { randomInit } from '../../core/init.js';
import type { Dataset, Weights } from '../../core/layout.js';
import type { RandomStream } from '../../core/random.js';

/** An initialization the experiments ask for. */
export type InitKind = 'tensor' | 'random';

/** Whether tensor initialization is available in src/core yet. */
export const TENSOR_INIT_AVAILABLE = false;

/**
 * The initialization a trial of `kind` will actually run. Trial ids carry it, so when tensor
 * initialization lands the tensor trials get new ids: a resumed audit runs them instead of
 * keeping the random-init stand-ins, and the report drops records no current trial has.
 */
export function effectiveInit(kind: InitKind): InitKind {
  return kind === 'tensor' && !TENSOR_INIT_AVAILABLE ? 'random' : kind;
}

/** The starting point and the initialization actually used. */
export interface Start {
  readonly W0: Weights;
  readonly used: InitKind;
}

/** W0 for `kind` on `data` with K units; random is i.i.d. standard Gaussian as in Zhang et al. */
export function initialize(kind: InitKind, data: Dataset, K: number, stream: RandomStream): Start {
  if (kind === 'tensor' && TENSOR_INIT_AVAILABLE) {
    // Plug in: return { W0: tensorInit(data, K, { stream }).W, used: 'tensor' };
  }
  return { W0: randomInit(data.d, K, stream), used: 'random' };
}
