/**
 * The Fig. 2(d) plot: mean aligned error against N/d per d with a 90% bootstrap interval
 * over the cell's trials, the first-order theory of the same teachers dashed, and a dotted
 * reference slope -1/2 (the paper's (d/N)^(1/2)); the curves are dodged sideways a little,
 * since d = 25 and d = 50 lie on top of each other.
 *
 * @example
 * ```ts
 * const spec = fig2dFigure(cells, theory.cells, [10, 25, 50]);
 * ```
 */
import { mean } from '../../core/stats/mean.js';
import { cellInterval, dodge, errorBarLayer, PLOT_LEVEL, referenceSlopeLayer } from './plotBands.js';
import type { FigureSpec } from './types.js';
import { paperValue } from '../report/paperValues.js';

/** One (d, N/d) cell's errors. */
export interface ErrorCell {
  readonly d: number;
  readonly ratio: number;
  readonly errors: readonly number[];
}

/** The figure (id fig2d). Cells whose mean is not finite (a diverged run) are left off the log plot. */
export function fig2dFigure(cells: readonly ErrorCell[], theory: readonly { d: number; ratio: number; predicted: number }[], ds: readonly number[], title: string): FigureSpec {
  const color = { field: 'd', type: 'nominal', sort: ds.map(String) };
  const x = { field: 'x', type: 'quantitative', scale: { type: 'log' }, title: 'N/d' };
  const y = { field: 'mean error', type: 'quantitative', scale: { type: 'log' }, title: `mean |W^T - W* M_pi|_F (${PLOT_LEVEL * 100}% interval)` };
  const shown = cells.filter((c) => Number.isFinite(mean(c.errors)));
  const values = shown.map((c) => {
    const ci = cellInterval(c.errors, mean, `fig2d-plot/d=${c.d}/ratio=${c.ratio}`);
    return { d: String(c.d), 'N/d': c.ratio, x: dodge(c.ratio, ds.indexOf(c.d), ds.length), 'mean error': ci.estimate, lo: ci.lo, hi: ci.hi, trials: c.errors.length };
  });
  const ratios = [...new Set(shown.map((c) => c.ratio))].sort((a, b) => a - b);
  const end = shown.filter((c) => c.ratio === ratios[ratios.length - 1]).map((c) => mean(c.errors));
  const layers: Record<string, unknown>[] = [
    // Shape per d too: where d = 25 and d = 50 coincide the dodge alone leaves them hard to tell apart.
    { data: { values }, mark: { type: 'line', point: { filled: true, size: 45 }, opacity: 0.85 }, encoding: { x, y, color, shape: { field: 'd', type: 'nominal', sort: ds.map(String) } } },
    {
      // The theory of each d: the RMS over the cell's teachers of nu sqrt(tr H*^-1 / N), dashed.
      data: { values: theory.map((c) => ({ d: String(c.d), x: c.ratio, 'theory error': c.predicted })) },
      mark: { type: 'line', strokeDash: [4, 3], strokeWidth: 1 },
      encoding: { x, y: { ...y, field: 'theory error' }, color },
    },
    errorBarLayer(values, { x, y, lo: 'lo', hi: 'hi', color }),
  ];
  if (ratios.length >= 2 && end.length > 0) {
    // Through the geometric mean of the largest N/d's means: the slope the paper states.
    const y0 = Math.exp(end.reduce((a, e) => a + Math.log(e), 0) / end.length);
    // Labelled with the paper's own words from the paper-values table: O~(d/N) for the squared
    // error is slope -1/2 for the error plotted here.
    layers.push(referenceSlopeLayer({ slope: -0.5, x0: ratios[ratios.length - 1], y0, xMin: ratios[0], xMax: ratios[ratios.length - 1], x: 'x', y: 'mean error', label: `paper: ${paperValue('zhang.fig2d.rate').value} (slope -1/2)` }));
  }
  return {
    id: 'fig2d',
    title,
    caption: `Mean aligned error against N/d (log-log), one curve per d, with ${PLOT_LEVEL * 100}% percentile-bootstrap intervals over the cell's trials (with 2 trials an interval spans at most their range); dashed: the first-order RMS error nu sqrt(tr H*^-1 / N) of the same teachers (the mean of |e| sits a little below its RMS); dotted, labelled 'paper': slope -1/2, the paper's statistical rate O~(d/N) (${paperValue('zhang.fig2d.rate').where}) read as the squared error, so (d/N)^(1/2) for the error, through the largest N/d. Curves are dodged sideways by a few percent of N/d so that coinciding ones stay visible.`,
    vegaLite: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 420, height: 260, layer: layers },
  };
}
