/**
 * Gradient descent written as the paper states it (Zhang et al. Algorithm 1): W^{t+1} =
 * W^t - eta grad L_N(W^t), a fresh array per iterate, the loss of every iterate recorded
 * (T + 1 values). Shared by the controls whose point is their gradient, not their loop; the
 * in-place control (inPlaceGd.ts) is the other style.
 *
 * @example
 * ```ts
 * const gd = functionalGd((data, W) => ({ loss: myLoss(data, W), gradient: myGrad(data, W) }));
 * const { W, loss } = gd(data, { W0, eta: 0.1, iterations: 5 });
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { GdRequest, GdResponse } from '../../src/impl/Implementation.js';

/** A control's loss and gradient at one point. */
export type LossAndGradient = (data: Dataset, W: Weights) => { readonly loss: number; readonly gradient: Float64Array };

/**
 * GD over the control's own loss and gradient.
 * @example functionalGd(f)(data, { W0, eta: 0.5, iterations: 3 })
 */
export function functionalGd(f: LossAndGradient): (data: Dataset, req: GdRequest) => GdResponse {
  return (data, req) => {
    let W: Weights = { d: req.W0.d, K: req.W0.K, data: Float64Array.from(req.W0.data) };
    const loss = new Float64Array(req.iterations + 1);
    for (let t = 0; ; t++) {
      const { loss: L, gradient } = f(data, W);
      loss[t] = L;
      if (t === req.iterations) break;
      const next = new Float64Array(W.data.length);
      for (let q = 0; q < next.length; q++) next[q] = W.data[q] - req.eta * gradient[q];
      W = { d: W.d, K: W.K, data: next };
    }
    return { W, loss };
  };
}
