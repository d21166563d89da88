import { describe, expect, it } from 'vitest';
import { alignedError } from '../../src/core/alignedError.js';
import { randomInit } from '../../src/core/init.js';
import { makeInstance } from '../../src/core/instance.js';
import { haarOrthonormal } from '../../src/core/linalg.js';
import { createStreams } from '../../src/core/random.js';
import { drawTeacher } from '../../src/core/instance.js';
import { populationMoments } from '../../src/core/tensor/populationMoments.js';
import { sampleMoments } from '../../src/core/tensor/sampleMoments.js';
import { tensorInit, tensorInitFromMoments } from '../../src/core/tensor/tensorInit.js';
import { ValidationError } from '../../src/core/validate.js';

describe('tensor initialization on samples', () => {
  it('at N = 2e4 (d = 10, K = 5, kappa = 2) beats standard-Gaussian random init on most seeds', () => {
    // Calibration (recorded for this spec, d = 10, K = 5, kappa = 2, N = 2e4, seeds 1..64, once
    // with mathjs' eigensolver in topEigenvectors' Rayleigh-Ritz step and once with the
    // tred2 + QL one that replaced it, which differ only in eigenvector signs): tensor errors
    // have median ~0.15 and a tail, 4 of the 128 above 0.5 (0.55, 0.73, 0.76, 0.82; max 0.822),
    // none above 1; random init's smallest over the 64 seeds is 1.55 (median ~2). The earlier
    // bound 0.5 ("twice the largest of 8 seeds") sat inside that tail: a reshuffle of the Ritz
    // vectors' signs alone put seed 4 at 0.73. The bound 1.0 lies between the two
    // distributions (0 of 128 tensor runs above it, no random run below 1.55); "most" is the
    // issue's criterion.
    const rows: string[] = [];
    let wins = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 20_000, seed });
      const t = alignedError(tensorInit(inst.data, 5, { stream: createStreams(seed).stream('tensor-init') }).W, inst.Wstar).relative;
      const r = alignedError(randomInit(10, 5, createStreams(seed).stream('random-init')), inst.Wstar).relative;
      rows.push(`seed ${seed}: tensor ${t.toFixed(3)}, random ${r.toFixed(3)}`);
      if (t < r) wins++;
      expect(t, rows.join('; ') + ' (bound 1.0)').toBeLessThan(1.0);
    }
    expect(wins, rows.join('; ')).toBeGreaterThanOrEqual(4);
  });

  it('is deterministic: the same seed gives bit-identical weights, for both splits', () => {
    const inst = makeInstance({ d: 8, K: 3, kappa: 2, N: 3000, seed: 5 });
    for (const split of ['whole', 'disjoint'] as const) {
      const a = tensorInit(inst.data, 3, { stream: createStreams(9).stream('init'), split });
      const b = tensorInit(inst.data, 3, { stream: createStreams(9).stream('init'), split });
      expect(Buffer.from(a.W.data.buffer).equals(Buffer.from(b.W.data.buffer)), split).toBe(true);
      expect(Array.from(a.v)).toEqual(Array.from(b.v));
    }
    const Wstar = drawTeacher(6, 3, 2, createStreams(2).stream('weights'));
    const p = tensorInitFromMoments(populationMoments(Wstar, new Float64Array([1, -1, 1])), 3, { stream: createStreams(1).stream('i'), outputWeights: 'unknown' });
    const q = tensorInitFromMoments(populationMoments(Wstar, new Float64Array([1, -1, 1])), 3, { stream: createStreams(1).stream('i'), outputWeights: 'unknown' });
    expect(Buffer.from(p.W.data.buffer).equals(Buffer.from(q.W.data.buffer))).toBe(true);
  });

  it('never forms a d^3 array: runs at d = 1000, where one d^3 array of doubles would need 8 GB', () => {
    const d = 1000, K = 3;
    const before = process.memoryUsage().arrayBuffers;
    // Population path end to end (P2 is d x d = 8 MB, the largest array allowed).
    const Wstar = drawTeacher(d, K, 2, createStreams(3).stream('weights'));
    const r = tensorInitFromMoments(populationMoments(Wstar), K, { stream: createStreams(3).stream('init') });
    expect(alignedError(r.W, Wstar).relative).toBeLessThan(1e-8);
    // The sample R3 estimator at the same d: O(N d K) projections, O(N K^3) accumulation.
    const s = createStreams(4).stream('x');
    const N = 50;
    const X = s.fillNormal(new Float64Array(N * d));
    const y = s.fillNormal(new Float64Array(N));
    const Q = haarOrthonormal(d, K, s);
    const V = new Float64Array(K * d);
    for (let i = 0; i < d; i++) for (let k = 0; k < K; k++) V[k * d + i] = Q[i * K + k];
    const R3 = sampleMoments({ n: N, d, X, y }).r3(V, K, [V.slice(0, d)]);
    expect(R3[0].length).toBe(K * K * K);
    // Headroom: X (0.4 MB), P2 copies (8 MB each, a few alive at once). 256 MB would not hold
    // even d^3 / 30, let alone d^3.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(256e6);
  });

  it('validates its options, naming the argument, rule and value', () => {
    const inst = makeInstance({ d: 4, K: 2, kappa: 2, N: 100, seed: 1 });
    const stream = createStreams(1).stream('init');
    expect(() => tensorInit(inst.data, 5, { stream })).toThrow('invalid argument. K must be at most d (d = 4). Value: 5.');
    expect(() => tensorInit(inst.data, 2, { stream, split: 'halves' as never })).toThrow(ValidationError);
    expect(() => tensorInit(inst.data, 2, { stream, whitening: 'orthogonal' as never })).toThrow(
      'invalid argument. whitening must be \'absolute\' or \'signed\'. Value: "orthogonal".',
    );
    expect(() => tensorInit(inst.data, 2, { stream, alphas: 0 })).toThrow('invalid argument. alphas must be at least 1. Value: 0.');
    expect(() => tensorInit({ ...inst.data, n: 1, X: inst.data.X.subarray(0, 4), y: inst.data.y.subarray(0, 1) }, 2, { stream })).toThrow('N must be at least 2');
  });
});

describe('reference implementation wiring', () => {
  it("declares 'init' and returns the core's tensorInit for the request's seed", async () => {
    const { referenceImplementation } = await import('../../src/impl/reference.js');
    const { hasCapability } = await import('../../src/impl/Implementation.js');
    const impl = referenceImplementation();
    expect(hasCapability(impl, 'init')).toBe(true);
    const inst = makeInstance({ d: 6, K: 2, kappa: 2, N: 2000, seed: 3 });
    const W = await impl.tensorInit!(inst.data, { K: 2, seed: 4 });
    const direct = tensorInit(inst.data, 2, { stream: createStreams(4).stream('tensor-init') }).W;
    expect(Array.from(W.data)).toEqual(Array.from(direct.data));
  });
});
