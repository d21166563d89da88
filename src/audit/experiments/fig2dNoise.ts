/**
 * Fig. 2(d)'s noise: the paper writes eps ~ N(0, 0.1), which reads as variance 0.1 (std 0.316,
 * the main grid, fig2d.ts) or as std 0.1. The full tier runs both readings and a noise sweep:
 *
 * - the std-0.1 reading at d = 10, 25, 50 and N/d = 80..320, tested against the same theory
 *   curve nu sqrt(tr H*^-1 / N) (fig2dTheory.ts), and its medians beside the main grid's (the
 *   readings differ by the factor sqrt(10) = 3.16 if the error is proportional to nu);
 * - a sweep nu = 0.01 .. 1 at d = 25, N/d = 160: the first-order theory makes the error
 *   proportional to nu (exponent 1), while Theorem 4.2's statistical term
 *   (|W*|_F^2 + nu^2)^(1/2) is nearly flat over the sweep (exponent ~0.04 with |W*|_F ~ 3.5);
 *   the exponent is fitted on log nu (orderClaim.ts, tolerance 0.1) with its window table.
 *
 * The quick tier runs neither (it stays within its 3 minutes); its verdicts say so.
 *
 * @example
 * ```ts
 * noiseTrials('full').length; // 90 + 50
 * const { verdicts, tables } = noiseSummary(records);
 * ```
 */
import { orderVerdict } from './orderClaim.js';
import { errorTheory, ERROR_THEORY } from './fig2dTheory.js';
import { cellInterval, errorBarLayer, PLOT_LEVEL, referenceSlopeLayer } from './plotBands.js';
import { PAPER } from './settings.js';
import { fmt, quantile } from './stats.js';
import { num, type AuditTier, type FigureSpec, type TableSpec, type TierPower, type TrialRecord, type Verdict } from './types.js';

/** The std-0.1 reading's grid (full tier): N/d >= 80, where the theory curve is tested. */
const STD_READING = { noiseStd: 0.1, ds: [10, 25, 50], ratios: [80, 160, 320], trials: 10 } as const;
/** The sweep (full tier): one cell well inside the regime, five noise levels over two decades. */
const SWEEP = { d: 25, ratio: 160, nus: [0.01, 0.03, 0.1, 0.3, 1], trials: 10 } as const;
const CITATION = 'Zhang et al. 2019, Fig. 2(d) (noise N(0, 0.1)) and Theorem 4.2';

/** A trial of the noise series. */
export interface NoiseTrial {
  readonly id: string;
  readonly series: 'std' | 'sweep';
  readonly d: number;
  readonly ratio: number;
  readonly trial: number;
  readonly noiseStd: number;
}

/** The noise series' trials of a tier (none on the quick tier). */
export function noiseTrials(tier: AuditTier): NoiseTrial[] {
  if (tier === 'quick') return [];
  const out: NoiseTrial[] = [];
  for (const d of STD_READING.ds) for (const ratio of STD_READING.ratios) for (let trial = 0; trial < STD_READING.trials; trial++) {
    out.push({ id: `fig2d/noise=std0.1/init=tensor/d=${d}/ratio=${ratio}/trial=${trial}`, series: 'std', d, ratio, trial, noiseStd: STD_READING.noiseStd });
  }
  for (const nu of SWEEP.nus) for (let trial = 0; trial < SWEEP.trials; trial++) {
    out.push({ id: `fig2d/sweep/nu=${nu}/init=tensor/d=${SWEEP.d}/ratio=${SWEEP.ratio}/trial=${trial}`, series: 'sweep', d: SWEEP.d, ratio: SWEEP.ratio, trial, noiseStd: nu });
  }
  return out;
}

const errorOf = (r: TrialRecord) => (r.result.diverged === true ? Infinity : Number(r.result.error));
const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** Notes, figures, tables and verdicts of the noise series, from all fig2d records. */
export function noiseSummary(all: readonly TrialRecord[]): { notes: string[]; figures: FigureSpec[]; tables: TableSpec[]; verdicts: Verdict[] } {
  const of = (series: string) => all.filter((r) => r.params.series === series);
  const std = of('std');
  const sweep = of('sweep');
  const main = all.filter((r) => (r.params.series ?? 'main') === 'main');
  const verdicts: Verdict[] = [];
  const tables: TableSpec[] = [];
  const figures: FigureSpec[] = [];
  const none = (claim: string): Verdict => ({ claim, citation: CITATION, status: 'inconclusive', evidence: 'no trials of this series: it runs on the full tier only.' });

  // Both readings: the std-0.1 runs against the theory, and their medians beside the main grid's.
  const stdClaim = `noise read as std 0.1: ${errorTheory([]).verdict.claim}`;
  if (std.length === 0) verdicts.push(none(stdClaim));
  else {
    const t = errorTheory(std, ERROR_THEORY);
    verdicts.push({ ...t.verdict, claim: stdClaim });
    const cellKey = (r: TrialRecord) => `${num(r.params, 'd')}/${num(r.params, 'ratio')}`;
    const keys = [...new Set(std.map(cellKey))].sort((a, b) => { const [da, ra] = a.split('/').map(Number); const [db, rb] = b.split('/').map(Number); return da - db || ra - rb; });
    tables.push({
      title: 'Fig. 2(d), both readings of N(0, 0.1): median aligned error',
      columns: ['d', 'N/d', `variance 0.1 (std ${fmt(PAPER.noiseStd)})`, 'std 0.1', 'ratio', `expected ratio ${fmt(PAPER.noiseStd / STD_READING.noiseStd)}`, 'std 0.1: RMS measured / theory'],
      rows: keys.map((k) => {
        const a = median(main.filter((r) => cellKey(r) === k).map(errorOf));
        const b = median(std.filter((r) => cellKey(r) === k).map(errorOf));
        const [d, ratio] = k.split('/').map(Number);
        return [d, ratio, fmt(a), fmt(b), fmt(a / b), fmt(PAPER.noiseStd / STD_READING.noiseStd), fmt(t.cells.find((c) => c.d === d && c.ratio === ratio)?.rms ?? NaN)];
      }),
    });
  }

  // The sweep: the exponent of nu, and the theory per level.
  const sweepClaim = `the error is proportional to the noise level nu (exponent 1; Theorem 4.2's (|W*|_F^2 + nu^2)^(1/2) would be nearly flat), d = ${SWEEP.d}, N/d = ${SWEEP.ratio}`;
  if (sweep.length === 0) verdicts.push(none(sweepClaim));
  else {
    const nus = [...new Set(sweep.map((r) => num(r.params, 'noiseStd')))].sort((a, b) => a - b);
    const cells = nus.map((nu) => {
      const mine = sweep.filter((r) => num(r.params, 'noiseStd') === nu);
      const predicted = Math.sqrt(mine.reduce((a, r) => a + (nu * nu * Number(r.result.traceInverseHessian)) / num(r.params, 'N'), 0) / mine.length);
      const ratios = mine.map((r) => errorOf(r) / ((nu * Math.sqrt(Number(r.result.traceInverseHessian))) / Math.sqrt(num(r.params, 'N'))));
      const ci = cellInterval(mine.map(errorOf), median, `fig2d-noise-plot/nu=${nu}`);
      return { nu, runs: mine.length, median: median(mine.map(errorOf)), lo: ci.lo, hi: ci.hi, predicted, rms: Math.sqrt(ratios.reduce((a, x) => a + x * x, 0) / ratios.length) };
    });
    const fit = orderVerdict(
      cells.filter((c) => Number.isFinite(c.median) && c.median > 0).map((c) => ({ xs: [Math.log(c.nu)], y: Math.log(c.median), n: c.nu, s: SWEEP.d })),
      { claim: sweepClaim, citation: CITATION, weights: [0, 1], claimed: 1, tolerance: 0.1, side: 'band', factors: ['log nu'], quantity: 'nu exponent' },
      'd',
      'nu',
    ).verdict;
    verdicts.push(fit);
    tables.push({
      title: `Fig. 2(d), noise sweep (d = ${SWEEP.d}, N/d = ${SWEEP.ratio}): aligned error against nu`,
      columns: ['nu', 'runs', 'median error', 'theory nu sqrt(tr H*^-1 / N) (RMS)', 'RMS measured / theory (all runs, unrecovered included)'],
      rows: cells.map((c) => [c.nu, c.runs, fmt(c.median), fmt(c.predicted), fmt(c.rms)]),
    });
    const nuAxis = { field: 'nu', type: 'quantitative', scale: { type: 'log' } };
    const errAxis = { field: 'median error', type: 'quantitative', scale: { type: 'log' }, title: `median |W^T - W* M_pi|_F (${PLOT_LEVEL * 100}% interval)` };
    figures.push({
      id: 'fig2d-noise',
      title: 'Fig. 2(d): aligned error against the noise level',
      caption: `Median aligned error against nu (log-log) at d = ${SWEEP.d}, N/d = ${SWEEP.ratio}; with ${PLOT_LEVEL * 100}% percentile-bootstrap intervals of the median over the level's trials; dashed: the first-order theory nu sqrt(tr H*^-1 / N) (RMS over the teachers); dotted: slope 1 (error proportional to nu) through the largest nu.`,
      vegaLite: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 360,
        height: 240,
        layer: [
          { data: { values: cells.map((c) => ({ nu: c.nu, 'median error': c.median })) }, mark: { type: 'line', point: true }, encoding: { x: nuAxis, y: errAxis } },
          { data: { values: cells.map((c) => ({ nu: c.nu, theory: c.predicted })) }, mark: { type: 'line', strokeDash: [4, 3], strokeWidth: 1 }, encoding: { x: nuAxis, y: { ...errAxis, field: 'theory' } } },
          errorBarLayer(cells.filter((c) => c.lo > 0).map((c) => ({ nu: c.nu, lo: c.lo, hi: c.hi })), { x: nuAxis, y: errAxis, lo: 'lo', hi: 'hi' }),
          ...(cells.length >= 2 && cells[cells.length - 1].median > 0
            ? [referenceSlopeLayer({ slope: 1, x0: cells[cells.length - 1].nu, y0: cells[cells.length - 1].median, xMin: cells[0].nu, xMax: cells[cells.length - 1].nu, x: 'nu', y: 'median error', label: 'slope 1' })]
            : []),
        ],
      },
    });
  }
  const notes = [
    `Both readings of N(0, 0.1) and a noise sweep (full tier only): std ${STD_READING.noiseStd} at d = ${STD_READING.ds.join(', ')}, N/d = ${STD_READING.ratios.join(', ')} (${STD_READING.trials} trials); nu = ${SWEEP.nus.join(', ')} at d = ${SWEEP.d}, N/d = ${SWEEP.ratio} (${SWEEP.trials} trials each).`,
  ];
  // The quick tier runs none of these series, so it cannot decide them (report/tierPower.ts).
  const full = (v: Verdict): TierPower => ({
    design: v.claim === sweepClaim ? `nu = ${SWEEP.nus.join(', ')}, ${SWEEP.trials} trials each` : `d = ${STD_READING.ds.join(', ')}, N/d = ${STD_READING.ratios.join(', ')}, ${STD_READING.trials} trials`,
    decides: true,
    why: 'decided by its stated rule; an interval too wide for the tolerance gives inconclusive',
  });
  const power = (v: Verdict) => ({ quick: { design: 'no trials of this series', decides: false, why: 'the quick tier runs no noise-series trials (it stays within its 3 minutes)' }, full: full(v) });
  return { notes, figures, tables, verdicts: verdicts.map((v) => ({ ...v, power: power(v) })) };
}
