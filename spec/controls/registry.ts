/**
 * The controls: correct implementations written from the papers (THEORY.md, docs/protocol.md),
 * each differently from relucheck's reference (other summation orders, layouts, masks, loops,
 * closed forms, another language). Every one must pass every applicable claim and fixture:
 * **a failing control is a relucheck bug** (an unfair threshold, or a claim that tests
 * relucheck's rounding instead of the mathematics), unless the control is shown wrong.
 *
 * Adding a control (the hook for other helpers): write `spec/controls/NAME.ts` exporting a
 * factory, then add one {@link ControlEntry} to `CONTROLS` below. An entry may declare the
 * `precision` it is run with (a float32 control is run with `precision: 'float32'`) and is
 * then held to that precision's rounding bounds. `kink` adds strictMask.ts (z > 0, declared
 * reluAtZero 0) and float32Impl.ts; `faithful-init` is the paper-faithful tensor initialization (faithfulInit/,
 * canonical member of the family the tensor-init claims are calibrated on).
 *
 * @example
 * ```ts
 * for (const entry of CONTROLS) {
 *   const impl = await entry.make();
 *   await claim.run(impl, { seed: 1, tier: 'default', precision: entry.precision });
 *   await impl.close?.();
 * }
 * ```
 */
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Implementation, Precision } from '../../src/impl/Implementation.js';
import { processImplementation } from '../../src/impl/processImplementation.js';
import { acosPopulationControl } from './acosPopulation.js';
import { autodiffControl } from './autodiff.js';
import { columnMajorControl } from './columnMajor.js';
import { denseBlockPopulationControl } from './denseBlockPopulation.js';
import { FAITHFUL_FAMILY } from './faithfulInit/faithfulFamily.js';
import { float32Control } from './float32Impl.js';
import { inPlaceControl } from './inPlaceGd.js';
import { kahanControl } from './kahanSums.js';
import { matrixFormControl } from './matrixForm.js';
import { pairwiseControl } from './pairwiseSums.js';
import { perSampleControl } from './perSampleLoop.js';
import { reverseControl } from './reverseOrder.js';
import { signMaskControl } from './signMask.js';
import { strictMaskControl } from './strictMask.js';

/** One control in the registry. */
export interface ControlEntry {
  /** Stable id, used in the flake report and test titles. */
  readonly id: string;
  /** What makes it different from the reference, in a few words. */
  readonly how: string;
  /** Precision it is run with (default: what the implementation declares, else float64). */
  readonly precision?: Precision;
  /** True when it is cheap enough for every claim in `npm test` (no child process, no O(N dK^2) HVP). */
  readonly cheap: boolean;
  /** Builds a fresh instance (close it with `close?.()` when done). */
  make(): Implementation | Promise<Implementation>;
}

/** An empirical control with a population control's methods and capabilities added. */
function combined(empirical: Implementation, population: Implementation): Implementation {
  return {
    ...empirical,
    ...population,
    name: `${empirical.name} + ${population.name}`,
    capabilities: [...empirical.capabilities, ...population.capabilities],
  };
}

/** The Python control's script; the compiled registry (dist/spec/controls) points at the source tree. */
const PYTHON_SERVER = fileURLToPath(new URL('./python/einsum_server.py', import.meta.url)).replace(`${sep}dist${sep}spec${sep}`, `${sep}spec${sep}`);

/** Every control, cheapest first. */
export const CONTROLS: readonly ControlEntry[] = [
  { id: 'pairwise', how: 'pairwise summation over samples and inputs', cheap: true, make: pairwiseControl },
  { id: 'reversed', how: 'every loop backwards, 1/N applied per term', cheap: true, make: reverseControl },
  {
    id: 'per-sample+acos',
    how: 'per-sample gradients, optimizer-style GD; acos-with-clip population loss, gradient and Hessian',
    cheap: true,
    make: () => combined(perSampleControl(), acosPopulationControl()),
  },
  { id: 'in-place', how: 'one fused unit-major pass, GD updating one buffer in place', cheap: true, make: inPlaceControl },
  { id: 'sign-mask', how: 'relu(z) = (z + |z|)/2, mask from sign()', cheap: true, make: signMaskControl },
  {
    id: 'strict-mask',
    how: 'z > 0 mask declared (reluAtZero 0), autograd-style backward, in-place SGD',
    cheap: true,
    make: strictMaskControl,
  },
  {
    id: 'kahan+wedge',
    how: 'Kahan-compensated sums; wedge-product angles and a dense population Hessian',
    cheap: true,
    make: () => combined(kahanControl(), denseBlockPopulationControl()),
  },
  { id: 'column-major', how: 'W in C order (d x K), X column-major, converted at the boundary', cheap: true, make: columnMajorControl },
  {
    id: 'float32',
    how: 'float32 arithmetic (Float32Array storage, Math.fround after every operation), run with precision float32',
    precision: 'float32',
    cheap: true,
    make: float32Control,
  },
  { id: 'autodiff', how: 'reverse-mode tape for the gradient, forward-over-reverse dual numbers for the HVP', cheap: true, make: autodiffControl },
  {
    // Not cheap in the registry's sense: its empirical methods are the pairwise control's (run
    // there already), so npm test runs it on the sampled claims only (determinism takes init);
    // the tensor-init claims run on it with RELUCHECK_CONTROLS=all and in the flake check.
    id: 'faithful-init',
    how: "Zhong et al.'s Algorithm 1 as written: one random alpha, plain M2/M4 moments, robust tensor power method, M1 RecMagSign (pairwise sums elsewhere)",
    cheap: false,
    make: () => combined(pairwiseControl(), FAITHFUL_FAMILY[0].make()),
  },
  { id: 'matrix-form', how: 'BLAS-style matmuls, dense Gauss-Newton Hessian for the HVP', cheap: false, make: matrixFormControl },
  {
    id: 'python-einsum',
    how: 'NumPy einsum server over the protocol, arccos population, in-place GD',
    cheap: false,
    make: () => processImplementation({ command: `python3 ${JSON.stringify(PYTHON_SERVER)}`, timeoutMs: 60_000 }),
  },
];

/**
 * The entry with this id.
 * @example controlById('pairwise').make()
 */
export function controlById(id: string): ControlEntry {
  const entry = CONTROLS.find((c) => c.id === id);
  if (entry === undefined) throw new Error(`controlById: no control "${id}" (known: ${CONTROLS.map((c) => c.id).join(', ')})`);
  return entry;
}
