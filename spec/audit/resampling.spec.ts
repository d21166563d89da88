/**
 * The resampling experiment: a trial is deterministic and pairs the two uses of one sample
 * (same start); the verdict rule on synthetic pairs (full-sample better: supported;
 * resampling better in every pair: not supported, with its test); the quick tier's 2 pairs
 * per N cannot reach a rejection, the full tier's 10 can.
 */
import { describe, expect, it } from 'vitest';
import { resampling, RESAMPLING_GRID } from '../../src/audit/experiments/resampling.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';

function synthetic(fullError: number, resamplingError: number): TrialRecord[] {
  return resampling.trials('full').map((t) => ({ id: t.id, experiment: 'resampling', params: t.params, masterSeed: 1, seed: 0, ms: 0, result: { initUsed: 'tensor', initError: 0.3, fullError, resamplingError, fullDiverged: false, resamplingDiverged: false } }));
}

describe('resampling vs full-sample GD', () => {
  it('a trial is deterministic; at the smallest N (batches of 20) resampling ends farther from W*', () => {
    const t = resampling.trials('quick')[0];
    const a = resampling.runTrial(t.params, 101);
    expect(a).toEqual(resampling.runTrial(t.params, 101));
    expect(a.initUsed).toBe('tensor');
    expect(a.fullError).toBeLessThan(a.initError as number);
    expect(a.resamplingError).toBeGreaterThan(a.fullError as number);
  });

  it('verdict: supported when full-sample GD is more accurate, not supported when resampling wins every pair', () => {
    const good = resampling.summarize(synthetic(0.01, 0.02)).verdicts[0];
    expect(good.status).toBe('supported');
    const bad = resampling.summarize(synthetic(0.02, 0.01)).verdicts[0];
    expect(bad.status).toBe('not supported');
    expect(bad.test!.pValue).toBeCloseTo(0.5 ** RESAMPLING_GRID.full.trials * RESAMPLING_GRID.full.ratios.length, 12);
  });

  it('power: the quick tier cannot reject, the full tier can', () => {
    const v = resampling.summarize([]).verdicts[0];
    expect(v.power?.quick.decides).toBe(false);
    expect(v.power?.full.decides).toBe(true);
  });
});
