/**
 * The reference GD loop with its update step replaced: the shared skeleton of the planted GD
 * slips (bugs.ts, gapBugs.ts), so each bug states only the line that is wrong.
 *
 * @example
 * ```ts
 * withGdUpdate('gd ignores eta', (W, g) => W.forEach((w, q) => (W[q] = w - g[q])));
 * ```
 */
import { lossAndGradient } from '../../src/core/kernel.js';
import type { Dataset } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';

/** Reference GD whose step goes through `update(W, grad, eta, data)` (a slip in the loop). */
export function withGdUpdate(name: string, update: (W: Float64Array, grad: Float64Array, eta: number, data: Dataset) => void): Implementation {
  return {
    ...referenceImplementation(),
    name,
    gradientDescent: async (data, req) => {
      const W = { ...req.W0, data: Float64Array.from(req.W0.data) };
      const grad = new Float64Array(W.data.length);
      const loss = new Float64Array(req.iterations + 1);
      for (let t = 0; ; t++) {
        loss[t] = lossAndGradient(data, W, grad);
        if (t === req.iterations) break;
        update(W.data, grad, req.eta, data);
      }
      return { W, loss };
    },
  };
}
