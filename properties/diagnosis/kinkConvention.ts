/**
 * The (sample, unit) pairs on a kink (w_k . x_i = 0 exactly), where the two subgradient
 * conventions, relu'(0) = 1 (relucheck's `z >= 0`) and relu'(0) = 0 (`z > 0`, PyTorch,
 * TensorFlow, JAX), differ. The core computes either (core/kernel.ts and empiricalHvp take
 * `reluAtZero`); the kink-convention hypothesis names these pairs.
 *
 * @example
 * ```ts
 * if (exactKinks(data, W).length > 0) console.log('a convention question');
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
