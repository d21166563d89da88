/**
 * The Zhong Fig. 1(a) threshold plot: per d, our recovery threshold N* (rate 1/2) with its 90%
 * bootstrap interval and the paper's own reading (the smallest N from which every trial
 * recovers), on log-log axes with the paper's statement drawn as a reference line of slope 1
 * ("about proportional to the dimension", quoted from report/paperValues.ts), so the reader
 * sees our fitted exponent against the paper's. The heatmap alone cannot show a slope.
 *
 * @example
 * ```ts
 * const fig = zhongThresholdFigure(proportionality(abRecords).thresholds);
 * ```
 */
import { paperValue } from '../report/paperValues.js';
import { errorBarLayer, PLOT_LEVEL, referenceSlopeLayer } from './plotBands.js';
import type { DThreshold } from './zhongProportionality.js';
import type { FigureSpec } from './types.js';

/** The figure (id zhongFig1aThreshold); thresholds not resolved on the grid are drawn as bounds. @example zhongThresholdFigure(prop.thresholds).id // 'zhongFig1aThreshold' */
export function zhongThresholdFigure(thresholds: readonly DThreshold[]): FigureSpec {
  const resolved = thresholds.filter((t) => t.resolved && t.interval.estimate > 0);
  // Open-ended intervals (not reached in some resamples) are drawn to the estimate, not to infinity.
  const ours = resolved.map((t) => ({ d: t.d, N: t.interval.estimate, lo: Number.isFinite(t.interval.lo) ? t.interval.lo : t.interval.estimate, hi: Number.isFinite(t.interval.hi) ? t.interval.hi : t.interval.estimate, series: 'N* at rate 1/2' }));
  const full = thresholds.filter((t) => Number.isFinite(t.full)).map((t) => ({ d: t.d, N: t.full, series: '100% recovery N (paper\'s test)' }));
  // A threshold the grid does not resolve is drawn at the grid's end as a bound (hollow).
  const bounds = thresholds.filter((t) => t.bound).map((t) => ({ d: t.d, N: t.bound!.N, series: t.bound!.side === 'beyond' ? 'N* beyond grid end' : 'N* <= grid start' }));
  const x = { field: 'd', type: 'quantitative', scale: { type: 'log' }, title: 'd' };
  const y = { field: 'N', type: 'quantitative', scale: { type: 'log' }, title: `N (${PLOT_LEVEL * 100}% interval)` };
  const color = { field: 'series', type: 'nominal', title: 'ours', legend: { labelLimit: 320 } };
  const layers: Record<string, unknown>[] = [
    { data: { values: [...ours, ...full] }, mark: { type: 'point', filled: true, size: 55 }, encoding: { x, y, color, shape: color } },
    errorBarLayer(ours, { x, y, lo: 'lo', hi: 'hi', color }),
    ...(bounds.length ? [{ data: { values: bounds }, mark: { type: 'point', filled: false, size: 70, strokeWidth: 1.5 }, encoding: { x, y, color, shape: color } }] : []),
  ];
  const ds = [...new Set([...ours, ...full].map((p) => p.d))].sort((a, b) => a - b);
  const anchor = ours.length ? ours : full;
  if (ds.length >= 2 && anchor.length > 0) {
    // Through the geometric mean of the points: only the slope is the paper's.
    const gx = Math.exp(anchor.reduce((a, p) => a + Math.log(p.d), 0) / anchor.length);
    const gy = Math.exp(anchor.reduce((a, p) => a + Math.log(p.N), 0) / anchor.length);
    const label = `paper: slope ${paperValue('zhong.fig1a.threshold').value.split(' ')[0]} (proportional to d)`;
    layers.push(referenceSlopeLayer({ slope: 1, x0: gx, y0: gy, xMin: ds[0], xMax: ds[ds.length - 1], x: 'd', y: 'N', label }));
  }
  const where = paperValue('zhong.fig1a.threshold').where;
  return {
    id: 'zhongFig1aThreshold',
    title: 'Zhong Fig. 1(a): recovery threshold against d',
    caption: `Our recovery threshold N* per d (rate 1/2, ${PLOT_LEVEL * 100}% bootstrap interval over trials; hollow: a d whose threshold the grid does not resolve, at the grid's end it lies beyond or below) and the paper's reading, the smallest N from which every trial recovers; dotted, labelled 'paper': slope 1, the paper's "about proportional to the dimension" (${where}), through the geometric mean of our thresholds. The paper gives no threshold value, only the proportionality.`,
    vegaLite: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 420, height: 260, layer: layers },
  };
}
