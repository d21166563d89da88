/**
 * Fig. 2(d)'s noise series (fig2dNoise.ts): both readings of N(0, 0.1) and the noise sweep run
 * on the full tier only, and their verdicts tell an error proportional to nu from one that is
 * not (planted records: the rule is tested on what it must accept and what it must reject).
 */
import { describe, expect, it } from 'vitest';
import { noiseSummary, noiseTrials } from '../../src/audit/experiments/fig2dNoise.js';
import { fig2d } from '../../src/audit/experiments/fig2d.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';

const TRACE = 500;
/** A record whose error is `errorOf(nu, N)` times a small deterministic jitter. */
function records(errorOf: (nu: number, N: number) => number): TrialRecord[] {
  return noiseTrials('full').map((t, i) => {
    const N = t.ratio * t.d;
    const error = errorOf(t.noiseStd, N) * (1 + 0.05 * Math.sin(i));
    return {
      id: t.id,
      experiment: 'fig2d',
      params: { d: t.d, K: 5, N, ratio: t.ratio, trial: t.trial, noiseStd: t.noiseStd, series: t.series },
      masterSeed: 1,
      seed: i,
      revision: fig2d.revision,
      result: { error, relError: error / 3.5, diverged: false, initUsed: 'tensor', noiseStd: t.noiseStd, traceInverseHessian: TRACE, traceInverseHessianSquared: 2 * TRACE },
      ms: 0,
    };
  });
}
const theory = (nu: number, N: number) => nu * Math.sqrt(TRACE / N);

describe('Fig. 2(d) noise series', () => {
  it('run on the full tier only, with ids unique and apart from the main grid', () => {
    expect(noiseTrials('quick')).toEqual([]);
    const full = noiseTrials('full');
    expect(full.filter((t) => t.series === 'std').length).toBe(90);
    expect(full.filter((t) => t.series === 'sweep').length).toBe(50);
    const ids = fig2d.trials('full').map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(fig2d.trials('quick').every((t) => t.params.series === 'main')).toBe(true);
  });

  it('an error proportional to nu (the theory) is supported by both verdicts', () => {
    const s = noiseSummary(records(theory));
    expect(s.verdicts.map((v) => v.status)).toEqual(['supported', 'supported']);
    expect(s.verdicts[1].evidence).toMatch(/nu exponent = 1/);
    expect(s.tables.map((t) => t.title)).toEqual([expect.stringMatching(/both readings/), expect.stringMatching(/noise sweep/)]);
    expect(s.figures.map((f) => f.id)).toEqual(['fig2d-noise']);
  });

  it('an error that ignores nu (the theorem bound\'s (|W*|^2 + nu^2)^(1/2) shape) is not supported', () => {
    const flat = (nu: number, N: number) => 0.35 * Math.sqrt((TRACE / N) * (3.5 ** 2 + nu ** 2)) * 0.1;
    const s = noiseSummary(records(flat));
    expect(s.verdicts[1].status).toBe('not supported');
    expect(s.verdicts[0].status).toBe('not supported');
  });

  it('without the series, the verdicts say they are full-tier only', () => {
    const s = noiseSummary([]);
    expect(s.verdicts.map((v) => v.status)).toEqual(['inconclusive', 'inconclusive']);
    expect(s.verdicts[0].evidence).toMatch(/full tier only/);
  });
});
