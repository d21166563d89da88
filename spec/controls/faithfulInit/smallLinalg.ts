/**
 * The little dense linear algebra the faithful tensor initialization needs, written for the
 * control (not taken from src/core): cyclic Jacobi eigen-decomposition of a symmetric matrix,
 * and Gaussian elimination with partial pivoting for the least-squares normal equations.
 *
 * @example
 * ```ts
 * const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2); // 3, 1
 * ```
 */

/**
 * Eigenvalues and eigenvectors of a symmetric n x n matrix (row-major), by cyclic Jacobi
 * rotations; `vectors[i * n + j]` is entry i of eigenvector j. Sorted by |value|, largest first
 * (Algorithm 1's POWERMETHOD keeps the top-k eigenvectors by magnitude).
 * @example symmetricEigen(new Float64Array([1, 0, 0, -3]), 2).values // [-3, 1]
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) (i === j ? (total += a[i * n + j] ** 2) : (off += a[i * n + j] ** 2));
    if (off <= 1e-30 * (total + off) || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => Math.abs(a[j * n + j]) - Math.abs(a[i * n + i]));
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    for (let i = 0; i < n; i++) vectors[i * n + dst] = v[i * n + src];
  });
  return { values: order.map((i) => a[i * n + i]), vectors };
}

/**
 * Solves A x = b (n x n, row-major) by Gaussian elimination with partial pivoting.
 * @example solveLinear(new Float64Array([2, 0, 0, 4]), [2, 4], 2) // [1, 1]
 */
export function solveLinear(matrix: Float64Array, rhs: readonly number[], n: number): number[] {
  const a = Float64Array.from(matrix);
  const b = [...rhs];
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
      [b[col], b[pivot]] = [b[pivot], b[col]];
    }
    const diag = a[col * n + col];
    if (diag === 0) continue; // singular direction: its coefficient stays 0
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col] / diag;
      for (let k = col; k < n; k++) a[r * n + k] -= f * a[col * n + k];
      b[r] -= f * b[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * x[k];
    x[r] = a[r * n + r] === 0 ? 0 : s / a[r * n + r];
  }
  return x;
}
