import { describe, expect, it } from 'vitest';
import { haarOrthonormal } from '../../src/core/linalg.js';
import { createStreams } from '../../src/core/random.js';
import { reluGammas, reluMomentCoefficients } from '../../src/core/tensor/reluMoments.js';
import { sampleMoments } from '../../src/core/tensor/sampleMoments.js';

/** He4(x) as a full d^4 array (test only, tiny d): x^4 - sym6(x x I) + sym3(I I). */
function he4(x: Float64Array): (i: number, j: number, k: number, l: number) => number {
  const D = (a: number, b: number) => (a === b ? 1 : 0);
  return (i, j, k, l) =>
    x[i] * x[j] * x[k] * x[l] -
    (x[i] * x[j] * D(k, l) + x[i] * x[k] * D(j, l) + x[i] * x[l] * D(j, k) +
      x[j] * x[k] * D(i, l) + x[j] * x[l] * D(i, k) + x[k] * x[l] * D(i, j)) +
    (D(i, j) * D(k, l) + D(i, k) * D(j, l) + D(i, l) * D(j, k));
}

describe('the R3 estimator is the projected He4 moment', () => {
  it('matches the brute-force d^4 contraction M4(V, V, V, alpha) on a tiny sample (no variance reduction)', () => {
    const d = 4, K = 2, N = 7;
    const s = createStreams(11).stream('x');
    const X = s.fillNormal(new Float64Array(N * d));
    const y = s.fillNormal(new Float64Array(N));
    // A non-orthonormal "basis" exercises the G = V V^T terms too.
    const V = s.fillNormal(new Float64Array(K * d));
    const alpha = s.fillNormal(new Float64Array(d));
    const R3 = sampleMoments({ n: N, d, X, y }, { varianceReduction: 'none' }).r3(V, K, [alpha])[0];
    for (let p = 0; p < K; p++) for (let q = 0; q < K; q++) for (let r = 0; r < K; r++) {
      let sum = 0;
      let absSum = 0;
      let terms = 0;
      for (let n = 0; n < N; n++) {
        const h = he4(X.subarray(n * d, (n + 1) * d));
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) {
          const t = y[n] * h(i, j, k, l) * V[p * d + i] * V[q * d + j] * V[r * d + k] * alpha[l];
          sum += t;
          absSum += Math.abs(t);
          terms++;
        }
      }
      const expected = sum / N;
      const actual = R3[(p * K + q) * K + r];
      // Rounding: recursive summation of n terms errs by at most n eps sum|t| (Higham 2002,
      // eq. 4.4), for both orders of summation; the He4 expansion regroups the same terms.
      const tol = (2 * terms * Number.EPSILON * absSum) / N;
      expect(Math.abs(actual - expected), `entry (${p},${q},${r}): actual ${actual}, expected ${expected}, tolerance ${tol}`).toBeLessThanOrEqual(tol);
    }
  });

  it("'center' is the unbiased (N - 1)-normalized estimator of the same moments", () => {
    const d = 3, K = 3, N = 9;
    const s = createStreams(12).stream('x');
    const X = s.fillNormal(new Float64Array(N * d));
    const y = s.fillNormal(new Float64Array(N));
    const V = haarOrthonormal(d, K, s); // d x K row-major; its transpose's rows are the basis
    const Vt = new Float64Array(K * d);
    for (let i = 0; i < d; i++) for (let k = 0; k < K; k++) Vt[k * d + i] = V[i * K + k];
    const alpha = Vt.subarray(0, d);
    const mean = y.reduce((a, b) => a + b, 0) / N;
    const yc = y.map((v) => ((v - mean) * N) / (N - 1));
    const plain = sampleMoments({ n: N, d, X, y: yc }, { varianceReduction: 'none' });
    const centered = sampleMoments({ n: N, d, X, y }, { varianceReduction: 'center' });
    const pairs: [Float64Array, Float64Array][] = [
      [centered.m1(), plain.m1()],
      [centered.m2(), plain.m2()],
      [centered.r3(Vt, K, [alpha])[0], plain.r3(Vt, K, [alpha])[0]],
    ];
    for (const [a, b] of pairs) {
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `index ${i}: ${a[i]} vs ${b[i]}`).toBeLessThan(1e-12);
    }
  });
});

describe('ReLU moment coefficients', () => {
  it('gamma_j(s) = E[relu(s z) z^j] by quadrature, and m1..m4 = s/2, s/sqrt(2 pi), 0, -s/sqrt(2 pi)', () => {
    const s = 1.7;
    // Trapezoid on [0, 12] with h = 1e-3: the integrand is smooth and its tail beyond 12 is
    // below e^-72, so the error is O(h^2) ~ 1e-7 relative (checked to 1e-6).
    const h = 1e-3;
    const g = new Array(5).fill(0);
    for (let z = 0; z <= 12; z += h) {
      const w = (z === 0 ? 0.5 : 1) * h * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      for (let j = 0; j < 5; j++) g[j] += w * s * z * z ** j;
    }
    const closed = reluGammas(s);
    for (let j = 0; j < 5; j++) expect(Math.abs(g[j] - closed[j]), `gamma_${j}`).toBeLessThan(1e-6 * closed[j]);
    const m = reluMomentCoefficients(s);
    const c = s / Math.sqrt(2 * Math.PI);
    expect(m.m1).toBeCloseTo(s / 2, 14);
    expect(m.m2).toBeCloseTo(c, 14);
    expect(m.m3).toBeCloseTo(0, 14);
    expect(m.m4).toBeCloseTo(-c, 14);
  });
});
