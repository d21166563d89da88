/**
 * Gauss quadrature rules by Golub-Welsch: the nodes of the n-point rule for a weight are the
 * eigenvalues of its Jacobi matrix (the symmetric tridiagonal matrix of the three-term
 * recurrence), and each weight is the total mass times the squared first component of the
 * matching unit eigenvector. The eigenproblem is solved by the implicit QL method with
 * Wilkinson shifts (tqli), tracking only the first row of the eigenvector matrix, which is all
 * Golub-Welsch needs (O(n^2) instead of O(n^3)).
 *
 * - {@link hermiteRule}: probabilists' Gauss-Hermite, E[f(z)] for z ~ N(0, 1) (mass 1).
 * - {@link legendreRule}: Gauss-Legendre on [-1, 1] (mass 2).
 *
 * @example
 * ```ts
 * const { nodes, weights } = hermiteRule(20);
 * let m4 = 0;
 * for (let k = 0; k < 20; k++) m4 += weights[k] * nodes[k] ** 4; // 3, exactly up to rounding
 * ```
 */
import { assertIntegerInRange } from '../validate.js';

/** Nodes (ascending) and weights of a quadrature rule. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Golub-Welsch for a symmetric tridiagonal Jacobi matrix with zero diagonal (both rules here
 * are symmetric) and off-diagonal `offDiagonal[k]` coupling k and k + 1, for a weight of
 * total mass `mass`.
 * @example jacobiRule(new Float64Array(2), new Float64Array([1]), 1) // Hermite, n = 2
 */
export function jacobiRule(
  diagonal: Float64Array,
  offDiagonal: Float64Array,
  mass: number,
): QuadratureRule {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(n);
  e.set(offDiagonal.subarray(0, n - 1));
  const z = new Float64Array(n); // first row of the accumulated rotations
  z[0] = 1;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m !== l) {
        if (iter++ === 60) throw new Error('jacobiRule: QL iteration did not converge');
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        let deflated = false;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            deflated = true;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          const zf = z[i + 1];
          z[i + 1] = s * z[i] + c * zf;
          z[i] = c * z[i] - s * zf;
        }
        if (deflated) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => d[a] - d[b]);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  order.forEach((k, j) => {
    nodes[j] = d[k];
    weights[j] = mass * z[k] * z[k];
  });
  return { nodes, weights };
}

const cache = new Map<string, QuadratureRule>();

function cached(key: string, make: () => QuadratureRule): QuadratureRule {
  let rule = cache.get(key);
  if (!rule) {
    rule = make();
    cache.set(key, rule);
  }
  return rule;
}

/**
 * The n-point probabilists' Gauss-Hermite rule: sum_k w_k f(x_k) = E[f(z)], z ~ N(0, 1),
 * exactly for polynomials of degree <= 2n - 1. Jacobi matrix: zero diagonal, off-diagonal
 * sqrt(k) (from He_{k+1} = z He_k - k He_{k-1}).
 * @example hermiteRule(10).weights.reduce((a, b) => a + b) // 1
 */
export function hermiteRule(n: number): QuadratureRule {
  assertIntegerInRange('n', n, 1, 1000);
  return cached(`H${n}`, () => {
    const off = new Float64Array(Math.max(0, n - 1));
    for (let k = 1; k < n; k++) off[k - 1] = Math.sqrt(k);
    return jacobiRule(new Float64Array(n), off, 1);
  });
}

/**
 * The n-point Gauss-Legendre rule on [-1, 1], exact for degree <= 2n - 1. Jacobi matrix:
 * zero diagonal, off-diagonal k / sqrt(4k^2 - 1).
 * @example legendreRule(5).weights.reduce((a, b) => a + b) // 2
 */
export function legendreRule(n: number): QuadratureRule {
  assertIntegerInRange('n', n, 1, 1000);
  return cached(`L${n}`, () => {
    const off = new Float64Array(Math.max(0, n - 1));
    for (let k = 1; k < n; k++) off[k - 1] = k / Math.sqrt(4 * k * k - 1);
    return jacobiRule(new Float64Array(n), off, 2);
  });
}
