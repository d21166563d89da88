/**
 * Fig. 2(b)-(c) designs that can answer: every failed run gets a reason, and the threshold
 * verdict counts a run still converging neither for nor against the claim. Real runs are
 * checked against what a longer budget does (the ground truth the detector stands in for).
 */
import { describe, expect, it } from 'vitest';
import { failureReason, PLATEAU_RATIO } from '../../src/audit/experiments/failureReason.js';
import { fig2c } from '../../src/audit/experiments/fig2c.js';
import { recoveryTrial, type RecoverySettings } from '../../src/audit/experiments/recovery.js';
import { GRADIENT_TOLERANCE, stepBudget } from '../../src/audit/experiments/successCurve.js';
import { binomialLowerTail, thresholdVerdict, type Curve } from '../../src/audit/experiments/thresholdVerdict.js';
import { trialSeed } from '../../src/audit/runner/trialSeed.js';

const base = { relError: 0.8, diverged: false, finalLoss: 0.06, gradientNorm: 0.02 };

describe('failureReason', () => {
  it('names each reason from what the run recorded at its end', () => {
    expect(failureReason({ ...base, relError: 1e-4, stoppedBy: 'loss', lossWindowRatio: 1e-9 }, 1e-3)).toBeUndefined();
    expect(failureReason({ ...base, relError: 'diverged', diverged: true, stoppedBy: 'diverged' }, 1e-3)?.reason).toBe('diverged');
    expect(failureReason({ ...base, stoppedBy: 'gradient', gradientNorm: 1e-10, lossWindowRatio: 1 }, 1e-3)?.detector).toMatch(/^stationary/);
    expect(failureReason({ ...base, stoppedBy: 'loss', finalLoss: 1e-13, lossWindowRatio: 0 }, 1e-3)?.detector).toMatch(/^zero loss away from W\*/);
    expect(failureReason({ ...base, stoppedBy: 'budget', lossWindowRatio: PLATEAU_RATIO }, 1e-3)).toMatchObject({ reason: 'spurious stationary point', detector: expect.stringMatching(/^plateau/) });
    expect(failureReason({ ...base, stoppedBy: 'budget', lossWindowRatio: 0.98 }, 1e-3)?.reason).toBe('still converging');
    expect(() => failureReason({ ...base }, 1e-3)).toThrow('record lacks stoppedBy');
  });

  it('a real plateau (Fig. 2(c), K = 10, N/K = 40) is still there after 5 times the budget', () => {
    const id = fig2c.trials('full').find((t) => t.id.endsWith('/K=10/ratio=40/trial=0'))!;
    const seed = trialSeed(1, id.id);
    const eta = 0.25;
    const s: RecoverySettings = { d: 20, K: 10, N: 400, noiseStd: 0, init: 'random', eta, iterations: stepBudget(eta), lossTolerance: 1e-12, gradientTolerance: GRADIENT_TOLERANCE };
    const first = recoveryTrial(s, seed);
    expect(failureReason(first, 1e-3)?.reason).toBe('spurious stationary point');
    const longer = recoveryTrial({ ...s, iterations: 5 * s.iterations }, seed);
    expect(Number(longer.relError)).toBeGreaterThan(0.5);
    expect(Number(longer.finalLoss)).toBeGreaterThan(0.5 * Number(first.finalLoss));
  });

  it('a run cut short on its way to W* is still converging, and does reach it', () => {
    const s: RecoverySettings = { d: 20, K: 5, N: 600, noiseStd: 0, init: 'random', eta: 0.5, iterations: 300, lossTolerance: 1e-12, gradientTolerance: GRADIENT_TOLERANCE };
    const seed = 11;
    const cut = recoveryTrial(s, seed);
    expect(failureReason(cut, 1e-3)?.reason).toBe('still converging');
    expect(failureReason(recoveryTrial({ ...s, iterations: stepBudget(0.5) }, seed), 1e-3)).toBeUndefined();
  });
});

const curve = (s: number, ratios: number[], successes: number[], n = 10): Curve => ({
  s,
  ratios,
  outcomes: successes.map((x) => Array.from({ length: n }, (_, i) => (i < x ? 1 : 0))),
});
const verdict = (pessimistic: Curve[], optimistic = pessimistic, undecided = 0) =>
  thresholdVerdict({ claim: 'linear', citation: 'spec', key: 'K', label: 'N/K', name: 'spec', pessimistic, optimistic, undecided });

describe('thresholdVerdict', () => {
  const R = [10, 20, 40, 80];
  it('binomial lower tail', () => {
    expect(binomialLowerTail(0, 10)).toBeCloseTo(1 / 1024, 15);
    expect(binomialLowerTail(5, 10)).toBeCloseTo(638 / 1024, 15);
    expect(binomialLowerTail(10, 10)).toBe(1);
  });

  it('same thresholds: supported; different: not supported', () => {
    expect(verdict([curve(5, R, [0, 3, 10, 10]), curve(10, R, [0, 4, 10, 10])]).status).toBe('supported');
    expect(verdict([curve(5, [10, 11, 12, 13], [0, 10, 10, 10]), curve(10, [10, 11, 12, 13], [0, 0, 0, 10])]).status).toBe('not supported');
  });

  it('a curve that never reaches 1/2 is beyond the grid only when its trials show it', () => {
    const beyond = verdict([curve(5, R, [0, 10, 10, 10]), curve(15, R, [0, 0, 0, 0])]);
    expect(beyond.status).toBe('not supported');
    expect(beyond.test?.pValue).toBeCloseTo(1 / 1024, 15);
    const few = verdict([curve(5, R, [3, 3, 3, 3], 3), curve(15, R, [0, 0, 0, 0], 3)]);
    expect(few.status).toBe('inconclusive');
    expect(few.evidence).toMatch(/cannot tell it from 1\/2/);
    expect(verdict([curve(5, R, [0, 0, 0, 0]), curve(15, R, [0, 0, 0, 0])]).status).toBe('inconclusive');
  });

  it('runs still converging decide nothing: inconclusive when the two brackets disagree', () => {
    const pess = [curve(5, R, [0, 10, 10, 10]), curve(15, R, [0, 0, 0, 0])];
    const opt = [curve(5, R, [0, 10, 10, 10]), curve(15, R, [0, 10, 10, 10])];
    const v = verdict(pess, opt, 30);
    expect(v.status).toBe('inconclusive');
    expect(v.evidence).toMatch(/decided by the 30 run\(s\) still converging/);
    expect(verdict(pess, pess, 1).status).toBe('not supported');
  });
});
