import { describe, expect, it } from 'vitest';
import { runFig1abTrial, runFig1cTrial, squaredReluTensorInit } from '../../src/audit/experiments/zhongFig1Trials.js';
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
