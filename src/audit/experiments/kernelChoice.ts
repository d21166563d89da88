/**
 * The loss/gradient backend every audit trial uses: the fastest one src/core offers. Chosen
 * once per worker thread (a WebAssembly kernel keeps per-instance memory). Results depend on
 * the backend only through the order of floating-point sums, so a report states which ran.
 *
 * @example
 * ```ts
 * gradientDescent({ data, W0, eta, iterations, kernel: auditKernel().fn });
 * ```
 */
import type { LossGradientFn } from '../../core/gd.js';
import { lossAndGradient } from '../../core/kernel.js';

/** A backend and its name. */
export interface AuditKernel {
  readonly name: string;
  readonly fn: LossGradientFn;
}

let chosen: AuditKernel | undefined;

/** The backend of this thread (the reference kernel until faster ones are in src/core). */
export function auditKernel(): AuditKernel {
  chosen ??= { name: 'reference', fn: lossAndGradient };
  return chosen;
}
