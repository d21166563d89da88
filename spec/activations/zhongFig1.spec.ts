import { describe, expect, it } from 'vitest';
import { zhongFig1 } from '../../src/audit/experiments/zhongFig1.js';
import { runFig1abTrial, runFig1cTrial, squaredReluTensorInit } from '../../src/audit/experiments/zhongFig1Trials.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { zhongError } from '../../src/core/outputModel/zhongError.js';
import type { Weights } from '../../src/core/layout.js';

describe('Zhong Fig. 1 trial functions', () => {
  it("zhongError: permutation-invariant, max over units, signs must match under the best permutation", () => {
    const Ws: Weights = { d: 2, K: 3, data: new Float64Array([1, 0, 0, 2, 3, 0]) };
    const vs = new Float64Array([1, -1, 1]);
    const W: Weights = { d: 2, K: 3, data: new Float64Array([3, 0, 1.005, 0, 0, 2]) }; // units permuted, one 0.5% off
    const r = zhongError(W, new Float64Array([1, 1, -1]), Ws, vs);
    expect(r.error).toBeCloseTo(0.005, 12);
    expect(r.signsMatch).toBe(true);
    expect(zhongError(W, new Float64Array([1, -1, 1]), Ws, vs).signsMatch).toBe(false);
  });

  it('approach (III) lowers the objective; trials are deterministic; tensor-init panels report unavailable', () => {
    const a = runFig1cTrial({ approach: 'III', iterations: 60, N: 400 }, 5);
    const b = runFig1cTrial({ approach: 'III', iterations: 60, N: 400 }, 5);
    expect(a).toEqual(b);
    expect(a.log10Objective.length).toBe(7);
    expect(a.log10Objective[6]).toBeLessThan(a.log10Objective[0]);
    expect(runFig1cTrial({ approach: 'I', iterations: 10, N: 100 }, 5).initUsed).toBe('unavailable');
    expect(runFig1abTrial({ d: 10, N: 100 }, 5).initUsed).toBe('unavailable');
  });

  it('with the squared-ReLU tensor initialization, (a)/(b) trials recover W* and v* and are deterministic', () => {
    // d = 10, N = 5000: measured init error about 0.2 and success within ~400 steps on seeds 1-3
    const a = runFig1abTrial({ d: 10, N: 5000 }, 2, squaredReluTensorInit);
    expect(a).toEqual(runFig1abTrial({ d: 10, N: 5000 }, 2, squaredReluTensorInit));
    expect(a.initUsed).toBe('tensor');
    expect(a.initSignsMatch).toBe(true);
    expect(a.recovered, JSON.stringify(a)).toBe(true);
    expect(a.finalError).toBeLessThanOrEqual(0.01);
    // stopped at success, checked every 10 steps
    expect(a.steps % 10).toBe(0);
    expect(a.steps).toBeLessThan(1000);
  });
});

describe('Zhong Fig. 1(c) summary', () => {
  it('a diverged run (final error NaN, stored as null) shows as diverged, never as error 0, and is not a recovery', () => {
    const rec = (approach: string, trial: number, finalError: number, signsMatch: boolean): TrialRecord => ({
      id: `zhongFig1/c/approach=${approach}/trial=${trial}`, experiment: 'zhongFig1', params: { panel: 'c', approach, trial },
      masterSeed: 1, seed: trial, result: { initUsed: approach === 'I' ? 'tensor' : approach, log10Objective: [2, -7], finalError, signsMatch }, ms: 0,
    });
    // Through JSON as in results.jsonl: NaN becomes null there.
    const records = JSON.parse(JSON.stringify([rec('I', 0, NaN, true), rec('II', 0, NaN, false), rec('III', 0, 1e-4, true)])) as TrialRecord[];
    expect(records[0].result.finalError).toBeNull();
    const section = zhongFig1.summarize(records);
    const table = section.tables.find((t) => t.title === 'Zhong Fig. 1(c): runs')!;
    const col = table.columns.indexOf('final error (max_j relative)');
    expect(table.rows.map((r) => r[col])).toEqual(['diverged', 'diverged', expect.stringMatching(/^1(\.0+)?e-4$/)]);
    const v = section.verdicts.find((x) => x.claim.startsWith('from tensor initialization (I)'))!;
    expect(v.evidence).toMatch(/recovered W\* and v\* \(error <= 0\.01, signs exact\) in 0\/1 runs/);
  });
});
