/**
 * Finite differences taken through an Implementation (its own loss), with the rounding
 * tolerance that goes with them. Shared by the gradient, kink and Hessian claims.
 *
 * @example
 * ```ts
 * const { fd, tol } = await centralDifferenceOf(impl, data, W, U, h);
 * ```
 */
import type { Dataset, Weights } from '../src/core/layout.js';
import type { Implementation } from '../src/impl/Implementation.js';
import { lossRoundingBound, pointRounding, UNIT_ROUNDOFF } from './rounding.js';

/** W + t U as new weights. @example shifted(W, U, 1e-3) */
export function shifted(W: Weights, U: Float64Array, t: number): Weights {
  return { d: W.d, K: W.K, data: W.data.map((w, q) => w + t * U[q]) };
}

/** Inner product. @example dot(a, b) */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let q = 0; q < a.length; q++) s += a[q] * b[q];
  return s;
}

/** sum_q |a_q| |b_q|. @example absDot(a, b) */
export function absDot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let q = 0; q < a.length; q++) s += Math.abs(a[q] * b[q]);
  return s;
}

/** A difference quotient and the rounding bound on its error. */
export interface Difference {
  readonly fd: number;
  readonly tol: number;
}

/**
 * Central difference of the implementation's loss along U at half-width h. The tolerance is
 * the rounding of the two losses over 2h, plus the rounding of W +- hU itself (each
 * coordinate moves by at most u |W_q + h U_q|, which moves the loss by |g_q| times that),
 * plus the rounding of the quotient. It assumes the loss is quadratic on the stencil (true
 * when no pre-activation changes sign inside it), so no truncation term. `u` is the unit
 * roundoff of the implementation's arithmetic (its losses, its conversion of W +- hU); the
 * quotient is relucheck's, in float64.
 */
export async function centralDifferenceOf(
  impl: Implementation,
  data: Dataset,
  W: Weights,
  U: Float64Array,
  h: number,
  grad: Float64Array,
  u = UNIT_ROUNDOFF,
): Promise<Difference> {
  const Wp = shifted(W, U, h);
  const Wm = shifted(W, U, -h);
  const fp = await impl.loss!(data, Wp);
  const fm = await impl.loss!(data, Wm);
  const fd = (fp - fm) / (2 * h);
  let moved = 0;
  for (let q = 0; q < U.length; q++) moved += Math.abs(grad[q]) * (Math.abs(W.data[q]) + h * Math.abs(U[q]));
  const tol =
    (lossRoundingBound(data, Wp, u) + lossRoundingBound(data, Wm, u)) / (2 * h) +
    (pointRounding(u) * moved) / h +
    4 * UNIT_ROUNDOFF * Math.abs(fd);
  return { fd, tol };
}

/**
 * One-sided derivative of the loss at W along U (side +1: right, -1: left), extrapolated
 * from the quotients at h and 2h: if the loss is quadratic on [0, 2h] along the side, then
 * D(h) = f' + a h and D(2h) = f' + 2 a h, so 2 D(h) - D(2h) = f' exactly but for rounding.
 */
export async function oneSidedDerivative(
  impl: Implementation,
  data: Dataset,
  W: Weights,
  U: Float64Array,
  h: number,
  side: 1 | -1,
  grad: Float64Array,
  u = UNIT_ROUNDOFF,
): Promise<Difference> {
  const f0 = await impl.loss!(data, W);
  const f1 = await impl.loss!(data, shifted(W, U, side * h));
  const f2 = await impl.loss!(data, shifted(W, U, side * 2 * h));
  const d1 = (side * (f1 - f0)) / h;
  const d2 = (side * (f2 - f0)) / (2 * h);
  const e = Math.max(
    lossRoundingBound(data, W, u),
    lossRoundingBound(data, shifted(W, U, side * h), u),
    lossRoundingBound(data, shifted(W, U, side * 2 * h), u),
  );
  let moved = 0;
  for (let q = 0; q < U.length; q++) moved += Math.abs(grad[q]) * (Math.abs(W.data[q]) + 2 * h * Math.abs(U[q]));
  // 2 * (2e / h) + (2e / 2h) from the losses, 2 * (2 moved u / h) + (2 moved u / 2h) from
  // rounding W + t U, and the quotients' own rounding.
  return {
    fd: 2 * d1 - d2,
    tol: (5 * (e + pointRounding(u) * moved)) / h + 8 * UNIT_ROUNDOFF * (Math.abs(d1) + Math.abs(d2)),
  };
}
