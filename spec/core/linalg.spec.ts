import { describe, expect, it } from 'vitest';
import { eigs, erf as mathjsErf, qr } from 'mathjs';
import erf from '@stdlib/math-base-special-erf';
import { haarOrthonormal, symmetricEigen } from '../../src/core/linalg.js';
import { createStreams } from '../../src/core/random.js';
import { ACTIVATIONS } from '../../src/core/activations/catalog.js';

/**
 * The hand-written factorizations in src/core/linalg.ts (Householder QR, tred2 + QL) checked
 * against mathjs, kept as a dev dependency for this purpose: an independent implementation
 * (mathjs' eigs runs Jacobi sweeps, its qr its own Householder loop).
 */
const EPS = Number.EPSILON;

function fro(A: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < A.length; t++) s += A[t] * A[t];
  return Math.sqrt(s);
}

describe('haarOrthonormal (Householder QR with R diagonal made positive)', () => {
  it.each([
    [5, 3],
    [7, 7],
    [40, 6],
    [1, 1],
  ])('n = %i, m = %i: matches mathjs qr of the same Gaussian matrix, orthonormal columns', (n, m) => {
    const Q = haarOrthonormal(n, m, createStreams(7).stream('haar'));
    // The same draws, in the same (row-major) order, factorized by mathjs.
    const s = createStreams(7).stream('haar');
    const G: number[][] = [];
    for (let i = 0; i < n; i++) G.push(Array.from({ length: m }, () => s.normal()));
    const { Q: Qm, R } = qr(G) as unknown as { Q: number[][]; R: number[][] };
    // Q with positive diag(R) is unique for full-rank G, so both must agree to rounding
    // (amplified by R's conditioning, modest for these small Gaussian matrices).
    const tol = 64 * n * EPS;
    for (let j = 0; j < m; j++) {
      const sign = R[j][j] < 0 ? -1 : 1;
      for (let i = 0; i < n; i++) {
        expect(Math.abs(Q[i * m + j] - sign * Qm[i][j]), `Q[${i}, ${j}]`).toBeLessThanOrEqual(tol);
      }
    }
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += Q[i * m + a] * Q[i * m + b];
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThanOrEqual(8 * n * EPS);
      }
    }
  });

  it('R = Q^T G has a positive diagonal (the Mezzadri sign fix)', () => {
    const n = 9;
    const m = 4;
    const Q = haarOrthonormal(n, m, createStreams(3).stream('haar'));
    const s = createStreams(3).stream('haar');
    const G = Float64Array.from({ length: n * m }, () => s.normal());
    for (let j = 0; j < m; j++) {
      let r = 0;
      for (let i = 0; i < n; i++) r += Q[i * m + j] * G[i * m + j];
      expect(r).toBeGreaterThan(0);
    }
  });
});

describe('symmetricEigen (tred2 + implicit QL)', () => {
  it.each([1, 2, 6, 25])('n = %i: eigenvalues match mathjs eigs, vectors are unit rows with small residuals', (n) => {
    const s = createStreams(11).stream('sym');
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = s.normal();
    const ours = symmetricEigen(A, n);
    const rows: number[][] = [];
    for (let i = 0; i < n; i++) rows.push(Array.from(A.subarray(i * n, (i + 1) * n)));
    const ref = (eigs(rows) as unknown as { values: number[] }).values.slice().sort((a, b) => a - b);
    // Both backward stable: Weyl bounds the eigenvalue gap by the two backward errors.
    const tol = 16 * n * EPS * fro(A);
    for (let k = 0; k < n; k++) {
      expect(Math.abs(ours.values[k] - ref[k]), `lambda_${k}`).toBeLessThanOrEqual(tol);
      if (k > 0) expect(ours.values[k]).toBeGreaterThanOrEqual(ours.values[k - 1]);
      const v = ours.vectors.subarray(k * n, (k + 1) * n);
      expect(Math.abs(fro(v) - 1)).toBeLessThanOrEqual(8 * n * EPS);
      let res = 0;
      for (let i = 0; i < n; i++) {
        let Av = 0;
        for (let j = 0; j < n; j++) Av += A[i * n + j] * v[j];
        res += (Av - ours.values[k] * v[i]) ** 2;
      }
      expect(Math.sqrt(res), `residual ${k}`).toBeLessThanOrEqual(tol);
    }
  });

  it('symmetrizes first: an asymmetric input gives the eigenvalues of (A + A^T) / 2', () => {
    // [[2, 1], [0, 2]] symmetrizes to [[2, 0.5], [0.5, 2]]: eigenvalues 1.5 and 2.5.
    const { values } = symmetricEigen(new Float64Array([2, 1, 0, 2]), 2);
    expect(Math.abs(values[0] - 1.5)).toBeLessThanOrEqual(4 * EPS);
    expect(Math.abs(values[1] - 2.5)).toBeLessThanOrEqual(4 * EPS);
  });
});

describe('erf (the erf activation, Zhong: phi(z) = sqrt(pi)/2 erf(z))', () => {
  it('agrees with mathjs erf to a few ulps over [-6, 6] and is odd', () => {
    for (let z = -6; z <= 6; z += 0.0137) {
      const a = erf(z);
      // mathjs (Cody's rational approximations) is within ~3.2 ulps of the true value,
      // stdlib (FreeBSD msun) within ~1.1 (both measured against 200-bit mpmath here).
      expect(Math.abs(a - (mathjsErf(z) as number)), `z = ${z}`).toBeLessThanOrEqual(8 * EPS * Math.abs(a) + Number.MIN_VALUE);
      expect(erf(-z)).toBe(-a);
    }
  });

  it('the activation uses it: phi(z) ~ z near 0, sqrt(pi)/2 at infinity', () => {
    const phi = ACTIVATIONS.erf.phi;
    expect(Math.abs(phi(1e-8) - 1e-8)).toBeLessThanOrEqual(4 * EPS * 1e-8);
    expect(phi(30)).toBe(Math.sqrt(Math.PI) / 2);
    // erf(0.5) = 0.520499877813046537682746653892 (Abramowitz and Stegun, Table 7.1).
    expect(Math.abs(phi(0.5) - (Math.sqrt(Math.PI) / 2) * 0.5204998778130465)).toBeLessThanOrEqual(4 * EPS);
  });
});
