/**
 * Zhang et al. 2019, Figure 2(a): log10 of the empirical loss against the iteration for
 * tensor and random initialization (d = 10, K = 5, N = 5000, kappa = 2, eta = 0.5,
 * noiseless). Claims: both converge linearly eventually; tensor initialization is faster early.
 *
 * @example
 * ```ts
 * fig2a.runTrial({ init: 'random', trial: 0 }, 7).log10Loss;
 * ```
 */
import { gradientDescent } from '../../core/gd.js';
import { createFastestKernel } from '../../native/fastestKernel.js';
import { makeInstance } from '../../core/instance.js';
import { createStreams } from '../../core/random.js';
import { initialize, type InitKind } from './initialize.js';
import { PAPER } from './settings.js';
import { fitLine } from '../../core/stats/fitLine.js';
import { fmt, quantile } from './stats.js';
import { str, type AuditTier, type Experiment, type Params, type Section, type TrialRecord, type TrialSpec, type Verdict } from './types.js';

const D = 10;
const K = 5;
const N = 5000;
const ITERATIONS = 1500;
/** Below this the loss is at the rounding floor of sums of ~N squares of O(1) terms. */
const FLOOR = 1e-26;
/** "Early" = steps to bring the loss from its start down to this level. */
const EARLY_LEVEL = 1e-2;
/** The linear-rate window: loss between these levels (well above the floor, past the start). */
const TAIL = [1e-20, 1e-6] as const;
const TITLE = 'Fig. 2(a): loss curves, tensor vs random initialization';
/** The tensor curve joins when tensor initialization exists (until then its verdict is pending). */
const INITS: readonly InitKind[] = ['tensor', 'random'];

function stepsTo(log10Loss: readonly number[], level: number): number {
  const i = log10Loss.findIndex((v) => v <= Math.log10(level));
  return i < 0 ? NaN : i;
}

/**
 * Steps per decade of loss in the two halves of the linear-rate window; NaN when the run
 * does not cross the window. A linear rate means the two agree; a sublinear one slows down.
 */
export function tailRates(log10Loss: readonly number[]): { first: number; second: number } {
  const a = stepsTo(log10Loss, TAIL[1]);
  const mid = stepsTo(log10Loss, Math.sqrt(TAIL[0] * TAIL[1]));
  const b = stepsTo(log10Loss, TAIL[0]);
  if ([a, mid, b].some(Number.isNaN)) return { first: NaN, second: NaN };
  const half = (Math.log10(TAIL[1]) - Math.log10(TAIL[0])) / 2;
  return { first: (mid - a) / half, second: (b - mid) / half };
}

/** The experiment. */
export const fig2a: Experiment = {
  id: 'fig2a',
  revision: 1,
  title: TITLE,
  trials(tier: AuditTier): readonly TrialSpec[] {
    const trials = tier === 'quick' ? 1 : 5;
    return INITS.flatMap((init) =>
      Array.from({ length: trials }, (_, trial) => ({
        id: `fig2a/init=${init}/trial=${trial}`,
        experiment: 'fig2a',
        params: { init, trial },
        cost: N * D * K * ITERATIONS * 1e-9,
      })),
    );
  },
  runTrial(params: Params, seed: number) {
    const init = str(params, 'init') as InitKind;
    const inst = makeInstance({ d: D, K, kappa: PAPER.kappa, N, seed });
    const start = initialize(init, inst.data, K, createStreams(seed).stream('init'));
    const run = gradientDescent({ data: inst.data, W0: start.W0, eta: PAPER.eta, iterations: ITERATIONS, lossTolerance: FLOOR, kernel: createFastestKernel().lossAndGradient });
    // 4 decimals of log10 (0.01% of the loss) is far finer than a plot shows, and keeps lines short.
    const log10Loss = Array.from(run.trajectory.loss, (v) => Math.round(Math.log10(Math.max(v, 1e-300)) * 1e4) / 1e4);
    return { log10Loss, initUsed: start.used, iterations: run.iterations };
  },
  summarize(records: readonly TrialRecord[]): Section {
    const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const values: { t: number; 'log10 loss': number; init: string; run: string }[] = [];
    const rows: (string | number)[][] = [];
    const early: Record<string, number[]> = { tensor: [], random: [] };
    let linearOk = 0;
    let linearBad = 0;
    let linearNa = 0;
    for (const r of sorted) {
      const curve = r.result.log10Loss as readonly number[];
      const init = String(r.params.init);
      const used = String(r.result.initUsed);
      // Every 5th step is plenty for a 420-pixel-wide plot.
      curve.forEach((v, t) => {
        if (t % 5 === 0 || t === curve.length - 1) values.push({ t, 'log10 loss': v, init: `${init}${used !== init ? ` (ran ${used})` : ''}`, run: r.id });
      });
      const e = stepsTo(curve, EARLY_LEVEL);
      early[init].push(e);
      const rates = tailRates(curve);
      const slope = fitLine(curve.map((_, t) => t), curve).b;
      const ratio = rates.second / rates.first;
      if (Number.isNaN(ratio)) linearNa++;
      else if (ratio <= 2 && ratio >= 0.5) linearOk++;
      else linearBad++;
      rows.push([r.id, used, fmt(curve[0]), fmt(curve[curve.length - 1]), Number.isNaN(e) ? 'not reached' : e, fmt(rates.first), fmt(rates.second), fmt(slope)]);
    }
    const vegaLite = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 420,
      height: 260,
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'iteration t' },
        y: { field: 'log10 loss', type: 'quantitative', title: 'log10 L_N(W^t)' },
        color: { field: 'init', type: 'nominal' },
        detail: { field: 'run', type: 'nominal' },
      },
    };
    const verdicts: Verdict[] = [
      {
        claim: 'both initializations reach a linear rate eventually',
        citation: 'Zhang et al. 2019, Section 6, Fig. 2(a)',
        status: linearOk + linearBad === 0 ? 'inconclusive' : linearBad === 0 ? 'supported' : 'not supported',
        evidence: `steps per decade of loss in the halves of the window [${TAIL[0]}, ${TAIL[1]}] agree within a factor 2 (constant rate; a sublinear rate slows by more) in ${linearOk} run(s), disagree in ${linearBad}, window not crossed (stuck or not converged in ${ITERATIONS} steps) in ${linearNa}.`,
      },
      earlyVerdict(early),
    ];
    return {
      id: 'fig2a',
      title: TITLE,
      notes: [
        `d = ${D}, K = ${K}, N = ${N}, kappa = 2, eta = 0.5, noiseless, up to ${ITERATIONS} steps (stop at loss ${FLOOR}, the rounding floor).`,
      ],
      figures: [{ id: 'fig2a', title: TITLE, caption: 'log10 of the empirical loss against the iteration, one line per run.', vegaLite }],
      tables: [
        {
          title: 'Fig. 2(a): runs',
          columns: ['run', 'init used', 'log10 L0', 'log10 L_T', `steps to ${EARLY_LEVEL}`, 'steps/decade (1st half)', 'steps/decade (2nd half)', 'overall slope'],
          rows,
        },
      ],
      verdicts,
    };
  },
};

function earlyVerdict(early: Record<string, number[]>): Verdict {
  const claim = `tensor initialization is faster early (fewer steps to loss ${EARLY_LEVEL})`;
  const citation = 'Zhang et al. 2019, Section 6, Fig. 2(a)';
  const med = (xs: number[]) => quantile(xs.map((x) => (Number.isNaN(x) ? Infinity : x)), 0.5);
  const t = med(early.tensor);
  const r = med(early.random);
  if (early.tensor.length === 0 || early.random.length === 0) return { claim, citation, status: 'inconclusive', evidence: 'runs of one initialization are missing.' };
  return {
    claim,
    citation,
    status: t < r ? 'supported' : 'not supported',
    evidence: `median steps to loss ${EARLY_LEVEL}: tensor ${fmt(t)}, random ${fmt(r)}.`,
  };
}
