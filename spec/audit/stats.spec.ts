import { describe, expect, it } from 'vitest';
import { bootstrap, crossing, fitLinear, intervalsOverlap, quantile } from '../../src/audit/experiments/stats.js';

describe('audit statistics', () => {
  it('quantile interpolates between order statistics', () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('crossing interpolates where the rate first reaches 1/2, NaN when it never does', () => {
    expect(crossing([4, 8, 16], [0, 0.25, 0.75])).toBe(12);
    expect(crossing([4, 8], [0.6, 1])).toBe(4);
    expect(crossing([4, 8], [0, 0.4])).toBeNaN();
  });

  // The one-regressor line (fitLine) is src/core/stats, checked in spec/core/stats.spec.ts.
  it('least squares recover exact planes', () => {
    const xs = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 3]];
    const b = fitLinear(xs, xs.map(([u, v]) => 1 - 2 * u + 0.5 * v));
    [1, -2, 0.5].forEach((e, i) => expect(b[i]).toBeCloseTo(e, 12));
    expect(fitLinear([[1], [1]], [1, 2]).every(Number.isNaN)).toBe(true);
  });

  it('bootstrap is deterministic and brackets its estimate', () => {
    const groups = [[1, 2, 3, 4, 5, 6, 7, 8]];
    const stat = (gs: readonly (readonly number[])[]) => gs[0].reduce((a, b) => a + b, 0) / gs[0].length;
    const a = bootstrap(groups, stat, 'spec');
    expect(bootstrap(groups, stat, 'spec')).toEqual(a);
    expect(a.lo).toBeLessThanOrEqual(a.estimate);
    expect(a.hi).toBeGreaterThanOrEqual(a.estimate);
    expect(intervalsOverlap([a, { estimate: 9, lo: 8.5, hi: 10 }])).toBe(false);
    expect(intervalsOverlap([a, { estimate: 4, lo: a.hi - 0.1, hi: 10 }])).toBe(true);
  });
});
