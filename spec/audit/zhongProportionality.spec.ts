/**
 * Zhong Fig. 1 proportionality verdicts on synthetic records with a known law (thresholds
 * linear or quadratic in d, init error c sqrt(d / N) or c d / sqrt(N)), and approach (II)'s
 * stable step: finite where the paper's 0.02 is past the stability limit.
 */
import { describe, expect, it } from 'vitest';
import { PROPORTIONALITY_CLAIMS, proportionality } from '../../src/audit/experiments/zhongProportionality.js';
import { FIG1_GRID, zhongFig1 } from '../../src/audit/experiments/zhongFig1.js';
import { runFig1cTrial } from '../../src/audit/experiments/zhongFig1Trials.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { createStream } from '../../src/core/random.js';

function records(threshold: (d: number) => number, initError: (d: number, N: number) => number, name: string): TrialRecord[] {
  const s = createStream(3, name);
  const out: TrialRecord[] = [];
  for (const d of FIG1_GRID.full.d) {
    for (const N of FIG1_GRID.full.N) {
      for (let trial = 0; trial < FIG1_GRID.full.trials; trial++) {
        const recovered = N >= threshold(d) * (0.8 + 0.4 * s.uniform());
        out.push({ id: `zhongFig1/ab/init=tensor/d=${d}/N=${N}/trial=${trial}`, experiment: 'zhongFig1', params: { panel: 'ab', d, N, trial }, masterSeed: 1, seed: 0, ms: 0, result: { recovered, initError: initError(d, N) * Math.exp(0.1 * s.normal()) } });
      }
    }
  }
  return out;
}

const status = (rs: TrialRecord[], claim: string) => proportionality(rs).verdicts.find((v) => v.claim === claim)!.status;

describe('Zhong Fig. 1 proportionality', () => {
  it('thresholds linear in d and error sqrt(d / N): all three supported', () => {
    const rs = records((d) => 60 * d, (d, N) => 3 * Math.sqrt(d / N), 'linear');
    expect(status(rs, PROPORTIONALITY_CLAIMS.threshold)).toBe('supported');
    expect(status(rs, PROPORTIONALITY_CLAIMS.errorN)).toBe('supported');
    expect(status(rs, PROPORTIONALITY_CLAIMS.errorRatio)).toBe('supported');
  });

  it('thresholds like d^0.2: not supported; quadratic: never supported (its thresholds span 100x, the N grid 10x, so only 4 d resolve and the windows disagree)', () => {
    expect(status(records((d) => 1500 * d ** 0.2, (d, N) => 3 * Math.sqrt(d / N), 'flat'), PROPORTIONALITY_CLAIMS.threshold)).toBe('not supported');
    expect(status(records((d) => d * d, (d, N) => 3 * Math.sqrt(d / N), 'quadratic'), PROPORTIONALITY_CLAIMS.threshold)).not.toBe('supported');
  });

  it('error d / sqrt(N) (d exponent 1): the N/d claim not supported, the N exponent still supported', () => {
    const rs = records((d) => 60 * d, (d, N) => d / Math.sqrt(N) / 3, 'quadratic');
    expect(status(rs, PROPORTIONALITY_CLAIMS.errorN)).toBe('supported');
    expect(status(rs, PROPORTIONALITY_CLAIMS.errorRatio)).toBe('not supported');
  });

  it('the quick grid (two d) cannot decide the threshold exponent nor the error fits; the full grid can', () => {
    const v = zhongFig1.summarize([]).verdicts.find((x) => x.claim === PROPORTIONALITY_CLAIMS.threshold)!;
    expect(v.power?.quick.decides).toBe(false);
    expect(v.power?.full.decides).toBe(true);
    // The init-error fits: 2 d x 3 N leave too few degrees of freedom on the quick tier.
    for (const claim of [PROPORTIONALITY_CLAIMS.errorN, PROPORTIONALITY_CLAIMS.errorRatio]) {
      const e = zhongFig1.summarize([]).verdicts.find((x) => x.claim === claim)!;
      expect(e.power?.quick.decides, claim).toBe(false);
      expect(e.power?.full.decides, claim).toBe(true);
    }
  });

  it("approach (II) runs at min(0.02, 1 / lambda_max) of the joint Hessian at its start, and stays finite", () => {
    const r = runFig1cTrial({ approach: 'II', iterations: 100, N: 2000 }, 1003);
    expect(r.startCurvature).toBeGreaterThan(2 / 0.02); // the paper's step is past the stability limit here
    expect(r.eta).toBeCloseTo(1 / r.startCurvature, 15);
    expect(r.log10Objective.every(Number.isFinite)).toBe(true);
    expect(r.log10Objective[r.log10Objective.length - 1]).toBeLessThan(r.log10Objective[0]);
    const iii = runFig1cTrial({ approach: 'III', iterations: 10, N: 500 }, 1003);
    expect(iii.eta).toBe(0.02);
    expect(iii.startCurvature).toBeNaN();
  });
});
