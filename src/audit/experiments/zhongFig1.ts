/**
 * Zhong et al. 2017, Figure 1 (squared ReLU, kappa = 2, K = 5, step 0.02), wrapping the pure
 * trial functions of ./zhongFig1Trials.ts with the squared-ReLU tensor
 * initialization (M3 path, v unknown; src/core/tensor):
 *
 * - (a) recovery rate over a (d, N) grid: tensor init, then GD on W (v from the init), success
 *   = some permutation with max_j |w*_j - w_pi(j)| / |w*_j| <= 0.01 and the signs of v exact,
 *   within 1000 steps;
 * - (b) the tensor initialization's error on the same grid (same trials);
 * - (c) log10 objective against iterations at d = 10, N = 10000 for three starts: (I) tensor
 *   initialization of v and W, (II) random v and W (GD on both), (III) v = v*, random W.
 *
 * Grids: the paper's is d = 10..100 by 10, N = 1000..10000 by 1000, 10 trials. Quick
 * d = {10, 20} x N = {1000, 4000, 10000}, 2 trials; full (revision 3) the paper's N grid and
 * trial count at d = {10, 20, 40, 60, 80, 100} (600 trials; the earlier full grid's
 * N = 1000, 2000, 4000, 6000, 8000, 10000 with 5 trials could not resolve the thresholds of
 * d >= 40). Measured per trial before (branch sqrelu, GD stops at success): 0.3 s at d = 10,
 * 1.6 s at d = 50 N = 1e4, 4.6 s at d = 100 N = 1e4, 2 s at d = 100 N = 2000 (runs that fail
 * take all 1000 steps); the earlier 195-trial full run took 2 min 37 s on 2 workers. The
 * proportionality verdicts (threshold N* ~ d up to logs, init error ~ sqrt(d / N)) are in
 * zhongProportionality.ts; approach (II)'s stable step in zhongStableStep.ts.
 *
 * @example
 * ```ts
 * zhongFig1.trials('quick').map((t) => t.id);
 * ```
 */
import { runFig1abTrial, runFig1cTrial, squaredReluTensorInit, ZHONG_FIG1 } from './zhongFig1Trials.js';
import { fitLine } from '../../core/stats/fitLine.js';
import { errorFitPower, proportionality, PROPORTIONALITY_CLAIMS, thresholdPower } from './zhongProportionality.js';
import { fmt, quantile } from './stats.js';
import { num, str, type AuditTier, type Experiment, type Params, type Section, type TrialRecord, type TrialSpec, type Verdict } from './types.js';
import { COST_SCALE } from './costCalibration.js';
import { zhongThresholdFigure } from './zhongThresholdFigure.js';
import type { Proportionality } from './zhongProportionality.js';

const TITLE = 'Zhong et al. Fig. 1: recovery rate, initialization error, objective vs iterations (squared ReLU)';
const APPROACHES = ['I', 'II', 'III'] as const;
const LABEL: Record<string, string> = { I: 'I: tensor init', II: 'II: random v, W', III: 'III: v = v*, random W' };

/** The (d, N) grids and trial counts per tier (see the module comment). */
export const FIG1_GRID = {
  quick: { d: [10, 20], N: [1000, 4000, 10000], trials: 2, fig1cTrials: 1 },
  // The paper's N grid and trial count (revision 3): with N = 1000, 2000, 4000, ... the
  // thresholds of d >= 40 fell between grid points too far apart to resolve.
  full: { d: [10, 20, 40, 60, 80, 100], N: [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000], trials: 10, fig1cTrials: 5 },
} as const;

/**
 * Verdict criteria (stated, not tuned):
 * - (a) supported when the pooled recovery rate at the grid's largest N is >= 0.8 and, at
 *   every d, the rate at the largest N is at least the rate at the smallest N; not supported
 *   when that pooled rate is below 0.5; inconclusive in between.
 * - (b) supported when at every d the median initialization error at the largest N is below
 *   the median at the smallest N (Lemma 4.5: the error falls like sqrt(d / N)); the fitted
 *   slope of log median error against log(N / d) is reported next to the theory's -1/2.
 * - (c) "I reaches the optimum linearly and faster": supported when every (I) run recovers
 *   W* (Zhong's criterion) and reaches objective <= 1e-6 in fewer steps (median) than both
 *   (II) and (III) (runs that never reach it count as beyond the last step); not supported
 *   when some (I) run does not recover W*; inconclusive otherwise.
 */
export const FIG1_CRITERIA = { rateHigh: 0.8, rateLow: 0.5, objectiveTarget: 1e-6 } as const;

/** The experiment. */
export const zhongFig1: Experiment = {
  id: 'zhongFig1',
  // 2: unknown-v tensor initialization by sign-tracked whitening (was Jennrich, unstable on samples).
  // 3: (II) at a stable step (zhongStableStep.ts; records eta and startCurvature); the
  // paper's N grid with 10 trials on the full tier; proportionality verdicts (zhongProportionality.ts).
  revision: 3,
  title: TITLE,
  trials(tier: AuditTier): readonly TrialSpec[] {
    const g = FIG1_GRID[tier];
    const { d: d1c, N: n1c, iterations } = ZHONG_FIG1.fig1c;
    const ab = g.d.flatMap((d) =>
      g.N.flatMap((N) =>
        Array.from({ length: g.trials }, (_, trial) => ({
          id: `zhongFig1/ab/init=tensor/d=${d}/N=${N}/trial=${trial}`,
          experiment: 'zhongFig1',
          params: { panel: 'ab', d, N, trial },
          cost: (N * d * d + N * d * ZHONG_FIG1.K * 400) * 1e-9 * COST_SCALE.zhongFig1ab,
        })),
      ),
    );
    const c = APPROACHES.flatMap((approach) =>
      Array.from({ length: g.fig1cTrials }, (_, trial) => ({
        id: approach === 'I' ? `zhongFig1/c/approach=I/init=tensor/trial=${trial}` : `zhongFig1/c/approach=${approach}/trial=${trial}`,
        experiment: 'zhongFig1',
        params: { panel: 'c', approach, trial },
        cost: n1c * d1c * ZHONG_FIG1.K * iterations * 1e-9 * COST_SCALE.zhongFig1c,
      })),
    );
    return [...ab, ...c];
  },
  runTrial(params: Params, seed: number) {
    if (params.panel === 'ab') return runFig1abTrial({ d: num(params, 'd'), N: num(params, 'N') }, seed, squaredReluTensorInit);
    const approach = str(params, 'approach') as 'I' | 'II' | 'III';
    return runFig1cTrial({ approach }, seed, squaredReluTensorInit);
  },
  summarize(records: readonly TrialRecord[]): Section {
    const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const abRecs = sorted.filter((r) => r.params.panel === 'ab');
    const cRecs = sorted.filter((r) => r.params.panel !== 'ab');
    const prop = proportionality(abRecs);
    const power = (tier: AuditTier) => thresholdPower(FIG1_GRID[tier].d, FIG1_GRID[tier].N, FIG1_GRID[tier].trials);
    const fitPower = (tier: AuditTier) => errorFitPower(FIG1_GRID[tier].d, FIG1_GRID[tier].N, FIG1_GRID[tier].trials);
    const propVerdicts = prop.verdicts.map((v) =>
      v.claim === PROPORTIONALITY_CLAIMS.threshold ? { ...v, power: { quick: power('quick'), full: power('full') } } : { ...v, power: { quick: fitPower('quick'), full: fitPower('full') } },
    );
    const etaII = cRecs.filter((r) => r.params.approach === 'II' && typeof r.result.eta === 'number').map((r) => Number(r.result.eta));
    return {
      id: 'zhongFig1',
      title: TITLE,
      notes: [
        `squared ReLU, K = ${ZHONG_FIG1.K}, kappa = ${ZHONG_FIG1.kappa}, step ${ZHONG_FIG1.eta}, noiseless, v* uniform in {-1, +1}; tensor initialization = Zhong et al. Algorithm 1 with P2 = M2, P3 = M3 (m3 = 2 s^2/sqrt(2 pi) != 0), decomposition by whitening with the indefinite M2 and its sign pattern tracked (J-orthogonal power method), RecMagSign reading v from sign(v m2).`,
        `(a)/(b): grid quick d = ${FIG1_GRID.quick.d.join(', ')} x N = ${FIG1_GRID.quick.N.join(', ')} (${FIG1_GRID.quick.trials} trials), full d = ${FIG1_GRID.full.d.join(', ')} x N = ${FIG1_GRID.full.N.join(', ')} (${FIG1_GRID.full.trials} trials); the paper's 10 x 10 grid with 10 trials would take about an hour on 2 cores. GD on W for up to ${ZHONG_FIG1.fig1c.iterations} steps, stopped at success (checked every 10 steps).`,
        `(c): d = ${ZHONG_FIG1.fig1c.d}, N = ${ZHONG_FIG1.fig1c.N}, ${ZHONG_FIG1.fig1c.iterations} steps; objective recorded every 10 steps. (II) trains v as well from a random start, where the paper's step ${ZHONG_FIG1.eta} is past the stability limit (eta lambda_max(H) = 2.3-4.3 for the W block alone at a standard Gaussian W0, whose norm is about twice |W*|_F; the objective is quartic in W) and overflowed within a few steps; its step is min(${ZHONG_FIG1.eta}, 1 / lambda_max) of the joint (W, v) Hessian at the start${etaII.length ? ` (here ${fmt(Math.min(...etaII))} to ${fmt(Math.max(...etaII))})` : ''}. (I) and (III) use ${ZHONG_FIG1.eta}.`,
      ],
      figures: [...abFigures(abRecs), zhongThresholdFigure(prop.thresholds), fig1cFigure(cRecs)],
      tables: [abTable(abRecs), ...prop.tables, fig1cTable(cRecs)],
      verdicts: [...abVerdicts(abRecs), ...propVerdicts, fig1cVerdict(cRecs)],
      paperComparison: paperComparison(abRecs, cRecs, prop, etaII),
    };
  },
};

/** Ours beside the paper's statements about Fig. 1 (report/paperValues.ts), by entry id. */
function paperComparison(ab: readonly TrialRecord[], c: readonly TrialRecord[], prop: Proportionality, etaII: readonly number[]): Record<string, string> {
  const ds = [...new Set(ab.map((r) => Number(r.params.d)))].sort((a, b) => a - b);
  const Ns = [...new Set(ab.map((r) => Number(r.params.N)))].sort((a, b) => a - b);
  const per = [...new Set(cells(ab).map((x) => x.trials))].join(' or ');
  const fit = (w: Proportionality['fits']['threshold']) => (w ? `${fmt(w.estimate)} [${fmt(w.lo)}, ${fmt(w.hi)}] (90%)` : 'too few cells to fit');
  const full = prop.thresholds.filter((t) => Number.isFinite(t.full)).map((t) => `d = ${t.d}: ${t.full}`);
  const steps = (a: string) => {
    const s = c.filter((r) => r.params.approach === a).map((r) => stepsTo(r.result.log10Objective as readonly number[], FIG1_CRITERIA.objectiveTarget));
    return s.length ? fmt(quantile(s, 0.5)) : '-';
  };
  return {
    'zhong.setup': `kappa = ${ZHONG_FIG1.kappa}, k = ${ZHONG_FIG1.K}`,
    'zhong.v': 'uniform in {-1, +1}',
    'zhong.activation': 'squared ReLU',
    'zhong.projections': 'not used: whitening by M2 and a sign-tracked power method (see the notes)',
    'zhong.eta': `${ZHONG_FIG1.eta} (approach II: ${etaII.length ? `${fmt(Math.min(...etaII))} to ${fmt(Math.max(...etaII))}, a stable step` : '-'})`,
    'zhong.resampling': 'none here; resampling GD compared in its own section',
    'zhong.fig1a.grid': `d = ${ds.join(', ')}; N = ${Ns.join(', ')}`,
    'zhong.fig1a.trials': per,
    'zhong.fig1a.success': `${ZHONG_FIG1.successTolerance}, signs exact`,
    'zhong.fig1a.threshold': `d exponent of N* ${fit(prop.fits.threshold)}; the paper's 100%-recovery N ${full.length ? full.join(', ') : 'reached at no d'}`,
    'zhong.fig1b.statistic': 'median over trials (a failed start would dominate a mean)',
    'zhong.fig1b.ratio': `b + c ${fit(prop.fits.errorRatio)}`,
    'zhong.fig1c.setup': `d = ${ZHONG_FIG1.fig1c.d}, k = ${ZHONG_FIG1.K}, N = ${ZHONG_FIG1.fig1c.N}`,
    'zhong.fig1c.rates': `median steps to objective ${FIG1_CRITERIA.objectiveTarget}: I ${steps('I')}, II ${steps('II')}, III ${steps('III')}`,
  };
}

interface Cell { d: number; N: number; rate: number; medianInitError: number; trials: number; signRate: number }

function cells(records: readonly TrialRecord[]): Cell[] {
  const by = new Map<string, TrialRecord[]>();
  for (const r of records) {
    const k = `${r.params.d}/${r.params.N}`;
    by.set(k, [...(by.get(k) ?? []), r]);
  }
  return [...by.values()]
    .map((rs) => ({
      d: Number(rs[0].params.d),
      N: Number(rs[0].params.N),
      trials: rs.length,
      rate: rs.filter((r) => r.result.recovered === true).length / rs.length,
      signRate: rs.filter((r) => r.result.initSignsMatch === true).length / rs.length,
      medianInitError: quantile(rs.map((r) => Number(r.result.initError)), 0.5),
    }))
    .sort((a, b) => a.d - b.d || a.N - b.N);
}

/**
 * Colour bins of the heatmaps, as named ranges ("0.5-0.7") on a nominal scale with every bin in
 * its domain, so the symbol legend lists each range once whatever the data: a continuous
 * scale's symbol legend showed one swatch per sampled value (a single "1.000000" when every
 * cell was 1), a threshold scale's legend dropped labels that overlapped, and a gradient
 * legend's SVG ids come from a per-process counter (two renders of the same records would
 * differ). Every cell also prints its value (successes/trials for the rate), so the colour is
 * only a guide.
 */
const RATE_BINS = [0.1, 0.3, 0.5, 0.7, 0.9];
const RATE_COLOURS = ['#f7fbff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const ERROR_BINS = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2];
const ERROR_COLOURS = ['#ffffcc', '#d9f0a3', '#addd8e', '#78c679', '#41ab5d', '#238443', '#006837', '#004529'];

/** The names of the ranges cut by `bins` ("< 0.1", "0.1-0.3", ..., ">= 0.9"). */
function binNames(bins: readonly number[]): string[] {
  return [`< ${bins[0]}`, ...bins.slice(1).map((b, i) => `${bins[i]}-${b}`), `>= ${bins[bins.length - 1]}`];
}

/** The range of `bins` that holds v (the last for v >= its last edge). */
function binOf(bins: readonly number[], v: number): number {
  const i = bins.findIndex((b) => v < b);
  return i < 0 ? bins.length : i;
}

function abFigures(records: readonly TrialRecord[]) {
  const cs = cells(records);
  const heat = (field: 'rate' | 'medianInitError', title: string, id: string, caption: string) => {
    const bins = field === 'rate' ? RATE_BINS : ERROR_BINS;
    const colours = field === 'rate' ? RATE_COLOURS : ERROR_COLOURS;
    const names = binNames(bins);
    const values = cs.map((c) => {
      const bin = binOf(bins, c[field]);
      return { d: c.d, N: c.N, [field]: c[field], range: names[bin], dark: bin >= colours.length / 2, label: field === 'rate' ? `${Math.round(c.rate * c.trials)}/${c.trials}` : fmt(c.medianInitError) };
    });
    const x = { field: 'N', type: 'ordinal', title: 'N' };
    const y = { field: 'd', type: 'ordinal', title: 'd', sort: 'descending' };
    return {
      id,
      title,
      caption,
      vegaLite: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 480,
        height: 300,
        data: { values },
        layer: [
          {
            mark: 'rect',
            encoding: {
              x,
              y,
              color: { field: 'range', type: 'nominal', title: field === 'rate' ? 'recovery rate' : 'median init error', scale: { domain: names, range: colours }, legend: { symbolType: 'square', symbolStrokeColor: '#999', symbolStrokeWidth: 0.5 } },
              tooltip: [{ field: 'd' }, { field: 'N' }, { field }],
            },
          },
          {
            mark: { type: 'text', fontSize: 9 },
            encoding: { x, y, text: { field: 'label' }, color: { condition: { test: 'datum.dark', value: 'white' }, value: 'black' } },
          },
        ],
      },
    };
  };
  return [
    heat('rate', 'Zhong Fig. 1(a): recovery rate (tensor init + GD)', 'zhongFig1a', 'Fraction of trials with max_j |w*_j - w_pi(j)| / |w*_j| <= 0.01 and exact signs of v, per (d, N); each cell prints successes/trials (its exact binomial interval follows from those), the colour bins are the legend\'s ranges.'),
    heat('medianInitError', 'Zhong Fig. 1(b): tensor initialization error', 'zhongFig1b', 'Median over trials of min_pi max_j |w*_j - w0_pi(j)| / |w*_j| right after tensor initialization, printed in each cell; the colour bins are the legend\'s ranges.'),
  ];
}

function abTable(records: readonly TrialRecord[]) {
  return {
    title: 'Zhong Fig. 1(a)-(b): per (d, N) cell',
    columns: ['d', 'N', 'trials', 'recovery rate', 'init signs exact', 'median init error'],
    rows: cells(records).map((c) => [c.d, c.N, c.trials, fmt(c.rate), fmt(c.signRate), fmt(c.medianInitError)]),
  };
}

function abVerdicts(records: readonly TrialRecord[]): Verdict[] {
  const cs = cells(records);
  const citation = 'Zhong et al. 2017, Theorem 4.6 / Lemma 4.5 and Fig. 1(a)-(b)';
  if (cs.length === 0) {
    const pending = { citation, status: 'pending' as const, evidence: 'no (a)/(b) trials in the results.' };
    return [
      { claim: 'tensor initialization followed by GD recovers W* and the signs of v* once N is large enough (Fig. 1(a))', ...pending },
      { claim: 'the tensor initialization error falls as N grows (Fig. 1(b); Lemma 4.5: like sqrt(d / N))', ...pending },
    ];
  }
  const ds = [...new Set(cs.map((c) => c.d))];
  const Ns = [...new Set(cs.map((c) => c.N))].sort((a, b) => a - b);
  const nMax = Ns[Ns.length - 1];
  const nMin = Ns[0];
  const at = (d: number, N: number) => cs.find((c) => c.d === d && c.N === N);
  const top = cs.filter((c) => c.N === nMax);
  const pooled = top.reduce((s, c) => s + c.rate * c.trials, 0) / top.reduce((s, c) => s + c.trials, 0);
  const monotone = ds.every((d) => (at(d, nMax)?.rate ?? 0) >= (at(d, nMin)?.rate ?? 0));
  const aStatus = pooled >= FIG1_CRITERIA.rateHigh && monotone ? 'supported' : pooled < FIG1_CRITERIA.rateLow ? 'not supported' : 'inconclusive';
  const falls = ds.every((d) => (at(d, nMax)?.medianInitError ?? Infinity) < (at(d, nMin)?.medianInitError ?? -Infinity));
  const pts = cs.filter((c) => c.medianInitError > 0 && c.medianInitError < 1e300);
  const slope = pts.length >= 2 ? fitLine(pts.map((c) => Math.log(c.N / c.d)), pts.map((c) => Math.log(c.medianInitError))).b : NaN;
  return [
    {
      claim: 'tensor initialization followed by GD recovers W* and the signs of v* once N is large enough (Fig. 1(a))',
      citation,
      status: aStatus,
      evidence:
        `pooled recovery rate at N = ${nMax}: ${fmt(pooled)} (criterion >= ${FIG1_CRITERIA.rateHigh}; < ${FIG1_CRITERIA.rateLow} is not supported); ` +
        `rate at N = ${nMax} ${monotone ? '>=' : 'NOT >='} rate at N = ${nMin} for every d. Rates at N = ${nMin}: ${ds.map((d) => `d=${d}: ${fmt(at(d, nMin)?.rate ?? NaN)}`).join(', ')}.`,
    },
    {
      claim: 'the tensor initialization error falls as N grows (Fig. 1(b); Lemma 4.5: like sqrt(d / N))',
      citation,
      status: falls ? 'supported' : 'not supported',
      evidence:
        `median init error at N = ${nMax} ${falls ? 'below' : 'NOT below'} that at N = ${nMin} for every d (${ds.map((d) => `d=${d}: ${fmt(at(d, nMin)?.medianInitError ?? NaN)} -> ${fmt(at(d, nMax)?.medianInitError ?? NaN)}`).join(', ')}); ` +
        `least-squares slope of log median error against log(N / d): ${fmt(slope)} (theory -0.5).`,
    },
  ];
}

/** First recorded step (every 10) with objective <= target, or Infinity. */
function stepsTo(curve: readonly number[], target: number): number {
  const i = curve.findIndex((v) => v <= Math.log10(target));
  return i < 0 ? Infinity : i * 10;
}

function fig1cFigure(records: readonly TrialRecord[]) {
  const values: { t: number; 'log10 objective': number; approach: string; run: string }[] = [];
  for (const r of records) {
    const curve = r.result.log10Objective as readonly number[];
    curve.forEach((v, i) => values.push({ t: i * 10, 'log10 objective': v, approach: LABEL[String(r.params.approach)], run: r.id }));
  }
  return {
    id: 'zhongFig1c',
    title: 'Zhong Fig. 1(c): objective vs iterations',
    caption: 'log10 objective against the iteration, one line per run, coloured by initialization.',
    vegaLite: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 420,
      height: 260,
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'iteration' },
        y: { field: 'log10 objective', type: 'quantitative' },
        color: { field: 'approach', type: 'nominal' },
        detail: { field: 'run', type: 'nominal' },
      },
    },
  };
}

/**
 * A run's final error; a diverged run (non-finite W: the error is NaN, stored as null in
 * results.jsonl) counts as infinitely far, never as 0 (what Number(null) would give).
 */
function finalErrorOf(r: TrialRecord): number {
  const e = r.result.finalError;
  return typeof e === 'number' && Number.isFinite(e) ? e : Infinity;
}

function fig1cTable(records: readonly TrialRecord[]) {
  const rows = records.map((r) => {
    const curve = r.result.log10Objective as readonly number[];
    const s = stepsTo(curve, FIG1_CRITERIA.objectiveTarget);
    return [r.id, String(r.result.initUsed), curve.length ? fmt(curve[0]) : '-', curve.length ? fmt(curve[curve.length - 1]) : '-', Number.isFinite(s) ? s : 'never', Number.isFinite(finalErrorOf(r)) ? fmt(finalErrorOf(r)) : 'diverged', String(r.result.signsMatch)];
  });
  return { title: 'Zhong Fig. 1(c): runs', columns: ['run', 'init used', 'log10 L0', 'log10 L_T', `steps to L <= ${FIG1_CRITERIA.objectiveTarget}`, 'final error (max_j relative)', 'signs recovered'], rows };
}

function fig1cVerdict(records: readonly TrialRecord[]): Verdict {
  const claim = 'from tensor initialization (I) GD reaches the global optimum, faster than from random starts (II, III)';
  const citation = 'Zhong et al. 2017, Theorem 4.6 and Fig. 1(c)';
  const of = (a: string) => records.filter((r) => r.params.approach === a);
  const I = of('I');
  if (I.length === 0 || I.some((r) => r.result.initUsed !== 'tensor')) {
    return { claim, citation, status: 'pending', evidence: 'no approach (I) runs with tensor initialization in the results.' };
  }
  const median = (rs: readonly TrialRecord[]) => quantile(rs.map((r) => stepsTo(r.result.log10Objective as readonly number[], FIG1_CRITERIA.objectiveTarget)), 0.5);
  const recovered = I.filter((r) => finalErrorOf(r) <= ZHONG_FIG1.successTolerance && r.result.signsMatch === true).length;
  const [mI, mII, mIII] = [median(I), median(of('II')), median(of('III'))];
  const faster = mI < mII && mI < mIII;
  const status = recovered < I.length ? 'not supported' : faster ? 'supported' : 'inconclusive';
  const show = (m: number) => (Number.isFinite(m) ? String(m) : 'never');
  return {
    claim,
    citation,
    status,
    evidence: `(I) recovered W* and v* (error <= ${ZHONG_FIG1.successTolerance}, signs exact) in ${recovered}/${I.length} runs; median steps to objective <= ${FIG1_CRITERIA.objectiveTarget}: I ${show(mI)}, II ${show(mII)}, III ${show(mIII)} (${faster ? 'I fastest' : 'I not fastest'}).`,
  };
}
