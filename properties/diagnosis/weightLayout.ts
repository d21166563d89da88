/**
 * The most common NumPy slip with relucheck's weights: the buffer holds unit k contiguous
 * (`W[k * d + i]`, a K x d array in C order, i.e. d x K in Fortran order), and the
 * implementation reads it with `W.reshape(d, K)` (C order), so its "unit k" is
 * `(buf[k], buf[K + k], ..., buf[(d - 1) K + k])`; it writes its answer back the same way.
 *
 * @example
 * ```ts
 * const seen = readAsCOrderDxK(W);          // the weights such an implementation works with
 * const out = writeAsCOrderDxK(seen, grad); // what it sends back for a weights-shaped answer
 * ```
 */
import type { Weights } from '../../src/core/layout.js';

/**
 * The weights a C-order `reshape(d, K)` of W's buffer describes, in relucheck's layout.
 * @example readAsCOrderDxK({ d: 2, K: 2, data: Float64Array.of(1, 2, 3, 4) }).data // [1, 3, 2, 4]
 */
export function readAsCOrderDxK(W: Weights): Weights {
  return { d: W.d, K: W.K, data: readVector(W.d, W.K, W.data) };
}

/** A weights-shaped vector (a direction u) read the same way. @example readVector(2, 2, u) */
export function readVector(d: number, K: number, v: Float64Array): Float64Array {
  const out = new Float64Array(d * K);
  for (let k = 0; k < K; k++) for (let i = 0; i < d; i++) out[k * d + i] = v[i * K + k];
  return out;
}

/**
 * A weights-shaped answer (relucheck's layout, for the weights the slip saw) flattened back
 * the way the slip writes it: `G.ravel()` of its d x K array.
 * @example writeAsCOrderDxK(2, 2, g)
 */
export function writeAsCOrderDxK(d: number, K: number, g: Float64Array): Float64Array {
  const out = new Float64Array(d * K);
  for (let k = 0; k < K; k++) for (let i = 0; i < d; i++) out[i * K + k] = g[k * d + i];
  return out;
}

/**
 * Relucheck's weights as a row-major d x K matrix (unit k in column k), the layout a
 * counterexample is written in for people and for NumPy.
 * @example rowMajorDxK(W) // W[i][k] = input i of unit k
 */
export function rowMajorDxK(d: number, K: number, v: Float64Array): Float64Array {
  return writeAsCOrderDxK(d, K, v);
}
