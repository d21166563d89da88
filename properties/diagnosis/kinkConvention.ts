/**
 * The two subgradient conventions at a kink (w_k . x_i = 0 exactly): relu'(0) = 1 (relucheck's
 * `z >= 0`) and relu'(0) = 0 (`z > 0`, PyTorch, TensorFlow, JAX). relucheck's core computes the
 * first; this file turns its answers into the second, which differs only in the terms of the
 * (sample, unit) pairs on a kink.
 *
 * @example
 * ```ts
 * if (exactKinks(data, W).length > 0) g0 = strictMaskGradient(data, W, g1);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';

/** A (sample, unit) pair whose pre-activation is exactly 0. */
export interface Kink {
  readonly sample: number;
  readonly unit: number;
}

/**
 * The pairs (i, k) with w_k . x_i = 0 exactly (summed in the kernel's order).
 * @example exactKinks(data, W).length
 */
export function exactKinks(data: Dataset, W: Weights): Kink[] {
  const { n, d, X } = data;
  const out: Kink[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W.K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += W.data[k * d + j] * X[i * d + j];
      if (z === 0) out.push({ sample: i, unit: k });
    }
  }
  return out;
}

function residual(data: Dataset, W: Weights, i: number): number {
  const { d, X } = data;
  let out = 0;
  for (let k = 0; k < W.K; k++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += W.data[k * d + j] * X[i * d + j];
    if (z > 0) out += z;
  }
  return out - data.y[i];
}

/**
 * The `z > 0` gradient from the `z >= 0` one: drops (1/N) r_i x_i from unit k's block for
 * every kink (i, k). Written into `grad` (and returned).
 * @example strictMaskGradient(data, W, g)
 */
export function strictMaskGradient(data: Dataset, W: Weights, grad: Float64Array, kinks = exactKinks(data, W)): Float64Array {
  const { n, d, X } = data;
  for (const { sample: i, unit: k } of kinks) {
    const r = residual(data, W, i);
    for (let j = 0; j < d; j++) grad[k * d + j] -= (r * X[i * d + j]) / n;
  }
  return grad;
}
