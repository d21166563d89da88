/**
 * Eigenvalues (and optionally eigenvector rows) of a symmetric tridiagonal matrix by the
 * implicit QL method with Wilkinson-type shifts: EISPACK's tql2 as ported in JAMA (public
 * domain). Used for the Lanczos projection T_m and, after Householder reduction, for dense
 * symmetric matrices.
 *
 * Eigenvectors: the rotations are applied to the columns of a `rows x n` matrix Z. Passing
 * the identity yields all eigenvectors (columns); passing only the last row e_n^T yields the
 * last component of every eigenvector in O(n^2), which is all Lanczos needs to estimate its
 * residuals `beta_m |s_{m,j}|` at every step.
 *
 * @example
 * ```ts
 * const diag = Float64Array.from([2, 2]), off = Float64Array.from([1, 0]);
 * tridiagonalEigen(diag, off, null, 0); // diag becomes [1, 3]
 * ```
 */

/**
 * In place: `diag` (length n) becomes the ascending eigenvalues; `off[i] = T[i, i+1]` for
 * i < n - 1 (off has length n, its last entry is scratch and is destroyed). When Z is given
 * (row-major rows x n), its columns are transformed and permuted along with the eigenvalues.
 * Returns false if some eigenvalue failed to converge in 30 n iterations (never observed;
 * reported rather than looping forever).
 */
export function tridiagonalEigen(
  diag: Float64Array,
  off: Float64Array,
  Z: Float64Array | null,
  rows: number,
): boolean {
  const n = diag.length;
  const d = diag;
  const e = off;
  if (n === 0) return true;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  let ok = true;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 30 * n) {
          ok = false;
          break;
        }
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (Z !== null) {
            for (let k = 0; k < rows; k++) {
              const zk = k * n;
              h = Z[zk + i + 1];
              Z[zk + i + 1] = s * Z[zk + i] + c * h;
              Z[zk + i] = c * Z[zk + i] - s * h;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
  // Selection sort of eigenvalues, permuting Z's columns alike.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      if (Z !== null) {
        for (let j = 0; j < rows; j++) {
          const t = Z[j * n + i];
          Z[j * n + i] = Z[j * n + k];
          Z[j * n + k] = t;
        }
      }
    }
  }
  return ok;
}
