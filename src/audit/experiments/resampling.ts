/**
 * Resampling GD against full-sample GD at equal sample counts (Zhong et al. 2017). Their
 * Theorem 4.4 needs a fresh sample at every step (independence between steps), yet their
 * Section 7 runs GD without resampling "since the algorithm still works well without
 * resampling". This experiment tests that sentence on Zhang et al.'s ReLU model: one teacher
 * and one sample of N per trial (d = 10, K = 5, kappa = 2, noise std sqrt(0.1) as Fig. 2(d)),
 * one tensor initialization from the whole sample, then T = 100 steps of eta = 0.5 either on
 * the whole sample every step (Algorithm 1) or on the t-th of T disjoint batches of N / T
 * (src/core/gd.ts resamplingGradientDescent). Same data, same start, same steps: only the
 * use of the sample differs.
 *
 * Verdict "without resampling GD is at least as accurate": per N, a one-sided sign test of
 * "resampling gives the smaller final error in more than half the trials" (paired by
 * trial); its smallest p times the number of N (Bonferroni over the grid) joins the report's
 * Holm family. Supported when the median full-sample error is at most the resampling one at
 * every N; not supported when the test rejects; inconclusive otherwise.
 *
 * @example
 * ```ts
 * resampling.trials('quick').length; // 3 N x 2 trials
 * ```
 */
import { alignedError } from '../../core/alignedError.js';
import { gradientDescent, resamplingGradientDescent } from '../../core/gd.js';
import { makeInstance } from '../../core/instance.js';
import { createStreams } from '../../core/random.js';
import { createFastestKernel } from '../../native/fastestKernel.js';
import { initialize } from './initialize.js';
import { cellInterval, dodge, errorBarLayer, PLOT_LEVEL, referenceSlopeLayer } from './plotBands.js';
import { PAPER } from './settings.js';
import { fmt, quantile } from './stats.js';
import { BEYOND_GRID_LEVEL } from './thresholdVerdict.js';
import { num, type AuditTier, type Experiment, type Params, type Section, type TierPower, type TrialRecord, type TrialSpec, type Verdict } from './types.js';
import { COST_SCALE } from './costCalibration.js';

/** The settings: Fig. 2(d)'s model at d = 10; T steps, so a batch is N / T samples. */
export const RESAMPLING = { d: 10, K: 5, steps: 100, noiseStd: PAPER.noiseStd } as const;

/** N/d per tier (batches of N/T = 20, 80, 320 samples, i.e. 0.4, 1.6, 6.4 dK) and trials. */
export const RESAMPLING_GRID: Readonly<Record<AuditTier, { readonly ratios: readonly number[]; readonly trials: number }>> = {
  quick: { ratios: [200, 800, 3200], trials: 2 },
  full: { ratios: [200, 800, 3200], trials: 10 },
};

const TITLE = 'Zhong et al.: resampling GD vs full-sample GD at equal sample counts';
const CLAIM = 'without resampling (one sample for every step, as Zhong et al. ran Fig. 1) GD is at least as accurate as resampling GD at the same sample count and steps';
const CITATION = 'Zhong et al. 2017, Theorem 4.4 (resampling) and Section 7 ("works well without resampling")';

/** P(Bin(n, 1/2) >= x). */
function upperTail(x: number, n: number): number {
  let p = 0;
  let term = 0.5 ** n;
  for (let i = 0; i <= n; i++) {
    if (i >= x) p += term;
    term = (term * (n - i)) / (i + 1);
  }
  return Math.min(1, p);
}

function power(tier: AuditTier): TierPower {
  const g = RESAMPLING_GRID[tier];
  const smallest = Math.min(1, upperTail(g.trials, g.trials) * g.ratios.length);
  const design = `N/d = ${g.ratios.join(', ')}, ${g.trials} paired trials each`;
  return smallest < BEYOND_GRID_LEVEL
    ? { design, decides: true, why: `a sign test over ${g.trials} pairs reaches p = ${fmt(smallest)} (all pairs, Bonferroni over ${g.ratios.length} N) < ${BEYOND_GRID_LEVEL}` }
    : { design, decides: false, why: `with ${g.trials} pairs the smallest sign-test p is ${fmt(smallest)} (Bonferroni over ${g.ratios.length} N) >= ${BEYOND_GRID_LEVEL}, so "not supported" is out of reach` };
}

/** The experiment. */
export const resampling: Experiment = {
  id: 'resampling',
  revision: 1,
  title: TITLE,
  trials(tier: AuditTier): readonly TrialSpec[] {
    const g = RESAMPLING_GRID[tier];
    const { d, K, steps } = RESAMPLING;
    return g.ratios.flatMap((ratio) =>
      Array.from({ length: g.trials }, (_, trial) => ({
        id: `resampling/init=tensor/d=${d}/ratio=${ratio}/trial=${trial}`,
        experiment: 'resampling',
        params: { d, K, N: ratio * d, ratio, trial },
        // Full-sample steps dominate (N d K each); the tensor init and the batches add about as much again.
        cost: 2 * ratio * d * d * K * steps * 1e-9 * COST_SCALE.resampling,
      })),
    );
  },
  runTrial(params: Params, seed: number) {
    const d = num(params, 'd');
    const K = num(params, 'K');
    const N = num(params, 'N');
    const inst = makeInstance({ d, K, kappa: PAPER.kappa, N, noiseStd: RESAMPLING.noiseStd, seed });
    const start = initialize('tensor', inst.data, K, createStreams(seed).stream('init'));
    const kernel = createFastestKernel().lossAndGradient;
    const common = { W0: start.W0, eta: PAPER.eta, iterations: RESAMPLING.steps, kernel };
    const full = gradientDescent({ ...common, data: inst.data });
    const batched = resamplingGradientDescent({ ...common, data: inst.data, batchSize: N / RESAMPLING.steps });
    // An overflowed run is recorded as error 1e300 (JSON has no Infinity) and flagged.
    const errorOf = (W: typeof full.W) => (W.data.every(Number.isFinite) ? alignedError(W, inst.Wstar).relative : 1e300);
    const fullError = errorOf(full.W);
    const resamplingError = errorOf(batched.W);
    return {
      initUsed: start.used,
      initError: alignedError(start.W0, inst.Wstar).relative,
      fullError,
      resamplingError,
      fullDiverged: fullError === 1e300,
      resamplingDiverged: resamplingError === 1e300,
    };
  },
  summarize(records: readonly TrialRecord[]): Section {
    const ratios = [...new Set(records.map((r) => num(r.params, 'ratio')))].sort((a, b) => a - b);
    const cells = ratios.map((ratio) => {
      const rs = records.filter((r) => num(r.params, 'ratio') === ratio);
      const full = rs.map((r) => Number(r.result.fullError));
      const res = rs.map((r) => Number(r.result.resamplingError));
      const wins = rs.filter((r) => Number(r.result.resamplingError) < Number(r.result.fullError)).length;
      return { ratio, n: rs.length, full: quantile(full, 0.5), res: quantile(res, 0.5), fullErrors: full, resErrors: res, wins, p: upperTail(wins, rs.length), init: quantile(rs.map((r) => Number(r.result.initError)), 0.5) };
    });
    const table = {
      title: 'Resampling vs full-sample GD: median aligned relative error after the same steps',
      columns: ['N/d', 'N', `batch N/${RESAMPLING.steps}`, 'trials', 'median init error', 'full sample', 'resampling', 'resampling / full', 'pairs where resampling is better', 'sign-test p'],
      rows: cells.map((c) => [c.ratio, c.ratio * RESAMPLING.d, (c.ratio * RESAMPLING.d) / RESAMPLING.steps, c.n, fmt(c.init), fmt(c.full), fmt(c.res), fmt(c.res / c.full), `${c.wins}/${c.n}`, fmt(c.p)]),
    };
    let verdict: Verdict;
    if (cells.length === 0) verdict = { claim: CLAIM, citation: CITATION, status: 'inconclusive', evidence: 'no trials in the results.' };
    else {
      const pValue = Math.min(1, Math.min(...cells.map((c) => c.p)) * cells.length);
      const atLeast = cells.every((c) => c.full <= c.res);
      const status: Verdict['status'] = pValue < BEYOND_GRID_LEVEL ? 'not supported' : atLeast ? 'supported' : 'inconclusive';
      verdict = {
        claim: CLAIM,
        citation: CITATION,
        status,
        tolerance: `median full-sample error <= median resampling error at every N; "not supported" when a sign test says resampling is better (p < ${BEYOND_GRID_LEVEL}, Bonferroni over ${cells.length} N)`,
        evidence: `median final error full / resampling: ${cells.map((c) => `N/d = ${c.ratio}: ${fmt(c.full)} / ${fmt(c.res)} (resampling better in ${c.wins}/${c.n})`).join('; ')}; smallest sign-test p x ${cells.length} = ${fmt(pValue)}.`,
        test: { pValue },
      };
    }
    // Median with its 90% bootstrap interval per N, the two uses of the sample dodged apart.
    const medianOf = (v: readonly number[]) => quantile(v, 0.5);
    const gds = ['full sample', `resampling (batches of N/${RESAMPLING.steps})`];
    const values = cells.flatMap((c) =>
      [c.fullErrors, c.resErrors].map((errors, i) => {
        const ci = cellInterval(errors, medianOf, `resampling-plot/${i}/ratio=${c.ratio}`);
        const N = c.ratio * RESAMPLING.d;
        // An overflowed run (error 1e300) would stretch the axis over 300 decades: no bar then.
        return { N, x: dodge(N, i, 2), 'median error': ci.estimate, gd: gds[i], ...(ci.hi < 1e299 ? { lo: ci.lo, hi: ci.hi } : {}) };
      }),
    );
    const x = { field: 'x', type: 'quantitative', scale: { type: 'log' }, title: 'N' };
    const y = { field: 'median error', type: 'quantitative', scale: { type: 'log' }, title: `median aligned relative error (${PLOT_LEVEL * 100}% interval)` };
    const color = { field: 'gd', type: 'nominal', sort: gds, legend: { labelLimit: 0 } };
    const layers: Record<string, unknown>[] = [
      { data: { values }, mark: { type: 'line', point: true }, encoding: { x, y, color } },
      errorBarLayer(values.filter((v) => 'lo' in v && Number(v.lo) > 0), { x, y, lo: 'lo', hi: 'hi', color }),
    ];
    const last = cells[cells.length - 1];
    if (cells.length >= 2 && last.full > 0 && last.full < 1e299) {
      const Ns = cells.map((c) => c.ratio * RESAMPLING.d);
      layers.push(referenceSlopeLayer({ slope: -0.5, x0: Ns[Ns.length - 1], y0: last.full, xMin: Ns[0], xMax: Ns[Ns.length - 1], x: 'x', y: 'median error', label: 'slope -1/2' }));
    }
    return {
      id: 'resampling',
      title: TITLE,
      notes: [
        `d = ${RESAMPLING.d}, K = ${RESAMPLING.K}, kappa = ${PAPER.kappa}, noise std ${fmt(RESAMPLING.noiseStd)}; one tensor initialization from the whole sample, then ${RESAMPLING.steps} steps of eta = ${PAPER.eta}: full-sample GD (Zhang et al. Algorithm 1), or resampling GD on the t-th of ${RESAMPLING.steps} disjoint batches of N/${RESAMPLING.steps} (Zhong et al.'s variant). Same teacher, sample and start in each pair.`,
      ],
      figures: [
        {
          id: 'resampling',
          title: 'Resampling vs full-sample GD',
          caption: `Median aligned relative error after ${RESAMPLING.steps} steps against the sample count N (log-log), one line per use of the sample, with ${PLOT_LEVEL * 100}% percentile-bootstrap intervals of the median over the trials (the lines dodged apart by a few percent of N); dotted: slope -1/2 (Zhong et al.'s sqrt(d/N) rate) through full-sample GD's largest N.`,
          vegaLite: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 360, height: 240, layer: layers },
        },
      ],
      tables: [table],
      verdicts: [{ ...verdict, power: { quick: power('quick'), full: power('full') } }],
      // Zhong et al. ran Fig. 1 without resampling because GD "still works well" without it: ours, measured.
      paperComparison: { 'zhong.resampling': cells.length ? `median error resampling / full sample: ${cells.map((c) => `N/d = ${c.ratio}: ${fmt(c.res / c.full)}`).join(', ')}` : 'no records' },
    };
  },
};
