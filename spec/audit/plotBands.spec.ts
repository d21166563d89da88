/**
 * Uncertainty on every plot: the exact binomial interval's values and coverage, the dodge that
 * keeps coinciding curves visible (Fig. 2(c)'s K = 10 under K = 15), error bars and reference
 * slopes in the figures' specs, and Zhong Fig. 1(a)'s heatmap legend naming every colour range
 * (deterministic SVG, rendered twice).
 */
import { describe, expect, it } from 'vitest';
import { fig2c } from '../../src/audit/experiments/fig2c.js';
import { fig2d } from '../../src/audit/experiments/fig2d.js';
import { fig2dFigure } from '../../src/audit/experiments/fig2dFigure.js';
import { noiseSummary, noiseTrials } from '../../src/audit/experiments/fig2dNoise.js';
import { resampling } from '../../src/audit/experiments/resampling.js';
import { clopperPearson, dodge, referenceSlopeLayer } from '../../src/audit/experiments/plotBands.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { zhongFig1 } from '../../src/audit/experiments/zhongFig1.js';
import { renderSvg } from '../../src/audit/report/renderSvg.js';

type Layer = { data?: { values: Record<string, unknown>[] }; mark?: { type: string } | string; encoding?: Record<string, unknown>; layer?: Layer[] };

/** P(Bin(n, p) = k). */
function pmf(k: number, n: number, p: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c * p ** k * (1 - p) ** (n - k);
}

describe('plot uncertainty', () => {
  it('Clopper-Pearson: textbook values, and coverage >= 90% at every p for the audit\'s trial counts', () => {
    const a = clopperPearson(3, 10);
    expect(a.lo).toBeCloseTo(0.0873, 4);
    expect(a.hi).toBeCloseTo(0.6066, 4);
    // 0 of n: the upper end solves (1 - p)^n = 0.05.
    expect(clopperPearson(0, 3)).toEqual({ lo: 0, hi: expect.closeTo(1 - 0.05 ** (1 / 3), 9) as unknown as number });
    expect(clopperPearson(3, 3).hi).toBe(1);
    for (const n of [2, 3, 10, 20]) {
      const cis = Array.from({ length: n + 1 }, (_, x) => clopperPearson(x, n));
      for (let p = 0.005; p < 1; p += 0.01) {
        const coverage = cis.reduce((acc, ci, x) => acc + (ci.lo <= p && p <= ci.hi ? pmf(x, n, p) : 0), 0);
        expect(coverage, `n = ${n}, p = ${p.toFixed(3)}`).toBeGreaterThanOrEqual(0.9 - 1e-9);
      }
    }
    expect(() => clopperPearson(4, 3)).toThrow('0 <= x <= n');
  });

  it('dodge: series side by side around x, by the same factor on either side', () => {
    const xs = [0, 1, 2].map((i) => dodge(40, i, 3));
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1]).toBe(40);
    expect(xs[2] / 40).toBeCloseTo(40 / xs[0], 12);
    expect(dodge(40, 0, 1)).toBe(40);
  });

  it('Fig. 2(c): K = 10 and K = 15 at rate 0 are drawn at different x, each with its interval, dash and shape', () => {
    const records: TrialRecord[] = fig2c.trials('quick').map((t) => {
      const success = t.params.K === 5;
      const result = { success, relError: success ? 1e-6 : 0.5, diverged: false, stoppedBy: 'budget', lossWindowRatio: 0.999, gradientNorm: 1e-3, finalLoss: 1e-2, initUsed: 'random', initError: 1, initDistance: 1, ballUnit: 1, sK: 1, iterations: 1, extensions: 0, error: 0.1 };
      return { id: t.id, experiment: 'fig2c', params: t.params, masterSeed: 1, seed: 1, result, revision: fig2c.revision, ms: 0 };
    });
    const spec = fig2c.summarize(records).figures[0].vegaLite as { layer: Layer[] };
    const line = spec.layer.find((l) => (l.mark as { type: string })?.type === 'line')!;
    const bars = spec.layer.find((l) => (l.mark as { type: string })?.type === 'rule' && l.data)!;
    const at = (K: string) => line.data!.values.filter((v) => v.K === K).map((v) => v.x as number);
    const ten = at('10');
    const fifteen = at('15');
    expect(ten.length).toBeGreaterThan(0);
    ten.forEach((x, i) => expect(x).not.toBe(fifteen[i]));
    expect(line.encoding).toHaveProperty('strokeDash');
    expect(line.encoding).toHaveProperty('shape');
    // 0 of 3 successes: the bar runs from 0 to 1 - 0.05^(1/3) = 0.63, not a point at 0.
    const zero = bars.data!.values.find((v) => v.K === '15')!;
    expect(zero.lo).toBe(0);
    expect(zero.hi as number).toBeCloseTo(1 - 0.05 ** (1 / 3), 6);
  });

  it('Fig. 2(d): error bars from a bootstrap over the cell, the theory dashed, and a reference slope of exactly -1/2', () => {
    const cells = [10, 25].flatMap((d) => [40, 160].map((ratio) => ({ d, ratio, errors: [0.9, 1, 1.1].map((e) => e / Math.sqrt(ratio)) })));
    const theory = cells.map((c) => ({ d: c.d, ratio: c.ratio, predicted: 1 / Math.sqrt(c.ratio) }));
    const layers = (fig2dFigure(cells, theory, [10, 25], 'Fig. 2(d)').vegaLite as { layer: Layer[] }).layer;
    const bars = layers[2].data!.values;
    expect(bars).toHaveLength(4);
    for (const b of bars) {
      expect(b.lo as number).toBeLessThanOrEqual(b['mean error'] as number);
      expect(b.hi as number).toBeGreaterThanOrEqual(b['mean error'] as number);
      expect((b.hi as number) - (b.lo as number)).toBeGreaterThan(0);
    }
    const ref = layers[3].data!.values;
    const slope = Math.log((ref[1]['mean error'] as number) / (ref[0]['mean error'] as number)) / Math.log((ref[1].x as number) / (ref[0].x as number));
    expect(slope).toBeCloseTo(-0.5, 12);
  });

  it('reference slope: through its anchor, over the range asked', () => {
    const l = referenceSlopeLayer({ slope: 1, x0: 1, y0: 2, xMin: 0.1, xMax: 1, x: 'nu', y: 'e', label: 'slope 1' }) as Layer;
    expect(l.data!.values).toEqual([{ nu: 0.1, e: expect.closeTo(0.2, 12), label: 'slope 1' }, { nu: 1, e: 2, label: 'slope 1' }]);
  });

  it('Zhong Fig. 1(a): every colour range in the legend, successes/trials in each cell, the same SVG twice', async () => {
    const records: TrialRecord[] = zhongFig1
      .trials('quick')
      .filter((t) => t.params.panel === 'ab')
      .map((t, i) => ({ id: t.id, experiment: 'zhongFig1', params: t.params, masterSeed: 1, seed: 1, revision: zhongFig1.revision, ms: 0, result: { initUsed: 'tensor', initError: 0.2, initSignsMatch: true, recovered: i % 2 === 0, diverged: false, finalError: 0.001, steps: 10 } }));
    const fig = zhongFig1.summarize(records).figures.find((f) => f.id === 'zhongFig1a')!;
    const svg = await renderSvg(fig.vegaLite);
    for (const range of ['&lt; 0.1', '0.1-0.3', '0.3-0.5', '0.5-0.7', '0.7-0.9', '&gt;= 0.9']) expect(svg).toContain(range);
    expect(svg).toMatch(/>[0-9]+\/[0-9]+</);
    expect(await renderSvg(fig.vegaLite)).toBe(svg);
  }, 20_000);

  it('the noise sweep and resampling plots render, with bars and their reference slopes (1 and -1/2)', async () => {
    const noisy: TrialRecord[] = noiseTrials('full').map((t, i) => {
      const N = t.ratio * t.d;
      const error = t.noiseStd * Math.sqrt(240 / N) * (1 + 0.05 * Math.sin(i));
      const result = { error, relError: error / 3.5, diverged: false, initUsed: 'tensor', noiseStd: t.noiseStd, traceInverseHessian: 240, traceInverseHessianSquared: 480 };
      return { id: t.id, experiment: 'fig2d', params: { d: t.d, K: 5, N, ratio: t.ratio, trial: t.trial, noiseStd: t.noiseStd, series: t.series }, masterSeed: 1, seed: i, revision: fig2d.revision, result, ms: 0 };
    });
    const pairs: TrialRecord[] = resampling.trials('full').map((t, i) => {
      const N = Number(t.params.ratio) * 10;
      const fullError = Math.sqrt(10 / N) * (1 + 0.1 * Math.sin(i));
      const result = { initUsed: 'tensor', initError: 0.3, fullError, resamplingError: 2 * fullError, fullDiverged: false, resamplingDiverged: false };
      return { id: t.id, experiment: 'resampling', params: t.params, masterSeed: 1, seed: i, revision: resampling.revision, result, ms: 0 };
    });
    const cases = [
      { fig: noiseSummary(noisy).figures[0], slope: 1, x: 'nu', y: 'median error' },
      { fig: resampling.summarize(pairs).figures[0], slope: -0.5, x: 'x', y: 'median error' },
    ];
    for (const c of cases) {
      const layers = (c.fig.vegaLite as { layer: Layer[] }).layer;
      const bars = layers.find((l) => (l.mark as { type: string })?.type === 'rule')!;
      expect(bars.data!.values.length, c.fig.id).toBeGreaterThan(0);
      const ref = layers.find((l) => l.layer !== undefined)!.data!.values;
      const slope = Math.log((ref[1][c.y] as number) / (ref[0][c.y] as number)) / Math.log((ref[1][c.x] as number) / (ref[0][c.x] as number));
      expect(slope, c.fig.id).toBeCloseTo(c.slope, 12);
      const svg = await renderSvg(c.fig.vegaLite);
      expect(svg, c.fig.id).toContain(`slope ${c.slope === 1 ? '1' : '-1/2'}`);
    }
  }, 30_000);
});
