/**
 * Distance between W W^T and W* W*^T, the only identifiable quantity of a quadratic-activation
 * network with positive output weights (f(x) = x^T W W^T x is unchanged by W -> W Q for any
 * orthogonal Q), so convergence "to a global optimum" is measured on it.
 *
 * Formed entrywise (d x d, O(d^2 K)): expanding |W W^T|^2 - 2 <W W^T, W* W*^T> + |W* W*^T|^2
 * through K x K Gram matrices would cancel catastrophically once the error is small.
 *
 * @example
 * ```ts
 * gramError(W, Wstar).relative // |W W^T - W* W*^T|_F / |W* W*^T|_F
 * ```
 */
import { assertSameShape, type Weights } from '../layout.js';

/** Absolute and relative Frobenius distance of the d x d Gram matrices. */
export interface GramError {
  readonly error: number;
  readonly relative: number;
}

/**
 * |W W^T - W* W*^T|_F and its ratio to |W* W*^T|_F.
 * @example gramError(Wstar, Wstar).error // 0
 */
export function gramError(W: Weights, Wstar: Weights): GramError {
  assertSameShape('W', W, 'Wstar', Wstar);
  const { d, K } = W;
  let e = 0;
  let ref = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let a = 0;
      let b = 0;
      for (let k = 0; k < K; k++) {
        a += W.data[k * d + i] * W.data[k * d + j];
        b += Wstar.data[k * d + i] * Wstar.data[k * d + j];
      }
      e += (a - b) * (a - b);
      ref += b * b;
    }
  }
  return { error: Math.sqrt(e), relative: Math.sqrt(e / ref) };
}
