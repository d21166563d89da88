/**
 * The reference Implementation: relucheck's own core behind the Implementation interface,
 * so the properties cannot tell it from a user's solver.
 *
 * @example
 * ```ts
 * const impl = referenceImplementation();
 * const g = await impl.gradient!(inst.data, inst.Wstar);
 * ```
 */
import { gradientDescent } from '../core/gd.js';
import { lossAndGradient, loss } from '../core/kernel.js';
import { createStreams } from '../core/random.js';
import { tensorInit } from '../core/tensor/tensorInit.js';
import { empiricalHvp } from '../core/population/empiricalHessian.js';
import { populationGradient } from '../core/population/populationGradient.js';
import { populationHvp } from '../core/population/populationHessian.js';
import { populationLoss } from '../core/population/populationLoss.js';
import { specializedLossAndGradient } from '../core/kernels/specialized.js';
import { createFastestKernel } from '../native/fastestKernel.js';
import type { Capability, Implementation } from './Implementation.js';

/** Options of {@link referenceImplementation}. */
export interface ReferenceOptions {
  /**
   * The loss/gradient backend of its gradient descent. `'fastest'` (default): native, else
   * wasm. `'typescript'`: the plain-TypeScript loops the core falls back to where
   * WebAssembly is unavailable (`core/kernels/specialized.ts`), so the claims can judge that
   * path too; it is bit-identical, only slower.
   */
  readonly gdKernel?: 'fastest' | 'typescript';
}

/**
 * Builds the reference implementation over the core.
 * @example referenceImplementation({ gdKernel: 'typescript' }).name // 'reference (TypeScript GD kernel)'
 */
export function referenceImplementation(options: ReferenceOptions = {}): Implementation {
  const gdKernel = options.gdKernel ?? 'fastest';
  if (gdKernel !== 'fastest' && gdKernel !== 'typescript') {
    throw new RangeError(`referenceImplementation: options.gdKernel must be 'fastest' or 'typescript', got ${JSON.stringify(gdKernel)}`);
  }
  const capabilities: Capability[] = ['loss', 'gradient', 'gd', 'hvp', 'population', 'populationHvp', 'init'];
  return {
    name: gdKernel === 'fastest' ? 'reference' : 'reference (TypeScript GD kernel)',
    capabilities,
    loss: async (data, W) => loss(data, W),
    gradient: async (data, W) => {
      const g = new Float64Array(W.data.length);
      lossAndGradient(data, W, g);
      return g;
    },
    hvp: async (data, W, u) => empiricalHvp(data, W, u),
    populationLoss: async (Wstar, W, nu) => populationLoss(Wstar, W, nu),
    populationGradient: async (Wstar, W) => populationGradient(Wstar, W),
    populationHvp: async (Wstar, W, u) => populationHvp(Wstar, W, u),
    gradientDescent: async (data, req) => {
      // Native, else wasm, or the TypeScript fallback: all bit-identical to the reference loop.
      const kernel = gdKernel === 'fastest' ? createFastestKernel().lossAndGradient : specializedLossAndGradient;
      const r = gradientDescent({ data, W0: req.W0, eta: req.eta, iterations: req.iterations, kernel });
      // core/gd.ts stops as soon as the loss is <= its tolerance (default 0), i.e. also when
      // it is exactly 0; the contract promises iterations + 1 losses. A zero loss means every
      // residual is 0, so the gradient is 0 and every later iterate (and loss) is the same:
      // padding with the last loss is exact. (Found by gd-consistency in the thorough tier.)
      const loss = new Float64Array(req.iterations + 1);
      loss.set(r.trajectory.loss);
      loss.fill(r.trajectory.loss[r.iterations], r.iterations + 1);
      return { W: r.W, loss };
    },
    // ReLU teacher (v = +1), the module's defaults; the seed drives only the method's own
    // randomness (alphas, subspace start, restarts).
    tensorInit: async (data, req) =>
      tensorInit(data, req.K, { stream: createStreams(req.seed).stream('tensor-init') }).W,
  };
}
