/**
 * The paper-faithful tensor initialization (spec/controls/faithfulInit/) is a correct
 * Algorithm 1: its pieces do what the paper needs (eigenvectors by magnitude, the robust
 * tensor power method on an orthogonal tensor, the Hermite contraction's mean zero), and the
 * whole recovers W* with an error that falls as N grows. A control that were simply broken
 * would make the recalibrated tensor-init claims lax; these keep it honest.
 */
import { describe, expect, it } from 'vitest';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { tensorInitBasin, tensorInitRate } from '../../properties/tensorInit.js';
import { alignedError } from '../../src/core/alignedError.js';
import { makeInstance } from '../../src/core/instance.js';
import { FAITHFUL_FAMILY } from './faithfulInit/faithfulFamily.js';
import { robustTensorPower, seededNormal } from './faithfulInit/robustTensorPower.js';
import { solveLinear, symmetricEigen } from './faithfulInit/smallLinalg.js';

describe('faithful init pieces', () => {
  it('orders eigenpairs by magnitude and reconstructs the matrix', () => {
    const a = new Float64Array([2, 1, 0, 1, -4, 0.5, 0, 0.5, 1]);
    const { values, vectors } = symmetricEigen(a, 3);
    expect(values.map(Math.abs)).toEqual([...values.map(Math.abs)].sort((x, y) => y - x));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let e = 0; e < 3; e++) s += vectors[i * 3 + e] * values[e] * vectors[j * 3 + e];
        expect(s).toBeCloseTo(a[i * 3 + j], 12);
      }
    expect(solveLinear(new Float64Array([0, 2, 3, 1]), [4, 5], 2)).toEqual([1, 2]);
  });

  it('recovers an orthogonally decomposable tensor (weights 3 and 1)', () => {
    const K = 2;
    const u = [new Float64Array([Math.SQRT1_2, Math.SQRT1_2]), new Float64Array([Math.SQRT1_2, -Math.SQRT1_2])];
    const lambdas = [3, 1];
    const T = new Float64Array(8);
    for (let c = 0; c < K; c++) for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) for (let k = 0; k < K; k++) T[(i * K + j) * K + k] += lambdas[c] * u[c][i] * u[c][j] * u[c][k];
    const pairs = robustTensorPower(T, K, { restarts: 5, iterations: 30 }, seededNormal(4));
    expect(pairs.map((p) => p.lambda)).toEqual([expect.closeTo(3, 10), expect.closeTo(1, 10)]);
    pairs.forEach((p, c) => expect(Math.abs(p.theta[0] * u[c][0] + p.theta[1] * u[c][1])).toBeCloseTo(1, 10));
  });
});

describe('faithful init as a whole', () => {
  it('has eight members with distinct choices', () => {
    expect(FAITHFUL_FAMILY).toHaveLength(8);
    expect(new Set(FAITHFUL_FAMILY.map((m) => JSON.stringify(m.choices))).size).toBe(8);
  });

  it('recovers W* (aligned, orientation included) and does better with 50x the data', async () => {
    // Medians over 8 request seeds, not means over 4: single runs have a heavy tail at both
    // sizes (relative errors up to 2.0 at N = 4000 and 0.95 at N = 2e5 over seeds 1..12),
    // and which seed lands in it is chaotic: perturbing W* by 5e-16 (the Householder QR that
    // replaced mathjs' in makeInstance) moved seed 3 at N = 4000 from 2.005 to 0.969, which
    // alone turned the 4-seed mean from passing (0.40 < 0.97 / 2) to failing (0.41 > 0.71 / 2).
    // Medians over seeds 1..8 with the current instances: 0.63 at N = 4000, 0.17 at N = 2e5.
    const impl = FAITHFUL_FAMILY[0].make();
    const median = async (N: number): Promise<number> => {
      const errors: number[] = [];
      for (let s = 1; s <= 8; s++) {
        const inst = makeInstance({ d: 3, K: 2, kappa: 1.1, N, noiseStd: 0, seed: 100 + s });
        const W = await impl.tensorInit!(inst.data, { K: 2, seed: s });
        errors.push(alignedError(W, inst.Wstar).error / Math.hypot(...inst.Wstar.data));
      }
      errors.sort((a, b) => a - b);
      return (errors[3] + errors[4]) / 2;
    };
    const small = await median(4000);
    const large = await median(200000);
    expect(large).toBeLessThan(0.5);
    expect(large).toBeLessThan(small / 2);
  });
});

const options = claimOptionsFromEnv(process.env);

describe('the tensor-init claims hold the faithful family to the paper', () => {
  // One basin case in npm test (a 5e5-sample data set, a few seconds): the canonical member
  // passes, and the comparison with relucheck's reference is information in the verdict.
  it('the canonical member passes tensor-init-basin, with the comparison as information', async () => {
    const r = await tensorInitBasin.run(FAITHFUL_FAMILY[0].make(), { ...options, tier: 'quick', numRuns: 1 });
    expect(r.status, JSON.stringify(r)).toBe('passed');
    expect(r.status === 'passed' && r.detail).toMatch(/^init error \d+\.\dx the reference's at N = 5e\+5 \(\d+\.\d\d of the ball radius, c = 0\.5\)$/);
  }, 60_000);

  // Every member on both claims: about a minute, so only in the thorough tier (the flake check
  // runs the canonical member with RELUCHECK_CONTROLS=all over many seeds).
  it.runIf(options.tier === 'thorough')('every member passes tensor-init-basin and tensor-init-rate (default tier)', async () => {
    for (const member of FAITHFUL_FAMILY) {
      for (const claim of [tensorInitBasin, tensorInitRate]) {
        const r = await claim.run(member.make(), { ...options, tier: 'default' });
        expect(r.status, `${member.id} ${claim.id}: ${r.status === 'failed' ? r.message : ''}`).toBe('passed');
      }
    }
  }, 600_000);
});
