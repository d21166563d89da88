/**
 * Zhang et al. 2019, Figure 2(d): mean aligned error |W^T - W* M_pi|_F against N/d with label
 * noise, d = 10, 25, 50 (K = 5, kappa = 2, tensor initialization, 10 trials per point).
 *
 * Noise: the paper's N(0, 0.1) is read as variance 0.1 (std 0.316), see PAPER.noiseStd.
 * Theorem 4.2 bounds the squared error by c4 lambda^2 kappa^4 K^5 (d log N / N)(|W*|_F^2 + nu^2),
 * so the error itself goes like (d log N / N)^(1/2); the text's "O~(d/N)" is the squared error.
 * Verdicts, fitted only over the theorem's regime (see {@link RECOVERED}) on the cells' median
 * errors, each a joint least-squares fit refitted on every fit window, with an exponent
 * tolerance of {@link EXPONENT_TOLERANCE} (orderClaim.ts); the figure plots the mean as the paper does:
 * - Theorem 4.2 is an upper bound: the error must fall at least as fast as (d log N / N)^(1/2),
 *   i.e. the slope of log(median error) against log(d log N / N) must not be below 1/2 (a
 *   steeper slope means the log factor is loose, which the bound allows);
 * - the figure's claim, error of order (d / N)^(1/2): in log e = a + b log N + c log d the N
 *   exponent b is -1/2, and it depends on N/d alone: b + c = 0;
 * - beyond the paper: the error is the first-order nu sqrt(tr H*^-1 / N) of each run's own
 *   teacher (fig2dTheory.ts), drawn dashed beside the measurements and tested to a stated tolerance.
 *
 * @example
 * ```ts
 * fig2d.trials('full').length; // 3 d x 5 ratios x 10 trials
 * ```
 */
import { populationHessian } from '../../core/population/populationHessian.js';
import { drawTeacher } from '../../core/instance.js';
import { createStreams } from '../../core/random.js';
import { inverseTraces } from '../../theory/asymptoticError.js';
import { noiseSummary, noiseTrials } from './fig2dNoise.js';
import { errorTheory } from './fig2dTheory.js';
import { fig2dFigure } from './fig2dFigure.js';
import { recoveryTrial } from './recovery.js';
import { PAPER } from './settings.js';
import { mean } from '../../core/stats/mean.js';
import { orderVerdict } from './orderClaim.js';
import { fmt, quantile } from './stats.js';
import { num, type AuditTier, type Experiment, type Params, type Section, type TrialRecord, type TrialSpec, type Verdict } from './types.js';
import { COST_SCALE } from './costCalibration.js';

const K = 5;
/**
 * Noisy GD never reaches a small loss, so it runs a fixed budget: near W* the error contracts
 * by about (1 - eta mu) per step with eta mu >= 0.5 * 0.05 (THEORY.md's d = 10 spectrum), so
 * 1000 steps shrink the optimization error by e^-25, far below the statistical error.
 */
const ITERATIONS = 1000;
/**
 * The main grid (noise read as variance 0.1). The full tier adds d = 100 and 200 (`large`), so
 * the d exponent and the collapse across d are fitted over a factor 20 in d, not 5 (the O(K/d)
 * correction of tr H*^-1 / d shrinks with d). They stop at N/d = 160: one run at d = 200,
 * N/d = 320 took 29 s (N = 64000), as long as the rest of the cell's grid.
 */
const GRID: Record<AuditTier, { ds: readonly number[]; ratios: readonly number[]; trials: number; large?: { ds: readonly number[]; ratios: readonly number[] } }> = {
  quick: { ds: [10, 25, 50], ratios: [10, 40, 160, 320], trials: 2 },
  full: { ds: [10, 25, 50], ratios: [10, 20, 40, 80, 160, 320], trials: 10, large: { ds: [100, 200], ratios: [10, 20, 40, 80, 160] } },
};
const TITLE = 'Fig. 2(d): mean aligned error vs N/d with noise';

/**
 * Theorem 4.2 speaks only for N large enough and W^0 in the basin. Below that (N/d = 10, 20
 * here) GD ends far from W* (relative error ~0.7) and a rate fitted through those cells measures
 * the recovery threshold, not the statistical error. A cell is in the regime when most of its
 * runs recovered W*: median relative aligned error <= 0.1, an order of magnitude below the
 * failed runs (>= 0.2 in every audit so far) and above the statistical floor (<= 0.05 at
 * N/d >= 80). The median, not the mean, is fitted so that the minority of runs a poor tensor
 * start left at a spurious point (an optimization failure, counted in the table) does not
 * pass for statistical error. Excluded cells are listed in the evidence.
 */
const RECOVERED = 0.1;

/** Tolerance on the exponents of the "of order" claims (see orderClaim.ts). */
export const EXPONENT_TOLERANCE = 0.1;

/** The rate of Theorem 4.2's statistical term. */
function rateOf(d: number, N: number): number {
  return (d * Math.log(N)) / N;
}

/** The experiment. */
export const fig2d: Experiment = {
  id: 'fig2d',
  // 2: records nu and tr H*^-1, tr H*^-2 of the teacher (the theory curve). The joint-fit
  // verdicts (summary only, trials unchanged) need no bump.
  // 3: the noise std is a trial parameter (both readings of N(0, 0.1), the noise sweep) and
  // the full grid reaches d = 200 (fig2dNoise.ts).
  revision: 3,
  title: TITLE,
  trials(tier: AuditTier): readonly TrialSpec[] {
    const g = GRID[tier];
    const spec = (id: string, series: string, d: number, ratio: number, trial: number, noiseStd: number): TrialSpec => ({
      id,
      experiment: 'fig2d',
      params: { d, K, N: ratio * d, ratio, trial, noiseStd, series },
      cost: ratio * d * d * K * ITERATIONS * 1e-9 * COST_SCALE.fig2d,
    });
    const blocks = [{ ds: g.ds, ratios: g.ratios }, ...(g.large ? [g.large] : [])];
    const main = blocks.flatMap((b) =>
      b.ds.flatMap((d) =>
        b.ratios.flatMap((ratio) => Array.from({ length: g.trials }, (_, trial) => spec(`fig2d/init=tensor/d=${d}/ratio=${ratio}/trial=${trial}`, 'main', d, ratio, trial, PAPER.noiseStd))),
      ),
    );
    return [...main, ...noiseTrials(tier).map((t) => spec(t.id, t.series, t.d, t.ratio, t.trial, t.noiseStd))];
  },
  runTrial(params: Params, seed: number) {
    const d = num(params, 'd');
    const noiseStd = num(params, 'noiseStd');
    // The trial's teacher: makeInstance draws W* first from the seed's own "weights" stream, so
    // drawing it again here gives the very W* the run learns (the data streams are separate).
    const Wstar = drawTeacher(d, K, PAPER.kappa, createStreams(seed).stream('weights'));
    const traces = inverseTraces(populationHessian(Wstar, Wstar), d * K);
    const run = recoveryTrial(
      {
        d,
        K,
        N: num(params, 'N'),
        noiseStd,
        init: 'tensor',
        eta: PAPER.eta,
        iterations: ITERATIONS,
        lossTolerance: 0,
      },
      seed,
    );
    return { ...run, noiseStd, traceInverseHessian: traces.trace, traceInverseHessianSquared: traces.traceSquared };
  },
  summarize(all: readonly TrialRecord[]): Section {
    const records = all.filter((r) => (r.params.series ?? 'main') === 'main');
    const noise = noiseSummary(all);
    const rows = records.map((r) => ({ d: num(r.params, 'd'), ratio: num(r.params, 'ratio'), N: num(r.params, 'N'), error: r.result.diverged === true ? Infinity : Number(r.result.error), rel: r.result.diverged === true ? Infinity : Number(r.result.relError), used: String(r.result.initUsed) }));
    const ds = [...new Set(rows.map((r) => r.d))].sort((a, b) => a - b);
    const ratios = [...new Set(rows.map((r) => r.ratio))].sort((a, b) => a - b);
    const cells = ds
      .flatMap((d) => ratios.map((ratio) => {
        const mine = rows.filter((r) => r.d === d && r.ratio === ratio);
        return { d, ratio, errors: mine.map((r) => r.error), medianRel: quantile(mine.map((r) => r.rel), 0.5) };
      }))
      .filter((c) => c.errors.length > 0);
    const regime = cells.filter((c) => c.medianRel <= RECOVERED);
    const excluded = cells.filter((c) => !(c.medianRel <= RECOVERED));
    const median = (g: readonly number[]) => quantile(g, 0.5);
    const xOf = (c: { d: number; ratio: number }) => Math.log(rateOf(c.d, c.ratio * c.d));
    // The "of order" claims are joint fits over the regime's cells, each refitted on every fit
    // window (orderClaim.ts); tolerance 0.1 on each exponent (an "of order" statement allows
    // O(K/d) and log corrections: asymptotics predict a d exponent of 0.48 here, see ISSUE 12).
    const cellsOf = (x: (c: (typeof regime)[number]) => number[]) => regime.filter((c) => Number.isFinite(median(c.errors)) && median(c.errors) > 0).map((c) => ({ xs: x(c), y: Math.log(median(c.errors)), n: c.ratio, s: c.d }));
    const citation = 'Zhang et al. 2019, Theorem 4.2 and Fig. 2(d)';
    const rateClaim = orderVerdict(
      cellsOf((c) => [xOf(c)]),
      { claim: 'statistical rate (Theorem 4.2, an upper bound): the error falls at least as fast as (d log N / N)^(1/2)', citation, weights: [0, 1], claimed: 0.5, tolerance: EXPONENT_TOLERANCE, side: 'atLeast', factors: ['log(d log N / N)'], quantity: 'slope' },
      'd',
      'N/d',
    ).verdict;
    const joint = cellsOf((c) => [Math.log(c.ratio * c.d), Math.log(c.d)]);
    const orderFit = orderVerdict(
      joint,
      { claim: 'Fig. 2(d): the error is of order (d / N)^(1/2) (squared error d / N)', citation, weights: [0, 1, 0], claimed: -0.5, tolerance: EXPONENT_TOLERANCE, side: 'band', factors: ['log N', 'log d'], quantity: 'N exponent b' },
      'd',
      'N/d',
    );
    const orderClaimVerdict = orderFit.verdict;
    const bAll = orderFit.windows.find((w) => w.window === 'all cells');
    const collapse = orderVerdict(
      joint,
      { claim: 'the error depends on N and d only through N/d (curves for different d collapse)', citation, weights: [0, 1, 1], claimed: 0, tolerance: EXPONENT_TOLERANCE, side: 'band', factors: ['log N', 'log d'], quantity: 'b + c (N and d exponents)' },
      'd',
      'N/d',
    ).verdict;
    const excludedText = excluded.length
      ? ` Outside the regime (median relative error > ${RECOVERED}), not fitted: ${excluded.map((c) => `d = ${c.d}, N/d = ${c.ratio}`).join('; ')}.`
      : '';
    const provisional = rows.some((r) => r.used !== 'tensor');
    const theory = errorTheory(records);
    const theoryOf = new Map(theory.cells.map((c) => [`${c.d}/${c.ratio}`, c]));
    const verdicts: Verdict[] = [
      { ...rateClaim, evidence: `${rateClaim.evidence}${excludedText}` },
      orderClaimVerdict,
      collapse,
      theory.verdict,
      ...noise.verdicts,
    ];
    return {
      id: 'fig2d',
      title: TITLE,
      notes: [
        `d = ${ds.join(', ')}; K = 5; kappa = 2; noise N(0, 0.1) read as variance 0.1 (std ${fmt(PAPER.noiseStd)}); tensor initialization; eta = 0.5; ${ITERATIONS} steps (the full tier adds d = 100, 200).`,
        ...noise.notes,
        ...(provisional ? ['PROVISIONAL: some records used another initialization than tensor (see results.jsonl, initUsed).'] : []),
      ],
      figures: [fig2dFigure(cells, theory.cells, ds, TITLE), ...noise.figures],
      tables: [
        {
          title: 'Fig. 2(d): aligned error |W^T - W* M_pi|_F',
          columns: ['d', 'N/d', 'N', 'trials', 'diverged', 'mean', 'median', 'max', 'median relative', 'in regime', 'median / sqrt(d log N / N)', 'theory nu sqrt(tr H*^-1 / N)', 'RMS measured / theory'],
          rows: cells.map((c) => [c.d, c.ratio, c.ratio * c.d, c.errors.length, c.errors.filter((e) => !Number.isFinite(e)).length, fmt(mean(c.errors)), fmt(median(c.errors)), fmt(Math.max(...c.errors)), fmt(c.medianRel), c.medianRel <= RECOVERED ? 'yes' : 'no', fmt(median(c.errors) / Math.sqrt(rateOf(c.d, c.ratio * c.d))), fmt(theoryOf.get(`${c.d}/${c.ratio}`)?.predicted ?? NaN), fmt(theoryOf.get(`${c.d}/${c.ratio}`)?.rms ?? NaN)]),
        },
        ...noise.tables,
      ],
      verdicts,
      paperComparison: {
        'zhang.K': String(K),
        'zhang.kappa': String(PAPER.kappa),
        'zhang.fig2d.d': `${ds.join(', ')}`,
        'zhang.fig2d.noise': `variance 0.1 (std ${fmt(PAPER.noiseStd)}); the std 0.1 reading and a noise sweep beside it`,
        'zhang.fig2d.trials': `tensor; ${[...new Set(cells.map((c) => c.errors.length))].join(' or ')}; mean plotted, median fitted`,
        // The paper's O~(d/N) is the squared error (Theorem 4.2), so the error's N exponent is -1/2.
        'zhang.fig2d.rate': bAll ? `error ~ N^b with b = ${fmt(bAll.estimate)} [${fmt(bAll.lo)}, ${fmt(bAll.hi)}] (90%); squared error N^${fmt(2 * bAll.estimate)}; the paper's O~(d/N) read as the squared error is b = -1/2` : 'too few cells in the regime to fit',
      },
    };
  },
};
