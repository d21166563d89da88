import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignedError } from '../../src/core/alignedError.js';
import { solveAssignment } from '../../src/core/hungarian.js';
import { makeInstance } from '../../src/core/instance.js';
import { createStreams } from '../../src/core/random.js';
import type { Weights } from '../../src/core/layout.js';

function permuteUnits(W: Weights, perm: number[]): Weights {
  const out = new Float64Array(W.data.length);
  perm.forEach((src, k) => out.set(W.data.subarray(src * W.d, (src + 1) * W.d), k * W.d));
  return { ...W, data: out };
}

function bruteForce(cost: Float64Array, n: number): number {
  let best = Infinity;
  const perm = Array.from({ length: n }, (_, i) => i);
  const rec = (k: number, acc: number) => {
    if (acc >= best) return;
    if (k === n) {
      best = acc;
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i], perm[k]];
      rec(k + 1, acc + cost[k * n + perm[k]]);
      [perm[k], perm[i]] = [perm[i], perm[k]];
    }
  };
  rec(0, 0);
  return best;
}

describe('aligned error and the assignment solver', () => {
  it('the Hungarian solver matches brute force on random costs (n <= 7)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, seed) => {
        const s = createStreams(seed).stream('cost');
        // Integer costs with ties exercise the degenerate cases of the potentials.
        const cost = new Float64Array(n * n).map(() => Math.floor(s.uniform() * 5));
        const { cost: total, assignment } = solveAssignment(cost, n);
        expect(new Set(assignment).size).toBe(n);
        expect(total).toBe(bruteForce(cost, n));
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('is exactly zero on any column permutation of W* and finds that permutation (K up to 50)', () => {
    for (const K of [1, 5, 20, 50]) {
      const inst = makeInstance({ d: 60, K, kappa: 2, N: 1, seed: K });
      const s = createStreams(K).stream('perm');
      const perm = Array.from({ length: K }, (_, i) => i);
      for (let i = K - 1; i > 0; i--) {
        const j = Math.floor(s.uniform() * (i + 1));
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      const res = alignedError(permuteUnits(inst.Wstar, perm), inst.Wstar);
      expect(res.error).toBe(0);
      expect(Array.from(res.permutation)).toEqual(perm);
    }
  });

  it('is invariant to permuting the columns of W', () => {
    const inst = makeInstance({ d: 10, K: 6, kappa: 2, N: 1, seed: 3 });
    const s = createStreams(3).stream('noise');
    const W = { ...inst.Wstar, data: inst.Wstar.data.map((v) => v + 0.5 * s.normal()) };
    const base = alignedError(W, inst.Wstar).error;
    const permuted = alignedError(permuteUnits(W, [5, 3, 1, 0, 2, 4]), inst.Wstar).error;
    expect(Math.abs(permuted - base)).toBeLessThanOrEqual(8 * Number.EPSILON * base);
  });
});
