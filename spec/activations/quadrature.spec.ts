import { describe, expect, it } from 'vitest';
import { eigs } from 'mathjs';
import { hermiteRule, legendreRule } from '../../src/core/activations/gaussRules.js';
import { hermiteExpectation, splitExpectation } from '../../src/core/activations/gaussianExpectation.js';
import { halfMoment, normalMoment } from '../../src/core/activations/gaussianMoments.js';
import { ACTIVATIONS } from '../../src/core/activations/catalog.js';
import { quadratureMoments } from '../../src/core/activations/quadratureMoments.js';
import { rho } from '../../src/core/activations/gaussianMoments.js';

const EPS = Number.EPSILON;

describe('Golub-Welsch rules', () => {
  it.each([1, 2, 5, 20, 64])('n = %i Gauss-Hermite integrates z^m exactly for m <= 2n - 1', (n) => {
    const { nodes, weights } = hermiteRule(n);
    for (let m = 0; m <= Math.min(2 * n - 1, 16); m++) {
      let s = 0;
      let abs = 0;
      for (let k = 0; k < n; k++) {
        s += weights[k] * nodes[k] ** m;
        abs += Math.abs(weights[k] * nodes[k] ** m);
      }
      // Rounding of an n-term sum of terms each with ~(m + 4) ulps, relative to sum |terms|,
      // plus the eigen-solver's backward error (~ n eps per node, amplified by m |z|^(m-1)).
      const tol = (n + m + 8) * EPS * abs * (1 + m);
      expect(Math.abs(s - normalMoment(m)), `m = ${m}`).toBeLessThanOrEqual(tol);
    }
  });

  it('nodes match the eigenvalues of the Jacobi matrix computed by mathjs', () => {
    const n = 12;
    const J = new Float64Array(n * n);
    for (let k = 1; k < n; k++) J[(k - 1) * n + k] = J[k * n + k - 1] = Math.sqrt(k);
    const rows = Array.from({ length: n }, (_, i) => Array.from(J.subarray(i * n, (i + 1) * n)));
    const ev = (eigs(rows) as unknown as { values: number[] }).values.slice().sort((a, b) => a - b);
    const { nodes } = hermiteRule(n);
    for (let k = 0; k < n; k++) expect(Math.abs(nodes[k] - ev[k])).toBeLessThanOrEqual(64 * n * EPS * Math.abs(ev[n - 1]));
  });

  it('Gauss-Legendre: mass 2, exact for z^m on [-1, 1], m <= 2n - 1', () => {
    const { nodes, weights } = legendreRule(10);
    for (let m = 0; m < 20; m++) {
      let s = 0;
      for (let k = 0; k < 10; k++) s += weights[k] * nodes[k] ** m;
      expect(Math.abs(s - (m % 2 ? 0 : 2 / (m + 1)))).toBeLessThanOrEqual(64 * EPS);
    }
  });
});

describe('expectations of kinked functions', () => {
  it('split rule: half-line moments to rounding; plain Gauss-Hermite only to O(1/n)', () => {
    for (let m = 0; m <= 6; m++) {
      const split = splitExpectation((z) => (z > 0 ? z ** m : 0), [0]);
      expect(Math.abs(split - halfMoment(m)), `m = ${m}`).toBeLessThanOrEqual(1e3 * EPS * (1 + halfMoment(m)));
    }
    // Why the split rule exists: E[relu(z)] by Gauss-Hermite errs by ~0.16 / n (measured:
    // 1.0e-2, 2.6e-3, 6.4e-4 at n = 16, 64, 256), a rate no tolerance near rounding survives.
    const exact = 1 / Math.sqrt(2 * Math.PI);
    const e64 = Math.abs(hermiteExpectation((z) => Math.max(z, 0), 64) - exact);
    const e256 = Math.abs(hermiteExpectation((z) => Math.max(z, 0), 256) - exact);
    expect(e64).toBeGreaterThan(1e-4);
    expect(e64 / e256).toBeGreaterThan(3);
    expect(e64 / e256).toBeLessThan(5);
  });

  it('ReLU: rho(s) = 1/4 - 1/(2 pi) for every s (Zhong, Theorem 3.5)', () => {
    for (const s of [0.01, 0.3, 1, 7, 100]) {
      expect(Math.abs(rho(quadratureMoments(ACTIVATIONS.relu, s)) - (0.25 - 1 / (2 * Math.PI)))).toBeLessThanOrEqual(1e-13);
    }
  });

  it('smooth activations: split rule and Gauss-Hermite agree at moderate s', () => {
    for (const name of ['sigmoid', 'tanh', 'erf'] as const) {
      for (const s of [0.2, 0.7]) {
        const a = quadratureMoments(ACTIVATIONS[name], s);
        const b = quadratureMoments(ACTIVATIONS[name], s, { rule: 'hermite', points: 100 });
        // Both converge exponentially here (poles of tanh(s z) at |Im z| = pi / (2 s) >= 2.2);
        // 1e-13 is rounding of sums of O(1) terms, not a tuned value.
        for (const key of ['gamma', 'alpha', 'beta'] as const) {
          a[key].forEach((x, k) => expect(Math.abs(x - b[key][k]), `${name} ${key}${k} s=${s}`).toBeLessThanOrEqual(1e-13));
        }
      }
    }
  });

  it('rejects s <= 0 with a message naming the argument', () => {
    expect(() => quadratureMoments(ACTIVATIONS.relu, 0)).toThrow(/s must be greater than 0. Value: 0/);
  });
});
